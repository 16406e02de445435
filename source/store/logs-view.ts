/**
 * What the logs pane shows of a LogsStore's buffer: search and grep-like filter, follow/pause,
 * scroll position, wrap, timestamps, colours. Pure functions over plain state; no React.
 */
import {compileSearch, hasMatch, nextMatchIndex, type Search} from '../present/logs.js';
import {displayWidth} from '../present/text.js';
import type {LogLine} from './logs.js';

/** The pane's prompts. */
export type LogsPrompt = 'search' | 'tail' | 'since' | 'until' | 'save' | 'overwrite';

/** Logs pane state. */
export interface LogsViewState {
	search: Search;
	/** Show only matching lines (like grep). */
	filterOnly: boolean;
	wrap: boolean;
	timestamps: boolean;
	color: boolean;
	/** Columns scrolled right when not wrapping. */
	hscroll: number;
	/** Stick to the newest line. */
	follow: boolean;
	/** Top line while paused. */
	anchor?: LogLine;
	/**
	 * The buffer array the view read when following paused; the paused view keeps reading it. The
	 * store trims its buffer in place, and in a flood (10,000 lines a second into a 10,000-line
	 * buffer) the lines on screen would be gone within a second, dragging the view along. While a
	 * view is paused the store is held (LogsStore.hold): it appends to this array as before, but
	 * when it must drop lines it moves on to a new array and leaves this one alone. At most one
	 * more buffer's worth of lines is kept, until following resumes.
	 */
	frozen?: readonly LogLine[];
	/** Lines received when following paused, for "N new lines". */
	pausedAt: number;
	/** The line of the current search hit (n/N). */
	hit?: LogLine;
	prompt?: {kind: LogsPrompt; text: string};
	/** A short message: saved file, errors. */
	message?: {text: string; error?: boolean};
}

/** The initial pane state. */
export function initialLogsView(): LogsViewState {
	return {search: {query: '', regex: false, caseSensitive: false}, filterOnly: false, wrap: false, timestamps: false, color: true, hscroll: 0, follow: true, pausedAt: 0};
}

/** Lines to show: all, or only the matching ones in filter mode (markers always stay). */
export function visibleLogLines(lines: readonly LogLine[], view: Pick<LogsViewState, 'search' | 'filterOnly'>): readonly LogLine[] {
	if (!view.filterOnly) return lines;
	const compiled = compileSearch(view.search);
	if (!compiled.ok || !compiled.pattern) return lines;
	const pattern = compiled.pattern;
	return lines.filter((line) => line.stream === 'marker' || hasMatch(line.text, pattern));
}

/** Count of lines matching the search. */
export function matchCount(lines: readonly LogLine[], search: Search): number {
	const compiled = compileSearch(search);
	if (!compiled.ok || !compiled.pattern) return 0;
	const pattern = compiled.pattern;
	let count = 0;
	for (const line of lines) if (line.stream !== 'marker' && hasMatch(line.text, pattern)) count += 1;
	return count;
}

/** Rows a line takes on screen. */
export function rowsOf(line: LogLine, prefixWidth: number, width: number, wrap: boolean): number {
	if (!wrap || width <= 0) return 1;
	return Math.max(1, Math.ceil((prefixWidth + displayWidth(line.text)) / width));
}

/** The top index that puts the last line at the bottom of `height` rows. */
export function bottomTop(lines: readonly LogLine[], height: number, rows: (line: LogLine) => number): number {
	let used = 0;
	let index = lines.length;
	while (index > 0) {
		const next = used + rows(lines[index - 1]!);
		if (next > height) break;
		used = next;
		index -= 1;
	}
	return Math.min(index, Math.max(0, lines.length - 1));
}

/** Index of a line object, searching from the end (where the view usually is). */
export function indexOfLine(lines: readonly LogLine[], line: LogLine | undefined): number {
	if (!line) return -1;
	return lines.lastIndexOf(line);
}

/**
 * The top index to draw from: the bottom when following, else the anchor (or the nearest line
 * after it when it was evicted or filtered out; the top when there is none yet).
 */
export function topIndex(lines: readonly LogLine[], view: LogsViewState, height: number, rows: (line: LogLine) => number): number {
	const bottom = bottomTop(lines, height, rows);
	if (view.follow) return bottom;
	// Paused with no anchor: the user went to the top before any line was there.
	if (!view.anchor) return 0;
	let index = indexOfLine(lines, view.anchor);
	if (index < 0) index = lines.findIndex((line) => line.seq > view.anchor!.seq);
	if (index < 0) return bottom;
	return Math.min(index, bottom);
}

/** The store's side of a logs view: its buffer and how many lines it has received. */
export interface LiveLogs {
	lines: readonly LogLine[];
	received: number;
}

/** The buffer the view reads: the one it had when following paused, else the live one. */
export function viewBuffer(view: Pick<LogsViewState, 'frozen'>, live: readonly LogLine[]): readonly LogLine[] {
	return view.frozen ?? live;
}

/** Fields that pause following: lines received so far (for "N new lines") and the buffer to keep reading. */
export function paused(view: LogsViewState, live: LiveLogs): Pick<LogsViewState, 'follow' | 'pausedAt' | 'frozen'> {
	return {follow: false, pausedAt: view.follow ? live.received : view.pausedAt, frozen: view.frozen ?? live.lines};
}

/** Fields that resume following the live buffer. */
export const resumed = {follow: true, anchor: undefined, frozen: undefined} as const;

/**
 * Scroll by `delta` lines from `top`. Reaching the bottom resumes following; scrolling up
 * from the bottom pauses it and remembers how many lines had arrived.
 */
export function scrollLogs(view: LogsViewState, lines: readonly LogLine[], top: number, delta: number, bottom: number, live: LiveLogs): LogsViewState {
	const next = Math.max(0, Math.min(bottom, top + delta));
	if (next >= bottom && delta > 0) return {...view, ...resumed};
	if (next >= bottom && view.follow) return view;
	return {...view, ...paused(view, live), anchor: lines[next]};
}

/** The next (or previous) line with a match after/before the current hit or the top line. */
export function findHit(lines: readonly LogLine[], search: Search, from: number, direction: 1 | -1): number {
	const compiled = compileSearch(search);
	if (!compiled.ok || !compiled.pattern || lines.length === 0) return -1;
	const pattern = compiled.pattern;
	return nextMatchIndex(lines.length, from, direction, (index) => lines[index]!.stream !== 'marker' && hasMatch(lines[index]!.text, pattern));
}
