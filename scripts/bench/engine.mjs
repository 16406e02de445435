// The benchmark's side of the private engine: start/stop it through scripts/test-engine.sh, talk
// to its API over the unix socket (faster and lighter than one docker CLI process per container),
// create and remove the bench containers (all labelled porthole.bench=1), and find the engine's
// own processes (dockerd, containerd, the shims) for CPU accounting.
import {execFileSync} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';
import http from 'node:http';
import {join} from 'node:path';

/** Label on every container the bench creates; cleanup removes exactly these. */
export const BENCH_LABEL = 'porthole.bench';
/** The image scripts/test-engine.sh imports (busybox applets, no network needed). */
export const IMAGE = process.env.PORTHOLE_TEST_IMAGE ?? 'porthole-test/busybox:latest';

/** Engine directory, as scripts/test-engine.sh resolves it. */
export const ENGINE_DIR = process.env.PORTHOLE_ENGINE_DIR ?? '/tmp/porthole-engine';
export const SOCKET = join(ENGINE_DIR, 'docker.sock');
export const DOCKER_HOST = `unix://${SOCKET}`;

/** Runs scripts/test-engine.sh `command`; returns true on exit 0. */
export function engineScript(root, command, {quiet = false} = {}) {
	try {
		execFileSync('bash', [join(root, 'scripts', 'test-engine.sh'), command], {
			cwd: root,
			stdio: ['ignore', quiet ? 'ignore' : 'inherit', quiet ? 'ignore' : 'inherit'],
		});
		return true;
	} catch {
		return false;
	}
}

/** One API call; resolves with {status, body(Buffer)}. */
export function api(method, path, body, {timeout = 60_000} = {}) {
	return new Promise((resolve, reject) => {
		const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
		const req = http.request(
			{
				socketPath: SOCKET,
				method,
				path,
				headers: payload ? {'content-type': 'application/json', 'content-length': payload.length} : {},
				timeout,
			},
			res => {
				const chunks = [];
				res.on('data', c => chunks.push(c));
				res.on('end', () => resolve({status: res.statusCode, body: Buffer.concat(chunks)}));
				res.on('error', reject);
			},
		);
		req.on('timeout', () => req.destroy(new Error(`${method} ${path}: timed out`)));
		req.on('error', reject);
		req.end(payload);
	});
}

