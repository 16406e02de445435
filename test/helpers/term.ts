// End-to-end harness: runs a program (by default the built porthole, dist/cli.js) in a real pty
// and reads its screen through a headless xterm of the same size, the way a user's terminal would.
//
// Plain TypeScript with erasable syntax only, so `scripts/media.mjs` can import it directly
// (Node 22 strips the types) and tests and the README screenshots share one implementation.
import {spawn, type IPty} from '@lydell/node-pty';
import xtermHeadless from '@xterm/headless';
import type {Terminal as XTerminal} from '@xterm/headless';
import {existsSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

const {Terminal} = xtermHeadless;

/** The repository root (two levels above test/helpers). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The built CLI that `startTerm` runs when no `command` is given. */
export const CLI_PATH = join(ROOT, 'dist', 'cli.js');

/** Options for `startTerm`. */
export interface TermOptions {
	/** Program to run; default `process.execPath` running dist/cli.js (then `args` follow the script). */
	command?: string;
	/** Arguments: flags for porthole, or the full argv of `command` when it is given. */
	args?: string[];
	/** Merged over the cleaned environment; a value of `undefined` removes the variable. */
	env?: Record<string, string | undefined>;
	/** Terminal width in columns (default 100). */
	cols?: number;
	/** Terminal height in rows (default 30). */
	rows?: number;
	/** Working directory (default the repository root). */
	cwd?: string;
}

/** How the child ended. */
export interface TermExit {
	exitCode: number;
	signal: number | undefined;
}

/** Options for the wait helpers. */
export interface WaitOptions {
	/** Milliseconds before the wait rejects (default 5000). */
	timeout?: number;
}

/** A running program in a pty, with its screen as a headless xterm renders it. */
export interface Term {
	/** Visible lines, trailing spaces trimmed, joined by `\n` (always `rows` lines). */
	screen(): string;
	/** Visible line `n` (0-based; negative counts from the bottom, -1 is the last row). */
	line(n: number): string;
	/** Resolves once the screen contains `text` (or matches the regex); rejects with the screen. */
	waitForText(text: string | RegExp, options?: WaitOptions): Promise<void>;
	/** Resolves once the screen no longer contains `text` (or no longer matches). */
	waitForNoText(text: string | RegExp, options?: WaitOptions): Promise<void>;
	/** Resolves once `predicate(screen)` is true; re-checked on every output and every 50 ms. */
	waitFor(predicate: (screen: string) => boolean, timeout?: number, what?: string): Promise<void>;
	/** Resolves with the new screen once it differs from the screen at the time of the call. */
	waitForChange(timeout?: number): Promise<string>;
	/** Resolves once no output has arrived for `quietMs` (default 100) or `timeout` passes. */
	waitForIdle(quietMs?: number, timeout?: number): Promise<void>;
	/** Sends a named key ('down', 'enter', 'ctrl-c', …) or a plain string, then waits for the screen to settle. */
	press(key: string, options?: {settle?: number}): Promise<void>;
	/** Types `text` one character at a time, letting the program see each key separately. */
	type(text: string, options?: {settle?: number}): Promise<void>;
	/** Writes bytes to the pty as they are, without waiting. */
	write(data: string): void;
	/** Resizes both the pty (the child gets SIGWINCH) and the emulator. */
	resize(cols: number, rows: number): void;
	/** Every byte the child has written so far. */
	raw(): Buffer;
	/** A position in the raw output, for `rawBytesSince`. */
	mark(): number;
	/** The raw output written since `mark`; `.length` measures bytes per update. */
	rawBytesSince(mark: number): Buffer;
	/** True while the child uses the alternate screen buffer. */
	isAlternateScreen(): boolean;
	/** Cursor position in the visible screen (0-based). */
	cursor(): {x: number; y: number};
	/** Current size. */
	readonly cols: number;
	readonly rows: number;
	/** Process id of the child. */
	readonly pid: number;
	/** Resolves when the child exits. */
	readonly exited: Promise<TermExit>;
	/** The exit, once it happened. */
	exitStatus(): TermExit | undefined;
	/** The headless terminal, for cell colours and attributes. */
	readonly xterm: XTerminal;
	/** Ends the child (SIGHUP, then SIGKILL after 2 s) and waits for it; safe to call twice. */
	kill(): Promise<TermExit>;
	/** Kills the child and frees the emulator. */
	dispose(): Promise<void>;
}

/** Environment variables that make tools (Ink via is-in-ci, chalk via supports-color) think they run in CI. */
const CI_VARIABLES = [
	'CI', 'CONTINUOUS_INTEGRATION', 'BUILD_NUMBER', 'RUN_ID', 'GITHUB_ACTIONS', 'GITLAB_CI', 'BUILDKITE',
	'CIRCLECI', 'TRAVIS', 'APPVEYOR', 'TEAMCITY_VERSION', 'TF_BUILD', 'JENKINS_URL', 'DRONE', 'BITBUCKET_COMMIT',
	'CODEBUILD_BUILD_ARN', 'NOW_BUILDER', 'VERCEL', 'NETLIFY',
];

/** The child's environment: ours without CI markers or colour overrides, plus `extra`. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
	const env: Record<string, string | undefined> = {...process.env};
	for (const key of Object.keys(env)) {
		// is-in-ci treats any CI_* variable as CI; colour overrides would make screens differ between machines.
		if (CI_VARIABLES.includes(key) || key.startsWith('CI_') || key === 'NO_COLOR' || key === 'FORCE_COLOR') {
			delete env[key];
		}
	}
	env['TERM'] = 'xterm-256color';
	env['COLORTERM'] = 'truecolor';
	for (const [key, value] of Object.entries(extra)) {
		if (value === undefined) delete env[key];
		else env[key] = value;
	}
	const clean: Record<string, string> = {};
	for (const [key, value] of Object.entries(env)) if (value !== undefined) clean[key] = value;
	return clean;
}

/** Byte sequences for named keys (normal cursor-key mode; `cursorKeys` covers application mode). */
const KEYS: Record<string, string> = {
	enter: '\r', return: '\r', escape: '\x1b', esc: '\x1b', tab: '\t', 'shift-tab': '\x1b[Z',
	backspace: '\x7f', delete: '\x1b[3~', space: ' ',
	pgup: '\x1b[5~', pageup: '\x1b[5~', pgdn: '\x1b[6~', pagedown: '\x1b[6~',
	home: '\x1b[H', end: '\x1b[F',
	f1: '\x1bOP', f2: '\x1bOQ', f3: '\x1bOR', f4: '\x1bOS', f5: '\x1b[15~',
};
const CURSOR_KEYS: Record<string, string> = {up: 'A', down: 'B', right: 'C', left: 'D'};

/** The bytes a terminal sends for `key`, given whether the application asked for application cursor keys. */
export function keyBytes(key: string, applicationCursorKeys = false): string {
	const cursor = CURSOR_KEYS[key];
	if (cursor) return (applicationCursorKeys ? '\x1bO' : '\x1b[') + cursor;
	const named = KEYS[key];
	if (named !== undefined) return named;
	const ctrl = /^ctrl-([a-z])$/.exec(key);
	if (ctrl?.[1]) return String.fromCharCode(ctrl[1].charCodeAt(0) - 96);
	const meta = /^(?:alt|meta)-(.)$/.exec(key);
	if (meta?.[1]) return '\x1b' + meta[1];
	return key;
}

const live = new Set<Term>();

/** Kills and disposes every term still running; call it in `afterEach`. */
export async function disposeAllTerms(): Promise<void> {
	await Promise.all([...live].map(async term => term.dispose()));
}

// Last resort when a test runner exits without afterEach: no pty child may outlive us.
process.once('exit', () => {
	for (const term of live) {
		try {
			process.kill(term.pid, 'SIGKILL');
		} catch {
			// already gone
		}
	}
});

const sleep = async (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms));

