// Issue 3, docker stats in porthole, against the real private dockerd:
// - parity: porthole's CPU %, MEM USAGE / LIMIT, MEM %, NET I/O, BLOCK I/O and PIDS columns read off
//   the screen next to `docker stats --no-stream` on the same daemon at the same moment;
// - time from spawning porthole to the first CPU figure on screen;
// - stream lifecycle, measured from outside the process: porthole's open connections to dockerd
//   that stay open across a keep-alive timeout are its long-lived streams (see `longLivedConnections`).
import {execFileSync, spawn} from 'node:child_process';
import {readdirSync, readFileSync, readlinkSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {TEST_IMAGE, docker, engineHost, removeTestContainers, runContainer, uniqueName, waitForState} from '../helpers/docker.js';
import {disposeAllTerms, startTerm, type Term} from '../helpers/term.js';

const sleep = async (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms));
const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

// ── Reading porthole's table ─────────────────────────────────────────────────────────────────

/** Column titles of the container table, in screen order. */
const TITLES = ['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'CPU %', 'MEM USAGE / LIMIT', 'MEM %', 'NET I/O', 'BLOCK I/O', 'PIDS', 'NAMES'];

/** One table row: its cells by column title. */
type Row = Record<string, string> & {id: string; selected: boolean};

/**
 * The table on screen, cut into cells by the header's column positions (cells are padded to the
 * column width, so a title's start is its column's start).
 */
function readTable(screen: string): {rows: Row[]; titles: string[]} {
	const lines = screen.split('\n');
	const headerIndex = lines.findIndex(line => line.includes('CONTAINER ID') && line.includes('NAMES'));
	if (headerIndex < 0) return {rows: [], titles: []};
	const header = lines[headerIndex]!;
	const starts: Array<{title: string; start: number}> = [];
	let from = 0;
	for (const title of TITLES) {
		const start = header.indexOf(title, from);
		if (start < 0) continue;
		starts.push({title, start});
		from = start + title.length;
	}
	const rows: Row[] = [];
	for (const line of lines.slice(headerIndex + 1)) {
		const match = /^(›| ) ([0-9a-f]{12})(?: |$)/.exec(line);
		if (!match) break;
		const row = {id: match[2]!, selected: match[1] === '›'} as Row;
		for (const [index, {title, start}] of starts.entries()) {
			const end = starts[index + 1]?.start ?? line.length;
			row[title] = line.slice(start, end).trim();
		}
		rows.push(row);
	}
	return {rows, titles: starts.map(entry => entry.title)};
}

const rowOf = (screen: string, id: string) => readTable(screen).rows.find(row => id.startsWith(row.id));
const CPU_FIGURE = /^\d+\.\d\d%$/;

/** Bytes from a go-units binary size ("30.89MiB", "324KiB", "0B"). */
function binaryBytes(text: string): number {
	const match = /^([\d.]+)(B|KiB|MiB|GiB|TiB)$/.exec(text.trim());
	if (!match) throw new Error(`not a go-units binary size: ${JSON.stringify(text)}`);
	return Number(match[1]) * 1024 ** ['B', 'KiB', 'MiB', 'GiB', 'TiB'].indexOf(match[2]!);
}
const percent = (text: string) => {
	if (!/^\d+\.\d\d%$/.test(text)) throw new Error(`not a docker stats percentage: ${JSON.stringify(text)}`);
	return Number.parseFloat(text);
};

// ── The docker CLI's view ────────────────────────────────────────────────────────────────────

/** One row of `docker stats --format '{{json .}}'`. */
interface DockerStatsRow {
	ID: string;
	Name: string;
	CPUPerc: string;
	MemUsage: string;
	MemPerc: string;
	NetIO: string;
	BlockIO: string;
	PIDs: string;
}

/** `docker stats --no-stream` for these containers, by short id. */
async function dockerStats(ids: string[]): Promise<Map<string, DockerStatsRow>> {
	const out = await docker(['stats', '--no-stream', '--format', '{{json .}}', ...ids]);
	const rows = out
		.split('\n')
		.filter(Boolean)
		.map(line => JSON.parse(line) as DockerStatsRow);
	return new Map(rows.map(row => [row.ID.slice(0, 12), row]));
}

/** `docker stats --no-stream` for these containers, and when (performance.now()) the CLI printed them. */
async function dockerStatsTimed(ids: string[]): Promise<{rows: Map<string, DockerStatsRow>; at: number}> {
	const child = spawn('docker', ['stats', '--no-stream', '--format', '{{json .}}', ...ids], {env: {...process.env, DOCKER_HOST: engineHost()}});
	let out = '';
	let at = 0;
	child.stdout.on('data', (chunk: Buffer) => {
		if (!at) at = performance.now();
		out += chunk.toString('utf8');
	});
	const code = await new Promise<number | null>(resolve => child.on('close', resolve));
	if (code !== 0) throw new Error(`docker stats --no-stream exited with ${code}`);
	const rows = out
		.split('\n')
		.filter(Boolean)
		.map(line => JSON.parse(line) as DockerStatsRow);
	return {rows: new Map(rows.map(row => [row.ID.slice(0, 12), row])), at};
}

/** Runs `work` on `size` items at a time (the daemon serialises much of the work anyway). */
async function inBatches<T>(items: T[], size: number, work: (batch: T[]) => Promise<unknown>): Promise<void> {
	for (let index = 0; index < items.length; index += size) await work(items.slice(index, index + size));
}

const spawnPorthole = (cols: number, rows: number, args: string[] = []) => startTerm({cols, rows, args, env: {DOCKER_HOST: engineHost()}});

// ── Parity ───────────────────────────────────────────────────────────────────────────────────

describe('docker stats parity on the real engine', () => {
	const ids: Record<'spin' | 'mem' | 'pids', string> = {spin: '', mem: '', pids: ''};
	/** Paired readings: porthole's row and docker's row for each container, taken at the same moment. */
	const pairs: Array<{screen: string; docker: Map<string, DockerStatsRow>; spinCpu: string}> = [];

	beforeAll(async () => {
		await removeTestContainers();
		[ids.spin, ids.mem, ids.pids] = await Promise.all([
			runContainer(uniqueName('e2e-stats-spin'), [TEST_IMAGE, 'sh', '-c', 'while :; do :; done']),
			// ~30 MiB held in a shell variable; the loop keeps that shell (and the variable) alive.
			runContainer(uniqueName('e2e-stats-mem'), [TEST_IMAGE, 'sh', '-c', 'x=$(head -c 31457280 /dev/zero | tr "\\0" a); while :; do sleep 1; done']),
			// Exactly 4 processes: the shell (waiting, a builtin) and three sleeps.
			runContainer(uniqueName('e2e-stats-pids'), [TEST_IMAGE, 'sh', '-c', 'sleep 1000 & sleep 1001 & sleep 1002 & wait']),
		]);
		// The memory holder must really hold ~30 MiB before comparing anything.
		const deadline = Date.now() + 20_000;
		for (;;) {
			const row = (await dockerStats([ids.mem])).get(ids.mem.slice(0, 12));
			const used = row ? binaryBytes(row.MemUsage.split(' / ')[0]!) : 0;
			if (used >= 29 * 1024 ** 2 && used <= 34 * 1024 ** 2) break;
			if (Date.now() > deadline) throw new Error(`docker stats never showed ~30 MiB for the memory holder (last: ${row?.MemUsage})`);
		}

		const term = spawnPorthole(230, 20);
		try {
			await term.waitFor(
				screen => Object.values(ids).every(id => CPU_FIGURE.test(rowOf(screen, id)?.['CPU %'] ?? '')),
				15_000,
				'CPU figures on all three rows',
			);
			const {titles} = readTable(term.screen());
			expect(titles).toEqual(TITLES);
			// `docker stats --no-stream` prints the sample of the daemon's collector cycle N, computed against cycle
			// N-1; porthole's stream gets the very same samples at the same moment. porthole publishes at most one
			// batch a second, and a batch can split a cycle (the collector visits containers a few ms apart), so a
			// row shows cycle N somewhere between C_N and C_N + 1 s, and until then still shows N-1. So the spinner's
			// CPU cell is watched every 10 ms, and a reading pairs docker's figure with the first value porthole
			// showed from the moment docker printed (less 100 ms for the CLI's own latency), or, if none appeared
			// within 1.3 s, the value it kept showing. Memory, PIDS and I/O are steady and read off the same screen.
			const changes: Array<{at: number; value: string}> = [];
			const recorder = setInterval(() => {
				const value = rowOf(term.screen(), ids.spin)?.['CPU %'] ?? '';
				if (value !== changes.at(-1)?.value) changes.push({at: performance.now(), value});
			}, 10);
			try {
				for (let index = 0; index < 5; index++) {
					const {rows, at} = await dockerStatsTimed(Object.values(ids));
					await sleep(1300);
					const shown = changes.find(change => change.at >= at - 100) ?? changes.findLast(change => change.at < at - 100);
					pairs.push({screen: term.screen(), docker: rows, spinCpu: shown?.value ?? ''});
				}
			} finally {
				clearInterval(recorder);
			}
		} finally {
			await term.dispose();
		}
	}, 90_000);

	afterAll(async () => {
		await disposeAllTerms();
		await removeTestContainers();
	});

	const reading = (index: number, key: keyof typeof ids) => {
		const pair = pairs[index]!;
		const ours = rowOf(pair.screen, ids[key]);
		const theirs = pair.docker.get(ids[key].slice(0, 12));
		if (!ours || !theirs) throw new Error(`reading ${index} lacks ${key}:\n${pair.screen}`);
		return {ours, theirs};
	};

	it('shows CPU % within 15 points of docker stats for a container spinning one core', () => {
		const ours = pairs.map(pair => percent(pair.spinCpu));
		const theirs = pairs.map((_, index) => percent(reading(index, 'spin').theirs.CPUPerc));
		console.info(`CPU % porthole ${ours.join(' ')} | docker ${theirs.join(' ')} | medians ${median(ours).toFixed(2)} vs ${median(theirs).toFixed(2)}`);
		// The spinner is busy (an idle container shows ~0.1 %); on a quiet 2-core machine it shows ~95-100 %.
		expect(median(theirs)).toBeGreaterThan(20);
		expect(Math.abs(median(ours) - median(theirs))).toBeLessThanOrEqual(15);
	});

	it('shows MEM USAGE within 5 % and MEM % close to docker stats for a container holding ~30 MiB', () => {
		const ours = pairs.map((_, index) => binaryBytes(reading(index, 'mem').ours['MEM USAGE / LIMIT']!.split(' / ')[0]!));
		const theirs = pairs.map((_, index) => binaryBytes(reading(index, 'mem').theirs.MemUsage.split(' / ')[0]!));
		const oursPercent = pairs.map((_, index) => percent(reading(index, 'mem').ours['MEM %']!));
		const theirsPercent = pairs.map((_, index) => percent(reading(index, 'mem').theirs.MemPerc));
		console.info(
			`MEM porthole ${ours.map(b => (b / 1024 ** 2).toFixed(2)).join(' ')} MiB | docker ${theirs.map(b => (b / 1024 ** 2).toFixed(2)).join(' ')} MiB` +
				` | MEM % ${oursPercent.join(' ')} vs ${theirsPercent.join(' ')}`,
		);
		expect(median(theirs)).toBeGreaterThan(29 * 1024 ** 2);
		expect(Math.abs(median(ours) - median(theirs)) / median(theirs)).toBeLessThanOrEqual(0.05);
		expect(Math.abs(median(oursPercent) - median(theirsPercent))).toBeLessThanOrEqual(0.05 * median(theirsPercent) + 0.01);
	});

	it('shows the memory limit exactly as docker stats prints it', () => {
		for (const index of pairs.keys()) {
			for (const key of ['spin', 'mem', 'pids'] as const) {
				const {ours, theirs} = reading(index, key);
				expect(ours['MEM USAGE / LIMIT']!.split(' / ')[1], `${key} limit, reading ${index}`).toBe(theirs.MemUsage.split(' / ')[1]);
			}
		}
	});

	it('shows the same PIDS as docker stats for a container with four processes', () => {
		for (const index of pairs.keys()) {
			const {ours, theirs} = reading(index, 'pids');
			expect(theirs.PIDs).toBe('4');
			expect(ours['PIDS']).toBe(theirs.PIDs);
		}
	});

	it('prints NET I/O and BLOCK I/O as docker stats does', () => {
		const format = /^\d+(\.\d+)?(B|kB|MB|GB|TB) \/ \d+(\.\d+)?(B|kB|MB|GB|TB)$/;
		for (const index of pairs.keys()) {
			for (const key of ['spin', 'mem', 'pids'] as const) {
				const {ours, theirs} = reading(index, key);
				expect(ours['NET I/O']).toMatch(format);
				expect(ours['BLOCK I/O']).toMatch(format);
				expect(ours['NET I/O'], `${key} NET I/O`).toBe(theirs.NetIO);
				expect(ours['BLOCK I/O'], `${key} BLOCK I/O`).toBe(theirs.BlockIO);
			}
		}
	});

	it('puts the first CPU figure on screen within 2.5 s of spawning porthole', async () => {
		// The spinner would take one of the machine's two cores away from porthole's start-up (module
		// loading is CPU-bound): stop it, so the figure measures porthole, with two idle containers running.
		await docker(['stop', '-t', '0', ids.spin]);
		const frames: number[] = [];
		const timings: number[] = [];
		for (let run = 0; run < 3; run++) {
			const started = performance.now();
			const term = spawnPorthole(230, 20);
			try {
				await term.waitForText('CONTAINER ID', {timeout: 10_000});
				frames.push(performance.now() - started);
				await term.waitFor(screen => readTable(screen).rows.some(row => CPU_FIGURE.test(row['CPU %'] ?? '')), 10_000, 'a CPU figure');
				timings.push(performance.now() - started);
			} finally {
				await term.dispose();
			}
		}
		const ms = (values: number[]) => `${values.map(t => t.toFixed(0)).join(', ')} ms (median ${median(values).toFixed(0)})`;
		console.info(`first frame after ${ms(frames)}; first CPU figure after ${ms(timings)}`);
		expect(median(timings)).toBeLessThanOrEqual(2500);
	}, 60_000);
});

// ── Stream lifecycle ─────────────────────────────────────────────────────────────────────────

/** Inodes of the sockets a process has open. */
function socketInodes(pid: number): Set<string> {
	const inodes = new Set<string>();
	for (const fd of readdirSync(`/proc/${pid}/fd`)) {
		try {
			const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
			if (match) inodes.add(match[1]!);
		} catch {
			// closed while we looked
		}
	}
	return inodes;
}

/** dockerd of the private engine (scripts/test-engine.sh keeps its pid next to the socket). */
function dockerdPid(): number {
	const dir = dirname(engineHost().slice('unix://'.length));
	return Number(readFileSync(join(dir, 'docker.pid'), 'utf8').trim());
}

/**
 * porthole's connections to dockerd right now: its unix sockets (from /proc/<pid>/fd) whose peer,
 * as `ss -x` reports it, is a socket dockerd holds open. Both ends are checked, so no other socket
 * of either process is counted; `ss` runs in our network namespace, where porthole's end lives.
 */
function daemonConnections(pid: number): Set<string> {
	const ours = socketInodes(pid);
	const daemons = socketInodes(dockerdPid());
	const connections = new Set<string>();
	for (const line of execFileSync('ss', ['-x', '-n', '-H'], {encoding: 'utf8', maxBuffer: 16 * 1024 * 1024}).split('\n')) {
		const fields = line.trim().split(/\s+/);
		if (fields.length < 8) continue;
		const local = fields.at(-3)!;
		const peer = fields.at(-1)!;
		if (ours.has(local) && daemons.has(peer)) connections.add(local);
	}
	return connections;
}

/**
 * porthole's long-lived connections to dockerd: those open both now and 5.5 s later. Node's
 * keep-alive agent closes an idle pooled socket after 5 s, so a connection left over from a finished
 * request (list, inspect, info) is gone by the second look, while a streaming response (events,
 * stats) holds its connection for as long as it lasts. porthole runs with --refresh 3600 and the
 * test does nothing during the window, so no new request can reuse a pooled socket meanwhile.
 */
async function longLivedConnections(pid: number): Promise<Set<string>> {
	const first = daemonConnections(pid);
	await sleep(5500);
	const second = daemonConnections(pid);
	return new Set([...first].filter(inode => second.has(inode)));
}

const minus = (a: Set<string>, b: Set<string>) => new Set([...a].filter(item => !b.has(item)));

describe('stats stream lifecycle with 60 running containers', () => {
	const names = Array.from({length: 60}, (_, index) => `${uniqueName('e2e-streams')}-${String(index).padStart(2, '0')}`);
	let term: Term;
	/** Long-lived connections before any container runs: the event stream. */
	let baseline: Set<string>;
	/** Stats streams after G. */
	let streamsAtEnd: Set<string>;

	const visibleRows = () => readTable(term.screen()).rows;
	/** Settle after a change (event-driven refresh, inspects), then measure the streams. */
	const measureStreams = async () => {
		await sleep(1500);
		return minus(await longLivedConnections(term.pid), baseline);
	};

	beforeAll(async () => {
		await removeTestContainers();
		await inBatches(names, 12, async batch => Promise.all(batch.map(name => runContainer(name, [TEST_IMAGE, 'sleep', '600'], {detach: false}))));
		// 25 rows: 5 lines of chrome leave exactly 20 table rows.
		term = spawnPorthole(230, 25, ['--refresh', '3600']);
		await term.waitFor(screen => readTable(screen).rows.length === 20, 15_000, '20 rows of created containers');
		baseline = await longLivedConnections(term.pid);
	}, 60_000);

	afterAll(async () => {
		await disposeAllTerms();
		await removeTestContainers();
	});

	it('streams at most 21 containers, moves the streams on G, and ignores stops off screen', async () => {
		console.info(`baseline long-lived connections (event stream): ${baseline.size}`);
		expect(baseline.size).toBeGreaterThanOrEqual(1);
		expect(baseline.size).toBeLessThanOrEqual(2);

		await Promise.all(Array.from({length: 6}, async (_, batch) => docker(['start', ...names.slice(batch * 10, batch * 10 + 10)], {timeout: 60_000})));
		expect((await docker(['ps', '-q', '--filter', 'label=porthole.test=1'])).split('\n')).toHaveLength(60);
		await term.waitFor(
			screen => {
				const rows = readTable(screen).rows;
				return rows.length === 20 && rows.every(row => CPU_FIGURE.test(row['CPU %'] ?? ''));
			},
			30_000,
			'CPU figures on all 20 visible rows',
		);
		const topIds = visibleRows().map(row => row.id);
		const atTop = await measureStreams();
		console.info(`stats streams with 20 visible rows of 60 running: ${atTop.size}`);
		expect(atTop.size).toBeGreaterThanOrEqual(20);
		expect(atTop.size).toBeLessThanOrEqual(21);

		await term.press('G');
		await term.waitFor(
			screen => {
				const rows = readTable(screen).rows;
				return rows.length === 20 && rows.at(-1)!.selected && rows.every(row => !topIds.includes(row.id) && CPU_FIGURE.test(row['CPU %'] ?? ''));
			},
			15_000,
			'the last 20 rows with CPU figures after G',
		);
		streamsAtEnd = await measureStreams();
		console.info(`stats streams after G: ${streamsAtEnd.size}, still open from the top: ${[...streamsAtEnd].filter(s => atTop.has(s)).length}`);
		expect(streamsAtEnd.size).toBeGreaterThanOrEqual(20);
		expect(streamsAtEnd.size).toBeLessThanOrEqual(21);
		// Every stream of the rows that scrolled away was closed; the new rows got new streams.
		expect([...streamsAtEnd].filter(inode => atTop.has(inode))).toEqual([]);

		// Stopping a container that scrolled away touches no stream.
		const away = topIds[5]!;
		await docker(['stop', '-t', '0', away]);
		await waitForState(away, 'exited');
		const afterAwayStop = await measureStreams();
		expect([...afterAwayStop].sort()).toEqual([...streamsAtEnd].sort());
	}, 120_000);

	it('closes the stream of a visible container that stops and reopens it when it starts again', async () => {
		expect(streamsAtEnd, 'needs the previous test').toBeDefined();
		const target = visibleRows().find((row, index) => index === 10 && !row.selected)!;
		expect(target).toBeDefined();
		await docker(['stop', '-t', '0', target.id]);
		await term.waitFor(screen => /^Exited/.test(rowOf(screen, target.id)?.['STATUS'] ?? '') && rowOf(screen, target.id)?.['CPU %'] === '', 10_000, 'the stopped row without figures');
		const afterStop = await measureStreams();
		console.info(`stats streams after stopping a visible container: ${afterStop.size}`);
		expect(afterStop.size).toBe(streamsAtEnd.size - 1);
		expect([...afterStop].every(inode => streamsAtEnd.has(inode))).toBe(true);

		await docker(['start', target.id]);
		await term.waitFor(screen => CPU_FIGURE.test(rowOf(screen, target.id)?.['CPU %'] ?? ''), 10_000, 'CPU figures back on the restarted row');
		const afterStart = await measureStreams();
		console.info(`stats streams after starting it again: ${afterStart.size}`);
		expect(afterStart.size).toBe(streamsAtEnd.size);
		expect([...afterStop].every(inode => afterStart.has(inode))).toBe(true);
	}, 60_000);
});
