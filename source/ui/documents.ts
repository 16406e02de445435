/**
 * Builds the document views (inspect, diff, crash forensics) from engine data. The formatting
 * lives in present/; this only arranges it into lines for the document pane.
 */
import type {ContainerInspect, FileChange} from '../engine/types.js';
import {forensics} from '../present/forensics.js';
import {inspectSummary, maskedInspectJson} from '../present/inspect.js';
import {defaultLogFileName} from '../present/logs.js';
import {sanitizeLine} from '../present/sanitize.js';
import {theme} from './theme.js';
import type {DocLine, DocSource} from './use-document.js';

/** Inspect: Tab switches between the summary and the full JSON; secrets masked until revealed. */
export function inspectDocument(name: string, inspect: ContainerInspect, secretKeys?: string[]): DocSource {
	return {
		title: `Inspect ${name}`,
		variants: ['summary', 'JSON'],
		hasSecrets: true,
		build: (variant, reveal) => {
			if (variant === 1) return maskedInspectJson(inspect, {reveal, secretKeys}).split('\n').map((text) => ({text}));
			const lines: DocLine[] = [];
			for (const section of inspectSummary(inspect, {reveal, secretKeys})) {
				lines.push({text: section.section, bold: true, color: theme.accent});
				const width = Math.min(24, Math.max(0, ...section.rows.map(([key]) => key.length)));
				for (const [key, value] of section.rows) lines.push({text: `  ${key.padEnd(width)}  ${value}`});
				lines.push({text: ''});
			}
			return lines;
		},
		fileName: (variant) => defaultLogFileName(`${name}-inspect`, Date.now()).replace(/\.log$/, variant === 1 ? '.json' : '.txt'),
	};
}

const KIND_COLORS: Record<FileChange['kind'], string | undefined> = {A: theme.ok, C: theme.warning, D: theme.error};

/** `docker diff`: A/C/D with the path, in the daemon's order. */
export function diffDocument(name: string, changes: FileChange[]): DocSource {
	return {
		title: `Filesystem changes in ${name} (A added, C changed, D deleted)`,
		variants: ['diff'],
		hasSecrets: false,
		build: () => (changes.length === 0 ? [{text: 'No changes: the container’s filesystem is as its image left it.'}] : changes.map((change) => ({text: `${change.kind} ${sanitizeLine(change.path)}`, color: KIND_COLORS[change.kind]}))),
		fileName: () => defaultLogFileName(`${name}-diff`, Date.now()).replace(/\.log$/, '.txt'),
	};
}

/** "What happened" for an exited, dead or restarting container. */
export function forensicsDocument(name: string, inspect: ContainerInspect, lastLines: string[]): DocSource {
	return {
		title: `What happened to ${name}`,
		variants: ['forensics'],
		hasSecrets: false,
		build: () => {
			const result = forensics(inspect, lastLines);
			if (!Array.isArray(result)) return [{text: result.notApplicable}];
			const width = Math.min(24, Math.max(...result.map(([key]) => key.length)));
			return result.map(([key, value]) => (key === '' ? {text: `  ${value}`} : {text: `${key.padEnd(width)}  ${value}`, bold: key.length > 0 && value === ''}));
		},
		fileName: () => defaultLogFileName(`${name}-what-happened`, Date.now()).replace(/\.log$/, '.txt'),
	};
}
