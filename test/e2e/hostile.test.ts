// A hostile container: its command line, output, labels and environment hold raw terminal control
// sequences (OSC title, clipboard and hyperlink, screen clear, 8-bit CSI, DCS). Whatever porthole
// shows of it — the COMMAND column, the processes pane (docker top), the stats pane, the logs — must
// reach the terminal as plain text: none of those bytes may appear in what porthole writes, and the
// frame must stay whole.
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {TEST_IMAGE, docker, removeTestContainers, runContainer, uniqueName, waitForState} from '../helpers/docker.js';
import {disposeAllTerms, startTerm} from '../helpers/term.js';

const ESC = '\x1b';
const BEL = '\x07';
const C1_CSI = '\x9b';

/** What porthole must never write, whatever a container holds. */
const FORBIDDEN: Array<{what: string; bytes: Buffer}> = [
	{what: 'OSC (ESC ])', bytes: Buffer.from(`${ESC}]`, 'latin1')},
	{what: 'BEL', bytes: Buffer.from(BEL, 'latin1')},
	{what: 'erase screen (ESC [2J)', bytes: Buffer.from(`${ESC}[2J`, 'latin1')},
	{what: '8-bit CSI as UTF-8 (c2 9b)', bytes: Buffer.from([0xc2, 0x9b])},
	{what: 'DCS (ESC P)', bytes: Buffer.from(`${ESC}P`, 'latin1')},
];

const name = uniqueName('e2e-hostile');
const hostile = `${ESC}]0;pwned${BEL} ${ESC}[2J ${ESC}[31mred ${C1_CSI}1;1H ${ESC}P1;2|dcs${ESC}\\ ${ESC}]8;;http://x${ESC}\\link`;
// Single-quoted for sh; the loop keeps sh (and its hostile argv) alive for docker top.
const payload = `echo '${hostile}'; while true; do sleep 1; done`;

beforeAll(async () => {
	await removeTestContainers();
	await runContainer(name, [
		'--label',
		`clip=${ESC}]52;c;cHduZWQ=${BEL}`,
		'--label',
		`${ESC}]0;key${BEL}=title`,
		'--label',
		`csi=${C1_CSI}2J${ESC}[2J`,
		'--env',
		`EVIL=${ESC}]52;c;cHduZWQ=${BEL}`,
		TEST_IMAGE,
		'sh',
		'-c',
		payload,
	]);
	await waitForState(name, 'running');
	// The daemon kept the bytes as they were: the test is only worth something if it did.
	const labels = JSON.parse(await docker(['inspect', '--format', '{{json .Config.Labels}}', name])) as Record<string, string>;
	expect(labels['clip']).toBe(`${ESC}]52;c;cHduZWQ=${BEL}`);
	expect(await docker(['ps', '-a', '--no-trunc', '--filter', `name=${name}`, '--format', '{{.Command}}'])).toContain("echo '\\x1b]0;pwned\\a");
});

afterEach(disposeAllTerms);
afterAll(removeTestContainers);

describe('a container full of terminal control sequences', () => {
	it('reaches the terminal as plain text in the list, processes, stats and logs panes; the screen stays whole', async () => {
		const term = startTerm({cols: 320, rows: 40});
		const titles: string[] = [];
		term.xterm.onTitleChange((title) => titles.push(title));
		await term.waitForText(name, {timeout: 10_000});
		// The COMMAND column is there (at 320 columns), so the command line is drawn.
		await term.waitForText(/COMMAND/, {timeout: 2000});
		// As docker ps shows it: Go-quoted, so ESC is the text \x1b.
		await term.waitForText(`'\\x1b]0;`, {timeout: 2000});

		// The processes pane draws docker top's rows: the hostile argv of sh.
		await term.press('t');
		await term.waitForText('while true', {timeout: 8000});
		await term.waitForIdle(200);
		await term.press('t');
		await term.waitForNoText('while true', {timeout: 3000});
		// The stats pane draws the name and status of the selected container.
		await term.press('enter');
		await term.waitForIdle(300);
		await term.press('enter');
		// The logs pane draws what the container wrote: the same bytes, raw, on stdout.
		await term.press('l');
		await term.waitForText('link', {timeout: 8000});
		await term.waitForIdle(300);
		await term.press('escape');
		await term.waitForText(/^j\/k move/m, {timeout: 3000});
		await term.waitForIdle(200);

		const raw = term.raw();
		const found = FORBIDDEN.filter(({bytes}) => raw.includes(bytes)).map(({what}) => what);
		expect(found).toEqual([]);
		expect(titles).toEqual([]);

		expect(term.line(0)).toMatch(/^porthole {2}/);
		expect(term.line(-1)).toMatch(/^j\/k move/);
		const buffer = term.xterm.buffer.active;
		for (let y = 0; y < term.rows; y++) expect(buffer.getLine(buffer.viewportY + y)?.isWrapped, `line ${y} wrapped`).toBe(false);
		// It is still porthole's alternate screen, with the row in its place.
		expect(term.isAlternateScreen()).toBe(true);
		expect(term.screen().split('\n').filter((line) => line.includes(name)).length).toBeGreaterThan(0);

		term.write('q');
		expect((await term.exited).exitCode).toBe(0);
		expect(term.isAlternateScreen()).toBe(false);
	});
});
