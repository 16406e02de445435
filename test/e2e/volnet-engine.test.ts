// Volumes and networks at the engine boundary against the private engine (no pty): the rows porthole
// computes compared with `docker volume ls` / `docker network ls --format '{{json .}}'` (plain and
// with each filter kind), USED BY with `docker ps -a --filter volume=`, members with `docker network
// inspect`, and every mutation checked with the CLI afterwards. Networks are `--internal` and live in
// the engine's own network namespace; containers use `--network none` unless on those networks.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {resolveEndpoint} from '../../source/engine/connection.js';
import {DockerEngine} from '../../source/engine/docker.js';
import type {ContainerSummary} from '../../source/engine/types.js';
import {naturalCompare} from '../../source/present/natural-sort.js';
import {networkMembers, networkRemovalText, networkRows, parseNetworkFilters} from '../../source/present/networks.js';
import {parseVolumeFilters, volumeRemovalText, volumeRows, volumeUsers} from '../../source/present/volumes.js';
import {TEST_IMAGE, TEST_LABEL, docker, engineHost, inspect, removeTestContainers, runContainer, uniqueName} from '../helpers/docker.js';

const prefix = uniqueName('volnet');
const name = (suffix: string) => `${prefix}-${suffix}`;
let engine: DockerEngine;
const ids: Record<string, string> = {};

/** `--format '{{json .}}'` output, one object per line. */
const jsonLines = (text: string): Array<Record<string, string>> => (text === '' ? [] : text.split('\n').map((line) => JSON.parse(line) as Record<string, string>));
/** The CLI joins labels in Go's random map order; porthole sorts them. */
const sortedLabels = (text: string) => (text === '' ? '' : text.split(',').sort().join(','));
/** `['a=b', 'a=c', 'd=e']` → the filters object the API takes. */
const filtersOf = (flags: string[]) => {
	const filters: Record<string, string[]> = {};
	for (const flag of flags) {
		const equals = flag.indexOf('=');
		(filters[flag.slice(0, equals)] ??= []).push(flag.slice(equals + 1));
	}
	return filters;
};
const allContainers = (): Promise<ContainerSummary[]> => engine.listContainers({all: true});

beforeAll(async () => {
	engine = new DockerEngine(resolveEndpoint({host: engineHost()}));
	await docker(['volume', 'create', '--label', TEST_LABEL, '--label', 'tier=db', name('data')]);
	for (const volume of ['logs', 'v9', 'v10']) await docker(['volume', 'create', '--label', TEST_LABEL, name(volume)]);
	// Documentation ranges (TEST-NET-1/2): nothing is routed there, and the networks are internal.
	ids['back'] = await docker(['network', 'create', '--internal', '--label', TEST_LABEL, '--label', 'tier=db', '--subnet', '192.0.2.0/24', '--gateway', '192.0.2.1', name('back')]);
	ids['front'] = await docker(['network', 'create', '--internal', '--label', TEST_LABEL, name('front')]);
	await runContainer(name('user'), ['-v', `${name('data')}:/data`, TEST_IMAGE, 'sleep', '600']);
	await runContainer(name('idle'), ['-v', `${name('data')}:/d`, '-v', `${name('logs')}:/l`, TEST_IMAGE, 'true'], {detach: false});
	await runContainer(name('member'), ['--network', name('back'), TEST_IMAGE, 'sleep', '600']);
});

afterAll(async () => {
	await removeTestContainers();
	const volumes = await docker(['volume', 'ls', '-q', '--filter', `label=${TEST_LABEL}`]);
	if (volumes) await docker(['volume', 'rm', '-f', ...volumes.split('\n')]);
	const networks = await docker(['network', 'ls', '-q', '--filter', `label=${TEST_LABEL}`]);
	if (networks) await docker(['network', 'rm', ...networks.split('\n')]);
	engine?.close();
});

