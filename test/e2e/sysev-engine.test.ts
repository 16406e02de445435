// engine.system against the real private daemon, compared with the docker CLI on the same engine:
// `docker system df` (plain and -v) through dfRows/dfVerbose, and a scripted sequence of events
// (container create/start/die/destroy, image tag/untag, volume create, an --internal network
// created and connected) through engine.system.events and eventLine, with and without filters.
import {Readable} from 'node:stream';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {toEngineEvent} from '../../source/engine/answers.js';
import {resolveEndpoint} from '../../source/engine/connection.js';
import {DockerEngine} from '../../source/engine/docker.js';
import {EngineError} from '../../source/engine/errors.js';
import {eventLines} from '../../source/engine/system.js';
import type {EngineEvent} from '../../source/engine/types.js';
import {dfRows, dfVerbose} from '../../source/present/disk-usage.js';
import {eventLine, matchesEventFilters, parseEventFilters} from '../../source/present/events.js';
import {TEST_IMAGE, TEST_LABEL, docker, engineHost, removeTestContainers, runContainer, uniqueName, waitForState} from '../helpers/docker.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => (ms / 1000).toFixed(3);

let engine: DockerEngine;
const volumes: string[] = [];
const networks: string[] = [];
const tags: string[] = [];

beforeAll(() => {
	engine = new DockerEngine(resolveEndpoint({host: engineHost()}));
});

afterAll(async () => {
	await removeTestContainers();
	for (const tag of tags) await docker(['rmi', tag]).catch(() => undefined);
	for (const network of networks) await docker(['network', 'rm', network]).catch(() => undefined);
	for (const volume of volumes) await docker(['volume', 'rm', '-f', volume]).catch(() => undefined);
});

async function collect(events: AsyncIterable<EngineEvent>): Promise<EngineEvent[]> {
	const out: EngineEvent[] = [];
	for await (const event of events) out.push(event);
	return out;
}

/** `docker events --format '{{json .}}'` lines, read with the exact timeNano digits kept. */
async function cliEvents(args: string[]): Promise<EngineEvent[]> {
	const text = await docker(['events', ...args, '--format', '{{json .}}']);
	const out: EngineEvent[] = [];
	for await (const raw of eventLines(Readable.from([Buffer.from(text + '\n')]))) out.push(toEngineEvent(raw));
	return out;
}

const comparable = (e: EngineEvent) => ({type: e.type, action: e.action, id: e.actorId, attributes: e.attributes, scope: e.scope, timeNano: e.timeNanoText});

