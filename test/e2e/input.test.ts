// Issue 11: "never lose the user's input". Text typed as one burst (a paste, a fast typist over SSH)
// must arrive whole in whatever input it was typed into, however the bytes are split across reads
// and however busy the machine is. Both cores are kept busy by the test itself while it types.
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {TEST_IMAGE, removeTestContainers, runContainer, uniqueName} from '../helpers/docker.js';
import {disposeAllTerms, startTerm, type Term} from '../helpers/term.js';
import {expectHelpThenQuit, rowOf} from '../helpers/screen.js';
import {busyCores, randomText, seeded} from '../helpers/random.js';

/** Two busy loops, one per core, for as long as the tests in this file run. */
let burners: {stop: () => void} | undefined;
const prefix = uniqueName('e2e-burst');
const name = `${prefix}-a`;

beforeAll(async () => {
	await runContainer(name, [TEST_IMAGE, 'sleep', '600']);
	burners = busyCores();
});
afterEach(disposeAllTerms);
afterAll(async () => {
	burners?.stop();
	await removeTestContainers();
});

/** Printable ASCII a filter may hold (no space: words are split on it; no `=`: it would make a key=value token). */
const FILTER_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.,:;!@#%^&*()[]{}<>+~|?/\'"`$';


/** The filter line as drawn while editing: `filter> TEXT█  …` (the cursor is an inverse blank). */
function filterBarText(term: Term): string | undefined {
	return term.screen().split('\n').find((row) => row.startsWith('filter› '));
}

async function firstFrame(args: string[] = []): Promise<Term> {
	const term = startTerm({cols: 120, rows: 30, args: ['--filter', `name=${prefix}`, ...args]});
	await term.waitFor((screen) => Boolean(rowOf(screen, name)), 20_000, `the row of ${name}`);
	return term;
}

describe('burst typing with both cores busy', () => {
	it('a 30-character filter typed as one burst right after the first frame arrives whole, 20 fresh starts in a row', async () => {
		const next = seeded(11);
		for (let start = 0; start < 20; start++) {
			const text = randomText(next, 30, FILTER_CHARS);
			const term = await firstFrame();
			// Clear the --filter text first (Ctrl-U), then the burst: one write, as a paste or SSH delivers
			// it, or (every other start) cut into random pieces a few ms apart, as a slow link splits it.
			const burst = '/\u0015' + text;
			if (start % 2 === 0) term.write(burst);
			else {
				for (let at = 0; at < burst.length; ) {
					const size = 1 + Math.floor(next() * 6);
					term.write(burst.slice(at, at + size));
					at += size;
					await new Promise((resolve) => setTimeout(resolve, Math.floor(next() * 3)));
				}
			}
			await term.waitFor((screen) => screen.includes(text), 10_000, `start ${start}: the filter text ${JSON.stringify(text)} whole`).catch((error: unknown) => {
				throw new Error(`${(error as Error).message}\nfilter line: ${JSON.stringify(filterBarText(term))}`);
			});
			// The key after it still acts: Enter keeps the filter, shown under the list.
			term.write('\r');
			await term.waitForText(`filter: ${text}`, {timeout: 10_000});
			await term.dispose();
		}
	}, 180_000);
});

/**
 * Whether `field` (a label and its text) is on screen, ending where the text ends: followed by the
 * cursor (`after`), or at the end of its line (the screen's lines are trimmed, and a blank cursor at
 * the end of a line is trimmed with them).
 */
function shows(screen: string, field: string, after: string): boolean {
	return screen.split('\n').some((line) => line.includes(field + after) || (after === ' ' && line.endsWith(field)));
}

/** Every text input: how to open it from the list, and the text it starts with (cleared with Ctrl-U). */
const INPUTS: ReadonlyArray<{name: string; open: string[]; label: string; close: string[]; alphabet?: string; after?: string; ready?: string}> = [
	{name: 'filter', open: ['/'], label: 'filter› ', close: ['\u001B']},
	{name: 'rename', open: ['R'], label: '› ', after: '█', close: ['\u001B']},
	{name: 'exec command', open: ['E'], label: '› ', after: '█', close: ['\u001B']},
	// The kill picker takes a typed signal: capitals, digits and + (its lower-case letters are keys).
	{name: 'kill signal', open: ['K'], label: '› other: ', after: '█', ready: 'with which signal?', close: ['\u001B'], alphabet: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+'},
	{name: 'cp out (container path)', open: ['C'], label: '› ', after: '█', close: ['\u001B']},
	{name: 'cp in (host path)', open: ['U'], label: '› ', after: '█', close: ['\u001B']},
	{name: 'logs search', open: ['l', '/'], label: 'search (text, any case)› ', close: ['\u001B', '\u001B']},
	{name: 'logs grep filter', open: ['l', 'f'], label: 'search (text, any case)› ', close: ['\u001B', '\u001B']},
	{name: 'logs since', open: ['l', 'S'], label: '› ', close: ['\u001B', '\u001B']},
	{name: 'logs save path', open: ['l', 's'], label: 'save to› ', close: ['\u001B', '\u001B']},
	{name: 'inspect search', open: ['i', '/'], label: 'search› ', close: ['\u001B', '\u001B']},
];

describe('random text into every text input, as bursts, with both cores busy', () => {
	it('200 random printable strings into each of the 11 inputs arrive whole', async () => {
		const next = seeded(29);
		const term = await firstFrame();
		for (const input of INPUTS) {
			for (const key of input.open) {
				term.write(key);
				await term.waitForChange(5000).catch(() => undefined);
			}
			await term.waitForText(input.ready ?? input.label.trim(), {timeout: 5000});
			let previous = '';
			for (let i = 0; i < 200; i++) {
				// Random length 1–40, any printable ASCII but space (logs prompts keep spaces too, the filter splits words on them).
				// Never the same text twice in a row: a lost Ctrl-U would then go unseen.
				let text = randomText(next, 1 + Math.floor(next() * 40), input.alphabet ?? FILTER_CHARS);
				while (text === previous) text = randomText(next, 1 + Math.floor(next() * 40), input.alphabet ?? FILTER_CHARS);
				previous = text;
				term.write('\u0015' + text);
				await term.waitFor((screen) => shows(screen, input.label + text, input.after ?? ' '), 10_000, `${input.name} #${i}: ${JSON.stringify(text)} whole after its label`);
			}
			for (const key of input.close) {
				term.write(key);
				await term.waitForChange(5000).catch(() => undefined);
			}
			await term.waitForText(/j\/k move/, {timeout: 5000});
		}
		// And the list still answers keys afterwards: help opens, q quits with the terminal restored.
		await expectHelpThenQuit(term);
	}, 600_000);
});