describe('volumes', () => {
	it.each([
		[[] as string[]],
		[['dangling=true']],
		[['dangling=false']],
		[['driver=local']],
		[[`label=${TEST_LABEL}`]],
		[['label=tier=db']],
		[['label=tier']],
		[[`name=${prefix}-v`]],
		[[`name=${name('v9')}`, `name=${name('logs')}`]],
	])('rows match docker volume ls %j', async (flags) => {
		const cli = jsonLines(await docker(['volume', 'ls', '--format', '{{json .}}', ...flags.flatMap((flag) => ['--filter', flag])]));
		expect(cli.length).toBeGreaterThan(0);
		const rows = volumeRows(await engine.volumes.list({filters: filtersOf(flags)}), await allContainers());
		expect(rows.map((row) => ({Driver: row.driver, Name: row.name, Scope: row.scope, Mountpoint: row.mountpoint, Labels: row.labels}))).toEqual(
			cli.map((c) => ({Driver: c['Driver'], Name: c['Name'], Scope: c['Scope'], Mountpoint: c['Mountpoint'], Labels: sortedLabels(c['Labels']!)})),
		);
	});

	it.each([['data'], ['logs'], ['v9']])('USED BY of %s matches docker ps -a --filter volume=', async (suffix) => {
		const cli = (await docker(['ps', '-a', '--filter', `volume=${name(suffix)}`, '--format', '{{.Names}}'])).split('\n').filter((line) => line !== '');
		const containers = await allContainers();
		expect(volumeUsers(name(suffix), containers)).toEqual(cli.sort(naturalCompare));
		expect(volumeRows(await engine.volumes.list({filters: {name: [name(suffix)]}}), containers).find((row) => row.name === name(suffix))?.usedBy).toEqual(cli);
	});

	it('sizes (df) count the users the CLI sees', async () => {
		const sizes = await engine.volumes.sizes();
		const users = (await docker(['ps', '-aq', '--filter', `volume=${name('data')}`])).split('\n').length;
		expect(sizes.get(name('data'))).toMatchObject({refCount: users});
		expect(sizes.get(name('data'))!.size).toBeGreaterThanOrEqual(0);
		expect(sizes.get(name('v9'))).toMatchObject({refCount: 0});
	});

	it('creates with labels and options, inspects and removes; the CLI agrees at each step', async () => {
		const made = name('made');
		expect(await engine.volumes.create({name: made, labels: {'porthole.test': '1', k: 'v'}, options: {type: 'tmpfs', device: 'tmpfs'}})).toBe(made);
		const [cli] = JSON.parse(await docker(['volume', 'inspect', made])) as Array<Record<string, any>>;
		expect(cli).toMatchObject({Name: made, Driver: 'local', Labels: {'porthole.test': '1', k: 'v'}, Options: {type: 'tmpfs', device: 'tmpfs'}});
		expect(await engine.volumes.inspect(made)).toMatchObject({Name: made, Mountpoint: cli!['Mountpoint']});
		await engine.volumes.remove(made);
		expect(await docker(['volume', 'ls', '-q', '--filter', `name=^${made}$`])).toBe('');
		await expect(engine.volumes.inspect(made)).rejects.toMatchObject({code: 'not-found'});

		const anonymous = await engine.volumes.create({labels: {'porthole.test': '1'}});
		expect(anonymous).toMatch(/^[0-9a-f]{64}$/);
		expect(await docker(['volume', 'inspect', '--format', '{{.Name}}', anonymous])).toBe(anonymous);
		await engine.volumes.remove(anonymous);
		expect(await docker(['volume', 'ls', '-q', '--filter', `name=${anonymous}`])).toBe('');
	});

	it.each([
		['data', ['user', 'idle']],
		// Only a created (never started) container uses it: still refused.
		['logs', ['idle']],
	])('remove of %s is refused while in use, and the text names the containers', async (suffix, users) => {
		const error = await engine.volumes.remove(name(suffix)).then(
			() => undefined,
			(failure: unknown) => failure as {code: string; message: string},
		);
		expect(error).toMatchObject({code: 'conflict', message: expect.stringContaining('volume is in use')});
		for (const user of users) expect(error!.message).toContain(await docker(['inspect', '--format', '{{.Id}}', name(user)]));
		const text = volumeRemovalText(name(suffix), await allContainers());
		expect(text.allowed).toBe(false);
		for (const user of users) expect(text.text).toContain(name(user));
		expect(await docker(['volume', 'inspect', '--format', '{{.Name}}', name(suffix)])).toBe(name(suffix));
	});
});