describe('engine.system.diskUsage = docker system df', () => {
	beforeAll(async () => {
		const volume = uniqueName('sysev-df');
		volumes.push(volume);
		await docker(['volume', 'create', '--label', TEST_LABEL, volume]);
		await runContainer(uniqueName('sysev-df-up'), ['-v', `${volume}:/data`, TEST_IMAGE, 'sh', '-c', 'dd if=/dev/zero of=/data/f bs=1k count=200 2>/dev/null; dd if=/dev/zero of=/f bs=1k count=30 2>/dev/null; exec sleep 300']);
		const exited = uniqueName('sysev-df-exited');
		await runContainer(exited, [TEST_IMAGE, 'sh', '-c', 'dd if=/dev/zero of=/g bs=1k count=70 2>/dev/null']);
		await waitForState(exited, 'exited');
		await runContainer(uniqueName('sysev-df-created'), [TEST_IMAGE, 'true'], {detach: false});
		// Let the writes settle so both readings see the same sizes.
		await sleep(500);
	});

	it('dfRows equal `docker system df --format {{json .}}`', async () => {
		const cli = (await docker(['system', 'df', '--format', '{{json .}}'])).split('\n').map((line) => JSON.parse(line) as Record<string, string>);
		const rows = dfRows(await engine.system.diskUsage({}));
		expect(rows.map((r) => ({Type: r.type, TotalCount: r.total, Active: r.active, Size: r.size, Reclaimable: r.reclaimable}))).toEqual(
			cli.map((row) => ({Type: row['Type'], TotalCount: row['TotalCount'], Active: row['Active'], Size: row['Size'], Reclaimable: row['Reclaimable']})),
		);
		// Not a vacuous comparison: this engine has containers and a volume with data.
		expect(rows.find((r) => r.kind === 'containers')!.total).not.toBe('0');
		expect(rows.find((r) => r.kind === 'volumes')!.sizeBytes).toBeGreaterThan(200_000);
	});

	it('dfVerbose equals `docker system df -v --format {{json .}}` (every section, every column)', async () => {
		const fields: Record<string, string[]> = {
			Images: ['Repository', 'Tag', 'ID', 'CreatedSince', 'Size', 'SharedSize', 'UniqueSize', 'Containers'],
			Containers: ['ID', 'Image', 'Command', 'LocalVolumes', 'Size', 'RunningFor', 'Status', 'Names'],
			Volumes: ['Name', 'Links', 'Size'],
			BuildCache: ['ID', 'CacheType', 'Size', 'CreatedSince', 'LastUsedSince', 'UsageCount', 'Shared'],
		};
		const byText = (a: unknown[], b: unknown[]) => (a.join('\t') < b.join('\t') ? -1 : 1);
		// "Up 3 seconds" and "4 seconds ago" are read at two moments (the daemon's and our clock):
		// a reading that straddles a second boundary is taken again.
		let mine: string[][][] = [];
		let theirs: string[][][] = [];
		for (let attempt = 0; attempt < 4; attempt += 1) {
			const before = Date.now();
			const cli = JSON.parse(await docker(['system', 'df', '-v', '--format', '{{json .}}'])) as Record<string, Array<Record<string, string>>>;
			const du = await engine.system.diskUsage({});
			const sections = dfVerbose(du, {nowMs: (before + Date.now()) / 2, truncate: false});
			theirs = Object.keys(fields).map((key) => (cli[key] ?? []).map((row) => fields[key]!.map((field) => row[field]!)).sort(byText));
			mine = sections.map((section) => section.rows.map((row) => row.cells).sort(byText));
			if (JSON.stringify(mine) === JSON.stringify(theirs)) break;
			await sleep(300);
		}
		expect(mine).toEqual(theirs);
		expect(mine[1]!.length).toBeGreaterThanOrEqual(3);
	});

	it('the table form truncates like `docker system df -v`', async () => {
		const sections = dfVerbose(await engine.system.diskUsage({}), {nowMs: Date.now()});
		const table = await docker(['system', 'df', '-v']);
		for (const row of sections[1]!.rows) expect(table).toContain(row.cells[0]!);
		expect(sections[1]!.rows.every((row) => row.cells[0]!.length === 12)).toBe(true);
	});

	it('has no answer timeout (a 1 ms one does not cut it) and aborting cancels it', async () => {
		const impatient = new DockerEngine(resolveEndpoint({host: engineHost()}), false, {answerTimeoutMs: 1});
		expect((await impatient.system.diskUsage({})).images.length).toBeGreaterThan(0);
		const abort = new AbortController();
		const pending = engine.system.diskUsage({signal: abort.signal});
		abort.abort();
		await expect(pending).rejects.toSatisfy((error: unknown) => error instanceof EngineError && error.code === 'aborted');
	});
});

