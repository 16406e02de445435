// The measurements themselves: a monitor (porthole or `docker stats`) in a real pty read through the
// e2e harness's headless xterm (test/helpers/term.ts), with its CPU, memory and terminal output
// taken from /proc and the pty over a steady window; the engine's CPU over the same window and
// over an idle window without a monitor; key latency; the log flood.
import {readFileSync} from 'node:fs';
import {setTimeout as sleep} from 'node:timers/promises';
import {CLI_PATH, startTerm} from '../../test/helpers/term.ts';
import {DOCKER_HOST, enginePids} from './engine.mjs';
import {cpuDelta, cpuSeconds, memory, percentOfCore, tree} from './proc.mjs';

/** Terminal size of every measurement. */
export const COLS = 160;
export const ROWS = 50;

/** A bench container's name on screen: the first frame that shows data. */
const NAME = /bench-(?:run|exited|created|flood)-\d+/;
/** The help overlay's title (source/messages.ts helpTitle). */
const HELP_TITLE = 'porthole — keys';
/** The filter prompt (source/messages.ts filterPrompt). */
const FILTER_PROMPT = 'filter› ';

/** When set, porthole runs under `node --cpu-prof` and writes its profiles here. */
let cpuProfDir;
/** Profile every porthole run from now on (see --cpu-prof). */
export function profilePorthole(dir) {
	cpuProfDir = dir;
}

