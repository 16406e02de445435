// The volumes side of the engine boundary: answers of odd shapes mapped through the guards, the
// container list's mounts and networks, and the fake's filters, refusals, read-only and events.
import {describe, expect, it} from 'vitest';
import {toSummary} from '../../source/engine/answers.js';
import {EngineError} from '../../source/engine/errors.js';
import {FakeEngine, fakeContainer} from '../../source/engine/fake.js';
import {fakeVolume} from '../../source/engine/fake/volumes.js';
import type {EngineEvent} from '../../source/engine/types.js';
import {toVolumeSummaries, toVolumeUsages} from '../../source/engine/volumes.js';

describe('volume answers', () => {
	it.each([
		['null Volumes', {Volumes: null, Warnings: null}, []],
		['a Buffer holding null', Buffer.from('null\n'), []],
		['no body', undefined, []],
		['a list instead of the object', [{Name: 'x'}], []],
		['a row without a name', {Volumes: [{Driver: 'local'}]}, []],
		[
			'a row with null labels and options',
			{Volumes: [{Name: 'v1', Driver: 'local', Scope: 'local', Mountpoint: '/m', Labels: null, Options: null, CreatedAt: '2024-01-01T00:00:00Z'}]},
			[{name: 'v1', driver: 'local', scope: 'local', mountpoint: '/m', labels: {}, options: {}, createdAt: '2024-01-01T00:00:00Z'}],
		],
		[
			'non-text labels dropped',
			{Volumes: [{Name: 'v2', Labels: {a: 'b', n: 3, o: {x: 1}, z: null}, Options: {type: 'tmpfs'}}]},
			[{name: 'v2', driver: '', scope: '', mountpoint: '', labels: {a: 'b', n: '3'}, options: {type: 'tmpfs'}, createdAt: ''}],
		],
	])('%s', (_what, answer, expected) => {
		expect(toVolumeSummaries(answer)).toEqual(expected);
	});

	it.each([
		['sizes and counts', {Volumes: [{Name: 'a', UsageData: {Size: 42, RefCount: 2}}, {Name: 'b', UsageData: {Size: -1, RefCount: -1}}]}, [['a', {size: 42, refCount: 2}], ['b', {size: -1, refCount: -1}]]],
		['no UsageData', {Volumes: [{Name: 'c'}]}, [['c', {size: -1, refCount: -1}]]],
		['null Volumes', {Volumes: null, Images: null}, []],
		['a Buffer holding null', Buffer.from('null'), []],
	])('df: %s', (_what, answer, expected) => {
		expect([...toVolumeUsages(answer)]).toEqual(expected);
	});
});

describe('container list: mounts and networks', () => {
	it.each([
		['none at all', {Id: 'x'}, [], {}],
		['null lists', {Id: 'x', Mounts: null, NetworkSettings: {Networks: null}}, [], {}],
		['null settings', {Id: 'x', NetworkSettings: null}, [], {}],
		[
			'a volume, a bind and two networks',
			{
				Id: 'x',
				Mounts: [
					{Type: 'volume', Name: 'data', Source: '/var/lib/docker/volumes/data/_data', Destination: '/data', Driver: 'local', RW: true},
					{Type: 'bind', Source: '/srv', Destination: '/srv'},
					null,
				],
				NetworkSettings: {
					Networks: {
						back: {NetworkID: 'n1', IPAddress: '10.9.0.2', GlobalIPv6Address: 'fd00::2', Aliases: ['web', 7, null], MacAddress: '02:42:0a:09:00:02'},
						none: {NetworkID: 'n2', IPAddress: '', Aliases: null},
						odd: null,
					},
				},
			},
			[
				{type: 'volume', name: 'data', source: '/var/lib/docker/volumes/data/_data', destination: '/data'},
				{type: 'bind', name: '', source: '/srv', destination: '/srv'},
				{type: '', name: '', source: '', destination: ''},
			],
			{
				back: {networkId: 'n1', ipv4: '10.9.0.2', ipv6: 'fd00::2', aliases: ['web'], macAddress: '02:42:0a:09:00:02'},
				none: {networkId: 'n2', ipv4: '', ipv6: '', aliases: [], macAddress: ''},
				odd: {networkId: '', ipv4: '', ipv6: '', aliases: [], macAddress: ''},
			},
		],
	])('%s', (_what, raw, mounts, networks) => {
		const summary = toSummary(raw);
		expect(summary.mounts).toEqual(mounts);
		expect(summary.networks).toEqual(networks);
	});
});

