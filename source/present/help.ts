/**
 * The help overlay's content and layout, without React: the key table grouped by where each key
 * applies (the view help was opened from first, then the keys that work everywhere), laid out in
 * as many columns as the width allows so that it fits one screen where it can (k9s's help does
 * the same), scrolled by rows where it cannot.
 */
import {type Binding, displayKey, type Scope} from '../keymap/keymap.js';

/** One line of help: a section title, or a key with what it does. */
export interface HelpLine {
	kind: 'title' | 'row';
	text: string;
	keys?: string;
	/** The key changes the daemon (shown with ✎, as in docs/keys.md). */
	dangerous?: boolean;
}

/** Section titles, by scope. */
export const SCOPE_TITLES: Record<Scope, string> = {
	containers: 'Container list',
	images: 'Images',
	volumes: 'Volumes',
	networks: 'Networks',
	list: 'Every list (containers, images, volumes, networks)',
	command: 'Command line (:)',
	df: 'Disk usage (:df)',
	events: 'Events (:events)',
	filter: 'Filter bar',
	logs: 'Logs',
	prompt: 'Logs prompts',
	confirm: 'Questions',
	dialog: 'Dialogs (confirm, signal, remove, prune)',
	doc: 'Inspect, diff, what happened',
	global: 'Everywhere',
	help: 'This help',
};

/** The order of sections after the current view's and the global one: what can come up from any list first, other views' keys last. */
const REST: readonly Scope[] = ['list', 'dialog', 'filter', 'command', 'logs', 'doc', 'prompt', 'confirm', 'containers', 'images', 'volumes', 'networks', 'df', 'events', 'help'];

/** What the help says after the current view's keys when it shows only those. */
export const OTHER_VIEWS_NOTE = 'Other views: press ? there';

/**
 * Help lines: the current view's sections (its own, then every list's and what can come up from
 * it), then "Everywhere", then — unless `only` — the others. The app shows only the current view's
 * (as k9s does): with every kind of object the whole table no longer fits a screen.
 */
export function helpLines(bindings: readonly Binding[], first: Scope | readonly Scope[], {only = false}: {only?: boolean} = {}): HelpLine[] {
	const firsts: readonly Scope[] = typeof first === 'string' ? [first] : first;
	const head: Scope[] = [firsts[0]!, ...(firsts.includes('global') ? [] : (['global'] as const)), ...firsts.slice(1)];
	const order: Scope[] = only ? [...head, 'help'] : [...head, ...REST.filter((scope) => !firsts.includes(scope))];
	const lines: HelpLine[] = [];
	for (const scope of order) {
		const inScope = bindings.filter((binding) => binding.scope === scope);
		if (inScope.length === 0) continue;
		lines.push({kind: 'title', text: SCOPE_TITLES[scope]});
		for (const binding of inScope) lines.push({kind: 'row', text: binding.title, keys: binding.keys.map(displayKey).join(' '), dangerous: binding.dangerous});
	}
	if (only) lines.push({kind: 'row', text: OTHER_VIEWS_NOTE, keys: ''});
	return lines;
}

/** Narrowest column worth having: a key and most of a title. */
const MIN_COLUMN_WIDTH = 44;
/** Blank columns between two help columns. */
const GAP = 2;

/** The help laid out in columns of `rows` lines each (column-major: read down, then across). */
export interface HelpLayout {
	columns: HelpLine[][];
	columnWidth: number;
	/** Lines in the longest column: more than the room means the help scrolls. */
	rows: number;
	/** Width of the key part of a row, per column (the column's longest keys, at most half of it). */
	keyWidths: number[];
}

/**
 * Lays `lines` out in `width` columns of text and `room` lines: as many columns as fit at
 * MIN_COLUMN_WIDTH, each as tall as the room (or taller, scrolling together, when even then they
 * do not fit). A section title is never left alone at the foot of a column.
 */
export function helpLayout(lines: readonly HelpLine[], width: number, room: number): HelpLayout {
	const count = Math.max(1, Math.floor((width + GAP) / (MIN_COLUMN_WIDTH + GAP)));
	const columnWidth = Math.floor((width - GAP * (count - 1)) / count);
	// The shortest column height that fits every line into `count` columns, at least the room.
	let rows = Math.max(1, room);
	for (;;) {
		const columns = fill(lines, rows);
		if (columns.length <= count) {
			const keyWidths = columns.map((column) => Math.min(Math.max(0, ...column.map((line) => line.keys?.length ?? 0)) + 1, Math.floor(columnWidth / 2)));
			return {columns, columnWidth, rows: Math.max(...columns.map((column) => column.length)), keyWidths};
		}
		rows++;
	}
}

/** Column-major fill, `rows` lines a column, moving a title that would end a column to the next. */
function fill(lines: readonly HelpLine[], rows: number): HelpLine[][] {
	const columns: HelpLine[][] = [[]];
	for (const [index, line] of lines.entries()) {
		let column = columns.at(-1)!;
		const orphan = line.kind === 'title' && column.length === rows - 1 && lines[index + 1]?.kind === 'row';
		if (column.length >= rows || (orphan && rows > 1)) {
			column = [];
			columns.push(column);
		}
		column.push(line);
	}
	return columns;
}