/** Monitors under test: how to start them and how to make them quit. */
export const TOOLS = {
	porthole: {
		label: 'porthole',
		start: () =>
			cpuProfDir
				? startTerm({command: process.execPath, args: ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`, CLI_PATH], cols: COLS, rows: ROWS, env: {DOCKER_HOST}})
				: startTerm({cols: COLS, rows: ROWS, env: {DOCKER_HOST}}),
		quit: 'q',
	},
	'docker-stats': {
		label: 'docker stats',
		start: () => startTerm({command: 'docker', args: ['stats'], cols: COLS, rows: ROWS, env: {DOCKER_HOST}}),
		quit: '\x03',
	},
};

/**
 * Rows whose CPU % cell holds a figure, and rows that show a bench container. The CPU column is
 * found from the table header (both porthole and docker stats title it "CPU %"); `memo` keeps the
 * column once seen, because `docker stats` with more rows than the terminal scrolls its header away.
 */
export function cpuCells(screen, memo = {}) {
	const lines = screen.split('\n');
	const header = lines.findIndex(line => line.includes('CPU %') && (line.includes('CONTAINER ID') || line.includes('NAME')));
	if (header !== -1) memo.x = lines[header].indexOf('CPU %');
	if (memo.x === undefined) return {figures: 0, rows: 0};
	let figures = 0;
	let rows = 0;
	for (const line of lines.slice(header + 1)) {
		if (!NAME.test(line)) continue;
		rows++;
		if (/^\s*\d+(?:\.\d+)?%/.test(line.slice(memo.x, memo.x + 10))) figures++;
	}
	return {figures, rows};
}

/** The 12-hex id of porthole's selected row ("› 0123456789ab …"), if any. */
export function selectedId(screen) {
	return /^› ([0-9a-f]{12})/m.exec(screen)?.[1];
}

/** Busy and total jiffies of the whole machine (first line of /proc/stat). */
function machineJiffies() {
	const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
	const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
	const idle = fields[3] + fields[4];
	return {busy: total - idle, total};
}

/** Load average over one minute. */
function loadAverage() {
	return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}

/** Machine-wide busy % of all cores between two machineJiffies readings (100 = every core busy). */
function machineBusy(before, after) {
	return ((after.busy - before.busy) / Math.max(1, after.total - before.total)) * 100;
}

/** Engine CPU (% of one core) over `seconds` with no monitor running: the idle baseline. */
export async function idleWindow(seconds) {
	const pids = enginePids();
	const before = cpuSeconds(pids);
	const machineBefore = machineJiffies();
	const t0 = performance.now();
	await sleep(seconds * 1000);
	const wall = (performance.now() - t0) / 1000;
	const after = cpuSeconds(enginePids());
	return {engineCpu: percentOfCore(cpuDelta(before, after), wall), machineBusy: machineBusy(machineBefore, machineJiffies()), load: loadAverage()};
}

/** Waits for the monitor to quit on its own key, then makes sure it is gone. */
async function quit(term, key) {
	if (!term.exitStatus()) {
		term.write(key);
		await Promise.race([term.exited, sleep(5000)]);
	}
	await term.dispose();
}

/**
 * One monitor run: spawn, time to the first frame with a container name and to the first CPU
 * figure, let it settle, then a steady window of `seconds`: its CPU (process tree), RSS (sampled
 * every second; peak from VmHWM), bytes written to the terminal, and the engine's CPU.
 */
export async function monitorWindow(toolName, {seconds, settle = 3, startTimeout = 30_000, log = () => {}}) {
	const tool = TOOLS[toolName];
	const t0 = performance.now();
	const term = tool.start();
	const result = {tool: toolName};
	try {
		await term.waitFor(screen => NAME.test(screen), startTimeout, 'a container name');
		result.firstFrame = (performance.now() - t0) / 1000;
		const column = {};
		await term.waitFor(screen => cpuCells(screen, column).figures > 0, startTimeout, 'a CPU figure');
		result.firstData = (performance.now() - t0) / 1000;
		await sleep(settle * 1000);

		const pids = tree(term.pid);
		const cpuBefore = cpuSeconds(pids);
		const engineBefore = cpuSeconds(enginePids());
		const machineBefore = machineJiffies();
		const mark = term.mark();
		const rss = [];
		const start = performance.now();
		const end = start + seconds * 1000;
		while (performance.now() < end) {
			rss.push(memory(pids).rss);
			await sleep(Math.min(1000, Math.max(0, end - performance.now())));
			if (term.exitStatus()) throw new Error(`${tool.label} exited during the window:\n${term.screen()}`);
		}
		const wall = (performance.now() - start) / 1000;
		const endPids = [...new Set([...pids, ...tree(term.pid)])];
		const mem = memory(endPids);
		rss.push(mem.rss);
		result.window = wall;
		result.cpu = percentOfCore(cpuDelta(cpuBefore, cpuSeconds(endPids)), wall);
		result.engineCpu = percentOfCore(cpuDelta(engineBefore, cpuSeconds(enginePids())), wall);
		result.machineBusy = machineBusy(machineBefore, machineJiffies());
		result.load = loadAverage();
		result.bytesPerSecond = term.rawBytesSince(mark).length / wall;
		result.rssSteady = median(rss);
		result.rssPeak = Math.max(mem.hwm, ...rss);
		const cells = cpuCells(term.screen(), column);
		result.rowsWithCpu = cells.figures;
		result.rowsShown = cells.rows;
		log(`${tool.label}: first frame ${result.firstFrame.toFixed(2)} s, first CPU ${result.firstData.toFixed(2)} s, CPU ${result.cpu.toFixed(2)} %, RSS ${(result.rssSteady / 1e6).toFixed(1)} MB, ${result.bytesPerSecond.toFixed(0)} B/s, engine ${result.engineCpu.toFixed(1)} %`);
	} catch (error) {
		result.error = String(error instanceof Error ? error.message : error).split('\n')[0];
		log(`${tool.label}: ${result.error}`);
	} finally {
		await quit(term, tool.quit);
	}
	return result;
}

/** Median of numbers (undefined for none). */
export function median(values) {
	const sorted = values.filter(v => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
	if (sorted.length === 0) return undefined;
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Nearest-rank percentile `p` (0–100). */
export function percentile(values, p) {
	const sorted = [...values].sort((a, b) => a - b);
	if (sorted.length === 0) return undefined;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Time (ms) from writing `bytes` until `reflects(screen)` holds; `timeout` when it never does. */
async function timeKey(term, bytes, reflects, timeout) {
	const t0 = performance.now();
	term.write(bytes);
	try {
		await term.waitFor(reflects, timeout, 'the key to show');
		return {ms: performance.now() - t0};
	} catch {
		if (term.exitStatus()) throw new Error('porthole exited during the key test');
		return {ms: timeout, timedOut: true};
	}
}

/**
 * Waits until the process stays under 15 % of a core for two half-seconds in a row (at most 60 s
 * after `t0`) and returns when it became quiet, in seconds after `t0`: a key pressed before then
 * waits for that start-up work.
 */
async function waitQuiet(term, t0) {
	let quiet = 0;
	let previous = cpuSeconds([term.pid]).get(term.pid) ?? 0;
	while (quiet < 2 && performance.now() - t0 < 60_000) {
		await sleep(500);
		const now = cpuSeconds([term.pid]).get(term.pid) ?? 0;
		quiet = now - previous < 0.075 ? quiet + 1 : 0;
		previous = now;
	}
	return (performance.now() - t0) / 1000 - 1;
}

/** Spacing after a frame, so the next key is its own input and not merged with this one. */
const GAP_MS = 20;

/**
 * Key latency with a long list: `presses` j/k presses (down half of them, then back up), each
 * timed to the frame where the selection marker is on another container; then `/`, the
 * characters of `text` typed one by one (each timed to the frame echoing it), Esc; `typeRounds` times.
 */
export async function keyLatency({presses = 100, text = 'bench-created-0042', typeRounds = 2, listed, timeout = 5000, log = () => {}}) {
	const t0 = performance.now();
	const term = TOOLS.porthole.start();
	const result = {};
	let machineBefore;
	try {
		// Wait until the whole list is there ("showing 1023 (all)" in the header).
		await term.waitFor(screen => Number(/showing (\d+)/.exec(screen)?.[1] ?? 0) >= listed, 60_000, `${listed} containers listed`);
		result.listed = Number(/showing (\d+)/.exec(term.screen())[1]);
		result.listedAfter = (performance.now() - t0) / 1000;
		result.busyAfterStart = await waitQuiet(term, t0);
		await term.waitForIdle(100, 2000);
		machineBefore = machineJiffies();

		const moves = [];
		let timeouts = 0;
		for (let i = 0; i < presses; i++) {
			const key = i < presses / 2 ? 'j' : 'k';
			const before = selectedId(term.screen());
			const {ms, timedOut} = await timeKey(term, key, screen => {
				const id = selectedId(screen);
				return id !== undefined && id !== before;
			}, timeout);
			moves.push(ms);
			if (timedOut) timeouts++;
			await sleep(GAP_MS);
		}
		result.move = {samples: moves, p50: percentile(moves, 50), p95: percentile(moves, 95), max: Math.max(...moves), timeouts};

		const typing = [];
		let typeTimeouts = 0;
		try {
			for (let round = 0; round < typeRounds; round++) {
				const opened = await timeKey(term, '/', screen => screen.split('\n').some(line => line.startsWith(FILTER_PROMPT)), timeout);
				if (opened.timedOut) throw new Error('`/` did not open the filter prompt');
				await sleep(GAP_MS);
				for (let i = 1; i <= text.length; i++) {
					const typed = text.slice(0, i);
					const {ms, timedOut} = await timeKey(term, text[i - 1], screen => screen.split('\n').some(line => line.startsWith(FILTER_PROMPT + typed + ' ')), timeout);
					typing.push(ms);
					if (timedOut) typeTimeouts++;
					await sleep(GAP_MS);
				}
				const closed = await timeKey(term, '\x1b', screen => !screen.split('\n').some(line => line.startsWith(FILTER_PROMPT)), timeout);
				if (closed.timedOut) throw new Error('Esc did not close the filter prompt');
				await term.waitFor(screen => Number(/showing (\d+)/.exec(screen)?.[1] ?? 0) >= listed, 10_000, 'the full list back');
				await sleep(200);
			}
		} catch (error) {
			// Keep the j/k figures; say why typing has none.
			result.typingError = String(error instanceof Error ? error.message : error).split('\n')[0];
			result.screen = term.screen();
		}
		result.machineBusy = machineBusy(machineBefore, machineJiffies());
		if (typing.length) result.typing = {samples: typing, p50: percentile(typing, 50), p95: percentile(typing, 95), max: Math.max(...typing), timeouts: typeTimeouts};
		log(`keys: list shown after ${result.listedAfter.toFixed(1)} s, busy until ${result.busyAfterStart.toFixed(1)} s; j/k p50 ${result.move.p50.toFixed(1)} ms p95 ${result.move.p95.toFixed(1)} ms; ${result.typing ? `typing p50 ${result.typing.p50.toFixed(1)} ms p95 ${result.typing.p95.toFixed(1)} ms` : `typing: ${result.typingError}`}`);
	} catch (error) {
		result.error = String(error instanceof Error ? error.message : error).split('\n')[0];
		result.screen = term.screen();
		log(`keys: ${result.error}`);
	} finally {
		await quit(term, 'q');
	}
	return result;
}

/**
 * Log flood: select the flooding container, press the logs key, and confirm a logs view shows its
 * lines. Then two probes:
 *  - following (the flood on screen): over `seconds`, `?` opens and closes the help overlay
 *    `presses` times (an unambiguous frame for a key); RSS sampled every second, CPU and bytes;
 *  - scrolled back (k pauses following, the flood is still read in): `presses` k then j presses,
 *    each timed to the frame where the visible log lines moved (every flood line is unique).
 */
export async function floodWindow({seconds, logsKey = 'l', presses = 100, floodName, floodText, timeout = 5000, firstRun = true, log = () => {}}) {
	const t0 = performance.now();
	const term = TOOLS.porthole.start();
	const result = {};
	const logLines = screen => screen.split('\n').filter(line => line.includes(floodText)).join('\n');
	try {
		await term.waitFor(screen => screen.includes(floodName), 30_000, `${floodName} on screen`);
		result.busyAfterStart = await waitQuiet(term, t0);
		const row = () => term.screen().split('\n').find(line => line.startsWith('› '));
		if (!row()?.includes(floodName)) {
			// Narrow the list to the flood container so it is the selected row.
			term.write('/');
			await term.waitFor(screen => screen.includes(FILTER_PROMPT), timeout, 'the filter prompt');
			await term.type(floodName);
			await term.press('enter');
			await term.waitFor(() => Boolean(row()?.includes(floodName)), 5000, `${floodName} selected`);
		}
		await term.waitForIdle(100, 2000);
		result.rssBefore = memory(tree(term.pid)).rss;
		const before = term.screen();
		const pressed = performance.now();
		term.write(logsKey);
		try {
			await term.waitFor(screen => screen.includes(floodText), 10_000, 'flood lines on screen');
			result.logsShown = (performance.now() - pressed) / 1000;
		} catch {
			const changed = term.screen() !== before;
			result.screen = term.screen();
			const reason = `pressing "${logsKey}" did not show the container's log lines within 10 s${changed ? '' : ' (the screen did not change)'}`;
			// Only a first run that finds no logs view makes the figures "not measured"; later failures are errors.
			if (!firstRun) throw new Error(reason);
			result.measured = false;
			result.reason = `no logs view: ${reason}`;
			log(`flood: not measured (${result.reason})`);
			return result;
		}
		result.measured = true;
		await sleep(1000);

		// Probe 1: following.
		const pids = tree(term.pid);
		const cpuBefore = cpuSeconds(pids);
		const mark = term.mark();
		const rssStart = memory(pids).rss;
		const rss = [rssStart];
		const latencies = [];
		let timeouts = 0;
		const start = performance.now();
		const end = start + seconds * 1000;
		const spacing = (seconds * 1000) / presses;
		const machineBefore = machineJiffies();
		const sampler = setInterval(() => rss.push(memory(pids).rss), 1000);
		let open = false;
		try {
			for (let i = 0; i < presses; i++) {
				const wait = start + i * spacing - performance.now();
				if (wait > 0) await sleep(wait);
				const wantOpen = !open;
				const {ms, timedOut} = await timeKey(term, '?', screen => screen.includes(HELP_TITLE) === wantOpen, timeout);
				latencies.push(ms);
				if (timedOut) timeouts++;
				else open = wantOpen;
				if (timeouts >= 5 && timeouts === latencies.length) throw new Error('`?` never changed the screen in the logs view');
			}
			const rest = end - performance.now();
			if (rest > 0) await sleep(rest);
		} finally {
			clearInterval(sampler);
		}
		const wall = (performance.now() - start) / 1000;
		const last = memory(pids);
		rss.push(last.rss);
		result.window = wall;
		result.machineBusy = machineBusy(machineBefore, machineJiffies());
		result.rssStart = rssStart;
		result.rssEnd = last.rss;
		result.rssGrowth = last.rss - rssStart;
		result.rssPeakGrowth = Math.max(...rss) - rssStart;
		result.rssSamples = rss;
		result.cpu = percentOfCore(cpuDelta(cpuBefore, cpuSeconds(pids)), wall);
		result.bytesPerSecond = term.rawBytesSince(mark).length / wall;
		result.key = {samples: latencies, p50: percentile(latencies, 50), p95: percentile(latencies, 95), max: Math.max(...latencies), timeouts};
		if (open) {
			term.write('?');
			await term.waitFor(screen => !screen.includes(HELP_TITLE), timeout, 'the help overlay to close');
		}
		log(`flood, following: \`?\` p95 ${result.key.p95.toFixed(1)} ms, RSS growth ${(result.rssGrowth / 1e6).toFixed(1)} MB, CPU ${result.cpu.toFixed(1)} %`);

		// Probe 2: scrolled back while the flood is still read in.
		await sleep(300);
		term.write('k');
		await sleep(800);
		const still = logLines(term.screen());
		await sleep(400);
		if (logLines(term.screen()) !== still) {
			result.scroll = {measured: false, reason: 'the log lines kept moving after k (no paused scroll-back)'};
		} else {
			const moves = [];
			let scrollTimeouts = 0;
			for (let i = 0; i < presses; i++) {
				const before = logLines(term.screen());
				const {ms, timedOut} = await timeKey(term, i < presses / 2 ? 'k' : 'j', screen => logLines(screen) !== before, timeout);
				moves.push(ms);
				if (timedOut) scrollTimeouts++;
				await sleep(GAP_MS);
			}
			result.scroll = {measured: true, samples: moves, p50: percentile(moves, 50), p95: percentile(moves, 95), max: Math.max(...moves), timeouts: scrollTimeouts};
			log(`flood, scrolled back: j/k p95 ${result.scroll.p95.toFixed(1)} ms`);
		}
		result.rssAfterScroll = memory(pids).rss;
	} catch (error) {
		result.error = String(error instanceof Error ? error.message : error).split('\n')[0];
		log(`flood: ${result.error}`);
	} finally {
		// q only leaves the logs view; Esc first, then q quits from the list.
		if (!term.exitStatus()) {
			term.write('\x1b');
			await sleep(300);
		}
		await quit(term, 'q');
	}
	return result;
}