describe('FakeVolumes', () => {
	function setup() {
		const engine = new FakeEngine([
			fakeContainer({name: 'user', mounts: [{type: 'volume', name: 'used', source: '', destination: '/d'}]}),
		]);
		engine.volumes.items = [
			fakeVolume({name: 'used', labels: {tier: 'db'}}),
			fakeVolume({name: 'free', labels: {tier: 'web', x: ''}}),
			fakeVolume({name: 'plug', driver: 'nfs'}),
		];
		return engine;
	}

	it.each([
		[{}, ['used', 'free', 'plug']],
		[{dangling: ['true']}, ['free', 'plug']],
		[{dangling: ['false']}, ['used']],
		[{driver: ['nfs']}, ['plug']],
		[{driver: ['loc']}, []],
		[{label: ['tier']}, ['used', 'free']],
		[{label: ['tier=web']}, ['free']],
		[{label: ['tier', 'x']}, ['free']],
		[{name: ['u']}, ['used', 'plug']],
		[{name: ['^f']}, ['free']],
		[{name: ['used', 'free']}, ['used', 'free']],
		[{dangling: ['true'], driver: ['local']}, ['free']],
	])('list %j', async (filters, names) => {
		const engine = setup();
		expect((await engine.volumes.list({filters})).map((v) => v.name)).toEqual(names);
		expect(engine.calls.at(-1)).toEqual({method: 'volumes.list', args: [filters]});
	});

	it.each([[{color: ['red']}, "Invalid filter 'color'"], [{dangling: ['maybe']}, "Invalid filter 'dangling=[maybe]'"]])('refuses %j as the daemon does', async (filters, message) => {
		await expect(setup().volumes.list({filters})).rejects.toMatchObject({code: 'bad-request', message});
	});

	it('creates, inspects and removes with events', async () => {
		const engine = setup();
		const events: EngineEvent[] = [];
		const controller = new AbortController();
		const reading = (async () => {
			for await (const event of engine.events(controller.signal)) events.push(event);
		})();
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect(await engine.volumes.create({name: 'new', labels: {a: 'b'}, options: {type: 'tmpfs'}})).toBe('new');
		expect(await engine.volumes.inspect('new')).toMatchObject({Name: 'new', Driver: 'local', Labels: {a: 'b'}, Options: {type: 'tmpfs'}});
		const anonymous = await engine.volumes.create();
		expect(anonymous).toMatch(/^[0-9a-f]{64}$/);
		await engine.volumes.remove('new');
		await expect(engine.volumes.inspect('new')).rejects.toMatchObject({code: 'not-found'});
		await new Promise((resolve) => setTimeout(resolve, 0));
		controller.abort();
		await reading;
		expect(events.map((e) => [e.type, e.action, e.id])).toEqual([
			['volume', 'create', 'new'],
			['volume', 'create', anonymous],
			['volume', 'destroy', 'new'],
		]);
	});

	it('refuses to remove a volume in use, naming the container', async () => {
		const engine = setup();
		const user = engine.containers[0]!.id;
		await expect(engine.volumes.remove('used')).rejects.toMatchObject({code: 'conflict', statusCode: 409, message: `remove used: volume is in use - [${user}]`});
		await expect(engine.volumes.remove('used', {force: true})).rejects.toMatchObject({code: 'conflict'});
		await expect(engine.volumes.remove('ghost')).rejects.toMatchObject({code: 'not-found'});
		await expect(engine.volumes.remove('ghost', {force: true})).resolves.toBeUndefined();
	});

	it.each([
		['create', (e: FakeEngine) => e.volumes.create({name: 'x'})],
		['remove', (e: FakeEngine) => e.volumes.remove('free')],
	])('read-only refuses %s and changes nothing', async (_what, call) => {
		const engine = setup();
		engine.readOnly = true;
		await expect(call(engine)).rejects.toMatchObject({code: 'read-only'});
		expect(engine.volumes.items.map((v) => v.name)).toEqual(['used', 'free', 'plug']);
	});

	it('sizes count users from the containers', async () => {
		const engine = setup();
		engine.volumes.items[0]!.size = 2048;
		expect(Object.fromEntries(await engine.volumes.sizes())).toEqual({
			used: {size: 2048, refCount: 1},
			free: {size: -1, refCount: 0},
			plug: {size: -1, refCount: 0},
		});
	});

	it('a down fake throws from every method', async () => {
		const engine = setup();
		engine.down = new EngineError('unreachable', 'gone');
		await expect(engine.volumes.list()).rejects.toMatchObject({code: 'unreachable'});
		await expect(engine.volumes.sizes()).rejects.toMatchObject({code: 'unreachable'});
	});
});
