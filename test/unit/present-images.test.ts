import {describe, expect, it} from 'vitest';
import type {ImageHistoryEntry, ImageSummary} from '../../source/engine/images-api.js';
import {toHistory, toImageSummaries, toRemoveResult, splitReference} from '../../source/engine/images.js';
import {fakeContainer} from '../../source/engine/fake.js';
import {containersUsing, historyRows, imageRows, isDangling, parseReference, removalText, validTag} from '../../source/present/images.js';

const NOW = Date.UTC(2026, 11, 3, 12, 0, 0);
const hoursAgo = (hours: number) => Math.floor(NOW / 1000) - hours * 3600;
const ID_A = 'sha256:' + '1b62b52885cf'.padEnd(64, '0');
const ID_B = 'sha256:' + 'aec011250ec9'.padEnd(64, '1');
const DIGEST = 'sha256:' + 'ae283a42'.padEnd(64, '2');

function image(partial: Partial<ImageSummary>): ImageSummary {
	return {id: ID_A, parentId: '', repoTags: [], repoDigests: [], created: hoursAgo(2), size: 1_984_000, sharedSize: -1, labels: {}, containers: -1, ...partial};
}

type Cells = [string, string, string, string, string, string];
const cells = (rows: ReturnType<typeof imageRows>): Cells[] => rows.map((row) => [row.repository, row.tag, row.digest, row.id, row.created, row.size]);

