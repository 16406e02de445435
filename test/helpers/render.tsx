/**
 * Render a component in-process, in the style of ink-testing-library, but with a stdout that
 * reports both `columns` and `rows` (the app lays itself out to the terminal's height) and that
 * can be resized. Frames are plain text: colours are stripped for assertions.
 */
import {EventEmitter} from 'node:events';
import {render as inkRender} from 'ink';
import type {ReactElement} from 'react';
import {stripVTControlCharacters} from 'node:util';

class FakeStdout extends EventEmitter {
	frames: string[] = [];
	isTTY = true;
	constructor(
		public columns: number,
		public rows: number,
	) {
		super();
	}
	write = (frame: string) => {
		this.frames.push(frame);
		return true;
	};
}

class FakeStdin extends EventEmitter {
	isTTY = true;
	private data: string | null = null;
	write = (data: string) => {
		this.data = data;
		this.emit('readable');
		this.emit('data', data);
	};
	read = () => {
		const data = this.data;
		this.data = null;
		return data;
	};
	setEncoding() {}
	setRawMode() {}
	resume() {}
	pause() {}
	ref() {}
	unref() {}
}

/** Key sequences as a terminal sends them. */
export const keys = {
	up: '\u001B[A',
	down: '\u001B[B',
	right: '\u001B[C',
	left: '\u001B[D',
	pageUp: '\u001B[5~',
	pageDown: '\u001B[6~',
	home: '\u001B[H',
	end: '\u001B[F',
	enter: '\r',
	escape: '\u001B',
	backspace: '\u007F',
	ctrlC: '\u0003',
} as const;

/** A rendered app with helpers to drive it. */
export function renderApp(tree: ReactElement, {columns = 120, rows = 30} = {}) {
	const stdout = new FakeStdout(columns, rows);
	const stdin = new FakeStdin();
	const stderr = new FakeStdout(columns, rows);
	const instance = inkRender(tree, {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stderr: stderr as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		debug: true,
		interactive: true,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	const lastFrame = () => stripVTControlCharacters(stdout.frames.at(-1) ?? '');
	return {
		stdout,
		stdin,
		instance,
		lastFrame,
		/** Write a key and wait until a frame reflects it (or a short timeout passes). */
		async press(sequence: string) {
			const count = stdout.frames.length;
			stdin.write(sequence);
			await waitFor(() => stdout.frames.length > count, 300).catch(() => undefined);
		},
		/** Wait until the last frame satisfies the predicate. */
		async waitForFrame(predicate: (frame: string) => boolean, timeout = 2000) {
			await waitFor(() => predicate(lastFrame()), timeout).catch(() => {
				throw new Error(`frame did not match within ${timeout} ms:\n${lastFrame()}`);
			});
		},
		resize(newColumns: number, newRows: number) {
			stdout.columns = newColumns;
			stdout.rows = newRows;
			stdout.emit('resize');
		},
		unmount() {
			instance.unmount();
			instance.cleanup();
		},
	};
}

/** Poll until `condition` holds. */
export async function waitFor(condition: () => boolean, timeout = 2000): Promise<void> {
	const start = Date.now();
	while (!condition()) {
		if (Date.now() - start > timeout) throw new Error('timed out');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}