async function apiOk(method, path, body) {
	const res = await api(method, path, body);
	if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.body.toString().trim()}`);
	return res.body.length ? JSON.parse(res.body.toString()) : undefined;
}

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function parallel(items, limit, fn) {
	const results = new Array(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const i = next++;
			results[i] = await fn(items[i], i);
		}
	};
	await Promise.all(Array.from({length: Math.min(limit, items.length)}, worker));
	return results;
}

/** Creates (and with start: true starts) a bench container; returns its id. */
export async function createContainer(name, cmd, {start = true, role = 'run'} = {}) {
	const created = await apiOk('POST', `/containers/create?name=${encodeURIComponent(name)}`, {
		Image: IMAGE,
		Cmd: cmd,
		Labels: {[BENCH_LABEL]: '1', [`${BENCH_LABEL}.role`]: role},
		HostConfig: {NetworkMode: 'none'},
	});
	if (start) await apiOk('POST', `/containers/${created.Id}/start`);
	return created.Id;
}

/** Ids of bench containers, optionally of one role. */
export async function benchIds(role) {
	const label = role ? `${BENCH_LABEL}.role=${role}` : `${BENCH_LABEL}=1`;
	const list = await apiOk('GET', `/containers/json?all=1&filters=${encodeURIComponent(JSON.stringify({label: [label]}))}`);
	return list.map(c => c.Id);
}

/** Force-removes bench containers (all, or one role), 20 at a time. */
export async function removeBench(role) {
	const ids = await benchIds(role);
	await parallel(ids, 20, async id => {
		await api('DELETE', `/containers/${id}?force=1&v=1`);
	});
	return ids.length;
}

/** A container printing one line a second, like a quiet service. */
export const TICKER = ['sh', '-c', 'while :; do echo "tick $(date)"; sleep 1; done'];

/**
 * Makes exactly `n` running tickers (bench-run-NNN) and `exited` exited ones exist; adds or removes
 * the difference, so consecutive N reuse containers. Returns the running containers' names.
 */
export async function ensureFleet(n, exited = 3) {
	const running = await apiOk('GET', `/containers/json?all=1&filters=${encodeURIComponent(JSON.stringify({label: [`${BENCH_LABEL}.role=run`]}))}`);
	const byName = new Map(running.map(c => [c.Names[0].replace(/^\//, ''), c]));
	const want = Array.from({length: n}, (_, i) => `bench-run-${String(i + 1).padStart(3, '0')}`);
	const wanted = new Set(want);
	await parallel([...byName.entries()].filter(([name]) => !wanted.has(name)), 20, async ([, c]) => api('DELETE', `/containers/${c.Id}?force=1`));
	const missing = want.filter(name => !byName.has(name) || byName.get(name).State !== 'running');
	await parallel(missing, 20, async name => {
		if (byName.has(name)) await api('DELETE', `/containers/${byName.get(name).Id}?force=1`);
		await createContainer(name, TICKER);
	});
	const gone = await benchIds('exited');
	if (gone.length < exited) {
		const ids = await parallel(
			Array.from({length: exited - gone.length}, (_, i) => `bench-exited-${gone.length + i + 1}`),
			exited,
			async name => createContainer(name, ['sh', '-c', 'echo done; exit 3'], {role: 'exited'}),
		);
		// Wait for them to have exited, so the list is steady during the windows.
		await parallel(ids, 20, async id => apiOk('POST', `/containers/${id}/wait`));
	}
	return want;
}

/** Creates `count` never-started containers (bench-created-NNNN) for the key-latency list. */
export async function createIdle(count, onProgress) {
	const names = Array.from({length: count}, (_, i) => `bench-created-${String(i + 1).padStart(4, '0')}`);
	let done = 0;
	await parallel(names, 20, async name => {
		await createContainer(name, TICKER, {start: false, role: 'created'});
		if (++done % 200 === 0) onProgress?.(done);
	});
	return names;
}

/** Lines a container wrote to its log between `since` and `until` (unix seconds, fractional). */
export async function logLinesBetween(id, since, until) {
	const res = await api('GET', `/containers/${id}/logs?stdout=1&stderr=1&since=${since}&until=${until}`, undefined, {timeout: 120_000});
	// Multiplexed frames: 8-byte headers, then payload; count newlines in payloads.
	const buf = res.body;
	let lines = 0;
	for (let i = 0; i + 8 <= buf.length; ) {
		const size = buf.readUInt32BE(i + 4);
		const payload = buf.subarray(i + 8, i + 8 + size);
		for (let j = payload.indexOf(10); j !== -1; j = payload.indexOf(10, j + 1)) lines++;
		i += 8 + size;
	}
	return lines;
}

/** Current state of a container (running, exited…). */
export async function containerState(id) {
	const c = await apiOk('GET', `/containers/${id}/json`);
	return c.State.Status;
}

/**
 * Pids of this engine's own processes: its dockerd (pid file), and every containerd and
 * containerd-shim whose command line names this engine's exec root. Container processes are
 * the workload, not the engine, and are left out.
 */
export function enginePids() {
	const pids = new Set();
	try {
		pids.add(Number(readFileSync(join(ENGINE_DIR, 'docker.pid'), 'utf8').trim()));
	} catch {
		// no pid file: not running
	}
	const marker = join(ENGINE_DIR, 'exec') + '/';
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
			if (comm !== 'containerd' && !comm.startsWith('containerd-shim')) continue;
			const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
			if (cmdline.includes(marker)) pids.add(Number(entry));
		} catch {
			// gone
		}
	}
	return [...pids];
}
