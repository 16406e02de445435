// The volumes kind in the app on the fake engine: the list and its columns, the filter sent to the
// daemon, the sizes toggle, create through the dialogs (bad input stays in the dialog and nothing is
// sent), remove refused while in use, prune with its preview, and read-only mode.
import {describe, expect, it} from 'vitest';
import {fakeContainer} from '../../source/engine/fake.js';
import {fakeVolume} from '../../source/engine/fake/volumes.js';
import {setupApp} from '../helpers/app.js';
import {keys, waitFor} from '../helpers/render.js';

type App = Awaited<ReturnType<typeof setupApp>>['app'];

const selectedLine = (frame: string) => frame.split('\n').find((line) => line.startsWith('›')) ?? '';

/** A fake daemon with three volumes, one of them mounted by container "db". */
async function volumesApp(options: {readOnly?: boolean; size?: {columns: number; rows: number}} = {}) {
	const setup = await setupApp(
		[fakeContainer({name: 'db', state: 'running', mounts: [{type: 'volume', name: 'pgdata', source: '/var/lib/docker/volumes/pgdata/_data', destination: '/var/lib/postgresql'}]})],
		options.size ?? {columns: 120, rows: 24},
		{
			...(options.readOnly ? {props: {readOnly: true}} : {}),
			engine: (engine) => {
				engine.volumes.items = [
					fakeVolume({name: 'pgdata', labels: {app: 'db'}, size: 3 * 1024 * 1024}),
					fakeVolume({name: 'cache', size: 2048}),
					fakeVolume({name: 'logs10', driver: 'local'}),
				];
				if (options.readOnly) (engine as {readOnly: boolean}).readOnly = true;
			},
		},
	);
	await openVolumes(setup.app);
	return setup;
}

async function openVolumes(app: App) {
	await app.press(':');
	await app.press('vol');
	await app.press(keys.enter);
	await app.waitForFrame((frame) => frame.includes('VOLUME NAME') && frame.includes('pgdata'));
}

async function selectRow(app: App, name: string) {
	await app.press('g');
	for (let i = 0; i < 10 && !selectedLine(app.lastFrame()).includes(` ${name} `); i += 1) await app.press('j');
	if (!selectedLine(app.lastFrame()).includes(name)) throw new Error(`could not select ${name}:\n${app.lastFrame()}`);
}

/** Type into the open input dialog and press Enter. */
async function answer(app: App, text: string) {
	if (text) await app.press(text);
	await app.press(keys.enter);
}

