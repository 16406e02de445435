/**
 * Save what the logs pane shows to a file. Never overwrites without being asked: the first try
 * uses the exclusive-create flag, and only an explicit confirmation writes over an existing file.
 */
import {writeFile} from 'node:fs/promises';
import {resolve} from 'node:path';
import type {LogLine, LogList, LogTarget} from '../store/logs.js';

/** How the lines are written. */
export interface SaveFormat {
	timestamps: boolean;
	/** Merged views prefix each line with its container name, as on screen. */
	targets: readonly LogTarget[];
}

/** Result of a save. */
export type SaveResult = {ok: true; path: string; lines: number} | {ok: false; exists: true; path: string} | {ok: false; exists?: false; error: string};

/** The file's text: one line per log line, markers included, as shown (without colours). */
export function logsText(lines: Iterable<LogLine>, format: SaveFormat): string {
	const merged = format.targets.length > 1;
	const width = merged ? Math.max(...format.targets.map((t) => t.name.length)) : 0;
	let out = '';
	for (const line of lines) {
		if (format.timestamps && line.time) out += line.time + ' ';
		if (merged) out += (format.targets[line.source]?.name ?? '').padEnd(width) + ' | ';
		out += line.text + '\n';
	}
	return out;
}

/** Write the lines to `path`; `overwrite` only after the user said yes. */
export async function saveLogs(path: string, lines: LogList, format: SaveFormat, overwrite = false): Promise<SaveResult> {
	const absolute = resolve(path);
	try {
		// Counted with the text, before the write: the live buffer may grow while it is written.
		const count = lines.length;
		await writeFile(absolute, logsText(lines, format), {flag: overwrite ? 'w' : 'wx', mode: 0o600});
		return {ok: true, path: absolute, lines: count};
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'EEXIST') return {ok: false, exists: true, path: absolute};
		return {ok: false, error: `Could not save to ${absolute}: ${(error as Error).message}`};
	}
}
