/**
 * The filter line of a list, typed as `docker … ls --filter` takes its values: words `key=value`
 * separated by white space (`dangling=true label=tier=db`). Checked against the keys and values the
 * daemon accepts for the kind before anything is sent, with docker's words, so bad input changes
 * nothing on the daemon and the user reads what docker would say.
 */

/** What a filter line parses to: the filters object the engine's list takes, or the first problem. */
export type ParsedFilters = {ok: true; filters: Record<string, string[]>} | {ok: false; message: string};

/** Per accepted key, a check of one value: docker's words for a bad value, undefined when fine. */
export type FilterKeys = Record<string, (value: string) => string | undefined>;

/** Any value goes (names, labels, drivers: the daemon matches them). */
export const anyValue = (): undefined => undefined;

/** Parse a filter line against the keys a kind accepts; same key twice = OR, as the daemon reads it. */
export function parseFilterWords(text: string, keys: FilterKeys): ParsedFilters {
	const filters: Record<string, string[]> = {};
	for (const word of text.split(/\s+/).filter((w) => w !== '')) {
		const equals = word.indexOf('=');
		if (equals <= 0) return {ok: false, message: 'bad format of filter (expected name=value)'};
		const key = word.slice(0, equals);
		const value = word.slice(equals + 1);
		const check = Object.hasOwn(keys, key) ? keys[key] : undefined;
		if (!check) return {ok: false, message: `Invalid filter '${key}'`};
		const problem = check(value);
		if (problem !== undefined) return {ok: false, message: problem};
		(filters[key] ??= []).push(value);
	}
	return {ok: true, filters};
}

/** The daemon's booleans in filters: true/1/false/0. */
export function isFilterBoolean(value: string): boolean {
	return value === 'true' || value === '1' || value === 'false' || value === '0';
}
