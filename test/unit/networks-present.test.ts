// Networks presenters: docker network ls rows (order, 12-char ids, texts) plus SUBNET, GATEWAY,
// INTERNAL and CONTAINERS from the container list; members; remove rules and texts; name checks.
import {describe, expect, it} from 'vitest';
import {fakeContainer} from '../../source/engine/fake.js';
import {fakeNetwork, predefinedFakeNetworks} from '../../source/engine/fake/networks.js';
import type {ContainerNetwork, ContainerSummary} from '../../source/engine/types.js';
import {canRemoveNetwork, networkMembers, parseNetworkFilters, networkRemovalText, networkRows, PREDEFINED_NETWORKS, validNetworkName} from '../../source/present/networks.js';

const endpoint = (networkId: string, ipv4: string, aliases: string[] = []): ContainerNetwork => ({networkId, ipv4, ipv6: '', aliases, macAddress: '02:42:ac:11:00:02'});

const [bridge, host, none] = predefinedFakeNetworks() as [ReturnType<typeof fakeNetwork>, ReturnType<typeof fakeNetwork>, ReturnType<typeof fakeNetwork>];
const back = fakeNetwork({id: 'f'.repeat(64), name: 'back', internal: true, labels: {tier: 'db', a: 'b'}, ipam: [{subnet: '10.9.0.0/24', gateway: '10.9.0.1'}, {subnet: 'fd00:9::/64', gateway: ''}]});
const empty = fakeNetwork({id: 'e'.repeat(64), name: 'net10'});
const net2 = fakeNetwork({id: 'd'.repeat(64), name: 'net2'});

const containers: ContainerSummary[] = [
	fakeContainer({name: 'web', networks: {bridge: endpoint(bridge.id, '172.17.0.2'), back: endpoint(back.id, '10.9.0.2', ['web', 'api'])}}),
	// Settings that carry the id but name the network differently (renamed on an old daemon) still count.
	fakeContainer({name: 'db', state: 'exited', networks: {'old-name': endpoint(back.id, '')}}),
	fakeContainer({name: 'worker', state: 'paused', networks: {back: endpoint(back.id, '10.9.0.3')}}),
	fakeContainer({name: 'hostly', networks: {host: endpoint(host.id, '')}}),
	fakeContainer({name: 'alone', networks: {none: endpoint(none.id, '')}}),
];
const networks = [net2, empty, back, bridge, host, none];

describe('networkRows', () => {
	it('sorts as the CLI does (sortorder.NaturalLess on names)', () => {
		expect(networkRows(networks, containers).map((row) => row.name)).toEqual(['back', 'bridge', 'host', 'net2', 'net10', 'none']);
	});

	it.each([
		['back', {key: 'f'.repeat(64), id: 'f'.repeat(12), driver: 'bridge', scope: 'local', subnet: '10.9.0.0/24,fd00:9::/64', gateway: '10.9.0.1', internal: 'true', labels: 'a=b,tier=db', containers: 2, predefined: false}],
		['bridge', {id: bridge.id.slice(0, 12), subnet: '172.17.0.0/16', gateway: '172.17.0.1', internal: 'false', containers: 1, predefined: true}],
		['host', {driver: 'host', subnet: '', gateway: '', containers: 1, predefined: true}],
		['none', {driver: 'null', containers: 1, predefined: true}],
		['net10', {containers: 0, predefined: false, labels: ''}],
	])('row of %s', (name, expected) => {
		expect(networkRows(networks, containers).find((row) => row.name === name)).toMatchObject(expected);
	});

	it('sanitises daemon text', () => {
		const [row] = networkRows([fakeNetwork({name: 'x\u001b]0;t\u0007', driver: 'br\u009b', labels: {'l\u001b': 'v'}})], []);
		expect(`${row!.name}${row!.driver}${row!.labels}`).not.toMatch(/[\u0007\u001b\u009b]/);
	});
});

