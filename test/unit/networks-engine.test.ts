// The networks side of the engine boundary: answers of odd shapes mapped through the guards, the
// daemon's 403 refusals as conflicts, and the fake's filters, connect/disconnect, refusals,
// read-only and events.
import {describe, expect, it} from 'vitest';
import {EngineError} from '../../source/engine/errors.js';
import {FakeEngine, fakeContainer} from '../../source/engine/fake.js';
import {fakeNetwork, predefinedFakeNetworks} from '../../source/engine/fake/networks.js';
import {networkError, toNetworkSummaries} from '../../source/engine/networks.js';
import type {EngineEvent} from '../../source/engine/types.js';

describe('network answers', () => {
	it.each([
		['null', null, []],
		['a Buffer holding null', Buffer.from('null\n'), []],
		['an object', {Id: 'x'}, []],
		['a row without an id', [{Name: 'x'}], []],
		[
			'a bridge with IPAM',
			[{Id: 'n1', Name: 'back', Driver: 'bridge', Scope: 'local', Internal: true, Attachable: false, Ingress: false, EnableIPv6: true, Created: '2024-01-01T00:00:00.5Z', IPAM: {Driver: 'default', Config: [{Subnet: '10.9.0.0/24', Gateway: '10.9.0.1'}, {Subnet: 'fd00::/64'}]}, Labels: {a: 'b'}, Containers: {}}],
			[{id: 'n1', name: 'back', driver: 'bridge', scope: 'local', internal: true, attachable: false, ingress: false, enableIPv6: true, created: '2024-01-01T00:00:00.5Z', ipam: [{subnet: '10.9.0.0/24', gateway: '10.9.0.1'}, {subnet: 'fd00::/64', gateway: ''}], labels: {a: 'b'}}],
		],
		[
			'null IPAM config and labels, a string for a boolean',
			[{Id: 'n2', Name: 'host', Driver: 'host', IPAM: {Config: null}, Labels: null, Internal: 'true'}],
			[{id: 'n2', name: 'host', driver: 'host', scope: '', internal: false, attachable: false, ingress: false, enableIPv6: false, created: '', ipam: [], labels: {}}],
		],
	])('%s', (_what, answer, expected) => {
		expect(toNetworkSummaries(answer)).toEqual(expected);
	});

	it.each([
		[{statusCode: 403, json: {message: 'error while removing network: network n id x has active endpoints'}}, 'conflict', 403],
		[{statusCode: 404, json: {message: 'network n not found'}}, 'not-found', 404],
		[{statusCode: 409, json: {message: 'network with name n already exists'}}, 'conflict', 409],
		[{statusCode: 500, json: {message: 'boom'}}, 'engine', 500],
		[{code: 'ECONNREFUSED'}, 'unreachable', undefined],
	])('networkError %j → %s', (error, code, statusCode) => {
		const mapped = networkError(error, 'unix:///x.sock');
		expect(mapped).toBeInstanceOf(EngineError);
		expect({code: mapped.code, statusCode: mapped.statusCode}).toEqual({code, statusCode});
	});
});