describe('imageRows (docker images)', () => {
	it.each<[string, ImageSummary[], {all?: boolean; digests?: boolean}, Cells[]]>([
		['one tag', [image({repoTags: ['porthole-test/busybox:latest']})], {}, [['porthole-test/busybox', 'latest', '<none>', '1b62b52885cf', '2 hours ago', '1.98MB']]],
		[
			'familiar names drop docker.io/library',
			[image({repoTags: ['docker.io/library/busybox:1.36', 'busybox:latest']})],
			{},
			[
				['busybox', '1.36', '<none>', '1b62b52885cf', '2 hours ago', '1.98MB'],
				['busybox', 'latest', '<none>', '1b62b52885cf', '2 hours ago', '1.98MB'],
			],
		],
		['dangling', [image({})], {}, [['<none>', '<none>', '<none>', '1b62b52885cf', '2 hours ago', '1.98MB']]],
		['old-daemon placeholders', [image({repoTags: ['<none>:<none>'], repoDigests: ['<none>@<none>']})], {}, [['<none>', '<none>', '<none>', '1b62b52885cf', '2 hours ago', '1.98MB']]],
		[
			'digests off: a tag row, no digest row',
			[image({repoTags: ['127.0.0.1:5000/x:big'], repoDigests: [`127.0.0.1:5000/x@${DIGEST}`]})],
			{},
			[['127.0.0.1:5000/x', 'big', '<none>', '1b62b52885cf', '2 hours ago', '1.98MB']],
		],
		[
			'digests on: the digest on the tag row',
			[image({repoTags: ['127.0.0.1:5000/x:big'], repoDigests: [`127.0.0.1:5000/x@${DIGEST}`]})],
			{digests: true},
			[['127.0.0.1:5000/x', 'big', DIGEST, '1b62b52885cf', '2 hours ago', '1.98MB']],
		],
		['digest only, digests off', [image({repoDigests: [`127.0.0.1:5000/x@${DIGEST}`]})], {}, [['127.0.0.1:5000/x', '<none>', '', '1b62b52885cf', '2 hours ago', '1.98MB']]],
		['digest only, digests on', [image({repoDigests: [`127.0.0.1:5000/x@${DIGEST}`]})], {digests: true}, [['127.0.0.1:5000/x', '<none>', DIGEST, '1b62b52885cf', '2 hours ago', '1.98MB']]],
		[
			'an untagged parent shows only with all',
			[image({id: ID_B, parentId: ID_A, repoTags: ['app:1']}), image({})],
			{},
			[['app', '1', '<none>', 'aec011250ec9', '2 hours ago', '1.98MB']],
		],
		[
			'…and with all',
			[image({id: ID_B, parentId: ID_A, repoTags: ['app:1'], size: 11_000_000, created: hoursAgo(1)}), image({})],
			{all: true},
			[
				['app', '1', '<none>', 'aec011250ec9', 'About an hour ago', '11MB'],
				['<none>', '<none>', '<none>', '1b62b52885cf', '2 hours ago', '1.98MB'],
			],
		],
		['unparsable references are skipped, as the CLI does', [image({repoTags: ['Bad Ref:x', 'ok:1']})], {}, [['ok', '1', '<none>', '1b62b52885cf', '2 hours ago', '1.98MB']]],
	])('%s', (_name, images, options, expected) => {
		expect(cells(imageRows(images, {...options, nowMs: NOW}))).toEqual(expected);
	});

	it.each([
		[image({repoTags: ['a:1', 'a:2']}), ['a:1', 'a:2']],
		[image({repoDigests: [`x@${DIGEST}`]}), [`x@${DIGEST}`]],
		[image({}), ['1b62b52885cf']],
	])('row references to act on, keys unique: %j', (input, references) => {
		const rows = imageRows([input], {nowMs: NOW});
		expect(rows.map((row) => row.reference)).toEqual(references);
		expect(new Set(rows.map((row) => row.key)).size).toBe(rows.length);
		expect(rows.every((row) => row.imageId === ID_A && row.sizeBytes === 1_984_000)).toBe(true);
	});

	it('sanitises names and counts containers when the daemon did', () => {
		// An escape makes the reference unparsable: the CLI (and we) skip it; with no other reference, no row.
		expect(imageRows([image({repoTags: ['evil\u001b[2J:x'], containers: 3})], {nowMs: NOW})).toEqual([]);
		const [row] = imageRows([image({repoTags: ['evil\u001b[2J:x', 'ok:1']})], {nowMs: NOW});
		expect(row?.repository).toBe('ok');
		expect(imageRows([image({repoTags: ['a:1'], containers: 3})], {nowMs: NOW})[0]?.containers).toBe('3');
		expect(imageRows([image({repoTags: ['a:1']})], {nowMs: NOW})[0]?.containers).toBe('N/A');
	});

	it.each([
		[image({}), true],
		[image({repoTags: ['<none>:<none>'], repoDigests: ['<none>@<none>']}), true],
		[image({repoTags: ['a:1']}), false],
		[image({repoDigests: [`a@${DIGEST}`]}), false],
	])('isDangling %#', (input, expected) => {
		expect(isDangling(input)).toBe(expected);
	});
});

describe('containersUsing', () => {
	const containers = [
		fakeContainer({name: 'web', imageId: ID_A, state: 'running'}),
		fakeContainer({name: 'old', imageId: ID_A, state: 'exited'}),
		fakeContainer({name: 'other', imageId: ID_B}),
	];
	it.each([
		[ID_A, {count: 2, names: ['web', 'old'], running: 1}],
		[ID_B, {count: 1, names: ['other'], running: 1}],
		['sha256:none', {count: 0, names: [], running: 0}],
	])('%s', (id, expected) => {
		expect(containersUsing(id, containers)).toEqual(expected);
	});
});