/** Starts `command` (default: node dist/cli.js) in a pty and returns a handle to drive and read it. */
export function startTerm(options: TermOptions = {}): Term {
	let cols = options.cols ?? 100;
	let rows = options.rows ?? 30;
	const args = options.args ?? [];
	let file: string;
	let argv: string[];
	if (options.command === undefined) {
		if (!existsSync(CLI_PATH)) throw new Error(`${CLI_PATH} does not exist: run \`npm run build\` first`);
		file = process.execPath;
		argv = [CLI_PATH, ...args];
	} else {
		file = options.command;
		argv = args;
	}

	const xterm = new Terminal({cols, rows, allowProposedApi: true, scrollback: 0});
	// encoding: null hands us Buffers, so raw() counts bytes exactly as the child wrote them.
	const pty: IPty = spawn(file, argv, {
		name: 'xterm-256color',
		cols,
		rows,
		cwd: options.cwd ?? ROOT,
		env: cleanEnv(options.env),
		encoding: null,
	});

	const chunks: Buffer[] = [];
	let rawLength = 0;
	let lastOutputAt = Date.now();
	let parsedWrites = 0;
	let exit: TermExit | undefined;
	let disposed = false;
	const listeners = new Set<() => void>();
	const notify = () => {
		for (const listener of [...listeners]) listener();
	};

	pty.onData((data: string | Buffer) => {
		const chunk = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
		chunks.push(chunk);
		rawLength += chunk.length;
		lastOutputAt = Date.now();
		if (disposed) return;
		// The emulator parses asynchronously; the screen is current only in the callback.
		xterm.write(chunk, () => {
			parsedWrites++;
			notify();
		});
	});
	// Answers to the child's queries (cursor position, device attributes) go back, as a real terminal's would.
	xterm.onData(data => {
		if (!exit) pty.write(data);
	});

	const exited = new Promise<TermExit>(resolve => {
		pty.onExit(({exitCode, signal}) => {
			exit = {exitCode, signal: signal || undefined};
			live.delete(term);
			// Let the last output reach the emulator before anyone reads the final screen.
			xterm.write('', () => {
				resolve(exit!);
				notify();
			});
		});
	});

	const screen = () => {
		const buffer = xterm.buffer.active;
		const lines: string[] = [];
		for (let y = 0; y < xterm.rows; y++) {
			lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true).trimEnd() ?? '');
		}
		return lines.join('\n');
	};

	const describe = () => {
		const status = exit ? `exited with code ${exit.exitCode}${exit.signal ? ` (signal ${exit.signal})` : ''}` : 'running';
		const rule = '─'.repeat(xterm.cols);
		return `Screen (${xterm.cols}×${xterm.rows}, ${status}, ${parsedWrites} writes, ${rawLength} bytes):\n┌${rule}┐\n${screen()
			.split('\n')
			.map(line => `│${line.padEnd(xterm.cols)}│`)
			.join('\n')}\n└${rule}┘`;
	};

	const waitFor = async (predicate: (screen: string) => boolean, timeout = 5000, what = 'condition') =>
		new Promise<void>((resolve, reject) => {
			const started = Date.now();
			let done = false;
			const finish = (error?: Error) => {
				if (done) return;
				done = true;
				listeners.delete(check);
				clearInterval(timer);
				if (error) reject(error);
				else resolve();
			};
			function check() {
				if (predicate(screen())) return finish();
				if (exit) return finish(new Error(`Program exited while waiting for ${what}.\n${describe()}`));
				if (Date.now() - started >= timeout) {
					finish(new Error(`Timed out after ${timeout} ms waiting for ${what}.\n${describe()}`));
				}
			}
			listeners.add(check);
			const timer = setInterval(check, 50);
			check();
		});

	const matches = (text: string | RegExp, current: string) =>
		typeof text === 'string' ? current.includes(text) : text.test(current);

	// Waits until the screen differs from `before` and output has paused briefly (a frame can span chunks),
	// or `settle` ms pass without any change (the key changed nothing visible).
	const settleAfter = async (before: string, settle: number) => {
		const deadline = Date.now() + settle;
		while (Date.now() < deadline && !exit) {
			if (screen() !== before && Date.now() - lastOutputAt >= 15) return;
			await sleep(5);
		}
	};

	const term: Term = {
		screen,
		line(n) {
			const lines = screen().split('\n');
			return lines[n < 0 ? lines.length + n : n] ?? '';
		},
		async waitForText(text, {timeout = 5000} = {}) {
			await waitFor(current => matches(text, current), timeout, `${JSON.stringify(String(text))} on screen`);
		},
		async waitForNoText(text, {timeout = 5000} = {}) {
			await waitFor(current => !matches(text, current), timeout, `${JSON.stringify(String(text))} to leave the screen`);
		},
		waitFor,
		async waitForChange(timeout = 5000) {
			const before = screen();
			await waitFor(current => current !== before, timeout, 'the screen to change');
			return screen();
		},
		async waitForIdle(quietMs = 100, timeout = 5000) {
			const deadline = Date.now() + timeout;
			while (Date.now() - lastOutputAt < quietMs && Date.now() < deadline) await sleep(10);
		},
		async press(key, {settle = 250} = {}) {
			const before = screen();
			pty.write(keyBytes(key, xterm.modes.applicationCursorKeysMode));
			await settleAfter(before, settle);
		},
		async type(text, {settle = 150} = {}) {
			// Characters written back-to-back reach the program as one chunk ("jj"), which Ink hands over as one input.
			for (const char of text) {
				const before = screen();
				pty.write(char);
				await settleAfter(before, settle);
			}
		},
		write(data) {
			pty.write(data);
		},
		resize(newCols, newRows) {
			cols = newCols;
			rows = newRows;
			xterm.resize(newCols, newRows);
			if (!exit) pty.resize(newCols, newRows);
		},
		raw: () => Buffer.concat(chunks),
		mark: () => rawLength,
		rawBytesSince: mark => Buffer.concat(chunks).subarray(mark),
		isAlternateScreen: () => xterm.buffer.active.type === 'alternate',
		cursor: () => ({x: xterm.buffer.active.cursorX, y: xterm.buffer.active.cursorY}),
		get cols() {
			return cols;
		},
		get rows() {
			return rows;
		},
		pid: pty.pid,
		exited,
		exitStatus: () => exit,
		xterm,
		async kill() {
			if (!exit) {
				try {
					pty.kill();
				} catch {
					// already gone
				}
				const timer = setTimeout(() => {
					// The child leads its own session: kill its whole process group, then it alone.
					for (const target of [-pty.pid, pty.pid]) {
						try {
							process.kill(target, 'SIGKILL');
						} catch {
							// already gone
						}
					}
				}, 2000);
				await exited;
				clearTimeout(timer);
			}
			return exited;
		},
		async dispose() {
			if (disposed) return;
			await term.kill();
			disposed = true;
			live.delete(term);
			listeners.clear();
			xterm.dispose();
		},
	};
	live.add(term);
	return term;
}
