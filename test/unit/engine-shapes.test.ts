// The engine boundary fed the odd answers real daemons give: `null` instead of a list (Engine 20.10
// answers `null` for /changes of an unchanged container, which docker-modem hands back as a Buffer
// holding `null\n`), empty bodies, missing or null fields, answers of older API versions. Every
// engine call must come back with the plain shapes of types.ts, never throw a TypeError.
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {toFileChanges, toStatsSample, toSummary} from '../../source/engine/answers.js';
import {DockerEngine} from '../../source/engine/docker.js';
import {jsonOf, listOf, numberOf, recordOf, stringMapOf, textOf} from '../../source/engine/shapes.js';
import {startOddDaemon, type OddDaemon} from '../helpers/odd-daemon.js';

const ID = 'a'.repeat(64);
const json = (value: unknown) => ({body: JSON.stringify(value) + '\n'});

describe('shape guards', () => {
	it.each([
		{raw: Buffer.from('null\n'), list: [], record: {}},
		{raw: Buffer.alloc(0), list: [], record: {}},
		{raw: Buffer.from('not json'), list: [], record: {}},
		{raw: Buffer.from('[1,2]'), list: [1, 2], record: {}},
		{raw: null, list: [], record: {}},
		{raw: undefined, list: [], record: {}},
		{raw: 'text', list: [], record: {}},
		{raw: {a: 1}, list: [], record: {a: 1}},
		{raw: [{a: 1}], list: [{a: 1}], record: {}},
	])('listOf / recordOf of $raw', ({raw, list, record}) => {
		expect(listOf(raw)).toEqual(list);
		expect(recordOf(raw)).toEqual(record);
	});

	it('reads a Buffer answer as the JSON it holds', () => {
		expect(jsonOf(Buffer.from(' {"x": [1]} \n'))).toEqual({x: [1]});
		expect(jsonOf(Buffer.from('null\n'))).toBeNull();
	});

	it('keeps only text and numbers where text and numbers are promised', () => {
		expect(textOf(null)).toBe('');
		expect(textOf({})).toBe('');
		expect(textOf(12)).toBe('12');
		expect(numberOf('12')).toBe(12);
		expect(numberOf(null)).toBe(0);
		expect(numberOf(Number.NaN, 7)).toBe(7);
		expect(numberOf('abc')).toBe(0);
		expect(stringMapOf({a: 'x', b: 2, c: null, d: {nested: true}})).toEqual({a: 'x', b: '2'});
		expect(stringMapOf(null)).toEqual({});
	});
});

describe('answer mappers', () => {
	it('maps /changes answered with null, a Buffer of null, or junk entries to a list', () => {
		expect(toFileChanges(null)).toEqual([]);
		expect(toFileChanges(Buffer.from('null\n'))).toEqual([]);
		expect(toFileChanges([{Kind: 1, Path: '/tmp/x'}, null, {Kind: 9, Path: '/etc'}, {Kind: 2}, 'junk'])).toEqual([
			{kind: 'A', path: '/tmp/x'},
			{kind: 'C', path: '/etc'},
		]);
	});

	it('maps a list row of API 1.22 (no State), with null Names, Ports and Labels', () => {
		expect(toSummary({Id: ID, Names: null, Image: 'busybox', Command: 'sh', Created: 1, Status: 'Up 3 minutes (Paused)', Ports: null, Labels: null})).toEqual({
			id: ID,
			names: [],
			image: 'busybox',
			imageId: '',
			command: 'sh',
			created: 1,
			state: 'paused',
			status: 'Up 3 minutes (Paused)',
			ports: [],
			labels: {},
			mounts: [],
			networks: {},
		});
		expect(toSummary({Id: ID, Status: 'Exited (1) 2 hours ago'}).state).toBe('exited');
		expect(toSummary({Id: ID, Status: 'Up 2 seconds'}).state).toBe('running');
		expect(toSummary(null)).toMatchObject({id: '', names: [], ports: [], labels: {}, state: 'created'});
	});

	it('maps a stats answer with null networks, blkio and memory stats (stopped container, cgroup v2, --network none)', () => {
		const sample = toStatsSample({networks: null, blkio_stats: {io_service_bytes_recursive: null}, memory_stats: {stats: null}, cpu_stats: {cpu_usage: {percpu_usage: null}}, pids_stats: null});
		expect(sample).toMatchObject({netRx: 0, netTx: 0, blkRead: 0, blkWrite: 0, memStats: {}, onlineCpus: 0, pids: 0, cpuTotal: 0});
		expect(toStatsSample(Buffer.from('null\n'))).toMatchObject({memUsage: 0, read: 0});
	});
});

