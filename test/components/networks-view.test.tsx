// The networks kind in the app on the fake engine: the list and its columns, the filter sent to the
// daemon, create through the dialogs (bad input stays in the dialog and nothing is sent), remove
// refused for predefined networks and while containers are attached, connect and disconnect,
// inspect with the members, prune with its preview, and read-only mode.
import {describe, expect, it} from 'vitest';
import {fakeContainer} from '../../source/engine/fake.js';
import {fakeNetwork, predefinedFakeNetworks} from '../../source/engine/fake/networks.js';
import {setupApp} from '../helpers/app.js';
import {keys, waitFor} from '../helpers/render.js';

type App = Awaited<ReturnType<typeof setupApp>>['app'];

const selectedLine = (frame: string) => frame.split('\n').find((line) => line.startsWith('›')) ?? '';
/** The NAME cell of a table line (after the 12-hex NETWORK ID). */
const nameOf = (line: string) => /^(?:› | {2})[0-9a-f]{12}\s+(\S+)/.exec(line)?.[1];
const lineOf = (frame: string, name: string) => frame.split('\n').find((line) => nameOf(line) === name) ?? '';

const backend = fakeNetwork({name: 'backend', internal: true, ipam: [{subnet: '10.91.0.0/24', gateway: '10.91.0.1'}], labels: {tier: 'db'}});

/** A fake daemon with the predefined networks, "backend" (db attached, running) and "spare" (nobody). */
async function networksApp(options: {readOnly?: boolean; size?: {columns: number; rows: number}} = {}) {
	const setup = await setupApp(
		[
			fakeContainer({name: 'db', state: 'running', networks: {backend: {networkId: backend.id, ipv4: '10.91.0.2', ipv6: '', aliases: ['database'], macAddress: '02:42:0a:5b:00:02'}}}),
			fakeContainer({name: 'worker', state: 'running'}),
		],
		options.size ?? {columns: 120, rows: 24},
		{
			...(options.readOnly ? {props: {readOnly: true}} : {}),
			engine: (engine) => {
				engine.networks.items = [...predefinedFakeNetworks(), structuredClone(backend), fakeNetwork({name: 'spare'})];
				if (options.readOnly) (engine as {readOnly: boolean}).readOnly = true;
			},
		},
	);
	await setup.app.press(':');
	await setup.app.press('net');
	await setup.app.press(keys.enter);
	await setup.app.waitForFrame((frame) => frame.includes('NETWORK ID') && frame.includes('backend'));
	return setup;
}

async function selectRow(app: App, name: string) {
	await app.press('g');
	for (let i = 0; i < 10 && nameOf(selectedLine(app.lastFrame())) !== name; i += 1) await app.press('j');
	if (nameOf(selectedLine(app.lastFrame())) !== name) throw new Error(`could not select ${name}:\n${app.lastFrame()}`);
}

async function answer(app: App, text: string) {
	if (text) await app.press(text);
	await app.press(keys.enter);
}

