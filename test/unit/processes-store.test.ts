import {afterEach, describe, expect, it, vi} from 'vitest';
import {EngineError} from '../../source/engine/errors.js';
import {fakeContainer, FakeEngine} from '../../source/engine/fake.js';
import {PS_ARGS, ProcessesStore} from '../../source/store/processes.js';

const stores: ProcessesStore[] = [];
afterEach(() => {
	for (const store of stores.splice(0)) store.stop();
});

describe('ProcessesStore', () => {
	it('asks for PID, PPID, USER, %CPU, %MEM, elapsed and command, and polls while watched', async () => {
		const box = fakeContainer({name: 'box'});
		const engine = new FakeEngine([box]);
		const store = new ProcessesStore(engine, 30);
		stores.push(store);
		store.watch(box.id);
		await vi.waitFor(() => expect(store.getSnapshot().list).toBeDefined());
		expect(engine.calls.find((c) => c.method === 'top')?.args).toEqual([box.id, PS_ARGS]);
		await vi.waitFor(() => expect(engine.count('top')).toBeGreaterThanOrEqual(3));
		store.watch(undefined);
		const count = engine.count('top');
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(engine.count('top')).toBe(count);
	});

	it("falls back to the daemon's default columns when the host's ps rejects the arguments", async () => {
		const box = fakeContainer({name: 'box'});
		const engine = new FakeEngine([box]);
		const top = engine.top.bind(engine);
		engine.top = async (id, psArgs) => {
			if (psArgs) throw new EngineError('engine', 'ps: unrecognized option: o', 500);
			return top(id);
		};
		const store = new ProcessesStore(engine, 1000);
		stores.push(store);
		store.watch(box.id);
		await vi.waitFor(() => expect(store.getSnapshot().list).toBeDefined());
		expect(store.getSnapshot().fallback).toBe(true);
		expect(store.getSnapshot().error).toBeUndefined();
	});

	it('reports a stopped container as an error, not a crash', async () => {
		const box = fakeContainer({name: 'box', state: 'exited'});
		const engine = new FakeEngine([box]);
		const store = new ProcessesStore(engine, 1000);
		stores.push(store);
		store.watch(box.id);
		await vi.waitFor(() => expect(store.getSnapshot().error).toMatch(/is not running/));
	});
});