describe('FakeNetworks', () => {
	function setup() {
		const engine = new FakeEngine([fakeContainer({name: 'web'}), fakeContainer({name: 'db'})]);
		engine.networks.items = [
			...predefinedFakeNetworks(),
			fakeNetwork({id: 'a'.repeat(64), name: 'back', internal: true, labels: {tier: 'db'}}),
			fakeNetwork({id: 'b'.repeat(64), name: 'front', driver: 'macvlan', scope: 'swarm'}),
		];
		return engine;
	}
	const names = (list: Array<{name: string}>) => list.map((n) => n.name);

	it.each([
		[{}, ['bridge', 'host', 'none', 'back', 'front']],
		[{type: ['custom']}, ['back', 'front']],
		[{type: ['builtin']}, ['bridge', 'host', 'none']],
		[{driver: ['macvlan']}, ['front']],
		[{scope: ['swarm']}, ['front']],
		[{label: ['tier=db']}, ['back']],
		[{name: ['o']}, ['host', 'none', 'front']],
		[{id: ['aaaa']}, ['back']],
		[{dangling: ['true']}, ['back', 'front']],
		[{dangling: ['false']}, ['bridge', 'host', 'none']],
	])('list %j', async (filters, expected) => {
		const engine = setup();
		expect(names(await engine.networks.list({filters}))).toEqual(expected);
	});

	it.each([
		[{color: ['red']}, "Invalid filter 'color'"],
		[{type: ['odd']}, "invalid filter: 'type'='odd'"],
		[{dangling: ['maybe']}, 'invalid value for filter \'dangling\', must be "true" (or "1"), or "false" (or "0")'],
	])('refuses %j', async (filters, message) => {
		await expect(setup().networks.list({filters})).rejects.toMatchObject({code: 'bad-request', message});
	});

	it('connects with aliases, shows members in inspect, refuses remove while attached, disconnects', async () => {
		const engine = setup();
		const web = engine.containers[0]!;
		const events: EngineEvent[] = [];
		const controller = new AbortController();
		const reading = (async () => {
			for await (const event of engine.events(controller.signal)) events.push(event);
		})();
		await new Promise((resolve) => setTimeout(resolve, 0));

		await engine.networks.connect('back', 'web', {aliases: ['api']});
		expect(web.networks['back']).toMatchObject({networkId: 'a'.repeat(64), aliases: ['api']});
		expect(Object.keys((await engine.networks.inspect('back'))['Containers'] as object)).toEqual([web.id]);
		expect(names(await engine.networks.list({filters: {dangling: ['true']}}))).toEqual(['front']);
		await expect(engine.networks.connect('back', 'web')).rejects.toMatchObject({code: 'conflict'});
		await expect(engine.networks.remove('back')).rejects.toMatchObject({code: 'conflict', statusCode: 403, message: expect.stringContaining('has active endpoints')});

		await engine.networks.disconnect('back', web.id);
		expect(web.networks['back']).toBeUndefined();
		await expect(engine.networks.disconnect('back', web.id)).rejects.toMatchObject({code: 'conflict'});
		await engine.networks.remove('aaaa');
		expect(names(engine.networks.items)).not.toContain('back');

		await new Promise((resolve) => setTimeout(resolve, 0));
		controller.abort();
		await reading;
		expect(events.map((e) => [e.type, e.action, e.attributes['name'], e.attributes['container'] ?? ''])).toEqual([
			['network', 'connect', 'back', web.id],
			['network', 'disconnect', 'back', web.id],
			['network', 'destroy', 'back', ''],
		]);
	});

	it('creates and refuses duplicates and the predefined names', async () => {
		const engine = setup();
		const id = await engine.networks.create({name: 'new', internal: true, subnet: '10.7.0.0/24', gateway: '10.7.0.1', labels: {a: 'b'}});
		expect(await engine.networks.inspect(id)).toMatchObject({Name: 'new', Internal: true, IPAM: {Config: [{Subnet: '10.7.0.0/24', Gateway: '10.7.0.1'}]}, Labels: {a: 'b'}, Containers: {}});
		await expect(engine.networks.create({name: 'new'})).rejects.toMatchObject({code: 'conflict', message: 'network with name new already exists'});
		await expect(engine.networks.create({name: 'bridge'})).rejects.toMatchObject({code: 'conflict'});
		await expect(engine.networks.remove('bridge')).rejects.toMatchObject({code: 'conflict', message: 'bridge is a pre-defined network and cannot be removed'});
		await expect(engine.networks.inspect('ghost')).rejects.toMatchObject({code: 'not-found'});
		await expect(engine.networks.connect('new', 'ghost')).rejects.toMatchObject({code: 'not-found'});
	});

	it.each([
		['create', (e: FakeEngine) => e.networks.create({name: 'x'})],
		['remove', (e: FakeEngine) => e.networks.remove('front')],
		['connect', (e: FakeEngine) => e.networks.connect('front', 'web')],
		['disconnect', (e: FakeEngine) => e.networks.disconnect('front', 'web')],
	])('read-only refuses %s and changes nothing', async (_what, call) => {
		const engine = setup();
		engine.readOnly = true;
		await expect(call(engine)).rejects.toMatchObject({code: 'read-only'});
		expect(names(engine.networks.items)).toEqual(['bridge', 'host', 'none', 'back', 'front']);
		expect(engine.containers.every((c) => Object.keys(c.networks).length === 0)).toBe(true);
	});
});
