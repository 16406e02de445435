/** Reading porthole's container table off a screen (plain text from the pty harness). */
import {expect} from 'vitest';
import type {Term} from './term.js';

/** The table row (selection mark, mark dot, cells) whose NAMES cell — the last column — is `name`. */
export function rowOf(screen: string, name: string): string | undefined {
	return screen.split('\n').find((line) => /^[› ][● ] ?\S/.test(line) && line.trimEnd().split(/\s+/).pop() === name);
}

/** NAMES of the selected row; undefined unless exactly one row is drawn selected (a frame can arrive in parts). */
export function selectedName(screen: string): string | undefined {
	const selected = screen.split('\n').filter((line) => line.startsWith('›'));
	return selected.length === 1 ? selected[0]!.trimEnd().split(/\s+/).pop() : undefined;
}

/** NAMES of every table row, top to bottom. */
export function rowNames(screen: string): string[] {
	return screen
		.split('\n')
		.filter((line) => /^[› ][● ] ?\S/.test(line) && !/ NAMES$/.test(line.trimEnd()))
		.map((line) => line.trimEnd().split(/\s+/).pop()!);
}

/** Moves the selection to the row of `name`, a key at a time, each move seen on screen before the next. */
export async function select(term: Term, name: string): Promise<void> {
	await term.waitFor((screen) => Boolean(rowOf(screen, name)) && selectedName(screen) !== undefined, 5000, `a row for ${name}`);
	for (let step = 0; step < 20; step++) {
		const screen = term.screen();
		const current = selectedName(screen);
		if (current === name) return;
		const names = rowNames(screen);
		term.write(names.indexOf(name) > names.indexOf(current ?? '') ? 'j' : 'k');
		await term.waitFor((next) => selectedName(next) !== undefined && selectedName(next) !== current, 3000, `the selection to move from ${current}`);
		await term.waitForIdle(30);
	}
	expect(selectedName(term.screen())).toBe(name);
}
