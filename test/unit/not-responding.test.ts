// A daemon that accepts requests and never answers (SIGSTOP, a wedged dockerd, a proxy holding the
// connection) must be noticed within the answer timeout, reported as not responding, and left
// behind as soon as it answers again; requests that may legitimately be slow are never cut short.
import {afterEach, describe, expect, it, vi} from 'vitest';
import {DockerEngine} from '../../source/engine/docker.js';
import type {Engine, LogChunk} from '../../source/engine/types.js';
import {ContainersStore} from '../../source/store/containers.js';
import {LogsStore} from '../../source/store/logs.js';
import {startOddDaemon, type OddDaemon, type OddRoutes} from '../helpers/odd-daemon.js';

const ID = 'b'.repeat(64);
const json = (value: unknown) => ({body: JSON.stringify(value) + '\n'});
const row = (id: string, name: string) => ({Id: id, Names: [`/${name}`], Image: 'busybox', Command: 'sleep 600', Created: 1, State: 'running', Status: 'Up 1 second', Ports: [], Labels: {}});

/** A daemon that answers the requests porthole's connection lives on. */
function healthy(rows: unknown[]): OddRoutes {
	return {
		'GET /_ping': {body: 'OK', contentType: 'text/plain'},
		'GET /version': json({Version: '20.10.24', ApiVersion: '1.41'}),
		'GET /info': json({NCPU: 2, MemTotal: 1, ContainersRunning: rows.length}),
		'GET /containers/json': json(rows),
		// An event stream that stays open and says nothing, as an idle daemon's does.
		'GET /events': 'hang',
	};
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(routes: OddRoutes, answerTimeoutMs = 300) {
	const daemon = await startOddDaemon(routes);
	const engine = new DockerEngine({url: daemon.url, source: 'flag'}, false, {answerTimeoutMs});
	cleanups.push(() => daemon.close(), () => engine.close());
	return {daemon, engine};
}

describe('DockerEngine answer timeout', () => {
	it.each(['ping', 'info', 'listContainers', 'inspectState', 'events'] as const)('%s: no answer within the timeout is not-responding', async (call) => {
		const {engine} = await setup({'GET /_ping': 'hang', 'GET /version': 'hang', 'GET /info': 'hang', 'GET /containers/json': 'hang', [`GET /containers/${ID}/json`]: 'hang', 'GET /events': 'hang'});
		const started = Date.now();
		const run: Record<typeof call, () => Promise<unknown>> = {
			ping: () => engine.ping(),
			info: () => engine.info(),
			listContainers: () => engine.listContainers({all: true}),
			inspectState: () => engine.inspectState(ID),
			events: async () => {
				for await (const _ of engine.events(new AbortController().signal)) void _;
			},
		};
		await expect(run[call]()).rejects.toMatchObject({code: 'not-responding', message: expect.stringContaining('is not responding (no answer for 0.3 s)')});
		expect(Date.now() - started).toBeLessThan(2000);
	});

	it('keeps an answered event stream open past the timeout, until the caller ends it', async () => {
		const {engine} = await setup({'GET /events': {open: true}});
		const abort = new AbortController();
		const events: unknown[] = [];
		const reading = (async () => {
			for await (const event of engine.events(abort.signal)) events.push(event);
		})();
		let ended = false;
		void reading.finally(() => (ended = true));
		await new Promise((resolve) => setTimeout(resolve, 900));
		expect(ended).toBe(false);
		abort.abort();
		await reading;
		expect(events).toEqual([]);
	});

	it('does not cut short requests that may legitimately be slow (stop, prune)', async () => {
		const {engine} = await setup({
			[`POST /containers/${ID}/stop`]: {status: 204, delayMs: 1000},
			'POST /containers/prune': {...json({ContainersDeleted: [ID], SpaceReclaimed: 5}), delayMs: 1000},
		});
		await expect(engine.stop(ID, 1)).resolves.toBeUndefined();
		await expect(engine.prune('containers')).resolves.toMatchObject({removed: [ID], reclaimed: 5});
	});
});

describe('ContainersStore over a daemon that stops answering', () => {
	it('says not responding within heartbeat + timeout, retries without growing the wait, and re-syncs when it answers', async () => {
		const {daemon, engine} = await setup(healthy([row(ID, 'first')]));
		const store = new ContainersStore(engine, {heartbeatMs: 200, backoffMinMs: 50, backoffMaxMs: 5000});
		cleanups.push(() => store.stop());
		await store.start();
		expect(store.getSnapshot()).toMatchObject({connection: 'connected', containers: [{names: ['first']}]});

		// SIGSTOP: every request is accepted and never answered.
		const answering = {...daemon.routes};
		for (const route of Object.keys(daemon.routes)) daemon.routes[route] = 'hang';
		const stoppedAt = Date.now();
		await vi.waitFor(() => expect(store.getSnapshot().connection).toBe('disconnected'), {timeout: 3000, interval: 20});
		// Heartbeat 200 ms + answer timeout 300 ms, with room for a loaded machine (it was never, before).
		expect(Date.now() - stoppedAt).toBeLessThan(2500);
		expect(store.getSnapshot().connectionError).toMatchObject({code: 'not-responding'});
		// The list is kept, to be shown as stale.
		expect(store.getSnapshot().containers).toHaveLength(1);
		// Retries keep coming at the answer timeout's pace (no backoff growing to seconds).
		const pings = () => daemon.seen.filter((route) => route === 'GET /version').length;
		const before = pings();
		await new Promise((resolve) => setTimeout(resolve, 1200));
		expect(pings() - before).toBeGreaterThanOrEqual(2);

		// SIGCONT, with a container created meanwhile: back at once, list re-read.
		Object.assign(daemon.routes, answering, {'GET /containers/json': json([row(ID, 'first'), row('c'.repeat(64), 'meanwhile')])});
		const resumedAt = Date.now();
		await vi.waitFor(() => expect(store.getSnapshot().connection).toBe('connected'), {timeout: 3000, interval: 20});
		expect(Date.now() - resumedAt).toBeLessThan(2500);
		expect(store.getSnapshot().containers.map((c) => c.names[0])).toEqual(['first', 'meanwhile']);
		expect(store.getSnapshot().connectionError).toBeUndefined();
	});

	it('says not responding when the daemon never answers from the start', async () => {
		const {engine} = await setup({'GET /version': 'hang', 'GET /info': 'hang'});
		const store = new ContainersStore(engine, {backoffMinMs: 50});
		cleanups.push(() => store.stop());
		const starting = store.start();
		expect(store.getSnapshot().connection).toBe('connecting');
		await starting;
		expect(store.getSnapshot()).toMatchObject({connection: 'disconnected', connectionError: {code: 'not-responding'}, syncedAt: 0});
	});
});

describe('LogsStore with no answer', () => {
	it('says so after the timeout instead of loading for ever, and reads as usual once the daemon answers', async () => {
		let answer: () => void = () => undefined;
		const answered = new Promise<void>((resolve) => (answer = resolve));
		const engine = {
			async *logs(): AsyncIterable<readonly LogChunk[]> {
				await answered;
				yield [];
				yield [{stream: 'stdout', data: Buffer.from('2024-01-01T00:00:00.000000000Z hello\n'), framed: true}];
			},
		} as unknown as Engine;
		const store = new LogsStore(engine, [{id: ID, name: 'quiet'}], {tail: 10, flushMs: 10, noAnswerMs: 150});
		cleanups.push(() => store.stop());
		store.start();
		expect(store.getSnapshot()).toMatchObject({status: ['loading']});
		expect(store.getSnapshot().noAnswer).toBeFalsy();
		await vi.waitFor(() => expect(store.getSnapshot().noAnswer).toBe(true), {timeout: 1000});
		expect(store.getSnapshot().status).toEqual(['loading']);
		answer();
		await vi.waitFor(() => expect(store.getSnapshot().lines.length).toBe(1), {timeout: 1000});
		expect(store.getSnapshot().noAnswer).toBe(false);
	});
});
