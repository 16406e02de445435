/**
 * The filter bar's language: free words (matched against name, image, id and command, all must
 * match) and `key=value` tokens with `docker ps --filter` semantics. The tokens are validated
 * here for an immediate inline error, then sent to the daemon, which applies them exactly as
 * `docker ps --filter` does (same key repeated = OR, different keys = AND, ancestor descendants…).
 */
import type {ContainerFilters, ContainerSummary} from '../engine/types.js';

/** Keys `docker ps --filter` accepts. */
export const FILTER_KEYS = [
	'ancestor',
	'before',
	'expose',
	'exited',
	'health',
	'id',
	'isolation',
	'is-task',
	'label',
	'name',
	'network',
	'publish',
	'since',
	'status',
	'volume',
] as const;

const STATUS_VALUES = ['created', 'restarting', 'running', 'removing', 'paused', 'exited', 'dead'];
const HEALTH_VALUES = ['starting', 'healthy', 'unhealthy', 'none'];

/** A parsed filter input. */
export interface ParsedFilter {
	/** Lower-cased free words. */
	words: string[];
	filters: ContainerFilters;
}

/** Result of parsing: the filter, or an error message for the inline error line. */
export type ParseResult = {ok: true; value: ParsedFilter} | {ok: false; error: string};

/** Split on white space, keeping double-quoted parts together (`label="a b"`). */
function tokenize(input: string): string[] {
	const tokens: string[] = [];
	const pattern = /(?:[^\s"]+|"[^"]*"?)+/g;
	for (const match of input.matchAll(pattern)) tokens.push(match[0].replace(/"/g, ''));
	return tokens;
}

/**
 * Parse the filter bar's text (or one `--filter` argument). `keys`: the kind's daemon filter keys
 * (containers' by default); the value checks below are containers' (`status=`, `health=`…).
 */
export function parseFilter(input: string, keys: readonly string[] = FILTER_KEYS): ParseResult {
	const words: string[] = [];
	const filters: ContainerFilters = {};
	for (const token of tokenize(input)) {
		const eq = token.indexOf('=');
		if (eq <= 0) {
			words.push(token.toLowerCase());
			continue;
		}
		const key = token.slice(0, eq).toLowerCase();
		const value = token.slice(eq + 1);
		if (!keys.includes(key)) {
			return {ok: false, error: `Invalid filter '${key}': use one of ${keys.join(', ')}`};
		}
		if (value === '') return {ok: false, error: `Bad format of filter '${token}' (expected ${key}=value)`};
		if (key === 'status' && !STATUS_VALUES.includes(value))
			return {ok: false, error: `Invalid filter 'status=${value}': status is one of ${STATUS_VALUES.join(', ')}`};
		if (key === 'health' && !HEALTH_VALUES.includes(value))
			return {ok: false, error: `Invalid filter 'health=${value}': health is one of ${HEALTH_VALUES.join(', ')}`};
		if (key === 'exited' && !/^-?\d+$/.test(value))
			return {ok: false, error: `Invalid filter 'exited=${value}': exited takes an exit code (a whole number)`};
		if (key === 'is-task' && value !== 'true' && value !== 'false')
			return {ok: false, error: `Invalid filter 'is-task=${value}': use true or false`};
		if (key === 'name' || key === 'id') {
			try {
				new RegExp(value);
			} catch {
				return {ok: false, error: `Invalid filter '${key}=${value}': not a valid regular expression`};
			}
		}
		(filters[key] ??= []).push(value);
	}
	return {ok: true, value: {words, filters}};
}

/**
 * Parse the filter bar while the user is still typing. The token under the cursor (the last one,
 * when the text does not end in a space) is left out while it could still become a key=value
 * token ("sta", "status", "status="), so typing `status=exited` does not flash through a list
 * filtered by the words "s", "st", "sta"… An error is reported only for what is complete.
 */
export function parseFilterWhileTyping(input: string): ParseResult {
	return parseFilter(input.slice(0, input.length - pendingToken(input).length));
}

/** The token under the cursor while it could still become a key=value token; '' otherwise. */
function pendingToken(input: string, keys: readonly string[] = FILTER_KEYS): string {
	if (/\s$/.test(input) || input === '') return '';
	const last = /(\S+)$/.exec(input)?.[1] ?? '';
	const lower = last.toLowerCase();
	const eq = lower.indexOf('=');
	const key = eq < 0 ? lower : lower.slice(0, eq);
	const couldBeKey = keys.some((k) => (eq < 0 ? k.startsWith(key) : k === key && eq === lower.length - 1));
	return couldBeKey ? last : '';
}

/** Merge several `--filter` arguments (each may hold several tokens). */
export function parseFilters(inputs: readonly string[]): ParseResult {
	return parseFilter(inputs.join(' '));
}

/** Whether a container matches every free word (name, image, id, command; case-insensitive). */
export function matchesWords(container: ContainerSummary, words: readonly string[]): boolean {
	if (words.length === 0) return true;
	const haystack = [container.names.join(' '), container.image, container.id, container.command].join('\n').toLowerCase();
	return words.every((word) => haystack.includes(word));
}

/** A kind's filter bar: its daemon filter keys, and its check of a `key=value` token in docker's words. */
export interface FilterRules {
	keys: readonly string[];
	check?: (token: string) => string | undefined;
}

/** The filter in force for some filter-bar text: the valid tokens, and why the others are left out. */
export interface AppliedFilter extends ParsedFilter {
	/** The tokens applied, as typed ("web status=running"); '' when nothing filters. */
	text: string;
	/** The first refused token's error. */
	error?: string;
}

/**
 * What to filter by for the filter bar's text: every valid token; a refused one is left out and
 * its error kept (a bad token used to leave the previous filter's rows under the new text, as if
 * they matched it). `typing`: the token under the cursor waits while it could become key=value.
 */
export function appliedFilter(input: string, typing = false, rules: readonly string[] | FilterRules = FILTER_KEYS): AppliedFilter {
	// (Arrays have a `keys` method: tell the two forms apart by Array.isArray.)
	const keys: readonly string[] = Array.isArray(rules) ? rules : (rules as FilterRules).keys;
	const check = Array.isArray(rules) ? undefined : (rules as FilterRules).check;
	const complete = typing ? input.slice(0, input.length - pendingToken(input, keys).length) : input;
	const words: string[] = [];
	const filters: ContainerFilters = {};
	const kept: string[] = [];
	let error: string | undefined;
	for (const [raw] of complete.matchAll(/(?:[^\s"]+|"[^"]*"?)+/g)) {
		const one = parseFilter(raw, keys);
		const refused = one.ok ? (raw.includes('=') ? check?.(raw.replace(/"/g, '')) : undefined) : one.error;
		if (!one.ok || refused !== undefined) {
			error ??= refused;
			continue;
		}
		words.push(...one.value.words);
		for (const [key, values] of Object.entries(one.value.filters)) (filters[key] ??= []).push(...values);
		kept.push(raw);
	}
	return {words, filters, text: kept.join(' '), ...(error === undefined ? {} : {error})};
}
