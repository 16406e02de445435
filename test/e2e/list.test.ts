// Issue 2, "a live docker ps -a screen", proved end to end: the built CLI in a real pty against the
// private engine. What the screen shows is checked against the docker CLI on the same daemon
// (names, filters, counts, versions), never against porthole's own idea of the daemon.
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {BINDINGS} from '../../source/keymap/keymap.js';
import {messages} from '../../source/messages.js';
import {TEST_IMAGE, docker, removeTestContainers, runContainer, uniqueName, waitForState, waitUpOverASecond} from '../helpers/docker.js';
import {disposeAllTerms, startTerm, type Term} from '../helpers/term.js';

/** One table row as drawn: the selection mark and each cell under its column title. */
interface Row {
	selected: boolean;
	cells: Record<string, string>;
}

const EMPTY_TEXTS: string[] = [messages.noContainers, messages.noRunning, messages.noMatch];

/** The container table on a screen, cut into cells at the positions of the column titles. */
function parseTable(screen: string): {titles: string[]; rows: Row[]} {
	const lines = screen.split('\n');
	const headerIndex = lines.findIndex((line) => /^ {2}\S/.test(line) && /\bNAMES\b/.test(line) && /\bSTATUS\b/.test(line));
	if (headerIndex < 0) return {titles: [], rows: []};
	const header = lines[headerIndex]!;
	const titles = [...header.matchAll(/\S+(?: \S+)*/g)].map((match) => ({title: match[0], start: match.index}));
	const rows: Row[] = [];
	for (const line of lines.slice(headerIndex + 1)) {
		if (!/^(?:› | {2})\S/.test(line)) break;
		const body = line.slice(2).trim();
		if (EMPTY_TEXTS.includes(body) || body.startsWith('connecting to')) break;
		const cells: Record<string, string> = {};
		titles.forEach(({title, start}, index) => {
			cells[title] = line.slice(start, titles[index + 1]?.start ?? line.length).trim();
		});
		rows.push({selected: line.startsWith('›'), cells});
	}
	return {titles: titles.map((t) => t.title), rows};
}

/** Names in screen order. */
const screenNames = (screen: string) => parseTable(screen).rows.map((row) => row.cells['NAMES'] ?? '');
/** The NAMES cell of the selected row ('' when none). */
const selectedName = (screen: string) => parseTable(screen).rows.find((row) => row.selected)?.cells['NAMES'] ?? '';
const sorted = (names: readonly string[]) => [...names].sort();

/** `docker ps -a [args]` names, sorted. */
async function dockerNames(args: string[] = ['-a']): Promise<string[]> {
	const out = await docker(['ps', ...args, '--format', '{{.Names}}']);
	return out ? sorted(out.split('\n')) : [];
}

/** Whether a NAMES cell shows `name`: whole, or cut in the middle ("e2e-l…09701ac5") on a narrow terminal. */
function showsName(cell: string, name: string): boolean {
	if (cell === name) return true;
	const [head, tail, ...rest] = cell.split('…');
	return rest.length === 0 && tail !== undefined && cell.length < name.length && name.startsWith(head!) && name.endsWith(tail);
}

/** Waits until the table shows exactly `expected` (in any order; names cut in the middle count). */
async function waitForNames(term: Term, expected: readonly string[], timeout = 10_000): Promise<void> {
	const want = sorted(expected);
	const shows = (screen: string) => {
		const cells = screenNames(screen);
		return cells.length === want.length && want.every((name) => cells.filter((cell) => showsName(cell, name)).length === 1);
	};
	await term.waitFor(shows, timeout, `the table to show exactly ${JSON.stringify(want)}`);
}

/** Screen rows (0-based) that the emulator had to wrap: a line wider than the terminal. */
function wrappedLines(term: Term): number[] {
	const buffer = term.xterm.buffer.active;
	const wrapped: number[] = [];
	for (let y = 0; y < term.rows; y++) if (buffer.getLine(buffer.viewportY + y)?.isWrapped) wrapped.push(y);
	return wrapped;
}

/** The frame is whole: header on the first line, key hints on the last, nothing wrapped. */
function expectIntact(term: Term): void {
	expect(term.line(0)).toMatch(/^porthole {2}/);
	expect(term.line(-1)).toMatch(/^j\/k move/);
	expect(wrappedLines(term)).toEqual([]);
}