describe('historyRows (docker history)', () => {
	const entries: ImageHistoryEntry[] = [
		{id: ID_B, created: hoursAgo(1), createdBy: 'sh -c head -c 6000000 /dev/urandom > /data1; head -c 3000000 /dev/urandom > /data2', size: 9_000_000, comment: '', tags: ['x:big']},
		{id: '<missing>', created: hoursAgo(30), createdBy: '', size: 1_984_000, comment: 'Imported from -', tags: []},
		{id: '<missing>', created: 0, createdBy: '/bin/sh -c #(nop)\tCMD ["sh"]', size: 0, comment: '', tags: []},
	];
	it.each<[string, {human?: boolean; noTrunc?: boolean}, string[][]]>([
		[
			'default (human, truncated)',
			{},
			[
				['aec011250ec9', 'About an hour ago', 'sh -c head -c 6000000 /dev/urandom > /data1;…', '9MB', ''],
				['<missing>', '30 hours ago', '', '1.98MB', 'Imported from -'],
				['<missing>', 'N/A', '/bin/sh -c #(nop) CMD ["sh"]', '0B', ''],
			],
		],
		[
			'-H=false --no-trunc',
			{human: false, noTrunc: true},
			[
				[ID_B, '2026-12-03T11:00:00Z', 'sh -c head -c 6000000 /dev/urandom > /data1; head -c 3000000 /dev/urandom > /data2', '9000000', ''],
				['<missing>', '2026-12-02T06:00:00Z', '', '1984000', 'Imported from -'],
				['<missing>', '1970-01-01T00:00:00Z', '/bin/sh -c #(nop) CMD ["sh"]', '0', ''],
			],
		],
	])('%s', (_name, options, expected) => {
		expect(historyRows(entries, {...options, nowMs: NOW}).map((row) => [row.id, row.created, row.createdBy, row.size, row.comment])).toEqual(expected);
	});
});

describe('parseReference / validTag', () => {
	it.each([
		['busybox', {registry: 'docker.io', repository: 'library/busybox', familiar: 'busybox'}],
		['busybox:1.36', {registry: 'docker.io', repository: 'library/busybox', tag: '1.36', familiar: 'busybox:1.36'}],
		['docker.io/library/busybox:1', {registry: 'docker.io', repository: 'library/busybox', tag: '1', familiar: 'busybox:1'}],
		['127.0.0.1:5000/porthole-test/pushed:abc', {registry: '127.0.0.1:5000', repository: 'porthole-test/pushed', tag: 'abc', familiar: '127.0.0.1:5000/porthole-test/pushed:abc'}],
		['localhost/app', {registry: 'localhost', repository: 'app', familiar: 'localhost/app'}],
		[` x@${DIGEST} `, {registry: 'docker.io', repository: 'library/x', digest: DIGEST, familiar: `x@${DIGEST}`}],
		['Registry.Example/app:v1', {registry: 'Registry.Example', repository: 'app', tag: 'v1', familiar: 'Registry.Example/app:v1'}],
	])('%s parses', (text, expected) => {
		expect(parseReference(text)).toEqual({ok: true, reference: expected});
	});

	it.each([
		['', 'invalid reference format'],
		['Busybox', 'invalid reference format: repository name (library/Busybox) must be lowercase'],
		['me/App:1', 'invalid reference format: repository name (me/App) must be lowercase'],
		['busybox:', 'invalid reference format'],
		['busybox:-x', 'invalid reference format'],
		['a b', 'invalid reference format'],
		['busybox::1', 'invalid reference format'],
		['1b62b52885cf'.padEnd(64, '0'), `invalid repository name (${'1b62b52885cf'.padEnd(64, '0')}), cannot specify 64-byte hexadecimal strings`],
		[`x@sha256:${'a'.repeat(63)}`, 'invalid checksum digest length'],
		[`x@md5:${'a'.repeat(32)}`, 'unsupported digest algorithm'],
		[`x@sha256:${'A'.repeat(64)}`, 'invalid checksum digest format'],
		['x:' + 'a'.repeat(129), 'invalid reference format'],
		['a/' + 'b'.repeat(260), 'repository name must not be more than 255 characters'],
	])('%j fails: %s', (text, error) => {
		expect(parseReference(text)).toEqual({ok: false, error});
	});

	it.each([
		['latest', true],
		['v1.2.3-rc_1', true],
		['_x', true],
		['.x', false],
		['-x', false],
		['', false],
		['a'.repeat(128), true],
		['a'.repeat(129), false],
		['a:b', false],
	])('validTag(%j) = %s', (tag, expected) => {
		expect(validTag(tag)).toBe(expected);
	});
});

