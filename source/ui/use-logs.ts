/**
 * The logs pane's controller: owns the open LogsStore (one per view, replaced when tail/since/
 * until change), the pane's view state, and the handlers of every logs command. The App routes
 * keys here through the one key table; this hook only turns commands into state changes.
 */
import {useEffect, useLayoutEffect, useMemo, useState, useSyncExternalStore} from 'react';
import {saveLogs} from '../actions/save-logs.js';
import type {EngineEvent} from '../engine/types.js';
import type {Command} from '../keymap/keymap.js';
import {defaultLogFileName, parseTimeArg} from '../present/logs.js';
import {LogBuffer} from '../store/log-buffer.js';
import type {LogsState, LogsStore, LogsStoreOptions, LogTarget} from '../store/logs.js';
import {
	bottomTop,
	findHit,
	indexOfSeq,
	logLineCount,
	initialLogsView,
	type LogsViewState,
	matchCount,
	paused,
	resumed,
	scrollLogs,
	seqAt,
	topIndex,
	viewBuffer,
	visibleLogLines,
	wrappedRows,
} from '../store/logs-view.js';

/** Makes a LogsStore for targets (built in cli.tsx, where the engine is). */
export type OpenLogs = (targets: readonly LogTarget[], options: LogsStoreOptions) => LogsStore;

/** Commands the logs pane handles. */
export type LogsCommand = Extract<Command, `logs${string}` | `prompt${string}` | `confirm${string}` | 'logs.close'>;

/** Settings a logs view is opened with. */
export interface LogsSettings {
	tail: number | 'all';
	since?: string;
	until?: string;
	/** Display forms of since/until, as the user typed them. */
	sinceText?: string;
	untilText?: string;
}

const EMPTY: LogsState = {lines: new LogBuffer(), received: 0, evicted: 0, status: []};
const noop = () => () => undefined;

