/**
 * porthole's config file: `$XDG_CONFIG_HOME/porthole/config.json` (default
 * `~/.config/porthole/config.json`), or the path in PORTHOLE_CONFIG. Every key is optional;
 * flags override it. A bad file is an error with the file, key and reason, never a silent default.
 *
 * {
 *   "readOnly": false,          // refuse every change to the daemon (same as --read-only)
 *   "shell": "bash",            // shell for `e` (default: bash, else sh)
 *   "tail": 200,                // log lines a logs view starts with, or "all"
 *   "refresh": 10,              // safety re-sync period in seconds
 *   "logBuffer": 10000,         // log lines kept per container in a logs view (100 to 1,000,000)
 *   "secretKeys": ["PIN"]       // more env key words masked in inspect (added to the built-in list)
 * }
 */
import {readFileSync} from 'node:fs';
import {homedir} from 'node:os';
import {join} from 'node:path';

/** Settings from the config file. */
export interface Config {
	readOnly?: boolean;
	shell?: string;
	tail?: number | 'all';
	refresh?: number;
	logBuffer?: number;
	secretKeys?: string[];
}

/** Bounds of the log buffer (lines per container): enough to read, small enough to stay cheap. */
export const LOG_BUFFER_MIN = 100;
export const LOG_BUFFER_MAX = 1_000_000;

/** Why a log buffer size is refused, or undefined when it is fine. */
export function logBufferError(value: unknown): string | undefined {
	if (Number.isInteger(value) && (value as number) >= LOG_BUFFER_MIN && (value as number) <= LOG_BUFFER_MAX) return undefined;
	return `must be a whole number of lines from ${LOG_BUFFER_MIN} to ${LOG_BUFFER_MAX.toLocaleString('en')}`;
}

/** Where the config file is looked for. */
export function configPath(env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
	if (env.PORTHOLE_CONFIG) return env.PORTHOLE_CONFIG;
	return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'porthole', 'config.json');
}

/** Validate parsed JSON into a Config; throws with a message naming the key. */
export function parseConfig(value: unknown, path: string): Config {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${path}: the config must be a JSON object.`);
	const raw = value as Record<string, unknown>;
	const config: Config = {};
	const known = new Set(['readOnly', 'shell', 'tail', 'refresh', 'logBuffer', 'secretKeys']);
	for (const key of Object.keys(raw)) if (!known.has(key)) throw new Error(`${path}: unknown key "${key}" (known: ${[...known].join(', ')}).`);
	if (raw.readOnly !== undefined) {
		if (typeof raw.readOnly !== 'boolean') throw new Error(`${path}: "readOnly" must be true or false.`);
		config.readOnly = raw.readOnly;
	}
	if (raw.shell !== undefined) {
		if (typeof raw.shell !== 'string' || raw.shell.trim() === '') throw new Error(`${path}: "shell" must be a command name like "bash".`);
		config.shell = raw.shell;
	}
	if (raw.tail !== undefined) {
		if (raw.tail !== 'all' && !(Number.isInteger(raw.tail) && (raw.tail as number) >= 0)) throw new Error(`${path}: "tail" must be a whole number of lines or "all".`);
		config.tail = raw.tail as number | 'all';
	}
	if (raw.refresh !== undefined) {
		if (typeof raw.refresh !== 'number' || !(raw.refresh > 0)) throw new Error(`${path}: "refresh" must be a number of seconds greater than 0.`);
		config.refresh = raw.refresh;
	}
	if (raw.logBuffer !== undefined) {
		const error = logBufferError(raw.logBuffer);
		if (error) throw new Error(`${path}: "logBuffer" ${error}.`);
		config.logBuffer = raw.logBuffer as number;
	}
	if (raw.secretKeys !== undefined) {
		if (!Array.isArray(raw.secretKeys) || !raw.secretKeys.every((k) => typeof k === 'string' && k !== ''))
			throw new Error(`${path}: "secretKeys" must be a list of strings like ["PASSWORD", "TOKEN"].`);
		config.secretKeys = raw.secretKeys as string[];
	}
	return config;
}

/** Read the config file; none is fine (empty config) unless the file was named (PORTHOLE_CONFIG). */
export function loadConfig(path = configPath(), {mustExist = false}: {mustExist?: boolean} = {}): Config {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			if (mustExist) throw new Error(`${path}: no such file (named by PORTHOLE_CONFIG).`);
			return {};
		}
		throw new Error(`${path}: ${(error as Error).message}`);
	}
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		throw new Error(`${path}: not valid JSON (${(error as Error).message}).`);
	}
	return parseConfig(value, path);
}
