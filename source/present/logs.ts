/**
 * Pure helpers for the logs view: Docker's timestamps, `since`/`until` arguments, search matching
 * and the stable per-container colours of merged logs.
 */

/**
 * A log line's timestamp: the daemon's RFC 3339 text, as `docker logs -t` prints it. Only this
 * string is kept — every line of a flood has one, so no object per time, and the sortable key
 * and the milliseconds are worked out when asked for (merging, resuming).
 */
export type LogTime = string;

/** "01763819364.065690876": compares correctly as a string (fixed width). */
export function timeKey(time: LogTime): string {
	const dot = time.indexOf('.', 19);
	const zone = time.search(/(Z|[+-]\d\d:\d\d)$/);
	const fraction = dot >= 0 && dot < zone ? time.slice(dot + 1, zone) : '';
	const seconds = Math.floor(Date.parse(time.slice(0, 19) + time.slice(zone)) / 1000);
	return `${String(seconds).padStart(11, '0')}.${fraction.padEnd(9, '0')}`;
}

/** Whether time `a` is at or before `b`. The daemon writes UTC with nine digits, so equal-length 'Z' stamps compare as text. */
export function timeAtOrBefore(a: LogTime, b: LogTime): boolean {
	if (a.length === b.length && a.endsWith('Z') && b.endsWith('Z')) return a <= b;
	return timeKey(a) <= timeKey(b);
}

const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d) /;
const STAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d)$/;

/**
 * A daemon timestamp on its own ("2026-11-22T13:49:24.065690876Z"), or undefined. The text is
 * kept as given: a string of its own, not a slice of a longer one that would be kept alive with
 * it (every line of a flood keeps its time).
 */
export function parseStamp(text: string): LogTime | undefined {
	if (!STAMP.test(text) || !Number.isFinite(Date.parse(text))) return undefined;
	return text;
}

/** Split the timestamp Docker puts before each line (logs read with timestamps=true). */
export function splitTimestamp(line: string): {time?: LogTime; rest: string} {
	const match = TIMESTAMP.exec(line);
	if (!match) return {rest: line};
	const whole = match[0];
	if (!Number.isFinite(Date.parse(whole.slice(0, -1)))) return {rest: line};
	return {time: whole.slice(0, -1), rest: line.slice(whole.length)};
}

/** Docker's `since` form ("seconds.nanoseconds") just after a line's time, to resume without repeats. */
export function resumeAfter(time: LogTime): string {
	const [seconds = '0', nanos = '0'] = timeKey(time).split('.');
	let s = Number(seconds);
	let n = Number(nanos) + 1;
	if (n >= 1e9) {
		s += 1;
		n -= 1e9;
	}
	return `${s}.${String(n).padStart(9, '0')}`;
}

const UNITS: Record<string, number> = {ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400};

/**
 * A `--since` / `--until` argument as Docker's query value: a duration back from now ("10m",
 * "1h30m", "2d"), an RFC 3339 time ("2026-11-22T10:00:00Z", date alone allowed), or Unix seconds.
 */
export function parseTimeArg(input: string, nowMs: number): {ok: true; value: string} | {ok: false; error: string} {
	const text = input.trim();
	if (text === '') return {ok: false, error: 'empty time'};
	if (/^\d+(\.\d{1,9})?$/.test(text)) return {ok: true, value: text};
	if (/^(\d+(\.\d+)?(ms|s|m|h|d))+$/.test(text)) {
		let seconds = 0;
		for (const [, amount, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)) seconds += Number(amount) * UNITS[unit!]!;
		return {ok: true, value: ((nowMs / 1000 - seconds).toFixed(3))};
	}
	const ms = Date.parse(/^\d{4}-\d\d-\d\d$/.test(text) ? `${text}T00:00:00Z` : text);
	if (/^\d{4}-\d\d-\d\d/.test(text) && Number.isFinite(ms)) return {ok: true, value: (ms / 1000).toFixed(3)};
	return {ok: false, error: `"${text}" is not a time: use a duration like 10m or 2h, an RFC 3339 time, or Unix seconds`};
}

