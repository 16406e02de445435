// The logs pane against the real private dockerd: the built CLI in a pty, checked line by line
// against `docker logs` on the same daemon — tail, following latency, timestamps, stderr marks,
// TTY containers, search/regex/filter, save, merged views, exit markers, resuming after a
// restart, a hostile corpus (nothing but text reaches the terminal) and a 10,000 lines/s flood
// (responsive, bounded memory).
import {execFile} from 'node:child_process';
import {mkdtemp, readFile, rm, stat} from 'node:fs/promises';
import {readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {TEST_IMAGE, docker, engineHost, removeTestContainers, runContainer, uniqueName, waitForState} from '../helpers/docker.js';
import {expectKeysAct} from '../helpers/screen.js';
import {disposeAllTerms, startTerm, type Term} from '../helpers/term.js';

const sleep = async (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ── Reading the logs pane ────────────────────────────────────────────────────────────────────

/** The logs pane on a screen: status line ("Logs <name> …"), body rows, info line, footer. */
function pane(screen: string): {status: string; statusRow: number; body: string[]; info: string; footer: string} {
	const lines = screen.split('\n');
	const statusRow = lines.findIndex((line) => line.startsWith('Logs '));
	const body = statusRow < 0 ? [] : lines.slice(statusRow + 1, lines.length - 2);
	while (body.length > 0 && body.at(-1) === '') body.pop();
	return {status: lines[statusRow] ?? '', statusRow, body, info: lines.at(-2) ?? '', footer: lines.at(-1) ?? ''};
}

/** Body rows without their one-column gutter (' ' stdout, '▌' stderr, '■' marker). */
const texts = (screen: string) => pane(screen).body.map((row) => row.slice(1));

/** The background of one cell, as 'default', 'p<palette index>' or 'rgb<value>'. */
function background(term: Term, row: number, column: number): string {
	const buffer = term.xterm.buffer.active;
	const cell = buffer.getLine(buffer.viewportY + row)?.getCell(column);
	if (!cell || cell.isBgDefault()) return 'default';
	return cell.isBgPalette() ? `p${cell.getBgColor()}` : `rgb${cell.getBgColor()}`;
}

/** The foreground of one cell, in the same form. */
function foreground(term: Term, row: number, column: number): string {
	const buffer = term.xterm.buffer.active;
	const cell = buffer.getLine(buffer.viewportY + row)?.getCell(column);
	if (!cell || cell.isFgDefault()) return 'default';
	return cell.isFgPalette() ? `p${cell.getFgColor()}` : `rgb${cell.getFgColor()}`;
}

/** Screen rows (0-based) the emulator had to wrap: a line wider than the terminal. */
function wrappedRows(term: Term): number[] {
	const buffer = term.xterm.buffer.active;
	const wrapped: number[] = [];
	for (let y = 0; y < term.rows; y++) if (buffer.getLine(buffer.viewportY + y)?.isWrapped) wrapped.push(y);
	return wrapped;
}

/** Starts porthole listing only containers whose name contains `filter`; waits for `first` on screen. */
async function start(filter: string, first: string, options: {args?: string[]; cols?: number; rows?: number} = {}): Promise<Term> {
	const term = startTerm({
		cols: options.cols ?? 100,
		rows: options.rows ?? 30,
		args: ['--filter', `name=${filter}`, ...(options.args ?? [])],
		// A user's config file must not change the default tail: the default place is empty here.
		env: {PORTHOLE_CONFIG: undefined, XDG_CONFIG_HOME: '/nonexistent/porthole-e2e-config'},
	});
	await term.waitForText(first, {timeout: 10_000});
	await term.waitForIdle(150);
	return term;
}

/** Opens the logs of the selected (only) container and waits for its first line. */
async function openLogs(term: Term, name: string, firstLine: string | RegExp): Promise<void> {
	await term.press('l');
	await term.waitForText(`Logs ${name}`, {timeout: 5000});
	await term.waitFor((screen) => texts(screen).some((row) => (typeof firstLine === 'string' ? row.includes(firstLine) : firstLine.test(row))), 8000, `${String(firstLine)} in the logs body`);
	await term.waitForIdle(150);
}

/** Types into the open prompt after clearing what it holds (Ctrl-U), then presses Enter. */
async function answer(term: Term, text: string): Promise<void> {
	await term.press('ctrl-u');
	await term.type(text);
	await term.press('enter');
}

// ── The docker CLI's view ────────────────────────────────────────────────────────────────────

/** `docker logs <args>` split into lines: stdout only, or stdout and stderr through one pipe (`2>&1`). */
async function dockerLogs(args: string[], {merged = false} = {}): Promise<string[]> {
	const host = engineHost();
	const quoted = args.map((arg) => `'${arg.replaceAll("'", "'\\''")}'`).join(' ');
	const command = merged ? `docker logs ${quoted} 2>&1` : `docker logs ${quoted} 2>/dev/null`;
	const out = await new Promise<string>((resolve, reject) => {
		execFile('sh', ['-c', command], {env: {...process.env, DOCKER_HOST: host}, maxBuffer: 256 * 1024 * 1024, encoding: 'latin1'}, (error, stdout) =>
			error ? reject(error) : resolve(stdout),
		);
	});
	const lines = out.split('\n');
	if (lines.at(-1) === '') lines.pop();
	return lines;
}

/** `docker logs <name> 2>&1 | grep <flags> <pattern>`: grep's count. */
async function grepCount(name: string, flags: string, pattern: string): Promise<number> {
	const host = engineHost();
	const out = await new Promise<string>((resolve, reject) => {
		execFile('sh', ['-c', 'docker logs "$1" 2>&1 | grep "$2" -e "$3"', 'sh', name, flags, pattern], {env: {...process.env, DOCKER_HOST: host}}, (error, stdout) =>
			// grep exits 1 when nothing matched: a count of 0, not a failure.
			error && (error as {code?: number}).code !== 1 ? reject(error) : resolve(stdout),
		);
	});
	return Number(out.trim());
}

/** VmRSS of a process in bytes. */
function rss(pid: number): number {
	const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	if (!match) throw new Error(`no VmRSS for ${pid}`);
	return Number(match[1]) * 1024;
}

const MiB = 1024 * 1024;

/** "N older dropped" from the status line. */
function droppedCount(screen: string): number {
	const match = / · ([\d,]+) older dropped/.exec(pane(screen).status);
	return match ? Number(match[1]!.replaceAll(',', '')) : 0;
}

// ── Containers shared by several tests ───────────────────────────────────────────────────────

/** 500 numbered lines, every tenth (7, 17, …, 497) with a mixed-case needle; then it idles. */
const corpus = uniqueName('e2e-logs-corpus');
const CORPUS_SCRIPT = 'i=1; while [ $i -le 500 ]; do if [ $((i % 10)) -eq 7 ]; then echo "line-$i NeeDLE here"; else echo "line-$i"; fi; i=$((i+1)); done; while :; do sleep 1; done';
/** Ten lines on stdout and ten on stderr, alternately. */
const mixed = uniqueName('e2e-logs-mixed');
const MIXED_SCRIPT = 'for i in 1 2 3 4 5 6 7 8 9 10; do echo "out-$i"; echo "err-$i" >&2; done; while :; do sleep 1; done';

let scratch: string;

beforeAll(async () => {
	await removeTestContainers();
	scratch = await mkdtemp(path.join(tmpdir(), 'ph-logs-'));
	await Promise.all([runContainer(corpus, [TEST_IMAGE, 'sh', '-c', CORPUS_SCRIPT]), runContainer(mixed, [TEST_IMAGE, 'sh', '-c', MIXED_SCRIPT])]);
	// Both wrote everything before any test reads them.
	const deadline = Date.now() + 10_000;
	while (Date.now() < deadline) {
		const [a, b] = await Promise.all([dockerLogs([corpus]), dockerLogs([mixed], {merged: true})]);
		if (a.length === 500 && b.length === 20) return;
		await sleep(100);
	}
	throw new Error('the corpus containers did not write their lines in 10 s');
});

afterEach(disposeAllTerms);
afterAll(async () => {
	await removeTestContainers();
	await rm(scratch, {recursive: true, force: true});
});

describe('logs of one container', () => {
	it('starts with --tail lines, and T changes the tail: the lines are docker logs --tail', async () => {
		const term = await start(corpus, corpus, {args: ['--tail', '50'], rows: 20});
		await openLogs(term, corpus, 'line-500');
		await term.waitForText(/ · tail 50 · 50 lines\b/, {timeout: 3000});
		let view = pane(term.screen());
		expect(view.status).toMatch(new RegExp(`^Logs ${corpus} following · tail 50 · 50 lines$`));
		const last50 = await dockerLogs(['--tail', '50', corpus]);
		expect(last50).toHaveLength(50);
		// Following: the newest line is on the last body row, and the rows above are docker's lines before it.
		expect(texts(term.screen())).toEqual(last50.slice(-view.body.length));

		await term.press('T');
		await term.waitForText('tail (lines, or all)› 50', {timeout: 2000});
		await answer(term, '20');
		await term.waitForText(/ · tail 20 · 20 lines$/m, {timeout: 5000});
		await term.waitForIdle(150);
		const last20 = await dockerLogs(['--tail', '20', corpus]);
		view = pane(term.screen());
		// 15 body rows: the first of the 20 lines is above the pane until g.
		expect(view.body).toHaveLength(15);
		expect(texts(term.screen())).toEqual(last20.slice(-15));
		await term.press('g');
		await term.waitFor((screen) => texts(screen)[0] === last20[0], 2000, `${last20[0]} on the first body row`);
		expect(texts(term.screen())).toEqual(last20.slice(0, 15));
		expect(pane(term.screen()).status).toContain('paused — 0 new lines');
	});

	it('--log-buffer bounds the lines kept: the oldest are dropped and counted, the newest are docker\'s', async () => {
		const term = await start(corpus, corpus, {args: ['--tail', 'all', '--log-buffer', '100'], rows: 20});
		await openLogs(term, corpus, 'line-500');
		await term.waitForText(/ · tail all · 100 lines · 400 older dropped$/m, {timeout: 5000});
		await term.press('g');
		const last100 = await dockerLogs(['--tail', '100', corpus]);
		await term.waitFor((screen) => texts(screen)[0] === last100[0], 2000, `${last100[0]} on the first body row`);
		expect(last100[0]).toBe('line-401');
	});

	it('--log-buffer refuses a size it cannot use, before taking the screen', async () => {
		const term = startTerm({cols: 100, rows: 10, args: ['--log-buffer', '12']});
		const exit = await term.exited;
		expect(exit.exitCode).toBe(1);
		expect(term.screen()).toContain('porthole: --log-buffer must be a whole number of lines from 100 to 1,000,000 (got "12").');
	});

	it('t shows the daemon timestamps, equal to docker logs -t for the same lines', async () => {
		const term = await start(corpus, corpus);
		await openLogs(term, corpus, 'line-500');
		const before = texts(term.screen());
		await term.press('t');
		await term.waitForText(/ · timestamps$/m, {timeout: 2000});
		await term.waitForIdle(100);
		const shown = texts(term.screen());
		expect(shown).toHaveLength(before.length);
		const stamped = await dockerLogs(['-t', '--tail', String(shown.length), corpus]);
		expect(shown).toEqual(stamped);
		for (const row of shown) expect(row).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z line-\d+/);
		await term.press('t');
		await term.waitForNoText(/ · timestamps$/m, {timeout: 2000});
		expect(texts(term.screen())).toEqual(before);
	});

	it('follows: a new line is on screen within 1 s of docker logs having it', async () => {
		const name = uniqueName('e2e-logs-tick');
		await runContainer(name, [TEST_IMAGE, 'sh', '-c', 'i=0; while :; do i=$((i+1)); echo "tick-$i"; sleep 1; done']);
		const term = await start(name, name);
		await openLogs(term, name, /^tick-\d+$/);
		// When each tick line first reached the screen, and when docker logs first had it.
		const onScreen = new Map<string, number>();
		const stopWatching = term.waitFor(
			(screen) => {
				for (const row of texts(screen)) if (/^tick-\d+$/.test(row) && !onScreen.has(row)) onScreen.set(row, Date.now());
				return false;
			},
			6000,
			'watching',
		);
		stopWatching.catch(() => undefined);
		const inDocker = new Map<string, number>();
		const deadline = Date.now() + 4500;
		while (Date.now() < deadline) {
			const [line] = await dockerLogs(['--tail', '1', name]);
			if (line && !inDocker.has(line)) inDocker.set(line, Date.now());
			await sleep(20);
		}
		await sleep(1100);
		// The first line docker had may predate the poll; the others were new while both watched.
		const fresh = [...inDocker.entries()].slice(1);
		expect(fresh.length).toBeGreaterThanOrEqual(3);
		const latencies = fresh.map(([line, at]) => ({line, ms: (onScreen.get(line) ?? Number.POSITIVE_INFINITY) - at}));
		console.log(`following: ms from docker logs to screen ${JSON.stringify(latencies.map(({ms}) => ms))}`);
		expect(latencies.filter(({ms}) => ms >= 1000), JSON.stringify(latencies)).toEqual([]);
		expect(pane(term.screen()).status).toMatch(/^Logs \S+ following · /);
	});

	it('marks stderr lines with a red ▌ and stdout lines with none', async () => {
		const term = await start(mixed, mixed);
		await openLogs(term, mixed, 'err-10');
		const view = pane(term.screen());
		expect(view.body).toHaveLength(20);
		const all = await dockerLogs([mixed], {merged: true});
		expect([...texts(term.screen())].sort()).toEqual([...all].sort());
		for (const [index, row] of view.body.entries()) {
			const text = row.slice(1);
			if (text.startsWith('err-')) {
				expect(row[0], row).toBe('▌');
				expect(foreground(term, view.statusRow + 1 + index, 0)).toBe('p1');
			} else {
				expect(text).toMatch(/^out-\d+$/);
				expect(row[0], row).toBe(' ');
			}
		}
		// Within each stream, docker's order.
		const stdout = await dockerLogs([mixed]);
		expect(texts(term.screen()).filter((t) => t.startsWith('out-'))).toEqual(stdout);
	});

	it('shows a TTY container (raw stream, CRLF line ends) as plain lines', async () => {
		const name = uniqueName('e2e-logs-tty');
		await runContainer(name, ['-t', TEST_IMAGE, 'sh', '-c', 'echo tty-one; printf "tty-two\\n"; echo "tty-err" >&2; while :; do sleep 1; done']);
		await waitForState(name, 'running');
		const term = await start(name, name);
		await openLogs(term, name, 'tty-err');
		const fromDocker = (await dockerLogs([name], {merged: true})).map((line) => line.replace(/\r$/, ''));
		expect(fromDocker).toEqual(['tty-one', 'tty-two', 'tty-err']);
		// One raw stream: everything is stdout, with no CR left over.
		expect(pane(term.screen()).body).toEqual(fromDocker.map((line) => ` ${line}`));
	});
});

describe('search', () => {
	it('/ counts like grep -ci; n and N move the current hit (its own background) and scroll to it', async () => {
		const term = await start(corpus, corpus, {args: ['--tail', 'all']});
		await openLogs(term, corpus, 'line-500');
		const all = await dockerLogs([corpus]);
		expect(all).toHaveLength(500);
		const hits = all.filter((line) => /needle/i.test(line));
		await term.press('/');
		await term.waitForText('search (text, any case)› ', {timeout: 2000});
		await term.type('needle');
		await term.press('enter');
		await term.waitForText(/^search needle {2}\d+ matching lines/m, {timeout: 3000});
		const count = Number(/search needle {2}(\d+) matching lines/.exec(term.screen())![1]);
		expect(count).toBe(await grepCount(corpus, '-ci', 'needle'));
		expect(count).toBe(hits.length);

		/** The body rows with a match, and which of them has the current-hit background. */
		const current = () => {
			const view = pane(term.screen());
			const rows = view.body
				.map((row, index) => ({text: row.slice(1), y: view.statusRow + 1 + index, x: row.indexOf('NeeDLE')}))
				.filter((row) => row.x >= 0)
				.map((row) => ({...row, bg: background(term, row.y, row.x)}));
			return {rows, current: rows.filter((row) => row.bg === 'p6'), others: rows.filter((row) => row.bg !== 'p6')};
		};
		const expectCurrent = async (line: string) => {
			await term.waitFor(() => current().current.map((row) => row.text).join() === line, 2000, `${line} as the current hit`);
			const {current: now, others} = current();
			expect(now.map((row) => row.text)).toEqual([line]);
			// Other matches on screen are highlighted too, in another colour.
			for (const row of others) expect(row.bg, row.text).toBe('p3');
		};
		// The first hit is the first match from the top of the pane (following: the bottom page).
		const firstIndex = all.indexOf(current().current[0]?.text ?? '');
		expect(firstIndex, term.screen()).toBeGreaterThanOrEqual(0);
		expect(firstIndex).toBeGreaterThanOrEqual(all.length - pane(term.screen()).body.length);
		let hit = hits.indexOf(all[firstIndex]!);
		await expectCurrent(hits[hit]!);
		// n forward to the last match, then it wraps to the first (line-7): the pane scrolls to the top.
		while (hit < hits.length - 1) {
			await term.press('n');
			hit += 1;
			await expectCurrent(hits[hit]!);
		}
		await term.press('n');
		await expectCurrent(hits[0]!);
		expect(texts(term.screen())[0]).toBe(all[0]);
		// N back across the wrap: the pane scrolls to the bottom again.
		await term.press('N');
		await expectCurrent(hits.at(-1)!);
		expect(texts(term.screen())).toContain(all.at(-1));
		await term.press('N');
		await expectCurrent(hits.at(-2)!);
		expect(pane(term.screen()).status).toContain('paused — 0 new lines');
	});

	it('/ opens with the last term selected: typing replaces it, → keeps it to edit; keys act afterwards', async () => {
		const term = await start(corpus, corpus, {args: ['--tail', 'all']});
		await openLogs(term, corpus, 'line-500');
		await term.press('/');
		await term.type('needle');
		await term.press('enter');
		await term.waitForText(/^search needle {2}\d+ matching lines/m, {timeout: 3000});
		await term.press('/');
		await term.waitForText('search (text, any case)› needle', {timeout: 2000});
		// Typed as one burst, as a fast typist does: the whole term is replaced, nothing appended.
		term.write('line-49');
		await term.waitForText(/search \(text, any case\)› line-49 /, {timeout: 2000});
		expect(term.screen()).not.toContain('needleline-49');
		await term.press('enter');
		await term.waitForText(/^search line-49 {2}11 matching lines/m, {timeout: 3000});
		await term.press('/');
		await term.waitForText('search (text, any case)› line-49', {timeout: 2000});
		await term.press('right');
		term.write('0');
		await term.waitForText(/search \(text, any case\)› line-490 /, {timeout: 2000});
		await term.press('enter');
		await term.waitForText(/^search line-490 {2}1 matching line/m, {timeout: 3000});
		// And the view still answers: q goes back to the list, where ? opens help.
		await term.press('q');
		await term.waitForText(/^j\/k move/m, {timeout: 3000});
		await term.press('?');
		await term.waitForText('porthole — keys');
	});

	it('r makes it a regular expression (^line-1[0-9]$, as grep -E); f shows only the matching lines', async () => {
		const term = await start(corpus, corpus, {args: ['--tail', 'all']});
		await openLogs(term, corpus, 'line-500');
		const expected = (await dockerLogs([corpus])).filter((line) => /^line-1[0-9]$/.test(line));
		expect(await grepCount(corpus, '-cE', '^line-1[0-9]$')).toBe(expected.length);
		// line-17 carries the needle, so the anchored expression leaves it out.
		expect(expected).toEqual(['line-10', 'line-11', 'line-12', 'line-13', 'line-14', 'line-15', 'line-16', 'line-18', 'line-19']);
		await term.press('r');
		await term.press('/');
		// The mode left on is shown in the prompt, and the last term is selected: typing replaces it.
		await term.waitForText('search (regex, any case)› ', {timeout: 2000});
		await term.type('^line-1[0-9]$');
		await term.press('enter');
		await term.waitForText(/^regex \^line-1\[0-9\]\$ {2}9 matching lines \(n\/N jump, f filter\)$/m, {timeout: 3000});
		await term.press('f');
		await term.waitForText(/ · 9 lines matching\b/, {timeout: 3000});
		await term.waitForIdle(100);
		expect(texts(term.screen())).toEqual(expected);
		expect(pane(term.screen()).info).toMatch(/9 matching lines \(filter on: f shows all\)$/);
		await term.press('f');
		await term.waitForText(/ · 500 lines\b/, {timeout: 3000});
	});
});

describe('save', () => {
	it('writes what docker logs --tail N prints (stdout and stderr); an existing file is kept unless the user says y', async () => {
		const term = await start(mixed, mixed);
		await openLogs(term, mixed, 'err-10');
		const file = path.join(scratch, 'mixed.log');
		await term.press('s');
		await term.waitForText(new RegExp(`save to› ${mixed}-\\d{8}-\\d{6}\\.log`), {timeout: 2000});
		await answer(term, file);
		await term.waitForText(`Saved 20 lines to ${file}`, {timeout: 3000});
		const saved = (await readFile(file, 'utf8')).split('\n');
		expect(saved.pop()).toBe('');
		const fromDocker = await dockerLogs(['--tail', '20', mixed], {merged: true});
		expect(saved).toHaveLength(fromDocker.length);
		expect([...saved].sort()).toEqual([...fromDocker].sort());
		// Each stream in docker's order (the two pipes of the CLI may interleave differently).
		expect(saved.filter((line) => line.startsWith('out-'))).toEqual(await dockerLogs(['--tail', '20', mixed]));
		expect(saved.filter((line) => line.startsWith('err-'))).toEqual(fromDocker.filter((line) => line.startsWith('err-')));

		const before = await stat(file);
		const content = await readFile(file, 'utf8');
		await term.press('t'); // a different text would be written
		await term.press('s');
		await term.waitForText('save to› ', {timeout: 2000});
		await answer(term, file);
		await term.waitForText(`${file} exists. Overwrite it? y/n`, {timeout: 3000});
		await term.press('n');
		await term.waitForText('Not saved: the file exists.', {timeout: 2000});
		expect(await readFile(file, 'utf8')).toBe(content);
		expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
		// After the prompts, keys act in the view and back in the list.
		await term.press('g');
		await term.press('q');
		await expectKeysAct(term);
	});
});

describe('merged logs', () => {
	it('L on two marked containers interleaves their lines by timestamp, each prefixed with its name', async () => {
		const prefix = uniqueName('e2e-logs-mrg');
		const [a, b, c] = [`${prefix}-a`, `${prefix}-b`, `${prefix}-c`];
		const idle = 'while :; do sleep 1; done';
		await Promise.all([
			runContainer(a, [TEST_IMAGE, 'sh', '-c', `for i in 1 2 3 4; do echo "A-$i"; sleep 1; done; ${idle}`]),
			// Half a second later each time: B's lines fall between A's.
			runContainer(b, [TEST_IMAGE, 'sh', '-c', `usleep 500000; for i in 1 2 3 4; do echo "B-$i"; sleep 1; done; ${idle}`]),
			runContainer(c, [TEST_IMAGE, 'sh', '-c', `echo C-1; ${idle}`]),
		]);
		const term = await start(prefix, a);
		await term.waitFor((screen) => [a, b, c].every((name) => screen.includes(name)), 5000, 'all three containers listed');
		/** Moves the selection to `name`'s row. */
		const select = async (name: string) => {
			await term.press('g');
			for (let step = 0; step < 5 && !term.screen().split('\n').some((line) => line.startsWith('›') && line.includes(name)); step++) await term.press('j');
			expect(term.screen().split('\n').find((line) => line.startsWith('›'))).toContain(name);
		};
		for (const name of [a, b]) {
			await select(name);
			await term.press('space');
		}
		await select(c);
		await term.press('L');
		await term.waitForText(/^Logs 2 containers /m, {timeout: 5000});
		// Some lines were written before L (read back with the tail), the rest arrive while following.
		await term.waitFor((screen) => texts(screen).includes(`${a} | A-4`) && texts(screen).includes(`${b} | B-4`), 8000, 'A-4 and B-4');
		await term.waitForIdle(150);

		const stamped = [...(await dockerLogs(['-t', a])).map((line) => ({line, name: a})), ...(await dockerLogs(['-t', b])).map((line) => ({line, name: b}))];
		// RFC 3339 with nine fraction digits sorts as text.
		stamped.sort((x, y) => (x.line < y.line ? -1 : x.line > y.line ? 1 : 0));
		const split = stamped.map(({line, name}) => ({time: line.slice(0, line.indexOf(' ')), text: line.slice(line.indexOf(' ') + 1), name}));
		expect(split.map(({text}) => text)).toEqual(expect.arrayContaining(['A-1', 'A-4', 'B-1', 'B-4']));
		expect(split).toHaveLength(8);
		expect(texts(term.screen())).toEqual(split.map(({name, text}) => `${name} | ${text}`));
		expect(term.screen()).not.toContain('C-1');
		// With timestamps: exactly docker logs -t's, in order.
		await term.press('t');
		await term.waitForText(/ · timestamps\b/, {timeout: 2000});
		await term.waitForIdle(100);
		expect(texts(term.screen())).toEqual(split.map(({time, name, text}) => `${time} ${name} | ${text}`));
	});
});

describe('container lifecycle while following', () => {
	it('says "■ <name> exited with code 7" when the followed container exits', async () => {
		const name = uniqueName('e2e-logs-exit');
		await runContainer(name, [TEST_IMAGE, 'sh', '-c', 'echo first; echo second; sleep 4; exit 7']);
		const term = await start(name, name);
		await openLogs(term, name, 'second');
		expect(pane(term.screen()).status).toMatch(/^Logs \S+ following · /);
		await term.waitForText(`■ ${name} exited with code 7 at `, {timeout: 8000});
		expect(await docker(['inspect', '--format', '{{.State.ExitCode}}', name])).toBe('7');
		await term.waitForText(new RegExp(`^Logs ${name} stopped · `, 'm'), {timeout: 2000});
		const rows = pane(term.screen()).body;
		expect(rows.slice(0, 2)).toEqual([' first', ' second']);
		const marker = rows[2]!;
		expect(marker).toMatch(new RegExp(`■ ${name} exited with code 7 at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC$`));
		// The '■' gutter and the marker's own '■' make "■■ name exited…": one mark is enough.
		expect.soft(marker, 'marker row drawn with a doubled ■').toMatch(new RegExp(`^■ ${name} exited`));
	});

	it('resumes after a restart (restart policy): the new run shows after the exit marker, no line twice', async () => {
		const name = uniqueName('e2e-logs-restart');
		// Each run prints one line unique to it (the host's uptime), lives 1 s and fails.
		await runContainer(name, ['--restart', 'always', TEST_IMAGE, 'sh', '-c', `echo "run $(cut -d' ' -f1 /proc/uptime)"; sleep 1; exit 1`]);
		const term = await start(name, name);
		await openLogs(term, name, /^run \d/);
		const kinds = (screen: string) =>
			pane(screen)
				.body.map((row) => (row.includes(`${name} exited with code 1`) ? 'X' : row.includes(`${name} started again`) ? 'S' : /^ run \d+\.\d+$/.test(row) ? 'R' : '?'))
				.join('');
		// Two restarts seen while following, and the run line after the second.
		await term.waitFor((screen) => /(?:XSR){2}$/.test(kinds(screen)), 15_000, 'two restarts followed');
		const screen = term.screen();
		const fromDocker = await dockerLogs([name]);
		const shown = texts(screen).filter((row) => row.startsWith('run '));
		expect(new Set(shown).size, `a run line shown twice:\n${screen}`).toBe(shown.length);
		expect(shown).toEqual(fromDocker);
		const pattern = kinds(screen);
		expect(pattern, screen).not.toContain('?');
		// From the first exit on: exit marker, "started again" marker, the new run's line.
		expect(pattern.slice(pattern.indexOf('X')), screen).toMatch(/^(?:XSR){2,}$/);
	});
});

describe('hostile output', () => {
	/** What porthole must never write while showing these logs. */
	const FORBIDDEN: Array<{what: string; bytes: Buffer}> = [
		{what: 'OSC (ESC ])', bytes: Buffer.from('\x1b]', 'latin1')},
		{what: 'BEL', bytes: Buffer.from('\x07', 'latin1')},
		{what: 'DCS (ESC P)', bytes: Buffer.from('\x1bP', 'latin1')},
		{what: 'APC (ESC _)', bytes: Buffer.from('\x1b_', 'latin1')},
		{what: 'erase screen (ESC [2J)', bytes: Buffer.from('\x1b[2J', 'latin1')},
		{what: 'alternate screen (ESC [?1049h)', bytes: Buffer.from('\x1b[?1049h', 'latin1')},
		{what: '8-bit CSI as UTF-8 (c2 9b)', bytes: Buffer.from([0xc2, 0x9b])},
	];
	/** Blocks of the long line: 23 bytes, 5 of them text ("abcde"), the rest complete sequences. */
	const BLOCKS = 800;
	const X_COUNT = 82_000;
	// printf's format: \033 ESC, \\ a backslash, \302\233 the UTF-8 of U+009B (8-bit CSI). Parts are
	// written separately, 20 ms apart, so sequences and a UTF-8 character straddle the writes; the
	// long line (about 100 KB) is cut by the daemon into 16 KiB messages, across the sequences in it.
	const SCRIPT = String.raw`p() { printf "$1"; usleep 20000; }
p 'title \033]0;pw'; p 'ned\007 clip \033]52;c;cHdu'; p 'ZWQ=\007 link \033]8;;http://x/\033'; p '\\click\033]8;;\033\\ end-1\n'
p 'clear \033[2'; p 'J home \033[H alt \033[?104'; p '9h dcs \033Pq#0;2;0;0;0\033'; p '\\ apc \033_hidden\033\\ c1 \302'; p '\2332J bel \007 bad \377\376 end-2\n'
p 'colour \033[31mred\033[0m plain end-3\n'
i=0; while [ $i -lt ${BLOCKS} ]; do printf 'a\033]0;t\007b\033[2Jc\033_x\033\\d\302\233Je'; i=$((i+1)); done
head -c ${X_COUNT} /dev/zero | tr '\0' x; printf '\nend-4\n'
while :; do sleep 1; done`;

	it('reaches the terminal as text only; the frame stays whole; the 100 KB line is truncated with a marker', async () => {
		const name = uniqueName('e2e-logs-hostile');
		await runContainer(name, [TEST_IMAGE, 'sh', '-c', SCRIPT]);
		const deadline = Date.now() + 10_000;
		while (!(await dockerLogs([name])).includes('end-4') && Date.now() < deadline) await sleep(100);
		// The daemon kept the bytes: the test is only worth something if it did.
		const stored = (await dockerLogs([name])).join('\n');
		// (json-file stores lines as JSON strings, so the invalid bytes \377\376 come back as two U+FFFD.)
		expect({osc: stored.includes('\x1b]0;pwned\x07'), c1: stored.includes('\xc2\x9b2J'), invalid: stored.includes('bad \xef\xbf\xbd\xef\xbf\xbd end-2')}).toEqual({
			osc: true,
			c1: true,
			invalid: true,
		});
		const term = await start(name, name);
		const titles: string[] = [];
		term.xterm.onTitleChange((title) => titles.push(title));
		// From here on porthole draws only the logs pane (it switched to the alternate screen at start).
		const mark = term.mark();
		await openLogs(term, name, 'end-4');
		await term.waitForIdle(200);

		const raw = term.rawBytesSince(mark);
		expect(FORBIDDEN.filter(({bytes}) => raw.includes(bytes)).map(({what}) => what)).toEqual([]);
		expect(titles).toEqual([]);
		expect(term.isAlternateScreen()).toBe(true);
		expect(term.line(0)).toMatch(/^porthole {2}unix:/);
		expect(pane(term.screen()).statusRow).toBe(2);
		expect(term.line(-1)).toMatch(/^Esc back {2}k scroll/);
		expect(wrappedRows(term)).toEqual([]);

		const rows = texts(term.screen());
		expect(rows.slice(0, 3)).toEqual([
			'title  clip  link click end-1',
			'clear J home  alt  dcs  apc  c1 2J bel ␇ bad �� end-2'.replace('clear J', 'clear ').replace('c1 2J', 'c1 '),
			'colour red plain end-3',
		]);
		// "red" keeps its colour (re-emitted by porthole as SGR, parsed from the container's).
		const redRow = pane(term.screen()).statusRow + 3;
		const redAt = term.line(redRow).indexOf('red');
		expect(foreground(term, redRow, redAt)).toBe('p1');
		expect(foreground(term, redRow, term.line(redRow).indexOf('plain'))).toBe('default');
		expect(rows[3]).toMatch(/^abcdeabcde/);
		expect(rows[4]).toBe('end-4');

		// The long line, as kept: cut near 64 Ki characters (exactly: see the next test), then the marker.
		const file = path.join(scratch, 'hostile.log');
		await term.press('s');
		await term.waitForText('save to› ', {timeout: 2000});
		await answer(term, file);
		await term.waitForText(`Saved 5 lines to ${file}`, {timeout: 3000});
		const long = (await readFile(file, 'utf8')).split('\n')[3]!;
		expect(long).not.toMatch(/[\x00-\x1f\x7f-\x9f]/);
		const marker = / … \[truncated (\d+) chars\]$/.exec(long);
		expect(marker, long.slice(-80)).not.toBeNull();
		expect(long.length - marker![0].length).toBeGreaterThan(65_000);
		expect(long.length - marker![0].length).toBeLessThanOrEqual(65_536);
	});

	it('keeps a line longer than the daemon\'s 16 KiB message as one line: no daemon timestamps inside, cut at 65,536 characters', async () => {
		const name = uniqueName('e2e-logs-long');
		await runContainer(name, [TEST_IMAGE, 'sh', '-c', 'head -c 70000 /dev/zero | tr "\\0" x; echo; echo after; while :; do sleep 1; done']);
		const term = await start(name, name);
		await openLogs(term, name, 'after');
		// docker logs joins the daemon's 16 KiB pieces back into one line.
		const [first = ''] = await dockerLogs([name]);
		expect({length: first.length, onlyX: /^x+$/.test(first)}).toEqual({length: 70_000, onlyX: true});
		const file = path.join(scratch, 'long.log');
		await term.press('s');
		await term.waitForText('save to› ', {timeout: 2000});
		await answer(term, file);
		await term.waitForText(`Saved 2 lines to ${file}`, {timeout: 3000});
		const [line = ''] = (await readFile(file, 'utf8')).split('\n');
		const marker = / … \[truncated \d+ chars\]$/.exec(line)?.[0] ?? '';
		const kept = line.slice(0, line.length - marker.length);
		// Compared as facts, so a failure prints a short diff rather than 70 KB.
		expect({
			innerTimestamps: line.match(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z /g)?.length ?? 0,
			// The display limit (65,536) counts the line's characters, not the timestamp the daemon put before it.
			kept: kept.length,
			onlyX: /^x*$/.test(kept),
			marker,
		}).toEqual({innerTimestamps: 0, kept: 65_536, onlyX: true, marker: ' … [truncated 4464 chars]'});
	});
	it('answers keys promptly with six 64 KiB lines on screen (a container cannot make the pane sluggish)', async () => {
		const name = uniqueName('e2e-logs-wide');
		await runContainer(name, [TEST_IMAGE, 'sh', '-c', 'for i in 1 2 3 4 5 6; do head -c 70000 /dev/zero | tr "\\0" x; echo; done; echo after; while :; do sleep 1; done']);
		const term = await start(name, name);
		await openLogs(term, name, 'after');
		await term.press('s');
		await term.waitForText('save to› ', {timeout: 5000});
		await term.waitForIdle(200);
		// Each typed character must show in the prompt: from the key to the echo, as a user sees it.
		const echoMs: number[] = [];
		let typed = '';
		for (const char of 'abcde') {
			typed += char;
			const t0 = Date.now();
			term.write(char);
			await term.waitFor((screen) => screen.includes(`.log${typed}`), 10_000, `"${typed}" echoed`);
			echoMs.push(Date.now() - t0);
		}
		const median = [...echoMs].sort((a, b) => a - b)[2]!;
		// About 20–50 ms with short lines on these machines.
		expect(median, `key to echo: ${echoMs.join(', ')} ms`).toBeLessThan(250);
	});
});

describe('a flood', () => {
	it('about 10,000 lines/s for 20 s: k pauses within 1 s, G resumes, porthole lives and its memory stays bounded', async () => {
		const name = uniqueName('e2e-logs-flood');
		// 2,000 new numbers every 0.2 s: every frame differs from the last.
		await runContainer(name, [TEST_IMAGE, 'sh', '-c', 'i=1; while :; do seq $i $((i+1999)); i=$((i+2000)); usleep 200000; done']);
		try {
			// Wide enough for the whole status line with "paused — N new lines (G to follow)".
			const term = await start(name, name, {cols: 160});
			await term.press('l');
			await term.waitForText(`Logs ${name}`, {timeout: 5000});
			// The buffer holds 10,000 lines: it is full once older lines are dropped.
			await term.waitForText(/ · 10,000 lines · [\d,]+ older dropped/, {timeout: 15_000});
			const from = Date.now();
			const rssBefore = rss(term.pid);
			let rssPeak = rssBefore;
			const pauseMs: number[] = [];
			const resumeMs: number[] = [];
			let nextKey = from + 3000;
			while (Date.now() < from + 20_000) {
				rssPeak = Math.max(rssPeak, rss(term.pid));
				expect(term.exitStatus()).toBeUndefined();
				if (Date.now() >= nextKey && Date.now() < from + 16_000) {
					let t0 = Date.now();
					term.write('k');
					await term.waitForText('paused — ', {timeout: 5000});
					pauseMs.push(Date.now() - t0);
					// While paused, the flood is counted, not shown, and the lines on screen stay although
					// the buffer drops them all within about a second.
					await term.waitForText(/paused — [1-9][\d,]* new lines/, {timeout: 3000});
					const held = texts(term.screen()).join('\n');
					const dropped = droppedCount(term.screen());
					await sleep(1500);
					expect(droppedCount(term.screen()) - dropped, 'lines dropped from the buffer while paused').toBeGreaterThan(5000);
					expect(texts(term.screen()).join('\n')).toBe(held);
					const [newest = '0'] = await dockerLogs(['--tail', '1', name]);
					t0 = Date.now();
					term.write('G');
					await term.waitForNoText('paused — ', {timeout: 5000});
					resumeMs.push(Date.now() - t0);
					// Following again, with lines at least as new as the daemon's newest before G.
					await term.waitFor((screen) => Number(texts(screen).at(-1)) >= Number(newest), 3000, `a line >= ${newest} at the bottom`);
					nextKey = Date.now() + 4000;
				}
				await sleep(200);
			}
			const to = Date.now();
			const rssAfter = rss(term.pid);
			expect(term.exitStatus()).toBeUndefined();
			expect(pane(term.screen()).status).toMatch(new RegExp(`^Logs ${name} following · tail 200 · 10,000 lines · [\\d,]+ older dropped$`));
			const written = (await docker(['logs', '--since', (from / 1000).toFixed(3), '--until', (to / 1000).toFixed(3), name])).split('\n').length;
			const rate = Math.round(written / ((to - from) / 1000));
			const figures = {rate, rssBeforeMiB: +(rssBefore / MiB).toFixed(1), rssAfterMiB: +(rssAfter / MiB).toFixed(1), rssPeakMiB: +(rssPeak / MiB).toFixed(1), pauseMs, resumeMs};
			console.log(`flood: ${JSON.stringify(figures)}`);
			// It was a flood: the daemon took thousands of lines a second all along.
			expect(rate, JSON.stringify(figures)).toBeGreaterThan(5000);
			expect(pauseMs.length).toBeGreaterThanOrEqual(3);
			expect(Math.max(...pauseMs), JSON.stringify(figures)).toBeLessThan(1000);
			expect(Math.max(...resumeMs), JSON.stringify(figures)).toBeLessThan(1000);
			// Bounded, not the budget: the 50 MB budget is the benchmark's to measure (timed and memory
			// targets live in `npm run bench`, DEVELOPERS.md). Here: no unbounded growth — the heap after a
			// full GC stays ~25 MB; RSS levels off as V8 sizes its heap for the allocation rate.
			expect(rssAfter - rssBefore, JSON.stringify(figures)).toBeLessThan(100 * MiB);
		} finally {
			await docker(['rm', '-f', name]);
		}
	});
});