describe('removalText', () => {
	const shared = image({repoTags: ['a:1', 'a:2', 'b:1'], size: 5_000_000});
	const single = image({id: ID_B, repoTags: ['solo:1'], size: 11_000_000});
	const untagged = image({id: 'sha256:' + 'c'.repeat(64), size: 1000, sharedSize: 400});
	const images = [shared, single, untagged];
	const rows = imageRows(images, {nowMs: NOW});
	const row = (reference: string) => rows.find((entry) => entry.reference === reference)!;
	const users = [fakeContainer({name: 'web', imageId: ID_B, state: 'running'}), fakeContainer({name: 'job', imageId: 'sha256:' + 'c'.repeat(64), state: 'exited'})];

	it.each([
		['a:1', [], 'untags a:1; the image stays (2 more tags)'],
		['solo:1', [], 'deletes image aec011250ec9, frees up to 11MB'],
		['solo:1', users, 'deletes image aec011250ec9, frees up to 11MB; used by container web (running: forcing only untags it)'],
		['cccccccccccc', users, 'deletes image cccccccccccc, frees 600B; used by container job (needs force)'],
	])('%s', (reference, containers, expected) => {
		expect(removalText(row(reference), images, containers)).toBe(expected);
	});
});

describe('engine answers for images', () => {
	it.each([
		[null, []],
		[Buffer.from('null\n'), []],
		[[{Id: 'sha256:1', RepoTags: null, RepoDigests: null, Created: 5, Size: 7, SharedSize: -1, Labels: null, Containers: -1}, {RepoTags: ['no:id']}], [
			{id: 'sha256:1', parentId: '', repoTags: [], repoDigests: [], created: 5, size: 7, sharedSize: -1, labels: {}, containers: -1},
		]],
		[[{Id: 'sha256:2', ParentId: 'sha256:1', RepoTags: ['a:1', 3], Created: '9', Size: 'x', Labels: {a: 'b', n: null}}], [
			{id: 'sha256:2', parentId: 'sha256:1', repoTags: ['a:1'], repoDigests: [], created: 9, size: 0, sharedSize: -1, labels: {a: 'b'}, containers: -1},
		]],
	])('toImageSummaries %#', (raw, expected) => {
		expect(toImageSummaries(raw)).toEqual(expected);
	});

	it.each([
		[null, []],
		[[{Id: '<missing>', Created: 1, CreatedBy: 'x', Size: 2, Comment: '', Tags: null}, {Created: 3}], [
			{id: '<missing>', created: 1, createdBy: 'x', size: 2, comment: '', tags: []},
			{id: '<missing>', created: 3, createdBy: '', size: 0, comment: '', tags: []},
		]],
	])('toHistory %#', (raw, expected) => {
		expect(toHistory(raw)).toEqual(expected);
	});

	it.each([
		[[{Untagged: 'a:1'}, {Untagged: 'a@sha256:1'}, {Deleted: 'sha256:2'}, {Deleted: 'sha256:3'}], {untagged: ['a:1', 'a@sha256:1'], deleted: ['sha256:2', 'sha256:3']}],
		[Buffer.from('null'), {untagged: [], deleted: []}],
	])('toRemoveResult %#', (raw, expected) => {
		expect(toRemoveResult(raw)).toEqual(expected);
	});

	it.each([
		['busybox', {name: 'busybox', tag: 'latest'}],
		['busybox:1', {name: 'busybox', tag: '1'}],
		['127.0.0.1:5000/a/b', {name: '127.0.0.1:5000/a/b', tag: 'latest'}],
		['127.0.0.1:5000/a/b:x', {name: '127.0.0.1:5000/a/b', tag: 'x'}],
		[`a@${DIGEST}`, {name: 'a', tag: DIGEST}],
	])('splitReference %s', (reference, expected) => {
		expect(splitReference(reference)).toEqual(expected);
	});
});