/** State and handlers of the logs pane. */
export function useLogs({
	openLogs,
	subscribeEvents,
	defaults,
	height,
	width,
	onClose,
}: {
	openLogs: OpenLogs;
	subscribeEvents: (listener: (event: EngineEvent) => void) => () => void;
	defaults: LogsSettings;
	/** Rows of the pane's body. */
	height: number;
	width: number;
	onClose: () => void;
}) {
	const [open, setOpen] = useState<{store: LogsStore; targets: readonly LogTarget[]; settings: LogsSettings} | undefined>();
	const [view, setView] = useState<LogsViewState>(initialLogsView);
	const state = useSyncExternalStore(open ? open.store.subscribe : noop, open ? open.store.getSnapshot : () => EMPTY);

	useEffect(() => {
		if (!open) return;
		open.store.start();
		const unsubscribe = subscribeEvents((event) => open.store.handleEvent(event));
		return () => {
			unsubscribe();
			open.store.stop();
		};
	}, [open, subscribeEvents]);

	// The buffer changes in place (store/logs.ts): memoise on the snapshot, which is new per batch.
	// A paused view reads the buffer it had; once the store has moved on from it (evicting), new
	// batches change nothing here and need no re-filtering.
	const buffer = viewBuffer(view, state.lines);
	const version = buffer === state.lines ? state : buffer;
	// Hold the store while paused, during the commit, before its next batch can trim the buffer.
	useLayoutEffect(() => open?.store.hold(!view.follow), [open, view.follow]);
	const lines = useMemo(() => visibleLogLines(buffer, view), [version, view.search, view.filterOnly]);
	// In filter mode the list holds the matching lines (and markers): count those, not search again.
	const matches = useMemo(() => (!view.search.query ? 0 : lines !== buffer ? logLineCount(lines) : matchCount(buffer, view.search)), [version, view.search, lines]);
	const merged = (open?.targets.length ?? 0) > 1;
	const nameWidth = merged ? Math.min(24, Math.max(...open!.targets.map((t) => t.name.length))) + 3 : 0;
	const prefixWidth = 1 + (view.timestamps ? 31 : 0) + nameWidth;
	// Unwrapped, a line is one row: its text is not even read from the buffer.
	const rows = view.wrap ? (index: number) => wrappedRows(lines.text(index), prefixWidth, width) : () => 1;
	const top = topIndex(lines, view, height, rows);
	const bottom = bottomTop(lines, height, rows);

	const start = (targets: readonly LogTarget[], settings: LogsSettings) => {
		setOpen({store: openLogs(targets, {tail: settings.tail, since: settings.since, until: settings.until}), targets, settings});
		setView((previous) => ({...initialLogsView(), wrap: previous.wrap, timestamps: previous.timestamps, color: previous.color}));
	};
	const restart = (settings: LogsSettings) => {
		if (!open) return;
		start(open.targets, settings);
	};
	const scroll = (delta: number) => setView((v) => scrollLogs(v, lines, top, delta, bottom, state));
	// A search opens with the last term selected: typing replaces it, → or End keeps it to edit.
	const prompt = (kind: NonNullable<LogsViewState['prompt']>['kind'], text = '') =>
		setView((v) => ({...v, prompt: {kind, text, selected: kind === 'search' && text !== ''}, message: undefined}));
	const flash = (text: string, error = false) => setView((v) => ({...v, prompt: undefined, message: {text, error}}));
	const jumpTo = (index: number) => {
		if (index < 0) return flash('No match.', true);
		const hit = seqAt(lines, index);
		// Put the hit a third of the way down the pane, so context above it shows.
		const target = Math.max(0, Math.min(bottom, index - Math.floor(height / 3)));
		setView((v) => ({...v, ...paused(v, state), hit, anchor: seqAt(lines, target), message: undefined}));
	};
	const currentIndex = () => {
		const hit = indexOfSeq(lines, view.hit);
		return hit >= 0 ? hit : top - 1;
	};

	const save = async (path: string, overwrite: boolean) => {
		if (!open) return;
		const result = await saveLogs(path, lines, {timestamps: view.timestamps, targets: open.targets}, overwrite);
		if (result.ok) flash(`Saved ${result.lines.toLocaleString('en')} lines to ${result.path}`);
		else if (result.exists) setView((v) => ({...v, prompt: {kind: 'overwrite', text: result.path}}));
		else flash(result.error, true);
	};

	const applyPrompt = () => {
		const current = view.prompt;
		if (!current || !open) return;
		const text = current.text.trim();
		switch (current.kind) {
			case 'search':
				setView((v) => ({...v, prompt: undefined, search: {...v.search, query: current.text}, hit: undefined}));
				if (text) jumpTo(findHit(lines, {...view.search, query: current.text}, Math.max(-1, top - 1), 1));
				return;
			case 'tail': {
				if (text !== 'all' && !/^\d+$/.test(text)) return flash(`"${text}" is not a line count: use a whole number or all`, true);
				return restart({...open.settings, tail: text === 'all' ? 'all' : Number(text)});
			}
			case 'since':
			case 'until': {
				if (text === '') return restart({...open.settings, [current.kind]: undefined, [`${current.kind}Text`]: undefined});
				const parsed = parseTimeArg(text, Date.now());
				if (!parsed.ok) return flash(parsed.error, true);
				return restart({...open.settings, [current.kind]: parsed.value, [`${current.kind}Text`]: text});
			}
			case 'save':
				if (!text) return flash('No file name given: nothing saved.', true);
				setView((v) => ({...v, prompt: undefined}));
				void save(text, false);
				return;
			case 'overwrite':
				return;
		}
	};

	/** Stop the logs (their stream ends with the store) without leaving the view: for a view left another way. */
	const stop = () => {
		setOpen(undefined);
		// Let go of a paused view's buffer with the store.
		setView((v) => ({...v, ...resumed, hit: undefined}));
	};

	const handlers: Record<LogsCommand, () => void> = {
		'logs.close': () => {
			stop();
			onClose();
		},
		'logs.down': () => scroll(1),
		'logs.up': () => scroll(-1),
		'logs.pageDown': () => scroll(Math.max(1, height - 1)),
		'logs.pageUp': () => scroll(-Math.max(1, height - 1)),
		'logs.top': () => setView((v) => ({...v, ...paused(v, state), anchor: seqAt(lines, 0)})),
		'logs.bottom': () => setView((v) => ({...v, ...resumed})),
		'logs.left': () => setView((v) => ({...v, hscroll: Math.max(0, v.hscroll - 8)})),
		'logs.right': () => setView((v) => (v.wrap ? v : {...v, hscroll: v.hscroll + 8})),
		'logs.search': () => prompt('search', view.search.query),
		'logs.next': () => (view.search.query ? jumpTo(findHit(lines, view.search, currentIndex(), 1)) : prompt('search')),
		'logs.prev': () => (view.search.query ? jumpTo(findHit(lines, view.search, view.hit !== undefined ? currentIndex() : top + height, -1)) : prompt('search')),
		'logs.filter': () => (view.search.query ? setView((v) => ({...v, filterOnly: !v.filterOnly, hit: undefined})) : prompt('search')),
		'logs.regex': () => setView((v) => ({...v, search: {...v.search, regex: !v.search.regex}})),
		'logs.case': () => setView((v) => ({...v, search: {...v.search, caseSensitive: !v.search.caseSensitive}})),
		'logs.wrap': () => setView((v) => ({...v, wrap: !v.wrap, hscroll: 0})),
		'logs.timestamps': () => setView((v) => ({...v, timestamps: !v.timestamps})),
		'logs.color': () => setView((v) => ({...v, color: !v.color})),
		'logs.save': () => open && prompt('save', defaultLogFileName(open.targets.length > 1 ? 'merged' : open.targets[0]!.name, Date.now())),
		'logs.tail': () => open && prompt('tail', String(open.settings.tail)),
		'logs.since': () => open && prompt('since', open.settings.sinceText ?? ''),
		'logs.until': () => open && prompt('until', open.settings.untilText ?? ''),
		'prompt.apply': applyPrompt,
		'prompt.cancel': () => setView((v) => ({...v, prompt: undefined})),
		'prompt.keep': () => setView((v) => (v.prompt ? {...v, prompt: {...v.prompt, selected: false}} : v)),
		'prompt.regex': () => setView((v) => ({...v, search: {...v.search, regex: !v.search.regex}})),
		'prompt.case': () => setView((v) => ({...v, search: {...v.search, caseSensitive: !v.search.caseSensitive}})),
		'confirm.yes': () => {
			const path = view.prompt?.text;
			setView((v) => ({...v, prompt: undefined}));
			if (path) void save(path, true);
		},
		'confirm.no': () => flash('Not saved: the file exists.', true),
	};

	/** Text typed into the open prompt (printable characters, backspace, ctrl+u). */
	const editPrompt = (edit: (text: string) => string) =>
		setView((v) => (v.prompt && v.prompt.kind !== 'overwrite' ? {...v, prompt: {...v.prompt, text: edit(v.prompt.selected ? '' : v.prompt.text), selected: false}} : v));

	return {
		stop,
		isOpen: Boolean(open),
		targets: open?.targets ?? [],
		settings: open?.settings ?? defaults,
		state,
		view,
		lines,
		top,
		matches,
		start,
		scroll,
		handlers,
		editPrompt,
		promptKind: view.prompt?.kind,
	};
}
