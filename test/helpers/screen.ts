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

/**
 * After a handover the user goes on working: keys must act again. `?` opens help and Esc closes it,
 * `/` opens the filter bar and takes text, `j` moves the selection (with two rows or more), and `q`
 * quits with the terminal restored.
 */
export async function expectKeysAct(term: Term): Promise<void> {
	term.write('?');
	await term.waitForText('porthole — keys', {timeout: 5000});
	term.write('\u001B');
	await term.waitForNoText('porthole — keys', {timeout: 5000});
	await term.waitFor((screen) => term.isAlternateScreen() && /^j\/k move/m.test(screen), 5000, 'the list');
	const names = rowNames(term.screen());
	if (names.length >= 2) {
		const before = selectedName(term.screen());
		term.write(names.indexOf(before ?? '') === names.length - 1 ? 'k' : 'j');
		await term.waitFor((screen) => selectedName(screen) !== undefined && selectedName(screen) !== before, 5000, `j/k to move the selection from ${before}`);
	}
	term.write('/zq');
	await term.waitFor((screen) => /^filter› .*zq /m.test(screen), 5000, 'the filter bar with the typed text');
	term.write('\u001B');
	await term.waitFor((screen) => !/^filter› /m.test(screen), 5000, 'the filter bar to close');
	term.write('q');
	const exit = await term.exited;
	expect(exit.exitCode, 'q quits with exit code 0').toBe(0);
	expect(term.isAlternateScreen(), 'the terminal is back on its normal screen').toBe(false);
	expect(term.raw().toString('latin1').lastIndexOf('\u001B[?25h'), 'the cursor shown again').toBeGreaterThan(term.raw().toString('latin1').lastIndexOf('\u001B[?25l'));
}


/** `?` opens the help, `q` closes it and `q` quits: exit code 0, the terminal's normal screen back. */
export async function expectHelpThenQuit(term: Term): Promise<void> {
	term.write('?');
	await term.waitForText('porthole — keys', {timeout: 5000});
	term.write('q');
	await term.waitForNoText('porthole — keys', {timeout: 5000});
	term.write('q');
	const exit = await term.exited;
	expect(exit.exitCode, 'q quits with exit code 0').toBe(0);
	expect(term.isAlternateScreen(), 'the terminal is back on its normal screen').toBe(false);
}