describe('volumes view', () => {
	it('lists the volumes in natural order with docker volume ls columns plus SCOPE, USED BY and MOUNTPOINT', async () => {
		const {app} = await volumesApp();
		const frame = app.lastFrame();
		const header = frame.split('\n').find((line) => line.includes('VOLUME NAME'))!;
		for (const title of ['DRIVER', 'VOLUME NAME', 'SCOPE', 'USED BY', 'MOUNTPOINT']) expect(header).toContain(title);
		const names = frame
			.split('\n')
			.filter((line) => /^(› | {2})local /.test(line))
			.map((line) => line.split(/\s+/)[2]);
		expect(names).toEqual(['cache', 'logs10', 'pgdata']);
		expect(frame.split('\n').find((line) => line.includes(' pgdata '))).toMatch(/pgdata\s+local\s+db\s/);
	});

	it('sends key=value filters to the daemon and narrows the list', async () => {
		const {app, engine} = await volumesApp();
		await app.press('/');
		await app.press('label=app=db');
		await app.press(keys.enter);
		await app.waitForFrame((frame) => frame.includes('pgdata') && !frame.includes('cache'));
		expect(engine.calls.filter((call) => call.method === 'volumes.list').at(-1)?.args[0]).toEqual({label: ['app=db']});
		await app.press(keys.escape);
		await app.waitForFrame((frame) => frame.includes('cache') && frame.includes('pgdata'));
	});

	it('measures sizes only when z is pressed', async () => {
		const {app, engine} = await volumesApp();
		expect(engine.count('volumes.sizes')).toBe(0);
		await app.press('z');
		await app.waitForFrame((frame) => frame.includes('3.15MB') && frame.includes('2.05kB'));
		expect(engine.count('volumes.sizes')).toBeGreaterThan(0);
		expect(selectedLine(app.lastFrame())).toContain('cache');
	});

	it('refuses a bad volume name inside the dialog and sends nothing; a good one is created with labels and options', async () => {
		const {app, engine} = await volumesApp();
		await app.press('c');
		await app.waitForFrame((frame) => frame.includes('Create volume (1/4)'));
		await answer(app, 'bad/name');
		await app.waitForFrame((frame) => frame.includes('includes invalid characters for a local volume name'));
		expect(engine.count('volumes.create')).toBe(0);
		for (let i = 0; i < 'bad/name'.length; i += 1) await app.press(keys.backspace);
		await answer(app, 'fresh');
		await app.waitForFrame((frame) => frame.includes('Create volume (2/4)'));
		await answer(app, '');
		await app.waitForFrame((frame) => frame.includes('Create volume (3/4)'));
		await answer(app, '=x');
		await app.waitForFrame((frame) => frame.includes("invalid label '=x': empty name"));
		expect(engine.count('volumes.create')).toBe(0);
		for (let i = 0; i < 2; i += 1) await app.press(keys.backspace);
		await answer(app, 'team=ops');
		await app.waitForFrame((frame) => frame.includes('Create volume (4/4)'));
		await answer(app, 'type=tmpfs');
		await app.waitForFrame((frame) => frame.includes('Created volume fresh.'));
		expect(engine.calls.find((call) => call.method === 'volumes.create')?.args[0]).toEqual({name: 'fresh', driver: 'local', labels: {team: 'ops'}, options: {type: 'tmpfs'}});
		await app.waitForFrame((frame) => frame.includes(' fresh '));
	});

	it('refuses to remove a volume in use, naming the container, and removes an unused one after a confirmation', async () => {
		const {app, engine} = await volumesApp();
		await selectRow(app, 'pgdata');
		await app.press('D');
		await app.waitForFrame((frame) => frame.includes('Volume pgdata is in use by container db: remove it first.'));
		expect(engine.count('volumes.remove')).toBe(0);
		await selectRow(app, 'cache');
		await app.press('D');
		await app.waitForFrame((frame) => frame.includes('Remove volume cache?'));
		await app.press('y');
		await app.waitForFrame((frame) => frame.includes('Removed volume cache.'));
		expect(engine.calls.find((call) => call.method === 'volumes.remove')?.args[0]).toBe('cache');
		await app.waitForFrame((frame) => !frame.includes(' cache '));
	});

	it('prunes after a preview that lists what goes', async () => {
		const {app, engine} = await volumesApp();
		// The fake's prune preview is what a test sets (the real one replays the daemon's rules).
		engine.pruneItems.volumes = [
			{id: 'cache', name: 'cache', size: 2048},
			{id: 'logs10', name: 'logs10', size: 0},
		];
		await app.press('P');
		await app.waitForFrame((frame) => frame.includes('Prune 2 unused volumes: reclaims up to 2KiB'));
		expect(app.lastFrame()).toContain('cache');
		expect(app.lastFrame()).toContain('logs10');
		expect(engine.count('prune')).toBe(0);
		await app.press('y');
		await app.waitForFrame((frame) => frame.includes('Pruned 2 unused volumes (2KiB reclaimed'));
		expect(engine.calls.find((call) => call.method === 'prune')?.args).toEqual(['volumes']);
		await app.press('P');
		await app.waitForFrame((frame) => frame.includes('Nothing to prune: no unused volumes.'));
	});

	it('Enter shows the containers using the volume', async () => {
		const {app, engine: fake} = await volumesApp();
		await selectRow(app, 'pgdata');
		await app.press(keys.enter);
		// The fake engine does not implement the volume= filter (it refuses it); the e2e test checks the result.
		await app.waitForFrame((frame) => frame.includes('NAMES') && frame.includes('volume=pgdata'));
		await waitFor(() => fake.calls.some((call) => call.method === 'listContainers' && JSON.stringify(call.args[0]).includes('"volume":["pgdata"]')));
	});

	it('in read-only mode hides create, remove and prune and refuses their keys', async () => {
		const {app, engine} = await volumesApp({readOnly: true});
		expect(app.lastFrame()).not.toMatch(/c create|D remove|P prune/);
		await selectRow(app, 'cache');
		for (const key of ['D', 'c', 'P']) {
			await app.press(key);
			await app.waitForFrame((frame) => frame.includes('is refused: porthole is read-only'));
		}
		expect(engine.count('volumes.remove') + engine.count('volumes.create') + engine.count('prune')).toBe(0);
		// Reading still works.
		await app.press('i');
		await app.waitForFrame((frame) => frame.includes('Inspect volume cache'));
	});

	it('fits 80×24', async () => {
		const {app} = await volumesApp({size: {columns: 80, rows: 24}});
		const frame = app.lastFrame();
		expect(frame.split('\n').every((line) => line.length <= 80)).toBe(true);
		expect(frame).toContain('DRIVER');
		expect(frame).toContain('USED BY');
	});
});