/** Starts porthole and waits until it lists every container `docker ps` (with `psArgs`) lists. */
async function start(options: {cols?: number; rows?: number; args?: string[]; psArgs?: string[]} = {}): Promise<Term> {
	const term = startTerm({cols: options.cols ?? 100, rows: options.rows ?? 30, args: options.args ?? []});
	await waitForNames(term, await dockerNames(options.psArgs ?? ['-a']));
	// A frame can reach the emulator in several chunks: read the screen once output pauses.
	await term.waitForIdle(100);
	return term;
}

const c = {
	run1: uniqueName('e2e-list-run'),
	run2: uniqueName('e2e-list-run'),
	run3: uniqueName('e2e-list-run'),
	paused: uniqueName('e2e-list-paused'),
	exit0: uniqueName('e2e-list-exit0'),
	exit3: uniqueName('e2e-list-exit3'),
	created: uniqueName('e2e-list-created'),
};
const fltPrefix = uniqueName('e2e-flt');
/** The keys the container list's help lists: its own, every list's, what can come up from it, and the global ones. */
const LIST_HELP = BINDINGS.filter((binding) => ['containers', 'list', 'dialog', 'filter', 'command', 'global', 'help'].includes(binding.scope));
const flt = {run1: `${fltPrefix}-r1`, run2: `${fltPrefix}-r2`, exited: `${fltPrefix}-x`};

beforeAll(async () => {
	await removeTestContainers();
	const sleeper = [TEST_IMAGE, 'sleep', '600'];
	await Promise.all([
		runContainer(c.run1, sleeper),
		runContainer(c.run2, sleeper),
		runContainer(c.run3, sleeper),
		runContainer(c.paused, sleeper),
		runContainer(c.exit0, [TEST_IMAGE, 'true']),
		runContainer(c.exit3, [TEST_IMAGE, 'sh', '-c', 'exit 3']),
		runContainer(c.created, [TEST_IMAGE, 'true'], {detach: false}),
		runContainer(flt.run1, sleeper),
		runContainer(flt.run2, sleeper),
		runContainer(flt.exited, [TEST_IMAGE, 'true']),
	]);
	await waitForState(c.paused, 'running');
	await docker(['pause', c.paused]);
	await Promise.all([waitForState(c.exit0, 'exited'), waitForState(c.exit3, 'exited'), waitForState(flt.exited, 'exited'), waitUpOverASecond(c.paused)]);
});

afterEach(disposeAllTerms);
afterAll(removeTestContainers);

