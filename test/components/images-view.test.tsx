// The images kind in the app, on the fake engine: `:im` shows docker images' columns, toggles and
// filters reach the daemon, and each action's dialog, refusal and engine call.
import {describe, expect, it} from 'vitest';
import {fakeContainer} from '../../source/engine/fake.js';
import {fakeImage} from '../../source/engine/fake/images.js';
import type {FakeEngine} from '../../source/engine/fake.js';
import {setupApp} from '../helpers/app.js';
import {keys} from '../helpers/render.js';

const WEB_ID = 'sha256:' + 'c'.repeat(64);
const OLD_ID = 'sha256:' + 'd'.repeat(64);
const DANGLING_ID = 'sha256:' + 'e'.repeat(64);

function images(engine: FakeEngine) {
	const now = Math.floor(Date.now() / 1000);
	engine.images.images = [
		fakeImage({id: WEB_ID, tags: ['registry.test:5000/web:v1', 'registry.test:5000/web:latest'], repoDigests: ['registry.test:5000/web@sha256:' + '1'.repeat(64)], created: now - 3600, size: 5_000_000}),
		fakeImage({id: OLD_ID, tags: ['porthole-test/old:1.0'], created: now - 7200, size: 1_980_000, labels: {team: 'a'}}),
		fakeImage({id: DANGLING_ID, tags: [], created: now - 60, size: 700_000}),
	];
}

type App = Awaited<ReturnType<typeof setupApp>>['app'];

async function openImages(app: App) {
	await app.press(':');
	for (const key of 'im') await app.press(key);
	await app.press(keys.enter);
	await app.waitForFrame((frame) => frame.includes('REPOSITORY') && frame.includes('IMAGE ID'));
}

const selectedLine = (frame: string) => frame.split('\n').find((line) => line.startsWith('›')) ?? '';

async function selectRow(app: App, text: string | RegExp) {
	const matches = () => (typeof text === 'string' ? selectedLine(app.lastFrame()).includes(text) : text.test(selectedLine(app.lastFrame())));
	for (let i = 0; i < 10 && !matches(); i += 1) await app.press('j');
	if (!matches()) throw new Error(`could not select ${text}:\n${app.lastFrame()}`);
}

const mutations = (engine: FakeEngine) => engine.calls.filter((call) => ['images.remove', 'images.tag', 'images.pull', 'images.push', 'prune'].includes(call.method));

