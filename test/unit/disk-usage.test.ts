import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import type {BuildCacheRecord, DiskUsage, DiskUsageContainer, DiskUsageImage} from '../../source/engine/system-api.js';
import {toDiskUsage} from '../../source/engine/system.js';
import {dfRows, dfVerbose, goHumanSize} from '../../source/present/disk-usage.js';

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');

// Recorded on the private engine (Engine 20.10.24, API 1.41) with docker CLI 28.2.2, one moment:
// the raw `/system/df` answer, `docker system df --format '{{json .}}'` and the same with -v.
const recorded = toDiskUsage(JSON.parse(fixture('system-df.json')));
const cliRows = fixture('system-df.cli.jsonl')
	.trim()
	.split('\n')
	.map((line) => JSON.parse(line) as Record<string, string>);
const cliVerbose = JSON.parse(fixture('system-df-v.cli.json')) as Record<string, Array<Record<string, string>>>;
// When the raw answer was read; the CLI ran a moment later (its "ago" columns use its own clock).
const RECORDED_AT_MS = (JSON.parse(fixture('system-df.meta.json')) as {recordedAtMs: number}).recordedAtMs + 150;

describe('dfRows against the recorded daemon answer and CLI output', () => {
	it.each(cliRows.map((row) => [row['Type']!, row] as const))('%s', (type, row) => {
		const mine = dfRows(recorded).find((r) => r.type === type);
		expect(mine).toBeDefined();
		expect({Type: mine!.type, TotalCount: mine!.total, Active: mine!.active, Size: mine!.size, Reclaimable: mine!.reclaimable}).toEqual({
			Type: row['Type'],
			TotalCount: row['TotalCount'],
			Active: row['Active'],
			Size: row['Size'],
			Reclaimable: row['Reclaimable'],
		});
	});
});

describe('dfVerbose against the recorded CLI output (untruncated, as --format prints it)', () => {
	const sections = dfVerbose(recorded, {nowMs: RECORDED_AT_MS, truncate: false});
	const fields: Record<string, string[]> = {
		Images: ['Repository', 'Tag', 'ID', 'CreatedSince', 'Size', 'SharedSize', 'UniqueSize', 'Containers'],
		Containers: ['ID', 'Image', 'Command', 'LocalVolumes', 'Size', 'RunningFor', 'Status', 'Names'],
		Volumes: ['Name', 'Links', 'Size'],
		BuildCache: ['ID', 'CacheType', 'Size', 'CreatedSince', 'LastUsedSince', 'UsageCount', 'Shared'],
	};
	it.each([
		['Images', 0],
		['Containers', 1],
		['Volumes', 2],
		['BuildCache', 3],
	] as const)('%s', (key, index) => {
		// Row order is the daemon's, and images created in the same second come in map order:
		// each request may list them differently, so compare the rows as a set.
		const byText = (a: unknown[], b: unknown[]) => (a.join('\t') < b.join('\t') ? -1 : 1);
		const expected = cliVerbose[key]!.map((row) => fields[key]!.map((field) => row[field]));
		expect(sections[index]!.rows.map((row) => row.cells).sort(byText)).toEqual(expected.sort(byText));
		expect(sections[index]!.columns).toHaveLength(fields[key]!.length);
	});
});

const image = (partial: Partial<DiskUsageImage>): DiskUsageImage => ({id: 'sha256:' + 'a'.repeat(64), repoTags: [], repoDigests: [], created: 0, size: 0, sharedSize: 0, containers: 0, ...partial});
const container = (partial: Partial<DiskUsageContainer>): DiskUsageContainer => ({
	id: 'c'.repeat(64),
	names: ['c'],
	image: 'busybox',
	imageId: 'sha256:' + 'a'.repeat(64),
	command: 'sh',
	created: 0,
	state: 'exited',
	status: 'Exited (0)',
	ports: [],
	labels: {},
	mounts: [],
	networks: {},
	sizeRw: 0,
	sizeRootFs: 0,
	mountDrivers: [],
	...partial,
});
const record = (partial: Partial<BuildCacheRecord>): BuildCacheRecord => ({id: 'r', parents: [], type: 'regular', description: '', inUse: false, shared: false, size: 0, usageCount: 0, ...partial});
const du = (partial: Partial<DiskUsage>): DiskUsage => ({layersSize: 0, images: [], containers: [], volumes: [], buildCache: [], ...partial});