describe('networks view', () => {
	it('lists the networks with docker network ls columns plus SUBNET, GATEWAY, INTERNAL and CONTAINERS', async () => {
		const {app} = await networksApp();
		const frame = app.lastFrame();
		const header = frame.split('\n').find((line) => line.includes('NETWORK ID'))!;
		for (const title of ['NETWORK ID', 'NAME', 'DRIVER', 'SCOPE', 'SUBNET', 'GATEWAY', 'INTERNAL', 'CONTAINERS']) expect(header).toContain(title);
		expect(lineOf(frame, 'backend')).toMatch(new RegExp(`${backend.id.slice(0, 12)}\\s+backend\\s+bridge\\s+local\\s+10\\.91\\.0\\.0/24\\s+10\\.91\\.0\\.1\\s+true\\s+1$`));
		expect(lineOf(frame, 'spare')).toMatch(/false\s+0$/);
		const order = frame.split('\n').filter((line) => /^(› | {2})[0-9a-f]{12} /.test(line)).map((line) => line.split(/\s+/)[2]);
		expect(order).toEqual(['backend', 'bridge', 'host', 'none', 'spare']);
	});

	it('sends filters to the daemon and shows its refusal', async () => {
		const {app, engine} = await networksApp();
		await app.press('/');
		await app.press('type=custom');
		await app.press(keys.enter);
		await app.waitForFrame((frame) => lineOf(frame, 'spare') !== '' && lineOf(frame, 'host') === '');
		expect(engine.calls.filter((call) => call.method === 'networks.list').at(-1)?.args[0]).toEqual({type: ['custom']});
	});

	it('refuses a bad subnet and a gateway outside it inside the dialog; then creates with what was typed', async () => {
		const {app, engine} = await networksApp({size: {columns: 120, rows: 30}});
		await app.press('c');
		await app.waitForFrame((frame) => frame.includes('Create network (1/6)'));
		await answer(app, 'host');
		await app.waitForFrame((frame) => frame.includes('operation is not permitted on predefined host network'));
		for (let i = 0; i < 4; i += 1) await app.press(keys.backspace);
		await answer(app, 'front');
		await app.waitForFrame((frame) => frame.includes('Create network (2/6)'));
		await answer(app, '');
		await app.waitForFrame((frame) => frame.includes('Create network (3/6)'));
		await answer(app, '10.92.0.0/33');
		await app.waitForFrame((frame) => frame.includes('invalid CIDR address: 10.92.0.0/33'));
		for (let i = 0; i < 2; i += 1) await app.press(keys.backspace);
		await answer(app, '24');
		await app.waitForFrame((frame) => frame.includes('Create network (4/6)'));
		await answer(app, '10.93.0.1');
		await app.waitForFrame((frame) => frame.includes('no matching subnet for gateway 10.93.0.1'));
		expect(engine.count('networks.create')).toBe(0);
		for (let i = 0; i < 5; i += 1) await app.press(keys.backspace);
		await answer(app, '2.0.1');
		await app.waitForFrame((frame) => frame.includes('Create network (5/6)'));
		await app.press('j');
		await app.press(keys.enter);
		await app.waitForFrame((frame) => frame.includes('Create network (6/6)'));
		await answer(app, 'app=web');
		await app.waitForFrame((frame) => frame.includes('Created network front'));
		expect(engine.calls.find((call) => call.method === 'networks.create')?.args[0]).toEqual({name: 'front', driver: 'bridge', subnet: '10.92.0.0/24', gateway: '10.92.0.1', internal: true, labels: {app: 'web'}});
		await app.waitForFrame((frame) => /front\s+bridge\s+local\s+10\.92\.0\.0\/24\s+10\.92\.0\.1\s+true/.test(frame));
	});

	it('says the daemon\'s words when it refuses a create (a name taken)', async () => {
		const {app, engine} = await networksApp();
		await app.press('c');
		await app.waitForFrame((frame) => frame.includes('Create network (1/6)'));
		await answer(app, 'spare');
		for (const step of ['2/6', '3/6']) {
			await app.waitForFrame((frame) => frame.includes(`Create network (${step})`));
			await answer(app, '');
		}
		await app.waitForFrame((frame) => frame.includes('Create network (5/6)'));
		await app.press(keys.enter);
		await app.waitForFrame((frame) => frame.includes('Create network (6/6)'));
		await answer(app, '');
		await app.waitForFrame((frame) => frame.includes('Could not create the network: network with name spare already exists'));
		expect(engine.count('networks.create')).toBe(1);
		expect(engine.networks.items.filter((network) => network.name === 'spare')).toHaveLength(1);
	});

	it('refuses to remove a predefined network or one with containers attached, naming them; removes a free one', async () => {
		const {app, engine} = await networksApp();
		await selectRow(app, 'bridge');
		await app.press('D');
		await app.waitForFrame((frame) => frame.includes('bridge is a pre-defined network and cannot be removed.'));
		await selectRow(app, 'backend');
		await app.press('D');
		await app.waitForFrame((frame) => frame.includes('Network backend cannot be removed while container db is attached: disconnect it first.'));
		expect(engine.count('networks.remove')).toBe(0);
		await selectRow(app, 'spare');
		await app.press('D');
		await app.waitForFrame((frame) => frame.includes('Remove network spare?'));
		await app.press('y');
		await app.waitForFrame((frame) => frame.includes('Removed network spare.'));
		await app.waitForFrame((frame) => lineOf(frame, 'spare') === '');
	});

	it('connects a chosen container with aliases and disconnects an attached one', async () => {
		const {app, engine} = await networksApp();
		await selectRow(app, 'spare');
		await app.press('C');
		await app.waitForFrame((frame) => frame.includes('Connect which container to spare?'));
		await app.press('j');
		await app.waitForFrame((frame) => selectedLine(frame).includes('worker') || frame.includes('› worker'));
		await app.press(keys.enter);
		await app.waitForFrame((frame) => frame.includes('Connect worker to spare'));
		await answer(app, 'w1 w2');
		await app.waitForFrame((frame) => frame.includes('Connected worker to spare.'));
		const spare = engine.networks.items.find((network) => network.name === 'spare')!;
		const worker = engine.containers.find((container) => container.names[0] === 'worker')!;
		expect(engine.calls.find((call) => call.method === 'networks.connect')?.args).toEqual([spare.id, worker.id, {aliases: ['w1', 'w2']}]);
		await app.waitForFrame((frame) => /spare\s.*\s1$/.test(lineOf(frame, 'spare')));
		await app.press('X');
		await app.waitForFrame((frame) => frame.includes('Disconnect which container from spare?'));
		await app.press(keys.enter);
		await app.waitForFrame((frame) => frame.includes('Disconnected worker from spare.'));
		expect(engine.calls.find((call) => call.method === 'networks.disconnect')?.args.slice(0, 2)).toEqual([spare.id, worker.id]);
		// Nobody is left on it: disconnect is refused with the reason.
		await app.waitForFrame((frame) => /\s0$/.test(lineOf(frame, 'spare')));
		await app.press('X');
		await app.waitForFrame((frame) => frame.includes('No container is attached to spare.'));
	});

	it('inspects with the attached containers, their addresses and aliases', async () => {
		const {app} = await networksApp({size: {columns: 120, rows: 30}});
		await selectRow(app, 'backend');
		await app.press('i');
		await app.waitForFrame((frame) => frame.includes('Inspect network backend'));
		const frame = app.lastFrame();
		expect(frame).toContain('Containers (1)');
		expect(frame).toMatch(/db\s+running\s+10\.91\.0\.2\s+02:42:0a:5b:00:02\s+aliases database/);
		expect(frame).toContain('internal');
		await app.press('\t');
		await app.waitForFrame((frame) => frame.includes('"Name": "backend"'));
	});

	it('Enter shows the containers on the network (the daemon filter network=…)', async () => {
		const {app, engine} = await networksApp();
		await selectRow(app, 'backend');
		await app.press(keys.enter);
		// The fake engine does not implement the network= filter (it refuses it); the e2e test checks the result.
		await app.waitForFrame((frame) => frame.includes('NAMES') && frame.includes('network=backend'));
		await waitFor(() => engine.calls.some((call) => call.method === 'listContainers' && JSON.stringify(call.args[0]).includes('"network":["backend"]')));
	});

	it('prunes after a preview that names the networks', async () => {
		const {app, engine} = await networksApp();
		const spare = engine.networks.items.find((network) => network.name === 'spare')!;
		engine.pruneItems.networks = [{id: spare.id, name: 'spare', size: 0}];
		await app.press('P');
		await app.waitForFrame((frame) => frame.includes('Prune 1 unused network?'));
		expect(engine.count('prune')).toBe(0);
		await app.press('n');
		await app.waitForFrame((frame) => !frame.includes('Prune 1 unused network?'));
		expect(engine.count('prune')).toBe(0);
		await app.press('P');
		await app.waitForFrame((frame) => frame.includes('Prune 1 unused network?'));
		await app.press('y');
		await app.waitForFrame((frame) => frame.includes('Pruned 1 unused network'));
		expect(engine.calls.find((call) => call.method === 'prune')?.args).toEqual(['networks']);
	});

	it('in read-only mode hides every mutation and refuses its key', async () => {
		const {app, engine} = await networksApp({readOnly: true});
		expect(app.lastFrame()).not.toMatch(/c create|D remove|C connect|X disconnect|P prune/);
		await selectRow(app, 'spare');
		for (const key of ['D', 'c', 'C', 'X', 'P']) {
			await app.press(key);
			await app.waitForFrame((frame) => frame.includes('is refused: porthole is read-only'));
		}
		expect(['networks.remove', 'networks.create', 'networks.connect', 'networks.disconnect', 'prune'].map((method) => engine.count(method))).toEqual([0, 0, 0, 0, 0]);
		await app.press('k');
		await app.waitForFrame((frame) => nameOf(selectedLine(frame)) === 'none');
	});

	it('fits 80×24 with the docker network ls columns', async () => {
		const {app} = await networksApp({size: {columns: 80, rows: 24}});
		const frame = app.lastFrame();
		expect(frame.split('\n').every((line) => line.length <= 80)).toBe(true);
		const header = frame.split('\n').find((line) => line.includes('NETWORK ID'))!;
		for (const title of ['NETWORK ID', 'NAME', 'DRIVER', 'SCOPE']) expect(header).toContain(title);
	});
});