describe('images view', () => {
	it.each([
		['registry.test:5000/web', 'v1', 'cccccccccccc', '5MB'],
		['registry.test:5000/web', 'latest', 'cccccccccccc', '5MB'],
		['porthole-test/old', '1.0', 'dddddddddddd', '1.98MB'],
		['<none>', '<none>', 'eeeeeeeeeeee', '700kB'],
	])('lists %s:%s with docker images columns', async (repository, tag, id, size) => {
		const {app} = await setupApp([], {columns: 120, rows: 20}, {engine: images});
		await openImages(app);
		const line = app.lastFrame().split('\n').find((row) => row.includes(repository) && row.includes(` ${tag} `));
		expect(line).toBeDefined();
		expect(line).toContain(id);
		expect(line).toContain(size);
		expect(app.lastFrame()).toContain('CONTAINERS');
		expect(app.lastFrame()).not.toContain('DIGEST');
	});

	it('counts the containers created from each image and jumps to them with Enter', async () => {
		const {app} = await setupApp([fakeContainer({name: 'api', imageId: OLD_ID, state: 'exited'}), fakeContainer({name: 'job', imageId: OLD_ID})], {columns: 120, rows: 20}, {engine: images});
		await openImages(app);
		const line = app.lastFrame().split('\n').find((row) => row.includes('porthole-test/old'))!;
		expect(line.trimEnd().endsWith(' 2')).toBe(true);
		await selectRow(app, 'porthole-test/old');
		await app.press(keys.enter);
		await app.waitForFrame((frame) => frame.includes('NAMES') && frame.includes(`ancestor=${OLD_ID}`));
	});

	it('toggles digests (a DIGEST column) and -a, asking the daemon again', async () => {
		const {app, engine} = await setupApp([], {columns: 160, rows: 20}, {engine: images});
		await openImages(app);
		await app.press('d');
		await app.waitForFrame((frame) => frame.includes('DIGEST') && frame.includes('sha256:1111'));
		const listCalls = engine.calls.filter((call) => call.method === 'images.list');
		expect(listCalls.at(-1)!.args[0]).toMatchObject({digests: true, all: false});
		await app.press('a');
		await app.waitForFrame(() => (engine.calls.filter((call) => call.method === 'images.list').at(-1)!.args[0] as {all: boolean}).all);
		await app.press('d');
		await app.waitForFrame((frame) => !frame.includes('DIGEST'));
	});

	it('sends key=value filters to the daemon and shows its answer', async () => {
		const {app, engine} = await setupApp([], {columns: 120, rows: 20}, {engine: images});
		await openImages(app);
		await app.press('/');
		for (const key of 'label=team=a') await app.press(key);
		await app.press(keys.enter);
		await app.waitForFrame((frame) => frame.includes('porthole-test/old') && !frame.includes('registry.test:5000/web'));
		expect(engine.calls.filter((call) => call.method === 'images.list').at(-1)!.args[0]).toMatchObject({filters: {label: ['team=a']}});
	});

	it.each([
		['Bad/Upper:x', 'must be lowercase'],
		['web:bad tag!', 'invalid reference format'],
		['web@sha256:' + 'a'.repeat(64), 'refusing to create a tag with a digest reference'],
	])('refuses the tag %s inline and sends nothing', async (typed, error) => {
		const {app, engine} = await setupApp([], {columns: 120, rows: 20}, {engine: images});
		await openImages(app);
		await selectRow(app, 'porthole-test/old');
		await app.press('t');
		await app.waitForFrame((frame) => frame.includes('Tag porthole-test/old:1.0'));
		await app.press('\u0015');
		for (const key of typed) await app.press(key);
		await app.press(keys.enter);
		await app.waitForFrame((frame) => frame.includes(error));
		expect(engine.count('images.tag')).toBe(0);
		await app.press(keys.escape);
		await app.waitForFrame((frame) => !frame.includes('Tag porthole-test/old:1.0'));
	});

	it('tags through the dialog: repository and tag split as docker does', async () => {
		const {app, engine} = await setupApp([], {columns: 120, rows: 20}, {engine: images});
		await openImages(app);
		await selectRow(app, 'porthole-test/old');
		await app.press('t');
		await app.waitForFrame((frame) => frame.includes('Tag porthole-test/old:1.0'));
		await app.press('\u0015');
		for (const key of '127.0.0.1:5000/copy:v2') await app.press(key);
		await app.press(keys.enter);
		await app.waitForFrame((frame) => frame.includes('Tagged dddddddddddd as 127.0.0.1:5000/copy:v2.'));
		expect(engine.calls.find((call) => call.method === 'images.tag')?.args).toEqual([OLD_ID, '127.0.0.1:5000/copy', 'v2']);
		await app.waitForFrame((frame) => frame.includes('127.0.0.1:5000/copy'));
	});

	it('remove is refused by the daemon while a container uses the image, naming it; force removes it', async () => {
		const {app, engine} = await setupApp([fakeContainer({name: 'user1', imageId: OLD_ID, state: 'exited'})], {columns: 140, rows: 20}, {engine: images});
		await openImages(app);
		await selectRow(app, 'porthole-test/old');
		await app.press('D');
		await app.waitForFrame((frame) => frame.includes('Remove porthole-test/old:1.0?') && frame.includes('used by container user1 (needs force)'));
		await app.press('y');
		await app.waitForFrame((frame) => frame.includes('Could not remove porthole-test/old:1.0 (used by user1): conflict: unable to remove repository reference'));
		expect(engine.images.images.some((image) => image.id === OLD_ID)).toBe(true);
		await app.press('D');
		await app.waitForFrame((frame) => frame.includes('[ ] f  force'));
		await app.press('f');
		await app.waitForFrame((frame) => frame.includes('[x] f  force'));
		await app.press('y');
		await app.waitForFrame((frame) => frame.includes('Deleted image dddddddddddd'));
		expect(engine.calls.filter((call) => call.method === 'images.remove').map((call) => call.args)).toEqual([
			['porthole-test/old:1.0', {force: false}],
			['porthole-test/old:1.0', {force: true}],
		]);
	});

	it('remove of one of several tags asks: untag only, or the whole image', async () => {
		const {app, engine} = await setupApp([], {columns: 140, rows: 20}, {engine: images});
		await openImages(app);
		await selectRow(app, /web\s+v1\s/);
		await app.press('D');
		await app.waitForFrame((frame) => frame.includes('the image has 2 tags'));
		await app.press(keys.enter);
		await app.waitForFrame((frame) => frame.includes('untags registry.test:5000/web:v1; the image stays (1 more tag)'));
		await app.press('y');
		await app.waitForFrame((frame) => frame.includes('Untagged registry.test:5000/web:v1.'));
		expect(engine.images.images.find((image) => image.id === WEB_ID)?.repoTags).toEqual(['registry.test:5000/web:latest']);
	});

	it('deleting a whole image with several tags while a container uses it needs force (nothing sent without it)', async () => {
		const {app, engine} = await setupApp([fakeContainer({name: 'web1', imageId: WEB_ID, state: 'exited'})], {columns: 200, rows: 20}, {engine: images});
		await openImages(app);
		await selectRow(app, /web\s+v1\s/);
		const deleteWhole = async (force: boolean) => {
			await app.press('D');
			await app.waitForFrame((frame) => frame.includes('the image has 2 tags'));
			await app.press('j');
			await app.waitForFrame((frame) => frame.includes('› Delete image cccccccccccc and all 2 tags'));
			await app.press(keys.enter);
			await app.waitForFrame((frame) => frame.includes('Delete image cccccccccccc?') && frame.includes('deletes image cccccccccccc and its 2 tags, frees') && frame.includes('used by container web1'));
			if (force) {
				await app.press('f');
				await app.waitForFrame((frame) => frame.includes('[x] f  force'));
			}
			await app.press('y');
		};
		await deleteWhole(false);
		await app.waitForFrame((frame) => frame.includes('Could not delete image cccccccccccc: it is used by container web1 (turn on force with f'));
		expect(engine.count('images.remove')).toBe(0);
		await deleteWhole(true);
		await app.waitForFrame((frame) => frame.includes('Deleted image cccccccccccc'));
		expect(engine.calls.filter((call) => call.method === 'images.remove').map((call) => call.args)).toEqual([[WEB_ID, {force: true}]]);
	});

	it('removes several marked rows in turn, saying which failed and why', async () => {
		const {app, engine} = await setupApp([fakeContainer({name: 'api', imageId: OLD_ID, state: 'exited'})], {columns: 200, rows: 24}, {engine: images});
		await openImages(app);
		await selectRow(app, '<none>');
		await app.press(' ');
		await selectRow(app, 'porthole-test/old');
		await app.press(' ');
		await app.press('D');
		await app.waitForFrame((frame) => frame.includes('Remove 2 images?') && frame.includes('porthole-test/old:1.0: deletes image dddddddddddd') && frame.includes('eeeeeeeeeeee: deletes image eeeeeeeeeeee'));
		await app.press('y');
		await app.waitForFrame((frame) => frame.includes('Removed 1/2 images; 1 failed — porthole-test/old:1.0 (used by api): conflict'));
		expect(engine.calls.filter((call) => call.method === 'images.remove').map((call) => call.args[0]).sort()).toEqual(['eeeeeeeeeeee', 'porthole-test/old:1.0']);
		expect(engine.images.images.map((image) => image.id).sort()).toEqual([WEB_ID, OLD_ID].sort());
	});

	it('pulls with live progress lines, and Esc cancels the pull', async () => {
		const {app, engine} = await setupApp([], {columns: 120, rows: 24}, {engine: images});
		engine.images.lineDelayMs = 150;
		engine.images.pullScripts.set('127.0.0.1:5000/slow:v1', [
			{status: 'Pulling from slow', id: 'v1'},
			{status: 'Pulling fs layer', id: 'layer0000001'},
			{status: 'Downloading', id: 'layer0000001', current: 500_000, total: 2_000_000},
			...Array.from({length: 40}, (_, index) => ({status: 'Downloading', id: 'layer0000001', current: 500_000 + index * 30_000, total: 2_000_000})),
		]);
		await openImages(app);
		await app.press('p');
		await app.waitForFrame((frame) => frame.includes('Pull an image'));
		await app.press('\u0015');
		for (const key of '127.0.0.1:5000/slow:v1') await app.press(key);
		await app.press(keys.enter);
		await app.waitForFrame((frame) => frame.includes('Pulling 127.0.0.1:5000/slow:v1') && /layer0000001: Downloading \[=*>\s*\] \d/.test(frame) && frame.includes('Total ['), 3000);
		await app.press(keys.escape);
		await app.waitForFrame((frame) => frame.includes('Pull of 127.0.0.1:5000/slow:v1 cancelled.'), 3000);
		expect(engine.images.images.some((image) => image.repoTags.includes('127.0.0.1:5000/slow:v1'))).toBe(false);
		// The list still answers keys after the dialog.
		const before = selectedLine(app.lastFrame());
		await app.press('j');
		await app.waitForFrame((frame) => selectedLine(frame) !== before && selectedLine(frame) !== '');
	});

	it('a failed pull shows the daemon’s words; a good one the new image id', async () => {
		const {app, engine} = await setupApp([], {columns: 140, rows: 24}, {engine: images});
		engine.images.pullScripts.set('127.0.0.1:5000/gone:v9', [{status: 'Pulling from gone', id: 'v9'}, {status: '', error: 'manifest for 127.0.0.1:5000/gone:v9 not found: manifest unknown: manifest unknown'}]);
		await openImages(app);
		await app.press('p');
		await app.waitForFrame((frame) => frame.includes('Pull an image'));
		await app.press('\u0015');
		for (const key of '127.0.0.1:5000/gone:v9') await app.press(key);
		await app.press(keys.enter);
		await app.waitForFrame((frame) => frame.includes('Could not pull 127.0.0.1:5000/gone:v9: manifest for 127.0.0.1:5000/gone:v9 not found'));
		await app.press('p');
		await app.waitForFrame((frame) => frame.includes('Pull an image'));
		await app.press('\u0015');
		for (const key of '127.0.0.1:5000/new:v1') await app.press(key);
		await app.press(keys.enter);
		await app.waitForFrame((frame) => /Pulled 127\.0\.0\.1:5000\/new:v1: image [0-9a-f]{12}/.test(frame));
		await app.waitForFrame((frame) => frame.includes('127.0.0.1:5000/new'));
	});

	it('push confirms, streams, and says the digest; an untagged row is refused before anything is sent', async () => {
		const {app, engine} = await setupApp([], {columns: 160, rows: 24}, {engine: images});
		engine.images.pushScripts.set('porthole-test/old:1.0', [
			{status: 'The push refers to repository [docker.io/porthole-test/old]'},
			{status: 'Pushed', id: 'layer0000001'},
			{status: `1.0: digest: sha256:${'2'.repeat(64)} size: 527`, aux: {Tag: '1.0', Digest: `sha256:${'2'.repeat(64)}`, Size: 527}},
		]);
		await openImages(app);
		await selectRow(app, '<none>');
		await app.press('u');
		await app.waitForFrame((frame) => frame.includes('Cannot push eeeeeeeeeeee: push needs a repository:tag.'));
		expect(engine.count('images.push')).toBe(0);
		await selectRow(app, 'porthole-test/old');
		await app.press('u');
		await app.waitForFrame((frame) => frame.includes('Push porthole-test/old:1.0?') && frame.includes('Sends its layers to docker.io'));
		await app.press('y');
		await app.waitForFrame((frame) => frame.includes('layer0000001: Pushed'));
		await app.waitForFrame((frame) => frame.includes(`Pushed porthole-test/old:1.0 (digest sha256:${'2'.repeat(64)})`), 3000);
		expect(engine.calls.filter((call) => call.method === 'images.push').map((call) => call.args)).toEqual([['porthole-test/old:1.0']]);
	});

	it('prune asks which, previews what goes, then prunes', async () => {
		const {app, engine} = await setupApp([], {columns: 120, rows: 24}, {engine: images});
		engine.pruneItems['images-dangling'] = [{id: DANGLING_ID, name: 'eeeeeeeeeeee', size: 700_000}];
		await openImages(app);
		await app.press('P');
		await app.waitForFrame((frame) => frame.includes('Prune which images?'));
		await app.press(keys.enter);
		await app.waitForFrame((frame) => frame.includes('Prune 1 dangling image: reclaims up to') && frame.includes('eeeeeeeeeeee'));
		await app.press('y');
		await app.waitForFrame((frame) => frame.includes('Pruned 1 dangling image'));
		expect(engine.calls.filter((call) => call.method === 'prune').map((call) => call.args)).toEqual([['images-dangling']]);
	});

	it('history and inspect open as documents, secrets masked', async () => {
		const {app} = await setupApp([], {columns: 120, rows: 24}, (() => ({
			engine: (engine: FakeEngine) => {
				images(engine);
				engine.images.images[1]!.inspect = {Id: OLD_ID, RepoTags: ['porthole-test/old:1.0'], Config: {Env: ['PATH=/bin', 'API_TOKEN=hunter2'], Cmd: ['sh']}};
			},
		}))());
		await openImages(app);
		await selectRow(app, 'porthole-test/old');
		await app.press('i');
		await app.waitForFrame((frame) => frame.includes('Inspect image porthole-test/old:1.0') && frame.includes('API_TOKEN'));
		expect(app.lastFrame()).not.toContain('hunter2');
		await app.press(keys.escape);
		await app.waitForFrame((frame) => frame.includes('IMAGE ID'));
		await app.press('h');
		await app.waitForFrame((frame) => frame.includes('History of porthole-test/old:1.0') && frame.includes('CREATED BY'));
	});

	it('read-only: the mutating keys are hidden and refused, nothing is sent', async () => {
		const {app, engine} = await setupApp([fakeContainer({name: 'api'})], {columns: 160, rows: 24}, {props: {readOnly: true}, engine: (e) => (images(e), (e.readOnly = true))});
		await openImages(app);
		expect(app.lastFrame()).not.toMatch(/\bpull\b|\bremove\b|\btag\b/);
		for (const key of ['D', 't', 'p', 'u', 'P']) {
			await app.press(key);
			await app.waitForFrame((frame) => frame.includes('is refused: porthole is read-only'));
		}
		expect(mutations(engine)).toEqual([]);
		await app.press('?');
		await app.waitForFrame((frame) => frame.includes('History: the layers'));
		expect(app.lastFrame()).not.toContain('Pull an image');
	});
});