describe('DockerEngine against a daemon answering odd shapes', () => {
	let daemon: OddDaemon;
	let engine: DockerEngine;

	beforeEach(async () => {
		daemon = await startOddDaemon();
		engine = new DockerEngine({url: daemon.url, source: 'flag'});
	});
	afterEach(async () => {
		engine.close();
		await daemon.close();
	});

	it('diff: a container with no changes (the daemon answers null) is an empty list', async () => {
		daemon.routes[`GET /containers/${ID}/changes`] = json(null);
		expect(await engine.diff(ID)).toEqual([]);
		daemon.routes[`GET /containers/${ID}/changes`] = {body: ''};
		expect(await engine.diff(ID)).toEqual([]);
		daemon.routes[`GET /containers/${ID}/changes`] = json([{Kind: 0, Path: '/etc'}]);
		expect(await engine.diff(ID)).toEqual([{kind: 'C', path: '/etc'}]);
	});

	it('listContainers: null, an empty body, and rows with missing fields', async () => {
		daemon.routes['GET /containers/json'] = json(null);
		expect(await engine.listContainers({all: true})).toEqual([]);
		daemon.routes['GET /containers/json'] = {body: ''};
		expect(await engine.listContainers({all: true})).toEqual([]);
		daemon.routes['GET /containers/json'] = json([{Id: ID, Names: null, Labels: null, Ports: null, Status: 'Up 1 second'}, {Names: ['/no-id']}, null]);
		const rows = await engine.listContainers({all: true});
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({id: ID, names: [], labels: {}, ports: [], state: 'running'});
	});

	it('info: empty /version and null /info give a zeroed EngineInfo, not a throw', async () => {
		daemon.routes['GET /version'] = json({});
		daemon.routes['GET /info'] = json(null);
		expect(await engine.info()).toEqual({
			serverVersion: '',
			apiVersion: '',
			os: '',
			arch: '',
			kernelVersion: '',
			ncpu: 0,
			memTotal: 0,
			containers: 0,
			containersRunning: 0,
			containersPaused: 0,
			containersStopped: 0,
			images: 0,
			name: '',
		});
	});

	it('inspectState / inspect / removalImpact: null State, HostConfig and Mounts', async () => {
		daemon.routes[`GET /containers/${ID}/json`] = json({Id: ID, State: null, HostConfig: null, Mounts: null, Config: null});
		daemon.routes['GET /containers/json'] = json(null);
		expect(await engine.inspectState(ID)).toMatchObject({running: false, exitCode: 0, startedAt: '0001-01-01T00:00:00Z', restartCount: 0, limits: {memory: 0}});
		expect(await engine.inspect(ID)).toMatchObject({Id: ID});
		expect(await engine.removalImpact(ID)).toEqual({sizeRw: 0, anonymousVolumes: [], keptMounts: []});
		daemon.routes[`GET /containers/${ID}/json`] = json(null);
		expect(await engine.inspect(ID)).toEqual({});
	});

	it('top: null Titles and Processes, rows of odd cells', async () => {
		daemon.routes[`GET /containers/${ID}/top`] = json({Titles: null, Processes: null});
		expect(await engine.top(ID)).toEqual({titles: [], processes: []});
		daemon.routes[`GET /containers/${ID}/top`] = json({Titles: ['PID', null], Processes: [[1, null], null]});
		expect(await engine.top(ID)).toEqual({titles: ['PID', ''], processes: [['1', ''], []]});
	});

	it('events: messages of API < 1.22 (status/id/time only) and null attributes', async () => {
		daemon.routes['GET /events'] = {
			body: [JSON.stringify({status: 'start', id: ID, time: 100}), JSON.stringify({Type: 'container', Action: 'die', Actor: {ID: ID, Attributes: null}, timeNano: 5}), 'null', ''].join('\n'),
		};
		const events = [];
		for await (const event of engine.events(new AbortController().signal)) events.push(event);
		expect(events).toEqual([
			{type: 'container', action: 'start', id: ID, attributes: {}, timeNano: 100e9, scope: '', actorId: '', from: '', status: 'start'},
			// The live stream keeps the daemon's exact digits too (the events view prints them).
			{type: 'container', action: 'die', id: ID, attributes: {}, timeNano: 5, timeNanoText: '5', scope: '', actorId: ID, from: '', status: ''},
			{type: '', action: '', id: '', attributes: {}, timeNano: 0, scope: '', actorId: '', from: '', status: ''},
		]);
	});

	it('statsOnce: an empty object and null sections', async () => {
		daemon.routes[`GET /containers/${ID}/stats`] = json({networks: null, memory_stats: {}, blkio_stats: {io_service_bytes_recursive: null}});
		expect(await engine.statsOnce(ID)).toMatchObject({memUsage: 0, netRx: 0, blkRead: 0, onlineCpus: 0});
	});

	it('logs without follow: an empty answer yields no lines and no error', async () => {
		daemon.routes[`GET /containers/${ID}/json`] = json({Config: null});
		daemon.routes[`GET /containers/${ID}/logs`] = {body: '', contentType: 'application/vnd.docker.raw-stream'};
		const chunks = [];
		for await (const batch of engine.logs(ID, {tail: 10, follow: false}, new AbortController().signal)) chunks.push(...batch);
		expect(chunks.every((chunk) => chunk.data.length === 0)).toBe(true);
	});

	it('prune previews and results: null lists in /volumes, /system/df, /networks and the prune reports', async () => {
		daemon.routes['GET /version'] = json({ApiVersion: '1.41'});
		daemon.routes['GET /volumes'] = json({Volumes: null, Warnings: null});
		daemon.routes['GET /system/df'] = json({Volumes: null, Images: null, Containers: null});
		daemon.routes['GET /networks'] = json(null);
		daemon.routes['GET /containers/json'] = json(null);
		daemon.routes['POST /containers/prune'] = json({ContainersDeleted: null, SpaceReclaimed: 0});
		daemon.routes['POST /volumes/prune'] = json({VolumesDeleted: null, SpaceReclaimed: null});
		daemon.routes['POST /networks/prune'] = json({NetworksDeleted: null});
		expect(await engine.prunePreview('volumes')).toMatchObject({items: [], reclaimable: 0});
		expect(await engine.prunePreview('networks')).toMatchObject({items: [], reclaimable: 0});
		expect(await engine.prunePreview('containers')).toMatchObject({items: [], reclaimable: 0});
		expect(await engine.prune('containers')).toMatchObject({removed: [], reclaimed: 0});
		expect(await engine.prune('volumes')).toMatchObject({removed: [], reclaimed: 0});
		expect(await engine.prune('networks')).toMatchObject({removed: [], reclaimed: 0});
	});
});
