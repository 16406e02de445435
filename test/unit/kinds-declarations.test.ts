// The volumes and networks declarations on their own: which events re-read them, which rows their
// actions refuse and why, the cells they draw, and the sizes toggle's effect on the list calls.
import {describe, expect, it} from 'vitest';
import type {EngineEvent} from '../../source/engine/types.js';
import {FakeEngine, fakeContainer} from '../../source/engine/fake.js';
import {fakeNetwork, predefinedFakeNetworks} from '../../source/engine/fake/networks.js';
import {fakeVolume} from '../../source/engine/fake/volumes.js';
import {networkListRow, networksKind} from '../../source/resources/networks.js';
import {VOLUME_SIZES_TOGGLE, volumesKind} from '../../source/resources/volumes.js';

const event = (type: string, action: string): EngineEvent => ({type, action, id: 'x', attributes: {}, timeNano: 0});

const action = <Row>(kind: {actions: ReadonlyArray<{command: string}>}, command: string) => kind.actions.find((entry) => entry.command === command) as unknown as {refuses?: (row: Row, context: {now: number; containers: []}) => string | undefined};

describe('refreshOn', () => {
	it.each([
		['volumes', 'volume', 'create', true],
		['volumes', 'volume', 'destroy', true],
		['volumes', 'volume', 'prune', true],
		['volumes', 'network', 'create', false],
		['volumes', 'container', 'start', false],
		['networks', 'network', 'create', true],
		['networks', 'network', 'destroy', true],
		['networks', 'network', 'connect', true],
		['networks', 'network', 'disconnect', true],
		['networks', 'network', 'prune', true],
		['networks', 'container', 'start', true],
		['networks', 'container', 'die', true],
		['networks', 'container', 'exec_start: sh', false],
		['networks', 'volume', 'create', false],
	] as const)('%s re-reads on %s %s: %s', (kind, type, name, expected) => {
		expect((kind === 'volumes' ? volumesKind : networksKind).refreshOn(event(type, name))).toBe(expected);
	});
});

describe('networks rows and refusals', () => {
	const backend = fakeNetwork({name: 'backend'});
	const containers = [
		fakeContainer({name: 'db', state: 'running', networks: {backend: {networkId: backend.id, ipv4: '10.0.0.2', ipv6: '', aliases: [], macAddress: ''}}}),
		fakeContainer({name: 'old', state: 'exited', networks: {backend: {networkId: backend.id, ipv4: '', ipv6: '', aliases: [], macAddress: ''}}}),
	];
	const rows = [...predefinedFakeNetworks(), backend, fakeNetwork({name: 'spare'})].map((network) => networkListRow(network, containers));
	const row = (name: string) => rows.find((entry) => entry.name === name)!;
	const cell = (name: string, column: string) => networksKind.columns.find((entry) => entry.id === column)!.cell(row(name), {now: 0, containers: []});

	it.each([
		['backend', 'containers', '1'],
		['spare', 'containers', '0'],
		['bridge', 'subnet', '172.17.0.0/16'],
		['bridge', 'gateway', '172.17.0.1'],
		['backend', 'internal', 'false'],
	])('%s %s cell is %s', (name, column, expected) => {
		expect(cell(name, column)).toBe(expected);
	});

	it.each([
		['networks.remove', 'bridge', 'bridge is a pre-defined network and cannot be removed.'],
		['networks.remove', 'backend', 'Network backend cannot be removed while container db is attached: disconnect it first.'],
		['networks.remove', 'spare', undefined],
		['networks.connect', 'host', 'No container can be connected to host (driver host).'],
		['networks.connect', 'none', 'No container can be connected to none (driver null).'],
		['networks.connect', 'spare', undefined],
		['networks.disconnect', 'spare', 'No container is attached to spare.'],
		['networks.disconnect', 'backend', undefined],
	])('%s on %s: %s', (command, name, expected) => {
		expect(action(networksKind, command).refuses?.(row(name), {now: 0, containers: []})).toBe(expected);
	});
});

describe('volumes list', () => {
	it.each([
		[false, 0, ['', '']],
		[true, 1, ['2.05kB', 'N/A']],
	])('sizes toggle %s: %i /system/df call(s), SIZE cells %j', async (sizes, calls, cells) => {
		const engine = new FakeEngine([]);
		engine.volumes.items = [fakeVolume({name: 'a', size: 2048}), fakeVolume({name: 'b'})];
		const rows = await volumesKind.list(engine, {filters: {}, toggles: new Set(sizes ? [VOLUME_SIZES_TOGGLE] : [])}, new AbortController().signal);
		expect(engine.count('volumes.sizes')).toBe(calls);
		const size = volumesKind.columns.find((column) => column.id === 'size')!;
		expect(rows.map((row) => size.cell(row, {now: 0, containers: []}))).toEqual(cells);
	});
});