describe('dfRows formulas (disk_usage.go v28.2.2)', () => {
	it.each([
		['nothing: no percentage when the total is 0', du({}), 'images', ['0', '0', '0B', '0B']],
		[
			'an active image keeps its unique bytes; shared bytes are reclaimable',
			du({layersSize: 3000, images: [image({size: 2000, sharedSize: 500, containers: 1}), image({size: 1000, containers: 0})]}),
			'images',
			['2', '1', '3kB', '1.5kB (50%)'],
		],
		[
			'Containers -1 (unknown) is not active but its unique bytes are kept, as the CLI does',
			du({layersSize: 1000, images: [image({size: 1000, sharedSize: 0, containers: -1})]}),
			'images',
			['1', '0', '1kB', '0B (0%)'],
		],
		['an unknown size counts nothing', du({layersSize: 1000, images: [image({size: -1, sharedSize: 0, containers: 2})]}), 'images', ['1', '1', '1kB', '1kB (100%)']],
		['percent is integer division', du({layersSize: 3, images: [image({size: 1, sharedSize: 0, containers: 1})]}), 'images', ['1', '1', '3B', '2B (66%)']],
		[
			'running, paused and restarting containers are active',
			du({
				containers: [
					container({state: 'running', sizeRw: 100}),
					container({state: 'paused', sizeRw: 100}),
					container({state: 'restarting', sizeRw: 100}),
					container({state: 'created', sizeRw: 100}),
					container({state: 'dead', sizeRw: 100}),
				],
			}),
			'containers',
			['5', '3', '500B', '200B (40%)'],
		],
		[
			'volumes: unreferenced are reclaimable, size -1 skipped, no usage data is 0',
			du({
				volumes: [
					{name: 'a', driver: 'local', mountpoint: '', labels: {}, usage: {size: 2000, refCount: 1}},
					{name: 'b', driver: 'local', mountpoint: '', labels: {}, usage: {size: 6000, refCount: 0}},
					{name: 'c', driver: 'local', mountpoint: '', labels: {}, usage: {size: -1, refCount: 0}},
					{name: 'd', driver: 'local', mountpoint: '', labels: {}},
				],
			}),
			'volumes',
			['4', '1', '8kB', '6kB (75%)'],
		],
		[
			'build cache: shared records are not counted, in-use ones are not reclaimable, no percentage',
			du({buildCache: [record({size: 5000, inUse: true}), record({size: 3000, shared: true}), record({size: 2000})]}),
			'build-cache',
			['3', '1', '7kB', '2kB'],
		],
	] as const)('%s', (_name, input, kind, expected) => {
		const row = dfRows(input).find((r) => r.kind === kind)!;
		expect([row.total, row.active, row.size, row.reclaimable]).toEqual(expected);
	});
});

describe('goHumanSize (go-units HumanSize, 4 significant digits)', () => {
	it.each([
		[0, '0B'],
		[999, '999B'],
		[1000, '1kB'],
		[122880, '122.9kB'],
		[2107110, '2.107MB'],
		[1.5e12, '1.5TB'],
	])('%d → %s', (size, text) => expect(goHumanSize(size)).toBe(text));
});

describe('dfVerbose', () => {
	const now = Date.UTC(2026, 11, 3, 19, 0, 0);
	it('truncates ids, marks in-use cache records, sorts the cache by last use, skips unparseable tags', () => {
		const sections = dfVerbose(
			du({
				images: [
					image({repoTags: ['Bad:Ref'], size: 10}),
					image({id: 'sha256:' + 'b'.repeat(64), repoTags: ['registry.local:5000/x/y:1.0'], size: 1234567, sharedSize: -1, containers: -1, created: now / 1000 - 120}),
					image({repoTags: [], repoDigests: ['x@sha256:' + 'c'.repeat(64)]}),
				],
				containers: [container({mountDrivers: ['local', '', 'local', 'nfs'], sizeRw: 2048, sizeRootFs: 99999, created: now / 1000 - 3600, names: ['web', 'other/alias']})],
				buildCache: [
					record({id: 'z'.repeat(30), lastUsedAt: now - 1000, size: 1, inUse: true}),
					record({id: 'b', size: 2, createdAt: now - 60_000}),
					record({id: 'a', size: 3, shared: true}),
				],
			}),
			{nowMs: now},
		);
		expect(sections.map((s) => s.title)).toEqual(['Images space usage:', 'Containers space usage:', 'Local Volumes space usage:', 'Build cache usage: 3B']);
		expect(sections[0]!.rows.map((r) => r.cells)).toEqual([
			['registry.local:5000/x/y', '1.0', 'bbbbbbbbbbbb', '2 minutes ago', '1.23MB', 'N/A', 'N/A', 'N/A'],
			['<none>', '<none>', 'aaaaaaaaaaaa', '56 years ago', '0B', '0B', '0B', '0'],
		]);
		expect(sections[1]!.rows[0]!.cells).toEqual(['cccccccccccc', 'busybox', '"sh"', '2', '2.05kB', 'About an hour ago', 'Exited (0)', 'web']);
		expect(sections[3]!.rows.map((r) => r.cells[0])).toEqual(['a', 'b', 'zzzzzzzzzzzz*']);
		expect(sections[3]!.rows[1]!.cells).toEqual(['b', 'regular', '2B', 'About a minute ago', '', '0', 'false']);
	});

	it('sanitises daemon text', () => {
		const sections = dfVerbose(du({volumes: [{name: 'evil\u001b[2Jname', driver: 'local', mountpoint: '', labels: {}, usage: {size: 0, refCount: 0}}]}), {nowMs: 0});
		expect(sections[2]!.rows[0]!.cells[0]).not.toContain('\u001b');
	});
});

describe('toDiskUsage shapes', () => {
	it.each([
		['null', null],
		['a Buffer holding null', Buffer.from('null\n')],
		['null lists', {LayersSize: null, Images: null, Containers: null, Volumes: null, BuildCache: null}],
	])('%s is an empty answer', (_name, raw) => {
		expect(toDiskUsage(raw)).toEqual({layersSize: 0, images: [], containers: [], volumes: [], buildCache: []});
	});

	it('reads old Parent, missing UsageData and missing sizes', () => {
		const mapped = toDiskUsage({
			Images: [{Id: 'x', RepoTags: null}],
			Volumes: [{Name: 'v', UsageData: null}],
			BuildCache: [{ID: 'r', Parent: 'p', InUse: true, Size: 5, LastUsedAt: null, CreatedAt: '2026-12-03T19:00:00Z'}],
		});
		expect(mapped.images[0]).toMatchObject({size: -1, sharedSize: -1, containers: -1, repoTags: []});
		expect(mapped.volumes[0]!.usage).toBeUndefined();
		expect(mapped.buildCache[0]).toMatchObject({parents: ['p'], inUse: true, size: 5, createdAt: Date.UTC(2026, 11, 3, 19)});
		expect(mapped.buildCache[0]!.lastUsedAt).toBeUndefined();
	});
});
