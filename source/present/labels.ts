/**
 * Labels as users type and read them, for volumes and networks (and any kind after them): the
 * `key=value` words of `--label`, and the LABELS text `docker … ls --format` prints.
 */
import {sanitizeLine} from './sanitize.js';

/** What parseLabels makes of a line: the labels, or the first problem found. */
export type ParsedLabels = {ok: true; labels: Record<string, string>} | {ok: false; message: string};

/**
 * `"a=b c=d"` → {a: 'b', c: 'd'}, as repeated `--label a=b --label c=d` would give: words split at
 * white space, each `key=value` or a bare `key` (empty value, as docker takes `--label key`). A word
 * starting with `=` has no key and is refused. Also reads driver options (`-o type=tmpfs`).
 */
export function parseLabels(text: string): ParsedLabels {
	const labels: Record<string, string> = {};
	for (const word of text.split(/\s+/).filter((w) => w !== '')) {
		const equals = word.indexOf('=');
		const key = equals === -1 ? word : word.slice(0, equals);
		if (key === '') return {ok: false, message: `invalid label '${word}': empty name`};
		labels[key] = equals === -1 ? '' : word.slice(equals + 1);
	}
	return {ok: true, labels};
}

/** The LABELS text of `docker volume ls`/`network ls`: `k=v` joined by commas; sorted here (Go's map order is random), sanitised. */
export function labelsText(labels: Record<string, string>): string {
	return sanitizeLine(
		Object.keys(labels)
			.sort()
			.map((key) => `${key}=${labels[key]}`)
			.join(','),
	);
}
