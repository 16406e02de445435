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
}

/** Run the session on the terminal until it ends; resolves with its exit code when known. */
export async function handOver(session: InteractiveSession, terminal: Terminal): Promise<{exitCode?: number}> {
	const {stdin, stdout} = terminal;
	stdout.write(`\r\n\u001B[2m${terminal.banner}\u001B[0m\r\n`);
	const onInput = (data: Buffer | string) => session.write(data);
	const onOutput = (data: Buffer | string) => stdout.write(data);
	const onResize = () => void session.resize(stdout.columns ?? 80, stdout.rows ?? 24);
	// Ink has released the terminal (its raw mode is off while suspended); take raw mode directly so
	// every key, Ctrl-C included, goes to the container and nothing is echoed twice.
	const raw = stdin.isTTY && typeof stdin.setRawMode === 'function';
	if (raw) stdin.setRawMode(true);
	stdin.on('data', onInput);
	stdin.resume();
	session.output.on('data', onOutput);
	stdout.on('resize', onResize);
	onResize();
	try {
		return await session.done;
	} finally {
		stdin.off('data', onInput);
		session.output.off('data', onOutput);
		stdout.off('resize', onResize);
		session.close();
		if (raw) stdin.setRawMode(false);
		stdin.pause();
	}
}