describe('engine.system.events = docker events', () => {
	let t0 = '';
	let t1 = '';
	const names = {a: uniqueName('sysev-ev-a'), b: uniqueName('sysev-ev-b'), volume: uniqueName('sysev-ev-vol'), network: uniqueName('sysev-ev-net'), network2: uniqueName('sysev-ev-net2'), tag: `porthole-test/sysev-tag:${uniqueName('t')}`};
	let aId = '';

	beforeAll(async () => {
		volumes.push(names.volume);
		networks.push(names.network, names.network2);
		tags.push(names.tag);
		t0 = seconds(Date.now() - 50);
		await docker(['volume', 'create', '--label', TEST_LABEL, names.volume]);
		await docker(['network', 'create', '--internal', '--label', TEST_LABEL, names.network]);
		await docker(['network', 'create', '--internal', '--label', TEST_LABEL, names.network2]);
		// A: create, start (connects to the internal network), die, destroy.
		aId = await runContainer(names.a, ['--network', names.network, '--label', 'sysev.role=short', TEST_IMAGE, 'sh', '-c', 'exit 3'], {detach: false});
		await docker(['start', names.a]);
		await waitForState(names.a, 'exited');
		await docker(['rm', names.a]);
		// B: running on the second internal network, then connected to the first.
		await runContainer(names.b, ['--network', names.network2, TEST_IMAGE, 'sleep', '300']);
		await docker(['network', 'connect', names.network, names.b]);
		await docker(['tag', TEST_IMAGE, names.tag]);
		await docker(['rmi', names.tag]);
		await sleep(100);
		t1 = seconds(Date.now());
		await sleep(100);
	});

	it('the backlog equals `docker events --since --until --format {{json .}}`, event by event', async () => {
		const mine = await collect(engine.system.events({since: t0, until: t1, signal: new AbortController().signal}));
		const theirs = await cliEvents(['--since', t0, '--until', t1]);
		expect(mine.map(comparable)).toEqual(theirs.map(comparable));
		const seen = new Set(mine.map((e) => `${e.type} ${e.action}`));
		for (const expected of ['container create', 'container start', 'container die', 'container destroy', 'image tag', 'image untag', 'volume create', 'network create', 'network connect']) {
			expect(seen).toContain(expected);
		}
		expect(mine.find((e) => e.type === 'container' && e.action === 'die' && e.actorId === aId)?.attributes['exitCode']).toBe('3');
	});

	it('eventLine prints what plain `docker events` prints', async () => {
		const mine = await collect(engine.system.events({since: t0, until: t1, signal: new AbortController().signal}));
		const plain = (await docker(['events', '--since', t0, '--until', t1])).split('\n');
		expect(mine.map((event) => eventLine(event))).toEqual(plain);
	});

	const filterCases: Array<[string, () => string[]]> = [
		['type=container event=start', () => ['type=container', 'event=start']],
		['container=<name>', () => [`container=${names.a}`]],
		['container=<id prefix>', () => [`container=${aId.slice(0, 10)}`]],
		['label=key=value', () => ['label=sysev.role=short']],
		['label=key', () => ['label=porthole.test']],
		['image=<name>', () => [`image=${TEST_IMAGE}`]],
		['image=<name without tag>', () => ['image=porthole-test/busybox']],
		['network=<name>', () => [`network=${names.network}`]],
		['volume=<name>', () => [`volume=${names.volume}`]],
		['event=die event=destroy', () => ['event=die', 'event=destroy']],
		['type=network type=volume', () => ['type=network', 'type=volume']],
		['scope=local type=image', () => ['scope=local', 'type=image']],
	];

	it.each(filterCases)('--filter %s: the daemon, our client-side match and the CLI agree', async (_name, filterArgs) => {
		const args = filterArgs();
		const parsed = parseEventFilters(args.join(' '));
		if (!parsed.ok) throw new Error(parsed.error);
		const theirs = await cliEvents(['--since', t0, '--until', t1, ...args.flatMap((arg) => ['--filter', arg])]);
		const daemonSide = await collect(engine.system.events({since: t0, until: t1, filters: parsed.filters, signal: new AbortController().signal}));
		const all = await collect(engine.system.events({since: t0, until: t1, signal: new AbortController().signal}));
		const clientSide = all.filter((event) => matchesEventFilters(event, parsed.filters));
		expect(theirs.length).toBeGreaterThan(0);
		expect(theirs.length).toBeLessThan(all.length);
		expect(daemonSide.map(comparable)).toEqual(theirs.map(comparable));
		expect(clientSide.map(comparable)).toEqual(theirs.map(comparable));
	});

	it('a following stream delivers a new event, and aborting ends it quietly', async () => {
		const abort = new AbortController();
		const name = uniqueName('sysev-ev-follow');
		const received: EngineEvent[] = [];
		const reading = (async () => {
			for await (const event of engine.system.events({filters: {type: ['container'], event: ['create']}, signal: abort.signal})) {
				received.push(event);
				if (event.attributes['name'] === name) abort.abort();
			}
		})();
		await sleep(200);
		await runContainer(name, [TEST_IMAGE, 'true'], {detach: false});
		await Promise.race([reading, sleep(10_000).then(() => abort.abort())]);
		await reading;
		expect(received.map((event) => event.attributes['name'])).toContain(name);
	});
});
