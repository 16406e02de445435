/**
 * The disk usage view (`:df`): `docker system df`, measured only when asked — the daemon walks
 * every layer and volume for it, which takes minutes on a big host. Opening the view asks; `r`
 * asks again; Esc while measuring stops (the last result stays, with its age). A line's prune
 * opens the same preview as everywhere.
 */
import {useRef, useState} from 'react';
import type {HostActions} from '../actions/host-actions.js';
import type {DiskUsage} from '../engine/system-api.js';
import type {PruneKind} from '../engine/types.js';
import type {Command} from '../keymap/keymap.js';
import {type DfKind, dfRows, dfVerbose} from '../present/disk-usage.js';
import type {DocLine, DocSource} from '../present/document.js';
import {defaultLogFileName} from '../present/logs.js';
import {padEndToWidth} from '../present/text.js';

/** Commands of the disk usage view. */
export type DfCommand = Extract<Command, `df.${string}`>;

/** The prune each line of `docker system df` reclaims with. */
const PRUNE_OF: Record<DfKind, PruneKind | undefined> = {images: 'images-unused', containers: 'containers', volumes: 'volumes', 'build-cache': undefined};

/** What the view shows. */
export interface DiskUsageState {
	usage?: DiskUsage;
	/** When `usage` was measured (ms epoch). */
	measuredAt?: number;
	/** Since when it is measuring now, if it is. */
	measuringSince?: number;
	error?: string;
	/** The selected line (0–3). */
	line: number;
}

/** State and handlers of the disk usage view. */
export function useDiskUsage({host, onClose, onDocument}: {host: HostActions; onClose: () => void; onDocument: (source: DocSource) => void}) {
	const {status} = host;
	const [state, setState] = useState<DiskUsageState>({line: 0});
	const measuring = useRef<AbortController | undefined>(undefined);

	const measure = () => {
		measuring.current?.abort();
		const abort = new AbortController();
		measuring.current = abort;
		setState((previous) => ({...previous, measuringSince: Date.now(), error: undefined}));
		host
			.diskUsage(abort.signal)
			.then((usage) => {
				if (measuring.current === abort) setState((previous) => ({...previous, usage, measuredAt: Date.now(), measuringSince: undefined}));
			})
			.catch((error: unknown) => {
				if (measuring.current !== abort) return;
				const message = abort.signal.aborted ? 'Stopped measuring.' : `Could not measure: ${(error as Error).message}`;
				setState((previous) => ({...previous, measuringSince: undefined, error: message}));
			})
			.finally(() => {
				if (measuring.current === abort) measuring.current = undefined;
			});
	};

	const rows = state.usage ? dfRows(state.usage) : [];
	const handlers: Record<DfCommand, () => void> = {
		'df.close': () => {
			if (measuring.current) {
				measuring.current.abort();
				return;
			}
			onClose();
		},
		'df.measure': measure,
		'df.details': () => {
			if (!state.usage) return status.flash('Nothing measured yet: r measures.', true);
			onDocument(dfDocument(state.usage, state.measuredAt ?? Date.now()));
		},
		'df.down': () => setState((previous) => ({...previous, line: Math.min(Math.max(0, rows.length - 1), previous.line + 1)})),
		'df.up': () => setState((previous) => ({...previous, line: Math.max(0, previous.line - 1)})),
		'df.prune': () => {
			const row = rows[state.line];
			if (!row) return status.flash('Nothing measured yet: r measures.', true);
			const kind = PRUNE_OF[row.kind];
			if (!kind) return status.flash('The build cache is pruned with docker builder prune (porthole does not prune it).', true);
			void host.prune(kind).then((pruned) => {
				if (pruned) measure();
			});
		},
	};

	return {
		state,
		rows,
		handlers,
		/** Open the view: measure now unless measuring already. */
		open: () => {
			if (!measuring.current) measure();
		},
		/** The view was left: stop a measurement in progress (the last result stays). */
		stop: () => measuring.current?.abort(),
	};
}

/** `docker system df -v` as a document: one section per kind of object, columns padded. */
export function dfDocument(usage: DiskUsage, measuredAt: number): DocSource {
	return {
		title: 'Disk usage per object (docker system df -v)',
		variants: ['details'],
		hasSecrets: false,
		build: () => {
			const lines: DocLine[] = [];
			for (const section of dfVerbose(usage, {nowMs: measuredAt})) {
				lines.push({text: section.title, bold: true});
				const widths = section.columns.map((title, index) => Math.min(40, Math.max(title.length, ...section.rows.map((row) => (row.cells[index] ?? '').length))));
				lines.push({text: section.columns.map((title, index) => padEndToWidth(title, widths[index]!)).join('   '), bold: true});
				for (const row of section.rows) lines.push({text: row.cells.map((cell, index) => padEndToWidth(cell, widths[index]!)).join('   ')});
				lines.push({text: ''});
			}
			return lines;
		},
		fileName: () => defaultLogFileName('system-df', Date.now()).replace(/\.log$/, '.txt'),
	};
}