/** A compiled search: plain text or regular expression, case-insensitive unless asked. */
export interface Search {
	query: string;
	regex: boolean;
	caseSensitive: boolean;
}

/** Compile a search into a global RegExp; an invalid regular expression gives an error message. */
export function compileSearch(search: Search): {ok: true; pattern: RegExp | undefined} | {ok: false; error: string} {
	if (search.query === '') return {ok: true, pattern: undefined};
	const flags = search.caseSensitive ? 'g' : 'gi';
	if (!search.regex) return {ok: true, pattern: new RegExp(search.query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags)};
	try {
		return {ok: true, pattern: new RegExp(search.query, flags)};
	} catch (error) {
		return {ok: false, error: `invalid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}`};
	}
}

/** Ranges [start, end) of every match of `pattern` in `text` (empty matches skipped). */
export function matchRanges(text: string, pattern: RegExp | undefined): Array<[number, number]> {
	if (!pattern) return [];
	const ranges: Array<[number, number]> = [];
	pattern.lastIndex = 0;
	let match: RegExpExecArray | null;
	while ((match = pattern.exec(text)) !== null) {
		if (match[0].length === 0) {
			pattern.lastIndex += 1;
			continue;
		}
		ranges.push([match.index, match.index + match[0].length]);
		if (ranges.length > 1000) break;
	}
	return ranges;
}

/**
 * The first index after (direction 1) or before (-1) `from` for which `matches` holds, wrapping
 * around the ends; -1 when none does. For n/N in the logs and document views.
 */
export function nextMatchIndex(count: number, from: number, direction: 1 | -1, matches: (index: number) => boolean): number {
	for (let step = 1; step <= count; step += 1) {
		const index = (((from + direction * step) % count) + count) % count;
		if (matches(index)) return index;
	}
	return -1;
}

/** Whether `text` has a match (resets the global pattern's state). */
export function hasMatch(text: string, pattern: RegExp): boolean {
	pattern.lastIndex = 0;
	return pattern.test(text);
}

const PALETTE = ['cyan', 'magenta', 'yellow', 'green', 'blue', 'cyanBright', 'magentaBright', 'yellowBright', 'greenBright', 'blueBright', 'red', 'white'];

/** A stable colour for a container or service name in merged logs (same name, same colour). */
export function nameColor(name: string): string {
	let hash = 0;
	for (let i = 0; i < name.length; i += 1) hash = (hash * 31 + name.charCodeAt(i)) >>> 0;
	return PALETTE[hash % PALETTE.length]!;
}

/** Default file name for saving logs: "<name>-<YYYYMMDD-HHMMSS>.log", safe for any file system. */
export function defaultLogFileName(name: string, nowMs: number): string {
	const stamp = new Date(nowMs).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
	return `${name.replace(/[^A-Za-z0-9_.-]+/g, '_') || 'logs'}-${stamp}.log`;
}

/**
 * The one state word of the logs header. Following and paused are the view's two states while the
 * stream is live; showing both ("following … paused — 1 new line") said two things at once.
 */
export function logsStateText(statuses: readonly string[], follow: boolean, newLines: number): {text: string; tone: 'ok' | 'muted' | 'warning'} {
	const count = `${newLines.toLocaleString('en')} new line${newLines === 1 ? '' : 's'}`;
	if (statuses.every((s) => s === 'loading')) return {text: 'loading…', tone: 'muted'};
	if (statuses.some((s) => s === 'following')) return follow ? {text: 'following', tone: 'ok'} : {text: `paused — ${count} (G to follow)`, tone: 'warning'};
	const word = statuses.includes('stopped') ? 'stopped' : 'ended';
	// Nothing more will come: G shows the lines that came while scrolled back, it follows nothing.
	return {text: !follow && newLines > 0 ? `${word} — ${count} below (G)` : word, tone: 'muted'};
}