describe('networks', () => {
	it.each([
		[() => [] as string[]],
		[() => ['driver=bridge']],
		[() => [`id=${ids['back']!.slice(0, 10)}`]],
		[() => ['label=tier=db']],
		[() => [`label=${TEST_LABEL}`]],
		[() => [`name=${prefix}`]],
		[() => ['scope=local']],
		[() => ['type=custom']],
		[() => ['type=builtin']],
		[() => ['dangling=true']],
		[() => ['type=custom', `name=${name('front')}`]],
	])('rows match docker network ls (%#)', async (makeFlags) => {
		const flags = makeFlags();
		const cli = jsonLines(await docker(['network', 'ls', '--format', '{{json .}}', ...flags.flatMap((flag) => ['--filter', flag])]));
		expect(cli.length).toBeGreaterThan(0);
		const rows = networkRows(await engine.networks.list({filters: filtersOf(flags)}), await allContainers());
		expect(rows.map((row) => ({ID: row.id, Name: row.name, Driver: row.driver, Scope: row.scope, Internal: row.internal, Labels: row.labels}))).toEqual(
			cli.map((c) => ({ID: c['ID'], Name: c['Name'], Driver: c['Driver'], Scope: c['Scope'], Internal: c['Internal'], Labels: sortedLabels(c['Labels']!)})),
		);
	});

	it('SUBNET, GATEWAY and CONTAINERS match docker network inspect for every network', async () => {
		const rows = networkRows(await engine.networks.list(), await allContainers());
		expect(rows.length).toBeGreaterThanOrEqual(5);
		for (const row of rows) {
			const [cli] = JSON.parse(await docker(['network', 'inspect', row.key])) as Array<Record<string, any>>;
			const pools = (cli!['IPAM']?.['Config'] ?? []) as Array<Record<string, string>>;
			expect({subnet: row.subnet, gateway: row.gateway, containers: row.containers}).toEqual({
				subnet: pools.map((pool) => pool['Subnet']).filter(Boolean).join(','),
				gateway: pools.map((pool) => pool['Gateway']).filter(Boolean).join(','),
				containers: Object.keys(cli!['Containers'] ?? {}).length,
			});
		}
		expect(rows.find((row) => row.name === name('back'))).toMatchObject({subnet: '192.0.2.0/24', gateway: '192.0.2.1', internal: 'true', containers: 1});
	});

	it('members of a network match docker network inspect', async () => {
		const [cli] = JSON.parse(await docker(['network', 'inspect', name('back')])) as Array<Record<string, any>>;
		const expected = Object.entries(cli!['Containers'] as Record<string, Record<string, string>>).map(([id, entry]) => ({key: id, name: entry['Name'], ipv4: entry['IPv4Address']!.replace(/\/\d+$/, ''), macAddress: entry['MacAddress']}));
		const network = (await engine.networks.list({filters: {id: [ids['back']!]}}))[0]!;
		const members = networkMembers(network, await allContainers());
		expect(members.map(({key, name: memberName, ipv4, macAddress}) => ({key, name: memberName, ipv4, macAddress}))).toEqual(expected);
		expect(members[0]!.ipv4).toMatch(/^192\.0\.2\.\d+$/);
	});

	it('creates with subnet, gateway, internal and labels, inspects and removes; the CLI agrees', async () => {
		const made = name('made');
		const id = await engine.networks.create({name: made, internal: true, subnet: '198.51.100.0/24', gateway: '198.51.100.1', labels: {'porthole.test': '1', k: 'v'}});
		expect(id).toMatch(/^[0-9a-f]{64}$/);
		const [cli] = JSON.parse(await docker(['network', 'inspect', made])) as Array<Record<string, any>>;
		expect(cli).toMatchObject({Id: id, Name: made, Driver: 'bridge', Internal: true, Labels: {'porthole.test': '1', k: 'v'}, IPAM: {Config: [{Subnet: '198.51.100.0/24', Gateway: '198.51.100.1'}]}});
		expect(await engine.networks.inspect(id)).toMatchObject({Id: id, Name: made});
		await expect(engine.networks.create({name: made, internal: true, labels: {'porthole.test': '1'}})).rejects.toMatchObject({code: 'conflict'});
		await engine.networks.remove(id);
		expect(await docker(['network', 'ls', '-q', '--filter', `id=${id}`])).toBe('');
		await expect(engine.networks.inspect(id)).rejects.toMatchObject({code: 'not-found'});
	});

	it('remove is refused while a container is attached, and the text names it', async () => {
		await expect(engine.networks.remove(ids['back']!)).rejects.toMatchObject({code: 'conflict', statusCode: 403, message: expect.stringContaining('active endpoints')});
		const network = (await engine.networks.list({filters: {id: [ids['back']!]}}))[0]!;
		const text = networkRemovalText(network, await allContainers());
		expect(text.allowed).toBe(false);
		expect(text.text).toContain(name('member'));
		expect(await docker(['network', 'inspect', '--format', '{{.Id}}', name('back')])).toBe(ids['back']);
		await expect(engine.networks.remove('bridge')).rejects.toMatchObject({code: 'conflict'});
	});

	it('connects with an alias and disconnects; docker inspect agrees', async () => {
		const joiner = await runContainer(name('joiner'), ['--network', name('front'), TEST_IMAGE, 'sleep', '600']);
		await engine.networks.connect(name('back'), joiner, {aliases: ['svc-alias']});
		const networks = (await inspect(joiner))['NetworkSettings']['Networks'] as Record<string, Record<string, any>>;
		expect(networks[name('back')]?.['Aliases']).toContain('svc-alias');
		const member = networkMembers((await engine.networks.list({filters: {id: [ids['back']!]}}))[0]!, await allContainers()).find((m) => m.key === joiner);
		expect(member?.ipv4).toBe(networks[name('back')]!['IPAddress']);
		expect(Object.keys((await engine.networks.inspect(ids['back']!))['Containers'] as object)).toContain(joiner);

		await engine.networks.disconnect(name('back'), joiner);
		const after = (await inspect(joiner))['NetworkSettings']['Networks'] as Record<string, unknown>;
		expect(Object.keys(after)).toEqual([name('front')]);
		await expect(engine.networks.disconnect(name('back'), joiner)).rejects.toBeDefined();
	});
});

