/**
 * Hand the terminal to an interactive session (exec or attach) and take it back: raw mode,
 * keystrokes to the container, its output to the terminal, the size at start and on every
 * resize. Called inside Ink's suspendTerminal, which leaves the alternate screen and stops Ink's
 * own input handling around it; porthole's state stays in its stores, untouched.
 */
import type {InteractiveSession} from '../engine/types.js';

/** The terminal to hand over. */
export interface Terminal {
	stdin: NodeJS.ReadStream;
	stdout: NodeJS.WriteStream;
	/** Unused: kept so callers can pass Ink's; the terminal's own setRawMode is what works while Ink is suspended. */
	setRawMode?: (on: boolean) => void;
	/** A line printed before handing over, so the user knows where they are. */
	banner: string;
	/** When set, the session's output stays on screen after it ends, under this line, until a key is pressed. */
	holdLine?: (exitCode: number | undefined) => string;
}

let active = false;
let happened = false;

/** Whether a session has the terminal now (Ctrl-C then detaches instead of quitting porthole). */
export function isHandingOver(): boolean {
	return active;
}

/** Whether any session had the terminal since start (the exit path then puts the cursor below). */
export function handedOverOnce(): boolean {
	return happened;
}

/**
 * Run the session on the terminal until it ends; resolves with its exit code when known.
 *
 * With a TTY (every exec, TTY attach) the terminal goes raw and every byte goes to the container,
 * Ctrl-C included; the daemon watches for Ctrl-P Ctrl-Q to detach an attach. Without a TTY
 * (attach to a container run with -i only) the daemon does not watch for detach keys and the
 * process reads lines, so porthole edits the line locally (echo, Backspace, Ctrl-U), sends it on
 * Enter, and detaches itself on Ctrl-P Ctrl-Q — or on Ctrl-C, which is not sent to the container.
 */
export async function handOver(session: InteractiveSession, terminal: Terminal & {tty?: boolean; stdinOpen?: boolean}): Promise<{exitCode?: number}> {
	const {stdin, stdout} = terminal;
	const tty = terminal.tty ?? true;
	stdout.write(`\r\n\u001B[2m${terminal.banner}\u001B[0m\r\n`);
	// Without an open stdin (no -i) the daemon drops input, detach keys included: porthole watches for them.
	const send = terminal.stdinOpen === false ? backKeys(session) : tty ? (data: Buffer | string) => session.write(data) : lineEditor(session, stdout);
	// Read with 'readable', as Ink does, never with 'data' + pause(): pause() stops the tty handle
	// while a read is pending, and the stream then never reads again, so after the session no key
	// reached porthole (issue 11). With 'readable' the stream is left as Ink expects it, and bytes
	// typed between our listener leaving and Ink's coming back wait in the stream's buffer.
	const onInput = () => {
		let chunk: Buffer | string | null;
		while (active && (chunk = stdin.read() as Buffer | string | null) !== null) send(chunk);
	};
	const onOutput = (data: Buffer | string) => stdout.write(tty ? data : String(data).replace(/\r?\n/g, '\r\n'));
	const onResize = () => void session.resize(stdout.columns ?? 80, stdout.rows ?? 24);
	// Ink has released the terminal (its raw mode is off while suspended): take raw mode directly.
	const canSetMode = stdin.isTTY && typeof stdin.setRawMode === 'function';
	if (canSetMode) stdin.setRawMode(true);
	active = true;
	happened = true;
	stdin.on('readable', onInput);
	onInput();
	session.output.on('data', onOutput);
	stdout.on('resize', onResize);
	onResize();
	const release = () => {
		active = false;
		stdin.off('readable', onInput);
		session.output.off('data', onOutput);
		stdout.off('resize', onResize);
		session.close();
	};
	try {
		const result = await session.done;
		if (terminal.holdLine) {
			// A command's output would vanish with the switch back to porthole's screen: keep it
			// until the user has read it. The key that dismisses it is not handed on.
			release();
			stdout.write(`\r\n\u001B[7m ${terminal.holdLine(result.exitCode)} \u001B[0m`);
			await oneKey(stdin);
		}
		return result;
	} finally {
		release();
		if (canSetMode) stdin.setRawMode(false);
		// Ink redraws from where the cursor is when it takes the screen back: start it at the top,
		// whatever line the container left the cursor on.
		stdout.write('\r\n\u001B[H');
	}
}

/**
 * Resolves on the next key pressed, consuming only that key: one character, or a whole escape
 * sequence (an arrow key). Keys typed after it in the same burst are put back for porthole. Also
 * resolves if the terminal goes away.
 */
async function oneKey(stdin: NodeJS.ReadStream): Promise<void> {
	await new Promise<void>((resolve) => {
		const done = () => {
			stdin.off('readable', take);
			stdin.off('end', done);
			resolve();
		};
		const take = () => {
			const chunk = stdin.read() as Buffer | string | null;
			if (chunk === null) return;
			const text = String(chunk);
			const key = text.startsWith('\u001B') ? text : [...text][0]!;
			if (text.length > key.length) stdin.unshift(typeof chunk === 'string' ? text.slice(key.length) : Buffer.from(text.slice(key.length)));
			done();
		};
		stdin.on('readable', take);
		stdin.on('end', done);
		take();
	});
}

/** A minimal line discipline for sessions without a TTY: echo, edit, send on Enter, detach keys. */
function lineEditor(session: InteractiveSession, stdout: NodeJS.WriteStream): (data: Buffer | string) => void {
	let line = '';
	let afterCtrlP = false;
	return (data) => {
		for (const char of String(data)) {
			if (afterCtrlP && char === '\u0011') return session.close(); // Ctrl-P Ctrl-Q
			afterCtrlP = char === '\u0010';
			if (afterCtrlP) continue;
			if (char === '\u0003') return session.close(); // Ctrl-C: detach, not sent
			if (char === '\r' || char === '\n') {
				session.write(line + '\n');
				stdout.write('\r\n');
				line = '';
			} else if (char === '\u007F' || char === '\b') {
				if (line.length > 0) {
					line = line.slice(0, -1);
					stdout.write('\b \b');
				}
			} else if (char === '\u0015') {
				stdout.write('\b \b'.repeat(line.length));
				line = '';
			} else if (char >= ' ') {
				line += char;
				stdout.write(char);
			}
		}
	};
}

/** For a session whose input is not connected: nothing is sent; Ctrl-P Ctrl-Q or Ctrl-C go back. */
function backKeys(session: InteractiveSession): (data: Buffer | string) => void {
	let afterCtrlP = false;
	return (data) => {
		for (const char of String(data)) {
			if (char === '\u0003' || (afterCtrlP && char === '\u0011')) return session.close();
			afterCtrlP = char === '\u0010';
		}
	};
}
