import {afterEach, describe, expect, it, vi} from 'vitest';
import {EngineError} from '../../source/engine/errors.js';
import {fakeContainer, FakeEngine} from '../../source/engine/fake.js';
import {ContainersStore} from '../../source/store/containers.js';

const stores: ContainersStore[] = [];
function makeStore(engine: FakeEngine, options = {}) {
	const store = new ContainersStore(engine, {backoffMinMs: 20, backoffMaxMs: 80, ...options});
	stores.push(store);
	return store;
}
afterEach(() => {
	for (const store of stores.splice(0)) store.stop();
});

describe('ContainersStore', () => {
	it('loads the list and info on start', async () => {
		const engine = new FakeEngine([fakeContainer({name: 'one'}), fakeContainer({name: 'two', state: 'exited', status: 'Exited (0) 1 minute ago'})]);
		const store = makeStore(engine);
		await store.start();
		const state = store.getSnapshot();
		expect(state.connection).toBe('connected');
		expect(state.containers.map((c) => c.names[0])).toEqual(['one', 'two']);
		expect(state.info?.containersRunning).toBe(1);
	});

	it('coalesces a burst of events into one refresh per gap', async () => {
		const engine = new FakeEngine([fakeContainer({name: 'one'})]);
		const store = makeStore(engine, {minRefreshGapMs: 100});
		await store.start();
		const before = engine.count('listContainers');
		for (let i = 0; i < 50; i += 1) engine.emit('start', 'x' + i);
		await vi.waitFor(() => expect(engine.count('listContainers')).toBe(before + 1), {timeout: 1000});
		await new Promise((resolve) => setTimeout(resolve, 250));
		expect(engine.count('listContainers')).toBe(before + 1);
	});

	it('shows a container created outside porthole after its event', async () => {
		const engine = new FakeEngine([]);
		const store = makeStore(engine, {minRefreshGapMs: 10});
		await store.start();
		const added = fakeContainer({name: 'newcomer'});
		engine.containers.push(added);
		engine.emit('create', added.id);
		await vi.waitFor(() => expect(store.getSnapshot().containers.map((c) => c.id)).toContain(added.id));
	});

	it('ignores events that do not change the list (exec, attach)', async () => {
		const engine = new FakeEngine([fakeContainer({name: 'one'})]);
		const store = makeStore(engine, {minRefreshGapMs: 10});
		await store.start();
		const before = engine.count('listContainers');
		engine.emit('exec_create: sh', 'x');
		engine.emit('attach', 'x');
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(engine.count('listContainers')).toBe(before);
	});

	it('inspects only visible containers, once, and again after an event for them', async () => {
		const one = fakeContainer({name: 'one'});
		const two = fakeContainer({name: 'two'});
		const engine = new FakeEngine([one, two]);
		const store = makeStore(engine, {minRefreshGapMs: 10});
		await store.start();
		store.setVisible([one.id]);
		await vi.waitFor(() => expect(store.getSnapshot().details.has(one.id)).toBe(true));
		store.setVisible([one.id]);
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(engine.calls.filter((c) => c.method === 'inspectState').map((c) => c.args[0])).toEqual([one.id]);
		engine.emit('die', one.id);
		await vi.waitFor(() => expect(engine.count('inspectState')).toBe(2));
	});

	it('drops an inspect answer that was in flight when a state event came, and asks again', async () => {
		const one = fakeContainer({name: 'one'});
		const engine = new FakeEngine([one]);
		const store = makeStore(engine, {minRefreshGapMs: 10});
		await store.start();
		// The first inspect reads the state (running), then answers only after the container died.
		const inspect = engine.inspectState.bind(engine);
		let answer!: () => void;
		const held = new Promise<void>((resolve) => (answer = resolve));
		engine.inspectState = async (id: string) => {
			const detail = await inspect(id);
			if (engine.count('inspectState') === 1) await held;
			return detail;
		};
		store.setVisible([one.id]);
		await vi.waitFor(() => expect(engine.count('inspectState')).toBe(1));
		one.state = 'exited';
		one.status = 'Exited (42) 1 second ago';
		engine.emit('die', one.id);
		// Let the store take the event before the stale answer arrives.
		await new Promise((resolve) => setTimeout(resolve, 30));
		answer();
		await vi.waitFor(() => expect(engine.count('inspectState')).toBe(2));
		await vi.waitFor(() => expect(store.getSnapshot().details.get(one.id)?.running).toBe(false));
		expect(store.getSnapshot().details.get(one.id)?.exitCode).toBe(42);
	});

	it('asks again when a new list contradicts a stored detail (its event not taken yet)', async () => {
		const one = fakeContainer({name: 'one'});
		const engine = new FakeEngine([one]);
		const store = makeStore(engine, {minRefreshGapMs: 10});
		await store.start();
		store.setVisible([one.id]);
		await vi.waitFor(() => expect(store.getSnapshot().details.get(one.id)?.running).toBe(true));
		// Stopped, and the list read again (as after porthole's own stop) before the die event came.
		one.state = 'exited';
		one.status = 'Exited (42) 1 second ago';
		store.requestRefresh();
		await vi.waitFor(() => expect(store.getSnapshot().containers[0]?.state).toBe('exited'));
		await vi.waitFor(() => expect(store.getSnapshot().details.get(one.id)?.running).toBe(false));
		expect(engine.count('inspectState')).toBe(2);
	});

	it('keeps the list and reports the daemon message when it refuses a filter', async () => {
		const engine = new FakeEngine([fakeContainer({name: 'one'})]);
		const store = makeStore(engine);
		await store.start();
		const ok = await store.setFilters({bogus: ['1']});
		expect(ok).toBe(false);
		expect(store.getSnapshot().filterError).toBe("invalid filter 'bogus'");
		expect(store.getSnapshot().containers).toHaveLength(1);
		expect(store.getSnapshot().filters).toEqual({});
	});

	it('marks itself disconnected, retries with backoff and re-syncs when the daemon is back', async () => {
		const engine = new FakeEngine([fakeContainer({name: 'one'})]);
		const store = makeStore(engine);
		await store.start();
		engine.down = new EngineError('unreachable', 'Cannot connect to the Docker daemon at unix:///fake. Is the docker daemon running?');
		engine.dropEvents();
		await vi.waitFor(() => expect(store.getSnapshot().connection).toBe('disconnected'));
		expect(store.getSnapshot().connectionError?.message).toMatch(/Cannot connect/);
		// While down, the world changed.
		engine.containers = [fakeContainer({name: 'two'})];
		await new Promise((resolve) => setTimeout(resolve, 60));
		expect(store.getSnapshot().connection).toBe('disconnected');
		engine.down = undefined;
		await vi.waitFor(() => expect(store.getSnapshot().connection).toBe('connected'), {timeout: 2000});
		expect(store.getSnapshot().containers.map((c) => c.names[0])).toEqual(['two']);
		// And events flow again after the reconnect.
		const three = fakeContainer({name: 'three'});
		engine.containers.push(three);
		engine.emit('create', three.id);
		await vi.waitFor(() => expect(store.getSnapshot().containers).toHaveLength(2));
	});

	it('switches between all and running-only', async () => {
		const engine = new FakeEngine([fakeContainer({name: 'up'}), fakeContainer({name: 'down', state: 'exited'})]);
		const store = makeStore(engine);
		await store.start();
		await store.setAll(false);
		expect(store.getSnapshot().containers.map((c) => c.names[0])).toEqual(['up']);
		await store.setAll(true);
		expect(store.getSnapshot().containers).toHaveLength(2);
	});
});