describe('hostile text and cancelling', () => {
	it('hostile labels and network names reach the rows sanitised, keys kept raw for the engine', async () => {
		const evilLabel = 'evil=\u001b[31mred\u0007\u009b2J';
		await docker(['volume', 'create', '--label', TEST_LABEL, '--label', evilLabel, name('hostile')]);
		const evilNetwork = `${prefix}-\u001b]0;pwn\u0007`;
		const id = await docker(['network', 'create', '--internal', '--label', TEST_LABEL, '--label', evilLabel, evilNetwork]);
		const containers = await allContainers();
		const volume = volumeRows(await engine.volumes.list({filters: {name: [name('hostile')]}}), containers).find((row) => row.key === name('hostile'));
		const network = networkRows(await engine.networks.list({filters: {id: [id]}}), containers)[0];
		expect(volume?.labels).toContain('evil=');
		expect(network?.key).toBe(id);
		expect(network?.network.name).toBe(evilNetwork);
		for (const text of [volume!.labels, network!.name, network!.labels]) expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
		await engine.networks.remove(network!.key);
		await engine.volumes.remove(volume!.key);
		expect(await docker(['network', 'ls', '-q', '--filter', `id=${id}`])).toBe('');
	});

	it('a df measurement can be cancelled', async () => {
		const controller = new AbortController();
		const measuring = engine.volumes.sizes(controller.signal);
		controller.abort();
		await expect(measuring).rejects.toMatchObject({code: 'aborted'});
	});
});

describe('bad filters', () => {
	it.each([
		['volumes', 'color=red'],
		['volumes', 'dangling=maybe'],
		['networks', 'color=red'],
		['networks', 'type=odd'],
		['networks', 'dangling=maybe'],
	])('%s %s: porthole refuses it before sending, in the daemon\'s words', async (kind, text) => {
		const [key, value] = text.split('=') as [string, string];
		const parsed = kind === 'volumes' ? parseVolumeFilters(text) : parseNetworkFilters(text);
		expect(parsed.ok).toBe(false);
		const list = kind === 'volumes' ? engine.volumes.list({filters: {[key]: [value]}}) : engine.networks.list({filters: {[key]: [value]}});
		// Engine 20.10 answers `type=odd` with 500 (a plain error inside the daemon), the others with 400: the words are what matter.
		await expect(list).rejects.toMatchObject({message: !parsed.ok && parsed.message, statusCode: expect.toSatisfy((code: number) => code === 400 || code === 500)});
	});
});

describe('read-only', () => {
	it('refuses every volume and network mutation before the daemon sees it', async () => {
		const readOnly = new DockerEngine(resolveEndpoint({host: engineHost()}), true);
		try {
			expect((await readOnly.volumes.list({filters: {name: [name('data')]}})).map((v) => v.name)).toContain(name('data'));
			const calls: Record<string, () => Promise<unknown>> = {
				'volume create': () => readOnly.volumes.create({name: name('ro'), labels: {'porthole.test': '1'}}),
				'volume remove': () => readOnly.volumes.remove(name('v9')),
				'network create': () => readOnly.networks.create({name: name('ro'), internal: true, labels: {'porthole.test': '1'}}),
				'network remove': () => readOnly.networks.remove(ids['front']!),
				'network connect': () => readOnly.networks.connect(ids['front']!, name('user')),
				'network disconnect': () => readOnly.networks.disconnect(ids['back']!, name('member')),
			};
			for (const [what, call] of Object.entries(calls)) await expect(call(), what).rejects.toMatchObject({code: 'read-only'});
			expect(await docker(['volume', 'ls', '-q', '--filter', `name=${name('ro')}`])).toBe('');
			expect(await docker(['network', 'ls', '-q', '--filter', `name=${name('ro')}`])).toBe('');
			expect(await docker(['volume', 'inspect', '--format', '{{.Name}}', name('v9')])).toBe(name('v9'));
			expect(await docker(['network', 'inspect', '--format', '{{len .Containers}}', name('back')])).toBe('1');
		} finally {
			readOnly.close();
		}
	});
});
