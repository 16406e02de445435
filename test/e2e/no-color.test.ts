// Issue 11, item 8: NO_COLOR (no-color.org) is honoured everywhere. With it set, not one colour
// sequence reaches the terminal — list, banner, help, stats pane, logs (even of a container that
// prints colours), inspect — and status stays readable by its words and glyphs.
import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {TEST_IMAGE, removeTestContainers, runContainer, uniqueName, waitForState} from '../helpers/docker.js';
import {disposeAllTerms, startTerm} from '../helpers/term.js';
import {rowOf} from '../helpers/screen.js';

afterEach(disposeAllTerms);
afterAll(removeTestContainers);

/** Every colour parameter in the SGR sequences of `raw`: 30–37/39, 40–47/49, 90–97, 100–107, 38/48 (extended). */
function colourParameters(raw: string): string[] {
	const found: string[] = [];
	for (const match of raw.matchAll(/\u001B\[([\d;:]*)m/g)) {
		const params = match[1]!.split(/[;:]/).filter((p) => p !== '').map(Number);
		for (let i = 0; i < params.length; i++) {
			const p = params[i]!;
			if (p === 38 || p === 48 || p === 58) {
				found.push(match[0]);
				break;
			}
			if ((p >= 30 && p <= 37) || (p >= 40 && p <= 47) || (p >= 90 && p <= 97) || (p >= 100 && p <= 107)) found.push(match[0]);
		}
	}
	return found;
}

describe('NO_COLOR', () => {
	it('the colour detector finds what it must (so the test below can fail)', () => {
		expect(colourParameters('\u001B[31mred\u001B[39m \u001B[1;38;5;200mx\u001B[0m \u001B[7m \u001B[27m')).toEqual(['\u001B[31m', '\u001B[1;38;5;200m']);
		expect(colourParameters('\u001B[1m\u001B[2m\u001B[7m\u001B[22m\u001B[0m')).toEqual([]);
	});

	it('writes no colour sequence in any view, and says status in words', async () => {
		const prefix = uniqueName('e2e-nocolor');
		const running = `${prefix}-up`;
		const failed = `${prefix}-failed`;
		// A container that prints coloured log lines: with NO_COLOR they must arrive without colour.
		await runContainer(running, [TEST_IMAGE, 'sh', '-c', 'while true; do printf "\\033[31mred-line\\033[0m plain\\n"; sleep 1; done']);
		await runContainer(failed, [TEST_IMAGE, 'sh', '-c', 'exit 3']);
		await waitForState(failed, 'exited');
		const term = startTerm({cols: 140, rows: 30, args: ['--filter', `name=${prefix}`], env: {NO_COLOR: '1'}});
		await term.waitFor((screen) => Boolean(rowOf(screen, running)) && Boolean(rowOf(screen, failed)), 15_000, 'both rows');
		await term.waitFor((screen) => /\d+\.\d+%/.test(rowOf(screen, running) ?? ''), 10_000, 'a CPU figure');
		expect(rowOf(term.screen(), running)).toMatch(/Up /);
		expect(rowOf(term.screen(), failed)).toMatch(/Exited \(3\)/);
		// Every view in turn: stats pane, help, logs (with the container's colours), inspect.
		term.write('\r');
		await term.waitForText('CPU');
		term.write('\r?');
		await term.waitForText('porthole — keys');
		term.write('\u001B');
		await term.waitForNoText('porthole — keys');
		// Select the running container (the list is newest first: the failed one is on top).
		term.write('/ -up\r');
		await term.waitFor((screen) => !rowOf(screen, failed), 5000, 'only the running row');
		term.write('l');
		await term.waitForText('red-line plain', {timeout: 10_000});
		term.write('\u001B');
		await term.waitForNoText('red-line plain');
		term.write('i');
		await term.waitForText(running);
		await new Promise((resolve) => setTimeout(resolve, 500));
		const raw = term.raw().toString('utf8');
		expect(colourParameters(raw)).toEqual([]);
	});
});
