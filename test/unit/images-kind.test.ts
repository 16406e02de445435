// The images kind's declaration, without the app: the tag grammar, the events it follows, the
// DIGEST column following the toggle, the sorts, and its two documents.
import {describe, expect, it} from 'vitest';
import {FakeEngine} from '../../source/engine/fake.js';
import {fakeImage} from '../../source/engine/fake/images.js';
import type {EngineEvent} from '../../source/engine/types.js';
import type {ImageRow} from '../../source/present/images.js';
import {historyDocument, imageInspectDocument, imagesKind, tagTarget} from '../../source/resources/images.js';

const event = (type: string, action: string): EngineEvent => ({type, action, id: 'x', attributes: {}, timeNano: 0, scope: 'local'}) as EngineEvent;

describe('tagTarget', () => {
	it.each([
		['app', {ok: true, repository: 'app', tag: 'latest'}],
		['app:v2', {ok: true, repository: 'app', tag: 'v2'}],
		['127.0.0.1:5000/team/app', {ok: true, repository: '127.0.0.1:5000/team/app', tag: 'latest'}],
		['127.0.0.1:5000/team/app:v2', {ok: true, repository: '127.0.0.1:5000/team/app', tag: 'v2'}],
		['  app:v2  ', {ok: true, repository: 'app', tag: 'v2'}],
		['App:v2', {ok: false, error: 'invalid reference format: repository name (library/App) must be lowercase'}],
		['app:bad tag', {ok: false, error: 'invalid reference format'}],
		['', {ok: false, error: 'invalid reference format'}],
		[`app@sha256:${'a'.repeat(64)}`, {ok: false, error: 'refusing to create a tag with a digest reference'}],
	])('%j → %j', (typed, expected) => {
		expect(tagTarget(typed)).toEqual(expected);
	});
});

describe('imagesKind', () => {
	it.each([
		['image', 'pull', true],
		['image', 'tag', true],
		['image', 'untag', true],
		['image', 'delete', true],
		['image', 'load', true],
		['image', 'import', true],
		['image', 'prune', true],
		['image', 'push', false],
		['image', 'save', false],
		['container', 'create', false],
		['volume', 'create', false],
	])('%s %s refreshes: %s', (type, action, expected) => {
		expect(imagesKind.refreshOn(event(type, action))).toBe(expected);
	});

	it.each([
		[[], ['repository', 'tag', 'id', 'created', 'size', 'containers'], {all: false, digests: false}],
		[['digests'], ['repository', 'tag', 'digest', 'id', 'created', 'size', 'containers'], {all: false, digests: true}],
		[['all'], ['repository', 'tag', 'id', 'created', 'size', 'containers'], {all: true, digests: false}],
	])('toggles %j give columns %j and ask the daemon %j', async (toggles, columns, asked) => {
		const engine = new FakeEngine([]);
		engine.images.images = [fakeImage({tags: ['a:1'], repoDigests: [`a@sha256:${'1'.repeat(64)}`]})];
		const query = {filters: {}, toggles: new Set(toggles)};
		const rows = await imagesKind.list(engine, query, new AbortController().signal);
		expect(rows).toHaveLength(1);
		expect(imagesKind.columns.filter((column) => column.shown?.(query) ?? true).map((column) => column.id)).toEqual(columns);
		expect(engine.calls.find((call) => call.method === 'images.list')?.args[0]).toMatchObject(asked);
	});

	const row = (repository: string, tag: string, createdAt: number, sizeBytes: number) => ({repository, tag, createdAt, sizeBytes, reference: `${repository}:${tag}`}) as ImageRow;
	const rows = [row('b', '1', 100, 5), row('a', '2', 300, 1), row('a', '10', 200, 9)];
	it.each([
		['created', ['a:2', 'a:10', 'b:1']],
		['repository', ['a:2', 'a:10', 'b:1']],
		['size', ['a:10', 'b:1', 'a:2']],
	])('sort %s orders %j', (id, expected) => {
		const sort = imagesKind.sorts.find((entry) => entry.id === id)!;
		expect([...rows].sort(sort.compare).map((entry) => entry.reference)).toEqual(expected);
	});
});

describe('image documents', () => {
	const inspect = {
		Id: 'sha256:' + 'c'.repeat(64),
		RepoTags: ['app:v1'],
		Created: '2024-06-15T12:00:00Z',
		Size: 1_980_000,
		Os: 'linux',
		Architecture: 'amd64',
		Config: {Env: ['PATH=/bin', 'DB_PASSWORD=hunter2', 'URL=https://u:pw@example.test/x'], Cmd: ['sh', '-c', 'echo hi'], Labels: {clip: '\x1b]52;c;x\x07', team: 'a'}},
	};
	it.each([
		[0, false, ['DB_PASSWORD  ••••', 'https://u:••••@example.test/x', 'Cmd  sh -c "echo hi"', 'clip', 'team  a', 'Platform  linux/amd64'], ['hunter2', ':pw@', '\x1b', '\x07']],
		[0, true, ['DB_PASSWORD  hunter2', 'https://u:pw@example.test/x'], ['\x1b', '\x07']],
		[1, false, ['"DB_PASSWORD=••••"'], ['hunter2', '\x1b', '\x07']],
	])('inspect variant %i (reveal %s) shows %j and never %j', (variant, reveal, shown, hidden) => {
		const text = imageInspectDocument('app:v1', inspect, undefined, Date.parse('2024-06-16T12:00:00Z'))
			.build(variant, reveal)
			.map((line) => line.text)
			.join('\n');
		for (const part of shown) expect(text).toContain(part);
		for (const part of hidden) expect(text).not.toContain(part);
	});

	it.each([
		// Cut to 45 columns with … as docker history does; whole with --no-trunc (full ids too).
		[0, 'CREATED BY', /^cccccccccccc {3}About a minute ago {3}\/bin\/sh -c #\(nop\) ADD file:a{17}… {3}1\.98MB$/],
		[1, 'CREATED BY', /^sha256:c{64} {3}About a minute ago {3}\/bin\/sh -c #\(nop\) ADD file:a{64} in \/ {3}1\.98MB$/],
	])('history variant %i has the docker history header and rows', (variant, header, row) => {
		const entries = [{id: 'sha256:' + 'c'.repeat(64), created: 1_700_000_000, createdBy: `/bin/sh -c #(nop) ADD file:${'a'.repeat(64)} in /`, size: 1_980_000, comment: '', tags: ['app:v1']}];
		const lines = historyDocument('app:v1', entries, 1_700_000_060_000).build(variant, false);
		expect(lines[0]!.text).toContain(header);
		expect(lines[0]!.bold).toBe(true);
		expect(lines[1]!.text).toMatch(row);
		expect(lines[1]!.text).toContain('1.98MB');
	});
});