describe('networkMembers', () => {
	it.each([
		['back', [
			{name: 'db', state: 'exited', ipv4: '', aliases: []},
			{name: 'web', state: 'running', ipv4: '10.9.0.2', aliases: ['web', 'api']},
			{name: 'worker', state: 'paused', ipv4: '10.9.0.3', aliases: []},
		]],
		['bridge', [{name: 'web', ipv4: '172.17.0.2'}]],
		['net2', []],
	])('%s', (name, expected) => {
		const network = networks.find((n) => n.name === name)!;
		const members = networkMembers(network, containers);
		expect(members).toHaveLength(expected.length);
		expected.forEach((member, index) => expect(members[index]).toMatchObject(member));
		for (const member of members) expect(containers.some((c) => c.id === member.key)).toBe(true);
	});
});

describe('removal', () => {
	it('names the predefined networks', () => {
		expect([...PREDEFINED_NETWORKS]).toEqual(['bridge', 'host', 'none']);
	});

	it.each([
		['bridge', false],
		['host', false],
		['none', false],
		['back', true],
		['net10', true],
	])('canRemoveNetwork(%s) = %s', (name, expected) => {
		const row = networkRows(networks, containers).find((r) => r.name === name)!;
		expect(canRemoveNetwork(row)).toBe(expected);
		expect(canRemoveNetwork({name})).toBe(expected);
	});

	it.each([
		['back', false, 'Network back cannot be removed while containers web, worker are attached: disconnect them first.'],
		['bridge', false, 'bridge is a pre-defined network and cannot be removed.'],
		['net10', true, 'Remove network net10?'],
	])('networkRemovalText(%s)', (name, allowed, text) => {
		expect(networkRemovalText(networks.find((n) => n.name === name)!, containers)).toEqual({allowed, text});
	});

	it.each([
		[['exited'], 'Remove network net2? Stopped container c0 uses it and will not start again.'],
		[['created', 'exited'], 'Remove network net2? Stopped containers c0, c1 use it and will not start again.'],
	])('allows a remove when only stopped containers (%j) name the network, and says so', (states, text) => {
		const stopped = states.map((state, i) => fakeContainer({name: `c${i}`, state: state as ContainerSummary['state'], networks: {net2: endpoint('', '')}}));
		expect(networkRemovalText(net2, stopped)).toEqual({allowed: true, text});
		expect(networkRows([net2], stopped)[0]!.containers).toBe(0);
	});

	it('names a single attached container', () => {
		const solo = [fakeContainer({name: 'only', networks: {net2: endpoint(net2.id, '10.0.0.3')}})];
		expect(networkRemovalText(net2, solo)).toEqual({allowed: false, text: 'Network net2 cannot be removed while container only is attached: disconnect it first.'});
	});
});

describe('validNetworkName', () => {
	it.each([
		['back', undefined],
		['a b', undefined],
		['proj_default', undefined],
		['', 'a network needs a name'],
		['   ', 'a network needs a name'],
		['bridge', 'operation is not permitted on predefined bridge network'],
		['host', 'operation is not permitted on predefined host network'],
		['none', 'operation is not permitted on predefined none network'],
		['x\u001b[2J', 'network names cannot hold control characters'],
	])('%j → %s', (name, expected) => {
		expect(validNetworkName(name)).toBe(expected);
	});
});

describe('parseNetworkFilters', () => {
	it.each([
		['', {}],
		['type=custom type=builtin', {type: ['custom', 'builtin']}],
		['dangling=1 driver=bridge scope=local', {dangling: ['1'], driver: ['bridge'], scope: ['local']}],
		['id=abc label=tier=db name=back', {id: ['abc'], label: ['tier=db'], name: ['back']}],
	])('%j', (text, filters) => {
		expect(parseNetworkFilters(text)).toEqual({ok: true, filters});
	});

	it.each([
		['color=red', "Invalid filter 'color'"],
		['type=odd', "invalid filter: 'type'='odd'"],
		['dangling=maybe', 'invalid value for filter \'dangling\', must be "true" (or "1"), or "false" (or "0")'],
		['driver', 'bad format of filter (expected name=value)'],
	])('%j is refused: %s', (text, message) => {
		expect(parseNetworkFilters(text)).toEqual({ok: false, message});
	});
});