describe('the container list', () => {
	it('shows every container of the engine at 100×30, each with its state, inside the terminal', async () => {
		const term = await start({cols: 100, rows: 30});
		expectIntact(term);
		const {titles, rows} = parseTable(term.screen());
		expect(titles).toEqual(expect.arrayContaining(['STATUS', 'NAMES']));
		expect(rows.filter((row) => row.selected)).toHaveLength(1);
		const status = (name: string) => rows.find((row) => row.cells['NAMES'] === name)?.cells['STATUS'];
		expect(status(c.run1)).toMatch(/^Up /);
		expect(status(c.paused)).toMatch(/^Up .*\(Paused\)$/);
		expect(status(c.exit0)).toMatch(/^Exited \(0\) /);
		expect(status(c.exit3)).toMatch(/^Exited \(3\) /);
		expect(status(c.created)).toBe('Created');
	});

	it('fits 80×24 and keeps NAMES and STATUS', async () => {
		const term = await start({cols: 80, rows: 24});
		expectIntact(term);
		const {titles, rows} = parseTable(term.screen());
		expect(titles).toEqual(expect.arrayContaining(['STATUS', 'NAMES']));
		for (const row of rows) expect(row.cells['STATUS']).toMatch(/^(?:Up|Exited|Created)\b/);
	});

	it('shows a container created with the docker CLI within 1 s, and drops a removed one within 1 s', async () => {
		const term = await start();
		const name = uniqueName('e2e-list-new');
		await runContainer(name, [TEST_IMAGE, 'sleep', '600']);
		let t0 = Date.now();
		await term.waitFor((screen) => screenNames(screen).includes(name), 5000, `${name} to appear`);
		const appeared = Date.now() - t0;
		await docker(['rm', '-f', name]);
		t0 = Date.now();
		await term.waitFor((screen) => !screenNames(screen).includes(name), 5000, `${name} to disappear`);
		const disappeared = Date.now() - t0;
		expect({appeared: appeared < 1000, disappeared: disappeared < 1000}, `appeared after ${appeared} ms, gone after ${disappeared} ms`).toEqual({
			appeared: true,
			disappeared: true,
		});
		expectIntact(term);
	});

	it('moves the selection with j, k, G and g', async () => {
		const term = await start();
		const names = screenNames(term.screen());
		expect(names.length).toBeGreaterThan(3);
		expect(selectedName(term.screen())).toBe(names[0]);
		const expectSelected = async (index: number) =>
			term.waitFor((screen) => selectedName(screen) === names[index], 2000, `row ${index} (${names[index]}) to be selected`);
		await term.press('j');
		await expectSelected(1);
		await term.press('j');
		await expectSelected(2);
		await term.press('k');
		await expectSelected(1);
		await term.press('G');
		await expectSelected(names.length - 1);
		await term.press('g');
		await expectSelected(0);
		// Exactly one row carries the mark, and it starts the line.
		expect(term.screen().split('\n').filter((line) => line.startsWith('›'))).toHaveLength(1);
	});

	it('keeps the selection on the same container when a new one sorts above it', async () => {
		const term = await start();
		const before = screenNames(term.screen());
		const chosen = before[2]!;
		await term.press('j');
		await term.waitFor((screen) => selectedName(screen) === before[1], 2000, 'the second row selected');
		await term.press('j');
		await term.waitFor((screen) => selectedName(screen) === chosen, 2000, 'the third row selected');
		// Newest first, ties by name: "aaa-…" sorts above every other row either way.
		const name = uniqueName('aaa-e2e-list-top');
		await runContainer(name, [TEST_IMAGE, 'sleep', '600']);
		try {
			await term.waitFor((screen) => screenNames(screen)[0] === name, 5000, `${name} on the first row`);
			await term.waitForIdle(100);
			expect(selectedName(term.screen())).toBe(chosen);
			expect(screenNames(term.screen()).indexOf(chosen)).toBe(3);
		} finally {
			await docker(['rm', '-f', name]);
		}
	});

	it('filters with / status=exited as docker ps --filter does, and Esc clears', async () => {
		const term = await start();
		const all = await dockerNames();
		const exited = await dockerNames(['-a', '--filter', 'status=exited']);
		expect(exited.length).toBeGreaterThan(1);
		expect(exited.length).toBeLessThan(all.length);

		await term.press('/');
		await term.waitForText(messages.filterPrompt.trim());
		await term.type('status=exited');
		await term.waitForText(`${messages.filterPrompt}status=exited`, {timeout: 2000});
		await term.press('enter');
		await waitForNames(term, exited, 3000);
		await term.waitForIdle(100);
		expect(term.screen()).toContain('filter: status=exited');
		expectIntact(term);

		await term.press('escape');
		await waitForNames(term, all, 3000);
		await term.waitForNoText('filter:', {timeout: 2000});
		expectIntact(term);
	});

	it('reports an unknown filter key inline and leaves the list as it was; Esc clears', async () => {
		const term = await start();
		const all = await dockerNames();
		await term.press('/');
		await term.waitForText(messages.filterPrompt.trim());
		// Typed as a user types it, one key at a time.
		await term.type('bogus=1');
		await term.waitForText(`${messages.filterPrompt}bogus=1`, {timeout: 2000});
		await term.waitForText("Invalid filter 'bogus'", {timeout: 2000});
		await term.press('enter');
		await term.waitForText(/filter: bogus=1 +— rows for: no filter \(all shown\) · Invalid filter 'bogus'/, {timeout: 2000});
		// Give a (wrong) refresh time to land: the list must stay as it was.
		await new Promise((resolve) => setTimeout(resolve, 400));
		// BUG (ui/App.tsx reduce 'filterText'): while typing, "b", "bo" … "bogus" were applied as free
		// words; when "bogus=1" fails to parse, the words of the last good parse ("bogus") stay in force,
		// so the list shows "No container matches" under the error instead of the list as it was.
		expect(sorted(screenNames(term.screen()))).toEqual(all);

		await term.press('escape');
		await term.waitForNoText('Invalid filter', {timeout: 2000});
		await waitForNames(term, all, 2000);
		expectIntact(term);
	});

	it('applies --filter status=running --filter name=X from the command line as docker ps does', async () => {
		const args = ['--filter', 'status=running', '--filter', `name=${fltPrefix}`];
		const expected = await dockerNames(['-a', ...args]);
		expect(expected).toEqual(sorted([flt.run1, flt.run2]));
		const term = await start({args, psArgs: ['-a', ...args]});
		expect(term.screen()).toContain(`filter: status=running name=${fltPrefix}`);
		expectIntact(term);
	});

	it('a --filter the daemon refuses is reported in its own words, not as a lost connection', async () => {
		// docker ps -a --filter before=<no such container> fails with the daemon's "no such container …".
		const missing = uniqueName('e2e-no-such-container');
		await expect(docker(['ps', '-a', '--filter', `before=${missing}`])).rejects.toThrow(/no such container/i);
		const term = startTerm({cols: 160, rows: 30, args: ['--filter', `before=${missing}`]});
		// BUG (store/containers.ts connect()): the daemon answers 500, which toEngineError maps to code
		// 'engine'; connect() only treats 'bad-request' as a refused filter and sends everything else to
		// onDisconnect, so porthole shows "disconnected from …" and retries for ever against a healthy daemon.
		await term.waitForText(`no such container ${missing}`, {timeout: 5000});
		expect(term.screen()).not.toContain('disconnected');
		await waitForNames(term, await dockerNames(), 5000);
	});

	it('a toggles running-only (as docker ps without -a), and --running starts there', async () => {
		const running = await dockerNames([]);
		const all = await dockerNames();
		expect(running.length).toBeLessThan(all.length);
		/** Waits for the header to say `showing` and the table to hold exactly `names`. */
		const expectShowing = async (term: Term, showing: string, names: string[]) => {
			await term.waitFor((screen) => screen.split('\n')[1]!.includes(showing), 3000, `header "${showing}"`);
			await waitForNames(term, names, 3000);
		};
		const term = await start({cols: 200});
		await expectShowing(term, `showing ${all.length} (all)`, all);
		await term.press('a');
		await expectShowing(term, `showing ${running.length} (running)`, running);
		await term.press('a');
		await expectShowing(term, `showing ${all.length} (all)`, all);

		const flagged = await start({cols: 200, args: ['--running'], psArgs: []});
		await expectShowing(flagged, `showing ${running.length} (running)`, running);
		await flagged.press('a');
		await expectShowing(flagged, `showing ${all.length} (all)`, all);
	});

	it('s cycles the sort column and S reverses it, shown in the header', async () => {
		const term = await start({cols: 200});
		const collator = new Intl.Collator('en', {numeric: true, sensitivity: 'base'});
		const byName = [...(await dockerNames())].sort(collator.compare);
		/** Waits for the header to show `sort` and the rows to pass `order` (frames can arrive in pieces). */
		const expectSort = async (sort: string, order: (names: string[], screen: string) => boolean) =>
			term.waitFor((screen) => screen.split('\n')[1]!.includes(`sort: ${sort}`) && order(screenNames(screen), screen), 2000, `sort: ${sort}`);
		const same = (a: readonly string[], b: readonly string[]) => JSON.stringify(a) === JSON.stringify(b);
		expect(term.line(1)).toContain('sort: created ↓');
		await term.press('s');
		await expectSort('name ↓', (names) => same(names, byName));
		await term.press('S');
		await expectSort('name ↑', (names) => same(names, [...byName].reverse()));
		await term.press('s');
		await expectSort('image ↓', () => true);
		await term.press('s');
		// Status order: live ones (running, then paused) above created, created above exited.
		const states = (screen: string) =>
			parseTable(screen)
				.rows.map((row) => (row.cells['STATUS'] ?? '').replace(/^Up .*\(Paused\)$/, 'P').replace(/^Up .*/, 'U')[0])
				.join('');
		await expectSort('status ↓', (_names, screen) => /^U+P+C+E+$/.test(states(screen)));
	});

	it('keeps "sort: …" and "showing N (all)" visible in the header at 100 columns', async () => {
		// The host CPU/MEM totals once sat before "showing … · sort: …" and pushed it off at 100 columns;
		// wait until figures are measured (so the totals exist) and check the part that answers s, S and a.
		const term = await start({cols: 100});
		await term.waitForText(/\d+\.\d\d%/, {timeout: 5000});
		expect(term.line(1)).toContain('sort: created ↓');
	});

	/** The help's "(first–last of total" range, or undefined when it fits without scrolling. */
	function helpRange(screen: string): {first: number; last: number; total: number} | undefined {
		const match = /\((\d+)–(\d+) of (\d+), j\/k to scroll\)/.exec(screen);
		return match ? {first: Number(match[1]), last: Number(match[2]), total: Number(match[3])} : undefined;
	}

	/** Opens the help and scrolls it to the end with j, collecting every line seen; ends on the last page. */
	async function readWholeHelp(term: Term): Promise<{seen: string; pages: number}> {
		await term.press('?');
		await term.waitForText(messages.helpTitle, {timeout: 2000});
		await term.waitForIdle(100);
		let seen = '';
		for (let pages = 1; pages < 20; pages++) {
			const screen = term.screen();
			seen += screen + '\n';
			expect(wrappedLines(term)).toEqual([]);
			const range = helpRange(screen);
			if (!range || range.last === range.total) return {seen, pages};
			await term.press('j');
			await term.waitFor((next) => (helpRange(next)?.first ?? 0) > range.first, 2000, 'the help to scroll down');
			await term.waitForIdle(100);
		}
		throw new Error('the help never reached its end');
	}

	it.each([
		{cols: 100, rows: 30},
		{cols: 80, rows: 24},
	])('? opens a help built from the key table, every key reachable at $cols×$rows; Esc closes it', async ({cols, rows}) => {
		const term = await start({cols, rows});
		const {seen} = await readWholeHelp(term);
		// A title longer than its column is cut with "…": its first 20 characters must be there.
		const missing = LIST_HELP.filter((binding) => !seen.includes(binding.title.slice(0, 20))).map((binding) => binding.title);
		expect(missing).toEqual([]);
		await term.press('escape');
		await term.waitForNoText(messages.helpTitle, {timeout: 2000});
		await term.waitForIdle(100);
		expectIntact(term);
		expect(parseTable(term.screen()).rows.length).toBeGreaterThan(0);
	});

	it('at 160×48 the list\'s help fits one screen in columns: this view first, then quit and help, dangerous keys marked ✎', async () => {
		const term = await start({cols: 160, rows: 48});
		await term.press('?');
		await term.waitForText(messages.helpTitle, {timeout: 2000});
		await term.waitForIdle(100);
		const screen = term.screen();
		expect(helpRange(screen), 'no scrolling needed').toBeUndefined();
		expect(wrappedLines(term)).toEqual([]);
		for (const binding of LIST_HELP) expect(screen, binding.title).toContain(binding.title.slice(0, 18));
		// The other views' keys are theirs: the logs' are not here.
		expect(screen).not.toContain('Scroll down (the bottom resumes following)');
		expect(screen).toContain('Other views: press ? there');
		expect(screen).toMatch(/q Ctrl-C +Quit/);
		expect(screen).toMatch(/x +✎ Stop/);
		expect(screen).toMatch(/\? +Help: every key/);
		// The list's own section and "Everywhere" both open the first column: read first.
		expect(screen).toMatch(/^│Container list/m);
		expect(screen).toMatch(/^│Everywhere/m);
	});

	it('at 80×24 G jumps to the end of the help and g back to the top', async () => {
		const term = await start({cols: 80, rows: 24});
		await term.press('?');
		await term.waitForText(messages.helpTitle, {timeout: 2000});
		const first = helpRange(term.screen())!;
		expect(first.first).toBe(1);
		await term.press('G');
		await term.waitFor((screen) => helpRange(screen)?.last === first.total, 2000, 'the end of the help');
		expect(term.screen()).toContain('End of the help');
		await term.press('g');
		await term.waitFor((screen) => helpRange(screen)?.first === 1, 2000, 'the top of the help');
	});

	it('scrolls the help back up with k at once, even after j was pressed on its last page', async () => {
		const term = await start({cols: 100, rows: 30});
		const {pages} = await readWholeHelp(term);
		expect(pages).toBeGreaterThan(1);
		const last = helpRange(term.screen())!;
		await term.press('j'); // one more on the last page: nothing more to show
		await term.waitForIdle(200);
		expect(helpRange(term.screen())).toEqual(last);
		// BUG (ui/App.tsx helpDown / reduce 'helpScroll'): helpScroll has no upper bound, so the extra j
		// scrolled an invisible page past the end and this k only cancels it; the help does not move.
		await term.press('k');
		await term.waitFor((screen) => (helpRange(screen)?.first ?? Infinity) < last.first, 2000, 'the help to scroll up');
	});

	it.each([
		{how: 'q', exitCode: 0, end: (term: Term) => term.write('q')},
		// As shells do: 128 + SIGINT.
		{how: 'Ctrl-C', exitCode: 130, end: (term: Term) => term.write('\x03')},
		{how: 'SIGTERM', exitCode: 143, end: (term: Term) => process.kill(term.pid, 'SIGTERM')},
	])('$how ends porthole with exit code $exitCode and gives back the normal screen', async ({exitCode, end}) => {
		const term = await start();
		expect(term.isAlternateScreen()).toBe(true);
		end(term);
		const exit = await term.exited;
		expect(exit.exitCode).toBe(exitCode);
		expect(term.isAlternateScreen()).toBe(false);
		const raw = term.raw().toString('latin1');
		expect(raw.lastIndexOf('\x1b[?1049l')).toBeGreaterThan(raw.lastIndexOf('\x1b[?1049h'));
		expect(raw.lastIndexOf('\x1b[?25h')).toBeGreaterThan(raw.lastIndexOf('\x1b[?25l'));
		// Nothing of the frame is left on the normal screen.
		expect(term.screen()).not.toContain('NAMES');
	});

	it('at 80×24 shows IMAGE, STATUS, CPU %, MEM USAGE / LIMIT and NAMES, as the README says, and a footer ending in "q quit"', async () => {
		const term = await start({cols: 80, rows: 24});
		const {titles, rows} = parseTable(term.screen());
		expect(titles).toEqual(['IMAGE', 'STATUS', 'CPU %', 'MEM USAGE / LIMIT', 'NAMES']);
		// porthole-test/busybox:latest, cut in the middle to keep the tag.
		for (const row of rows) expect(row.cells['IMAGE']).toMatch(/^por.*….*latest$/);
		expect(term.line(-1)).toMatch(/^j\/k move .*  \? help {2}q quit$/);
		expectIntact(term);
	});

	it('redraws on resize 100×30 → 50×12 → 30×6 (too small) → 100×30', async () => {
		const term = await start({cols: 100, rows: 30});
		const all = await dockerNames();

		term.resize(50, 12);
		await term.waitFor((screen) => screen.split('\n')[2]!.startsWith('  ') && /NAMES/.test(screen.split('\n')[2]!), 3000, 'the table header at 50×12');
		await term.waitForIdle(150);
		expectIntact(term);
		const small = parseTable(term.screen()).rows;
		expect(small.length).toBe(Math.min(all.length, 12 - 5));
		expect(small.filter((row) => row.selected)).toHaveLength(1);
		for (const row of small) expect(all.filter((name) => showsName(row.cells['NAMES'] ?? '', name))).toHaveLength(1);

		term.resize(30, 6);
		await term.waitForText('too small', {timeout: 3000});
		await term.waitForIdle(150);
		expect(term.screen().replace(/\s+/g, ' ').trim()).toBe('Terminal too small (30×6). porthole needs at least 40×8.');

		term.resize(100, 30);
		await waitForNames(term, all, 3000);
		await term.waitForIdle(150);
		expectIntact(term);
		expect(term.screen()).not.toContain('too small');
	});

	it('shows the server and API version and the counts docker info reports, and follows them live', async () => {
		const term = await start({cols: 200});
		const [version, apiVersion] = (await docker(['version', '--format', '{{.Server.Version}} {{.Server.APIVersion}}'])).split(' ');
		expect(term.line(0)).toContain(`Docker ${version} (API ${apiVersion})`);
		const counts = async () => {
			const info = JSON.parse(await docker(['info', '--format', '{{json .}}'])) as Record<string, number>;
			const images = info['Images']!;
			return `${info['ContainersRunning']} running · ${info['ContainersPaused']} paused · ${info['ContainersStopped']} stopped · ${images} image${images === 1 ? '' : 's'}`;
		};
		const expectCounts = async (what: string) => {
			const want = await counts();
			await term.waitFor((screen) => screen.split('\n')[1]!.startsWith(want), 3000, `header counts "${want}" (${what})`);
		};
		await expectCounts('at start');
		await docker(['pause', c.run3]);
		try {
			await expectCounts('after docker pause');
		} finally {
			await docker(['unpause', c.run3]);
		}
		await expectCounts('after docker unpause');
	});
});
