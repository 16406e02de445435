/**
 * What the logs pane shows of a LogsStore's buffer: search and grep-like filter, follow/pause,
 * scroll position, wrap, timestamps, colours. Pure functions over plain state; no React.
 */
import {compileSearch, hasMatch, nextMatchIndex, type Search} from '../present/logs.js';
import {displayWidth} from '../present/text.js';
import {FilteredLogs, type LogBuffer, type LogList} from './log-buffer.js';

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
	/** Top line while paused (its seq: indexes shift as old lines are dropped). */
	anchor?: number;
	/**
	 * The buffer the view read when following paused; the paused view keeps reading it. The store
	 * trims its buffer in place, and in a flood (10,000 lines a second into a 10,000-line buffer)
	 * the lines on screen would be gone within a second, dragging the view along. While a view is
	 * paused the store is held (LogsStore.hold): it appends to this buffer as before, but when it
	 * must drop lines it moves on to a new buffer and leaves this one alone. At most one more
	 * buffer's worth of lines is kept, until following resumes.
	 */
	frozen?: LogBuffer;
	/** Lines received when following paused, for "N new lines". */
	pausedAt: number;
	/** The line of the current search hit (n/N), by seq. */
	hit?: number;
	/** An open prompt; `selected`: its text is a pre-fill that typing replaces (→ or End keeps it). */
	prompt?: {kind: LogsPrompt; text: string; selected?: boolean};
	/** A short message: saved file, errors. */
	message?: {text: string; error?: boolean};
}

/** The initial pane state. */
export function initialLogsView(): LogsViewState {
	return {search: {query: '', regex: false, caseSensitive: false}, filterOnly: false, wrap: false, timestamps: false, color: !process.env['NO_COLOR'], hscroll: 0, follow: true, pausedAt: 0};
}

/** Lines to show: all, or only the matching ones in filter mode (markers always stay). */
export function visibleLogLines(lines: LogBuffer, view: Pick<LogsViewState, 'search' | 'filterOnly'>): LogList {
	if (!view.filterOnly) return lines;
	const compiled = compileSearch(view.search);
	if (!compiled.ok || !compiled.pattern) return lines;
	const pattern = compiled.pattern;
	return new FilteredLogs(lines, (index) => lines.stream(index) === 'marker' || hasMatch(lines.text(index), pattern));
}

/** Count of lines matching the search. */
export function matchCount(lines: LogList, search: Search): number {
	const compiled = compileSearch(search);
	if (!compiled.ok || !compiled.pattern) return 0;
	const pattern = compiled.pattern;
	let count = 0;
	for (let index = 0; index < lines.length; index += 1) if (lines.stream(index) !== 'marker' && hasMatch(lines.text(index), pattern)) count += 1;
	return count;
}

/** Lines of a list that are log lines, not markers. */
export function logLineCount(lines: LogList): number {
	let count = 0;
	for (let index = 0; index < lines.length; index += 1) if (lines.stream(index) !== 'marker') count += 1;
	return count;
}

/** Rows a line of this text takes on screen when wrapping (unwrapped, every line is one row). */
export function wrappedRows(text: string, prefixWidth: number, width: number): number {
	if (width <= 0) return 1;
	return Math.max(1, Math.ceil((prefixWidth + displayWidth(text)) / width));
}

/** The top index that puts the last line at the bottom of `height` rows (`rows` of a line by index). */
export function bottomTop(lines: LogList, height: number, rows: (index: number) => number): number {
	let used = 0;
	let index = lines.length;
	while (index > 0) {
		const next = used + rows(index - 1);
		if (next > height) break;
		used = next;
		index -= 1;
	}
	return Math.min(index, Math.max(0, lines.length - 1));
}

/** Index of the line with this seq, searching from the end (where the view usually is); -1 if gone. */
export function indexOfSeq(lines: LogList, seq: number | undefined): number {
	if (seq === undefined) return -1;
	for (let index = lines.length - 1; index >= 0; index -= 1) if (lines.seq(index) === seq) return index;
	return -1;
}

/** The seq of line `index`, to find it again later; undefined when there is no such line. */
export function seqAt(lines: LogList, index: number): number | undefined {
	// NaN: a filtered list's line dropped from the buffer since the list was made.
	const seq = index >= 0 && index < lines.length ? lines.seq(index) : Number.NaN;
	return Number.isNaN(seq) ? undefined : seq;
}

/**
 * The top index to draw from: the bottom when following, else the anchor (or the nearest line
 * after it when it was evicted or filtered out; the top when there is none yet).
 */
export function topIndex(lines: LogList, view: LogsViewState, height: number, rows: (index: number) => number): number {
	const bottom = bottomTop(lines, height, rows);
	if (view.follow) return bottom;
	// Paused with no anchor: the user went to the top before any line was there.
	const anchor = view.anchor;
	if (anchor === undefined) return 0;
	let index = indexOfSeq(lines, anchor);
	if (index < 0) {
		for (let at = 0; at < lines.length; at += 1) {
			if (lines.seq(at) > anchor) {
				index = at;
				break;
			}
		}
	}
	if (index < 0) return bottom;
	return Math.min(index, bottom);
}

/** The store's side of a logs view: its buffer and how many lines it has received. */
export interface LiveLogs {
	lines: LogBuffer;
	received: number;
}

/** The buffer the view reads: the one it had when following paused, else the live one. */
export function viewBuffer(view: Pick<LogsViewState, 'frozen'>, live: LogBuffer): LogBuffer {
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
export function scrollLogs(view: LogsViewState, lines: LogList, top: number, delta: number, bottom: number, live: LiveLogs): LogsViewState {
	const next = Math.max(0, Math.min(bottom, top + delta));
	if (next >= bottom && delta > 0) return {...view, ...resumed};
	if (next >= bottom && view.follow) return view;
	return {...view, ...paused(view, live), anchor: seqAt(lines, next)};
}

/** The next (or previous) line with a match after/before the current hit or the top line. */
export function findHit(lines: LogList, search: Search, from: number, direction: 1 | -1): number {
	const compiled = compileSearch(search);
	if (!compiled.ok || !compiled.pattern || lines.length === 0) return -1;
	const pattern = compiled.pattern;
	return nextMatchIndex(lines.length, from, direction, (index) => lines.stream(index) !== 'marker' && hasMatch(lines.text(index), pattern));
}
