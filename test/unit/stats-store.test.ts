import {afterEach, describe, expect, it, vi} from 'vitest';
import {fakeContainer, FakeEngine} from '../../source/engine/fake.js';
import {EngineError} from '../../source/engine/errors.js';
import {ContainersStore} from '../../source/store/containers.js';
import {StatsStore} from '../../source/store/stats.js';

const stores: StatsStore[] = [];
afterEach(() => {
	for (const store of stores.splice(0)) store.stop();
});

function setup(count: number, intervalMs = 100) {
	const containers = Array.from({length: count}, (_, i) => fakeContainer({name: `c${i}`, load: {cpuPercent: 50, memory: 1 << 20}}));
	const engine = new FakeEngine(containers);
	engine.statsIntervalMs = intervalMs;
	const store = new StatsStore(engine, {publishIntervalMs: intervalMs * 10});
	stores.push(store);
	return {engine, store, containers};
}

describe('StatsStore', () => {
	it('opens one stream per wanted container and closes the ones no longer wanted', async () => {
		const {engine, store, containers} = setup(60);
		store.want(containers.slice(0, 21).map((c) => c.id));
		await vi.waitFor(() => expect(engine.openStatsStreams).toBe(21));
		store.want(containers.slice(30, 40).map((c) => c.id));
		await vi.waitFor(() => expect(engine.openStatsStreams).toBe(10));
		store.want([]);
		await vi.waitFor(() => expect(engine.openStatsStreams).toBe(0));
	});

	it('forgets a stream that ends because the container stopped, so a restart reopens it', async () => {
		const {engine, store, containers} = setup(1, 20);
		const [only] = containers;
		store.want([only!.id]);
		await vi.waitFor(() => expect(engine.openStatsStreams).toBe(1));
		only!.state = 'exited';
		await vi.waitFor(() => expect(engine.openStatsStreams).toBe(0));
		only!.state = 'running';
		store.want([only!.id]);
		await vi.waitFor(() => expect(engine.openStatsStreams).toBe(1));
	});

	it('publishes the first CPU figures as soon as they exist, then at most once per interval', async () => {
		const {store, containers} = setup(5, 100);
		const publishes: number[] = [];
		const start = Date.now();
		store.subscribe(() => publishes.push(Date.now() - start));
		store.want(containers.map((c) => c.id));
		await vi.waitFor(() => {
			const values = [...store.getSnapshot().byId.values()];
			expect(values.length === 5 && values.every((v) => v.cpuPercent !== undefined)).toBe(true);
		}, {timeout: 1000});
		// Second sample at ~100 ms + the 40 ms collection window: well before the 1000 ms slot.
		expect(publishes.at(-1)!).toBeLessThan(400);
		expect(store.getSnapshot().byId.get(containers[0]!.id)?.cpuPercent).toBeCloseTo(50, 5);
		const before = publishes.length;
		await new Promise((resolve) => setTimeout(resolve, 2100));
		// 20 more samples per container arrived; they were published in at most 3 batches.
		expect(publishes.length - before).toBeLessThanOrEqual(3);
		expect(publishes.length - before).toBeGreaterThanOrEqual(1);
	});

	it('keeps a bounded history per container', async () => {
		const containers = [fakeContainer({name: 'h', load: {cpuPercent: 10, memory: 1 << 20}})];
		const engine = new FakeEngine(containers);
		engine.statsIntervalMs = 5;
		const store = new StatsStore(engine, {publishIntervalMs: 50, historyLength: 10});
		stores.push(store);
		store.want([containers[0]!.id]);
		await vi.waitFor(() => expect(store.history(containers[0]!.id)?.mem.length).toBe(10), {timeout: 2000});
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(store.history(containers[0]!.id)?.mem.length).toBe(10);
		expect(store.history(containers[0]!.id)?.cpu.last(3)).toEqual([expect.closeTo(10, 5), expect.closeTo(10, 5), expect.closeTo(10, 5)]);
	});

	it('sweeps containers off screen with single samples, a few at a time, and never streams them', async () => {
		const {engine, store, containers} = setup(12);
		const sweeper = new StatsStore(engine, {publishIntervalMs: 50, sweepIntervalMs: 100});
		stores.push(sweeper);
		sweeper.want([containers[0]!.id]);
		sweeper.sweep(containers.map((c) => c.id));
		await vi.waitFor(() => expect(sweeper.getSnapshot().byId.size).toBe(12), {timeout: 2000});
		expect(sweeper.getSnapshot().byId.get(containers[5]!.id)?.cpuPercent).toBeCloseTo(50, 5);
		// The streamed one is not swept; the others are not streamed.
		expect(engine.calls.filter((c) => c.method === 'statsOnce').map((c) => c.args[0])).not.toContain(containers[0]!.id);
		expect(engine.openStatsStreams).toBe(1);
		// It repeats on its period, and stops when asked.
		const before = engine.count('statsOnce');
		await vi.waitFor(() => expect(engine.count('statsOnce')).toBeGreaterThan(before), {timeout: 1000});
		sweeper.sweep([]);
		await new Promise((resolve) => setTimeout(resolve, 150));
		const after = engine.count('statsOnce');
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(engine.count('statsOnce')).toBe(after);
		void store;
	});

	it('drops the figures of a container that stopped or is no longer wanted, so no total keeps counting it', async () => {
		const {store, containers} = setup(2, 20);
		const [a, b] = containers;
		store.want([a!.id, b!.id]);
		await vi.waitFor(() => expect(store.getSnapshot().byId.size).toBe(2), {timeout: 2000});
		// a stops: its stream ends by itself; no other sample is needed for its figures to go.
		a!.state = 'exited';
		b!.state = 'exited';
		await vi.waitFor(() => expect(store.getSnapshot().byId.size).toBe(0), {timeout: 2000});
		b!.state = 'running';
		store.want([b!.id]);
		await vi.waitFor(() => expect(store.getSnapshot().byId.has(b!.id)).toBe(true), {timeout: 2000});
		store.want([]);
		await vi.waitFor(() => expect(store.getSnapshot().byId.size).toBe(0), {timeout: 2000});
	});

	it('clears every figure at once when the connection is lost, and measures anew what runs after the re-sync', async () => {
		const containers = [fakeContainer({name: 'stays', load: {cpuPercent: 30, memory: 5 << 20}}), fakeContainer({name: 'dies', load: {cpuPercent: 20, memory: 7 << 20}})];
		const engine = new FakeEngine(containers);
		engine.statsIntervalMs = 20;
		const list = new ContainersStore(engine, {backoffMinMs: 20, backoffMaxMs: 40, minRefreshGapMs: 10});
		const store = new StatsStore(engine, {publishIntervalMs: 50, source: list});
		stores.push(store);
		try {
			store.want(containers.map((c) => c.id));
			// Nothing is streamed before the daemon answered.
			expect(engine.openStatsStreams).toBe(0);
			await list.start();
			await vi.waitFor(() => expect(store.getSnapshot().byId.size).toBe(2), {timeout: 2000});

			// The daemon goes away (a restart): figures go at once, streams close.
			engine.down = new EngineError('unreachable', 'gone');
			engine.dropEvents();
			await vi.waitFor(() => expect(list.getSnapshot().connection).toBe('disconnected'));
			expect(store.getSnapshot().byId.size).toBe(0);
			await vi.waitFor(() => expect(engine.openStatsStreams).toBe(0));
			// Meanwhile one container did not survive the restart.
			containers[1]!.state = 'exited';
			containers[1]!.status = 'Exited (137) 1 second ago';
			engine.down = undefined;
			await vi.waitFor(() => expect(list.getSnapshot().connection).toBe('connected'), {timeout: 2000});
			// The one still running is measured again; the dead one is neither streamed nor counted.
			await vi.waitFor(() => expect(store.getSnapshot().byId.get(containers[0]!.id)?.cpuPercent).toBeCloseTo(30, 5), {timeout: 2000});
			expect(store.getSnapshot().byId.has(containers[1]!.id)).toBe(false);
			expect(engine.openStatsStreams).toBe(1);
		} finally {
			list.stop();
		}
	});
});
