/**
 * Steps the volumes and networks declarations share, so each kind file stays configuration: the
 * prune action with its preview, the inspect document (summary + the daemon's JSON) and the
 * `a=b c=d` input of labels and driver options. No React, no dockerode.
 */
import type {ActionContext} from '../actions/context.js';
import {pruneWithPreview} from '../actions/prune.js';
import type {PruneKind} from '../engine/types.js';
import type {DocLine, DocSource} from '../present/document.js';
import {parseLabels} from '../present/labels.js';
import {sanitizeLine} from '../present/sanitize.js';
import type {KindAction, KindCommandName} from './kind.js';

/**
 * The `P` action of a kind: the daemon's prune, after a confirmation that lists what the preview
 * (engine.prunePreview, which replays the daemon's rules) says will go and how much space it frees.
 */
export function pruneAction<Row>(command: KindCommandName, kind: Extract<PruneKind, 'volumes' | 'networks'>, title: string): KindAction<Row> {
	return {
		command,
		keys: ['P'],
		title,
		hint: 'prune',
		dangerous: true,
		target: 'none',
		run: async (context: ActionContext<Row>) => {
			await pruneWithPreview(context.engine, kind, context.dialogs, context.status);
			context.refresh();
		},
	};
}

/** A section of an inspect summary: a heading and its `key  value` rows (values already sanitised). */
export interface SummarySection {
	title: string;
	rows: ReadonlyArray<readonly [string, string]>;
}

/** The daemon's JSON as document lines, every line sanitised (names and labels are untrusted text). */
export function jsonLines(value: unknown): DocLine[] {
	return JSON.stringify(value, null, 2)
		.split('\n')
		.map((text) => ({text: sanitizeLine(text)}));
}

/** An inspect document of a kind's object: Tab switches between the summary and the daemon's JSON. */
export function inspectDocument(title: string, fileStem: string, sections: readonly SummarySection[], raw: unknown): DocSource {
	return {
		title,
		variants: ['summary', 'JSON'],
		hasSecrets: false,
		build: (variant) => {
			if (variant === 1) return jsonLines(raw);
			const lines: DocLine[] = [];
			for (const section of sections) {
				lines.push({text: section.title, bold: true});
				const width = Math.min(24, Math.max(0, ...section.rows.map(([key]) => key.length)));
				for (const [key, value] of section.rows) lines.push({text: `  ${key.padEnd(width)}  ${value}`});
				lines.push({text: ''});
			}
			return lines;
		},
		fileName: (variant) => `${fileStem.replace(/[^\w.-]+/g, '_')}-inspect.${variant === 1 ? 'json' : 'txt'}`,
	};
}

/** A label or option map as summary rows, sorted by key, sanitised. */
export function mapRows(map: Readonly<Record<string, string>>): Array<[string, string]> {
	return Object.keys(map)
		.sort()
		.map((key) => [sanitizeLine(key), sanitizeLine(map[key]!)] as [string, string]);
}

/**
 * Ask for `a=b c=d` words (labels, driver options) with parseLabels' check inline; resolves the
 * map, or undefined when cancelled.
 */
export async function askPairs(context: ActionContext<unknown>, question: {title: string; label: string; hint: string}): Promise<Record<string, string> | undefined> {
	let parsed: Record<string, string> = {};
	const text = await context.dialogs.input({
		...question,
		validate: (typed) => {
			const result = parseLabels(typed);
			if (!result.ok) return result.message;
			parsed = result.labels;
			return undefined;
		},
	});
	return text === undefined ? undefined : parsed;
}

/** A text with no control characters (a driver's name, an alias): the problem, or undefined. */
export function plainWordProblem(what: string, text: string): string | undefined {
	if (sanitizeLine(text) !== text) return `${what} cannot hold control characters`;
	if (/\s/.test(text)) return `${what} cannot hold spaces`;
	return undefined;
}
