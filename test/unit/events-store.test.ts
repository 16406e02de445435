import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import type {EngineEvent} from '../../source/engine/types.js';
import {EventsStore, type EventsSources} from '../../source/store/events.js';

const NOW = Date.UTC(2026, 11, 3, 19, 0, 0);
const SECOND_NS = 1e9;

const ev = (second: number, action = 'start', name = `c${second}`): EngineEvent => ({
	type: 'container',
	action,
	id: name,
	actorId: name,
	attributes: {name},
	timeNano: (NOW / 1000 + second) * SECOND_NS,
});

/** Sources the test drives: live events by hand, a backlog that yields when released. */
function sources(backlog: EngineEvent[] = []) {
	const listeners = new Set<(event: EngineEvent) => void>();
	let release!: () => void;
	const released = new Promise<void>((resolve) => (release = resolve));
	const calls: Array<{since: string; until: string}> = [];
	const source: EventsSources = {
		subscribe: (listener) => {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		async *loadBacklog(since, until, signal) {
			calls.push({since, until});
			await released;
			for (const event of backlog) {
				if (signal.aborted) return;
				yield event;
			}
		},
	};
	return {source, live: (event: EngineEvent) => listeners.forEach((l) => l(event)), release, calls, listeners};
}

const names = (store: EventsStore) => store.getSnapshot().events.map((e) => `${e.actorId}:${e.action}`);
const settle = async () => {
	for (let i = 0; i < 10; i += 1) await Promise.resolve();
	await vi.advanceTimersByTimeAsync(100);
};

describe('EventsStore', () => {
	beforeEach(() => vi.useFakeTimers({now: NOW}));
	afterEach(() => vi.useRealTimers());

	it('reads the backlog since 10 minutes ago up to now, once, and subscribes once', async () => {
		const s = sources();
		const store = new EventsStore(s.source);
		expect(store.open()).toBeUndefined();
		store.open('1h');
		s.release();
		await settle();
		expect(s.calls).toEqual([
			{since: `${NOW / 1000 - 600}.000`, until: `${NOW / 1000}.000`},
			{since: `${NOW / 1000 - 3600}.000`, until: `${NOW / 1000}.000`},
		]);
		expect(s.listeners.size).toBe(1);
		expect(store.getSnapshot()).toMatchObject({loading: false, open: true, since: '1h'});
		store.close();
		expect(s.listeners.size).toBe(0);
		expect(store.getSnapshot().open).toBe(false);
	});

	it('refuses a since that is not a time and opens nothing', () => {
		const s = sources();
		const store = new EventsStore(s.source);
		expect(store.open('yesterday')).toMatch(/not a time/);
		expect(s.listeners.size).toBe(0);
	});

	it.each([
		['backlog then live, overlapping', [ev(-5), ev(-3), ev(-1)], [ev(-1), ev(1)], ['c-5', 'c-3', 'c-1', 'c1']],
		['live arrives before the older backlog', [ev(-9), ev(-8)], [ev(2), ev(3)], ['c-9', 'c-8', 'c2', 'c3']],
		['the same event twice live is kept once', [], [ev(1), ev(1), ev(2)], ['c1', 'c2']],
		['same time, different actions are both kept', [], [ev(1, 'create', 'x'), ev(1, 'start', 'x')], ['x', 'x']],
	])('%s: time order without duplicates', async (_name, backlog, live, expected) => {
		const s = sources(backlog);
		const store = new EventsStore(s.source);
		store.open();
		for (const event of live) s.live(event);
		s.release();
		await settle();
		expect(store.getSnapshot().events.map((e) => e.actorId)).toEqual(expected);
	});

	it('the exact-digits backlog and the rounded live stream are the same event', async () => {
		const live = ev(-1);
		const fromBacklog = {...live, timeNanoText: '1796324399000000123', scope: 'local', from: '', status: ''};
		const s = sources([fromBacklog]);
		const store = new EventsStore(s.source);
		store.open();
		s.live(live);
		s.release();
		await settle();
		expect(store.getSnapshot().kept).toBe(1);
	});

	it('keeps only the newest events within the bound', async () => {
		const s = sources();
		const store = new EventsStore(s.source, {limit: 3});
		store.open();
		for (let i = 1; i <= 5; i += 1) s.live(ev(i));
		await settle();
		expect(store.getSnapshot()).toMatchObject({kept: 3, dropped: 2});
		expect(names(store)).toEqual(['c3:start', 'c4:start', 'c5:start']);
		// A dropped event coming again (e.g. in a later backlog) is older than all kept: dropped again.
		s.live(ev(1));
		await settle();
		expect(names(store)).toEqual(['c3:start', 'c4:start', 'c5:start']);
	});

	it('pause freezes what is shown and counts what arrives; resume shows it', async () => {
		const s = sources();
		const store = new EventsStore(s.source);
		store.open();
		s.live(ev(1));
		await settle();
		store.pause();
		s.live(ev(2));
		s.live(ev(3, 'die'));
		await settle();
		expect(store.getSnapshot()).toMatchObject({paused: true, pending: 2});
		expect(names(store)).toEqual(['c1:start']);
		store.setFilter('event=die');
		expect(store.getSnapshot()).toMatchObject({pending: 1, events: []});
		store.setFilter('');
		store.resume();
		expect(store.getSnapshot()).toMatchObject({paused: false, pending: 0});
		expect(names(store)).toEqual(['c1:start', 'c2:start', 'c3:die']);
	});

	it('filters with docker events --filter text and refuses bad text, keeping the filters', async () => {
		const s = sources();
		const store = new EventsStore(s.source);
		store.open();
		s.live(ev(1, 'start', 'web'));
		s.live(ev(2, 'die', 'web'));
		s.live(ev(3, 'start', 'db'));
		await settle();
		expect(store.setFilter('container=web event=start')).toBeUndefined();
		expect(names(store)).toEqual(['web:start']);
		expect(store.setFilter('bogus=1')).toBe("Invalid filter 'bogus'");
		expect(store.getSnapshot()).toMatchObject({filterError: "Invalid filter 'bogus'", filterText: 'container=web event=start'});
		expect(names(store)).toEqual(['web:start']);
		expect(store.getSnapshot().kept).toBe(3);
	});

	it('notifies at most once per batch interval under a flood', async () => {
		const s = sources();
		const store = new EventsStore(s.source, {batchMs: 75});
		store.open();
		s.release();
		await settle();
		let notifications = 0;
		store.subscribe(() => (notifications += 1));
		const version = store.getSnapshot().version;
		// 1,000 events over 500 ms: one every half millisecond.
		for (let i = 0; i < 1000; i += 1) {
			s.live(ev(i));
			if (i % 2 === 1) await vi.advanceTimersByTimeAsync(1);
		}
		await vi.advanceTimersByTimeAsync(100);
		expect(store.getSnapshot().kept).toBe(1000);
		expect(notifications).toBeGreaterThanOrEqual(6);
		expect(notifications).toBeLessThanOrEqual(8);
		expect(store.getSnapshot().version).toBe(version + notifications);
	});

	it('a failed backlog is an error; live events still come', async () => {
		const listeners = new Set<(event: EngineEvent) => void>();
		const store = new EventsStore({
			subscribe: (listener) => {
				listeners.add(listener);
				return () => listeners.delete(listener);
			},
			// eslint-disable-next-line require-yield -- fails before yielding, as a refused request does
			async *loadBacklog() {
				throw new Error('Cannot connect to the Docker daemon');
			},
		});
		store.open();
		await settle();
		listeners.forEach((l) => l(ev(1)));
		await settle();
		expect(store.getSnapshot()).toMatchObject({loading: false, error: 'Cannot connect to the Docker daemon', kept: 1});
	});

	it('close cancels the backlog and stops notifying', async () => {
		let aborted = false;
		const store = new EventsStore({
			subscribe: () => () => {},
			async *loadBacklog(_since, _until, signal) {
				await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
				aborted = signal.aborted;
				yield ev(1);
			},
		});
		store.open();
		store.close();
		await settle();
		expect(aborted).toBe(true);
		expect(store.getSnapshot().kept).toBe(0);
	});
});
