/** The whole app on a fake engine, rendered in-process: the setup every component test shares. */
import {afterEach} from 'vitest';
import type {FakeContainer} from '../../source/engine/fake.js';
import {FakeEngine} from '../../source/engine/fake.js';
import {HostActions} from '../../source/actions/host-actions.js';
import {ContainersStore} from '../../source/store/containers.js';
import {LogsStore, type LogsStoreOptions, type LogTarget} from '../../source/store/logs.js';
import {ProcessesStore} from '../../source/store/processes.js';
import {StatsStore} from '../../source/store/stats.js';
import {App, type AppProps} from '../../source/ui/App.js';
import {renderApp} from './render.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
	for (const cleanup of cleanups.splice(0)) cleanup();
});

/** Render the app over these fake containers; stores are fast-ticking for tests. */
export async function setupApp(
	containers: FakeContainer[],
	size = {columns: 120, rows: 20},
	options: {all?: boolean; props?: Partial<AppProps>; engine?: (engine: FakeEngine) => void} = {},
) {
	const engine = new FakeEngine(containers);
	options.engine?.(engine);
	const store = new ContainersStore(engine, {minRefreshGapMs: 10, backoffMinMs: 20, all: options.all});
	const stats = new StatsStore(engine, {publishIntervalMs: 100, source: store});
	const processes = new ProcessesStore(engine, 200);
	engine.statsIntervalMs = 100;
	await store.start();
	const openLogs = (targets: readonly LogTarget[], logOptions: LogsStoreOptions) => new LogsStore(engine, targets, {...logOptions, flushMs: 20});
	const app = renderApp(<App stores={{containers: store, stats, processes, openLogs, actions: new HostActions(engine)}} initialSort="name" {...options.props} />, size);
	cleanups.push(() => {
		app.unmount();
		store.stop();
		stats.stop();
		processes.stop();
	});
	await app.waitForFrame((frame) => frame.includes('NAMES') || frame.includes('too small'));
	return {engine, store, stats, app};
}
