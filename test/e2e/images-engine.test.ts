// engine.images against the real private daemon and its loopback registry (no pty): parity of the
// presenters with `docker images` / `docker history`, push and pull with progress, the daemon's
// errors, and remove refusals. Every image this file makes carries a unique name and is removed
// in afterAll; images built here carry the porthole.test=1 label.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {resolveEndpoint} from '../../source/engine/connection.js';
import {DockerEngine} from '../../source/engine/docker.js';
import {EngineError} from '../../source/engine/errors.js';
import type {ProgressMessage} from '../../source/engine/images-api.js';
import {historyRows, imageRows, parseReference, removalText} from '../../source/present/images.js';
import {PullProgress} from '../../source/present/pull-progress.js';
import {TEST_IMAGE, docker, engineHost, removeTestContainers, runContainer, uniqueName} from '../helpers/docker.js';
import {DEAD_REGISTRY, imageId, registryHost, registryRef, removeImages} from '../helpers/registry.js';

const unique = uniqueName('e2e').slice(4);
const REPO = `porthole-e2e-img/${unique}`;
const LABEL = `porthole.e2e=${unique}`;
const made: string[] = [];

let engine: DockerEngine;

/** `docker commit` of a fresh container that ran `script`, with our labels; returns the image id. */
async function commit(name: string, script: string, fromImage = TEST_IMAGE, tag?: string): Promise<string> {
	await runContainer(name, [fromImage, 'sh', '-c', script], {detach: false});
	await docker(['start', '-a', name]);
	const id = await docker(['commit', '--change', 'LABEL porthole.test=1', '--change', `LABEL ${LABEL}`, name, ...(tag ? [tag] : [])]);
	await docker(['rm', name]);
	made.push(id);
	return id;
}

/** Cells both sides print, in a stable order (the CLI's order within one image is Go map order). */
type Cells = string[];
const sorted = (rows: Cells[]) => rows.map((row) => row.join(' | ')).sort();

async function cliImages(args: string[]): Promise<Cells[]> {
	const out = await docker(['images', ...args, '--format', '{{json .}}']);
	return out
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line) as Record<string, string>)
		.map((row) => [row['Repository']!, row['Tag']!, row['Digest']!, row['ID']!, row['CreatedSince']!, row['Size']!, row['Containers']!]);
}

/**
 * CREATED is relative to the moment the CLI ran, somewhere between t0 and t1: a row's text is
 * right when it matches ours at either end (a second can tick over in between).
 */
function settleCreated(cli: Cells[], early: Cells[], late: Cells[], created: number): Cells[] {
	return early.map((row, index) => {
		const key = (cells: Cells) => cells.filter((_, column) => column !== created).join(' | ');
		const match = cli.find((cells) => key(cells) === key(row));
		if (match && (match[created] === row[created] || match[created] === late[index]![created])) return match;
		return row;
	});
}

/** The CLI's rows and ours for the same daemon state. */
async function compareImages(args: string[], filters: Record<string, string[]>, options: {all?: boolean; digests?: boolean}): Promise<Cells[]> {
	const t0 = Date.now();
	const cli = await cliImages(args);
	const t1 = Date.now();
	const images = await engine.images.list({all: options.all, filters});
	const at = (nowMs: number) => imageRows(images, {...options, nowMs}).map((row) => [row.repository, row.tag, row.digest, row.id, row.created, row.size, row.containers]);
	const ours = settleCreated(cli, at(t0), at(t1), 4);
	expect(sorted(ours)).toEqual(sorted(cli));
	return ours;
}

async function collect(stream: AsyncIterable<ProgressMessage>): Promise<{messages: ProgressMessage[]; error?: EngineError}> {
	const messages: ProgressMessage[] = [];
	try {
		for await (const message of stream) messages.push(message);
		return {messages};
	} catch (error) {
		return {messages, error: error as EngineError};
	}
}

let intermediate: string;
let built: string;
let dangling: string;

beforeAll(async () => {
	engine = new DockerEngine(resolveEndpoint({host: engineHost()}));
	registryHost();
	await docker(['tag', TEST_IMAGE, `${REPO}:one`]);
	await docker(['tag', TEST_IMAGE, `${REPO}:two`]);
	// An untagged parent: commit X (tagged for now), build Y on it, drop X's tag.
	intermediate = await commit(uniqueName('e2e-img-x'), 'echo x > /x', TEST_IMAGE, `${REPO}-x:tmp`);
	built = await commit(uniqueName('e2e-img-y'), 'echo y > /y\techo', `${REPO}-x:tmp`, `${REPO}-built:v1`);
	await docker(['rmi', `${REPO}-x:tmp`]);
	// A dangling image: its tag moved to a newer one.
	dangling = await commit(uniqueName('e2e-img-d'), 'echo d > /d', TEST_IMAGE, `${REPO}-dangle:x`);
	await commit(uniqueName('e2e-img-d2'), 'echo d2 > /d', TEST_IMAGE, `${REPO}-dangle:x`);
}, 120_000);

afterAll(async () => {
	await removeTestContainers();
	const tags = (await docker(['images', '--format', '{{.Repository}}:{{.Tag}}'])).split('\n').filter((ref) => ref.includes(unique));
	await removeImages([...tags, ...made.reverse()]);
}, 120_000);

describe('list parity with docker images', () => {
	it('plain', async () => {
		const rows = await compareImages([], {}, {});
		expect(rows.some((row) => row[0] === REPO && row[1] === 'one')).toBe(true);
		// The untagged parent is not listed without -a.
		expect(rows.some((row) => row[3] === intermediate.slice(7, 19))).toBe(false);
	});

	it('-a shows the untagged parent', async () => {
		const rows = await compareImages(['-a'], {}, {all: true});
		expect(rows.some((row) => row[3] === intermediate.slice(7, 19) && row[0] === '<none>')).toBe(true);
	});

	it('dangling=true', async () => {
		const rows = await compareImages(['--filter', 'dangling=true'], {dangling: ['true']}, {});
		expect(rows.map((row) => row[3])).toContain(dangling.slice(7, 19));
	});

	it('reference=', async () => {
		const rows = await compareImages(['--filter', `reference=${REPO}*`], {reference: [`${REPO}*`]}, {});
		expect(rows.map((row) => `${row[0]}:${row[1]}`).sort()).toEqual([`${REPO}-built:v1`, `${REPO}-dangle:x`, `${REPO}:one`, `${REPO}:two`]);
		const exact = await compareImages(['--filter', `reference=${REPO}:*`], {reference: [`${REPO}:*`]}, {});
		expect(exact.map((row) => row[1]).sort()).toEqual(['one', 'two']);
	});

	it('label=', async () => {
		const rows = await compareImages(['--filter', `label=${LABEL}`], {label: [LABEL]}, {});
		expect(rows.length).toBe(3);
	});

	it('since= and before=', async () => {
		await compareImages(['--filter', `since=${REPO}-built:v1`], {since: [`${REPO}-built:v1`]}, {});
		await compareImages(['--filter', `before=${REPO}-built:v1`], {before: [`${REPO}-built:v1`]}, {});
	});

	it('a bad filter is the daemon\'s error', async () => {
		const error = await engine.images.list({filters: {nope: ['1']}}).catch((caught: unknown) => caught as EngineError);
		const cli = await docker(['images', '--filter', 'nope=1']).catch((caught: Error) => caught.message);
		expect(error).toBeInstanceOf(EngineError);
		expect((error as EngineError).code).toBe('bad-request');
		expect(cli).toContain((error as EngineError).message);
	});
});

describe('history and inspect', () => {
	it('history parity with docker history', async () => {
		const t0 = Date.now();
		const cli = (await docker(['history', '--format', '{{json .}}', `${REPO}-built:v1`]))
			.split('\n')
			.map((line) => JSON.parse(line) as Record<string, string>)
			.map((row) => [row['ID']!, row['CreatedSince']!, row['CreatedBy']!, row['Size']!, row['Comment']!]);
		const t1 = Date.now();
		const entries = await engine.images.history(`${REPO}-built:v1`);
		const at = (nowMs: number) => historyRows(entries, {nowMs}).map((row) => [row.id, row.created, row.createdBy, row.size, row.comment]);
		const ours = settleCreated(cli, at(t0), at(t1), 1);
		expect(ours).toEqual(cli);
		expect(ours.length).toBe(3);
		// The tab in the command became a space, as the CLI does.
		expect(ours[0]![2]).toContain('/y echo');
	});

	it('inspect gives the daemon\'s record', async () => {
		const record = await engine.images.inspect(built);
		expect(record['Id']).toBe(built);
		expect((record['Config'] as {Labels: Record<string, string>}).Labels['porthole.e2e']).toBe(unique);
	});

	it('a missing image is not-found', async () => {
		await expect(engine.images.history(`${REPO}:absent`)).rejects.toMatchObject({code: 'not-found'});
	});
});

describe('push and pull through the loopback registry', () => {
	const pushed = () => registryRef('porthole-test/pushed', unique);

	it('pushes, removes, pulls back the same image with progress lines', async () => {
		const original = await commit(uniqueName('e2e-img-p'), 'head -c 300000 /dev/urandom > /blob', TEST_IMAGE, pushed());
		const push = await collect(engine.images.push(pushed()));
		expect(push.error).toBeUndefined();
		expect(push.messages[0]?.status).toBe(`The push refers to repository [${registryHost()}/porthole-test/pushed]`);
		expect(push.messages.some((message) => message.id && message.status === 'Pushed')).toBe(true);
		const pushProgress = new PullProgress('push');
		for (const message of push.messages) pushProgress.push(message);
		expect(pushProgress.digest).toMatch(/^sha256:[a-f0-9]{64}$/);

		// The pushed image now has a digest: --digests parity.
		await compareImages(['--digests', '--filter', `reference=${registryHost()}/porthole-test/pushed`], {reference: [`${registryHost()}/porthole-test/pushed`]}, {digests: true});

		const removed = await engine.images.remove(pushed());
		expect(removed.untagged).toContain(pushed());
		expect(removed.deleted).toContain(original);
		await expect(imageId(pushed())).rejects.toThrow();

		const pull = await collect(engine.images.pull(pushed()));
		expect(pull.error).toBeUndefined();
		const layers = pull.messages.filter((message) => message.id && !message.status.startsWith('Pulling from'));
		expect(layers.some((message) => message.status === 'Already exists')).toBe(true);
		expect(layers.some((message) => message.status === 'Pull complete')).toBe(true);
		expect(layers.some((message) => message.status === 'Downloading' && message.total !== undefined)).toBe(true);
		const progress = new PullProgress('pull');
		for (const message of pull.messages) progress.push(message);
		expect(progress.status).toBe(`Status: Downloaded newer image for ${pushed()}`);
		expect(progress.digest).toBe(pushProgress.digest);
		expect(progress.fraction()).toBe(1);
		expect(await imageId(pushed())).toBe(original);
	});

	it('a missing tag: the daemon\'s text', async () => {
		const reference = registryRef('porthole-test/pushed', `nope-${unique}`);
		const ours = await collect(engine.images.pull(reference));
		const cli = await docker(['pull', reference]).catch((error: Error) => error.message);
		expect(ours.error).toBeInstanceOf(EngineError);
		expect(ours.error?.code).toBe('not-found');
		expect(ours.error?.message).toContain('manifest unknown');
		expect(cli).toContain(ours.error!.message);
	});

	it('a registry port where nothing listens: the daemon\'s text, on pull and on push', async () => {
		const pullRef = `${DEAD_REGISTRY}/porthole-test/pushed:${unique}`;
		const pull = await collect(engine.images.pull(pullRef));
		expect(pull.error?.message).toMatch(/dial tcp 127\.0\.0\.1:5999: connect: connection refused/);
		const cli = await docker(['pull', pullRef]).catch((error: Error) => error.message);
		expect(cli).toContain(pull.error!.message);

		// A push fails inside the stream (HTTP 200, an errorDetail line): lines first, then the error.
		await docker(['tag', TEST_IMAGE, pullRef]);
		const push = await collect(engine.images.push(pullRef));
		expect(push.messages[0]?.status).toMatch(/^The push refers to repository/);
		expect(push.messages.at(-1)?.error).toMatch(/connection refused/);
		expect(push.error).toBeInstanceOf(EngineError);
		expect(push.error?.message).toBe(push.messages.at(-1)?.error);
		await docker(['rmi', pullRef]);
	});

	it('aborting a pull ends it quietly', async () => {
		const controller = new AbortController();
		const seen: ProgressMessage[] = [];
		for await (const message of engine.images.pull(pushed(), {signal: controller.signal})) {
			seen.push(message);
			controller.abort();
		}
		expect(seen.length).toBe(1);
	});
});

describe('tag and remove', () => {
	it('tags, then untags one of two tags, then deletes with the last', async () => {
		const source = await commit(uniqueName('e2e-img-t'), 'echo t > /t', TEST_IMAGE);
		await engine.images.tag(source, `${REPO}-tagged`, 'a');
		await engine.images.tag(source, `${REPO}-tagged`, 'b');
		expect(await imageId(`${REPO}-tagged:a`)).toBe(source);
		const rows = imageRows(await engine.images.list({filters: {reference: [`${REPO}-tagged`]}}));
		const images = await engine.images.list({});
		expect(removalText(rows.find((row) => row.tag === 'a')!, images, [])).toBe(`untags ${REPO}-tagged:a; the image stays (1 more tag)`);

		expect(await engine.images.remove(`${REPO}-tagged:a`)).toEqual({untagged: [`${REPO}-tagged:a`], deleted: []});
		const last = await engine.images.remove(`${REPO}-tagged:b`);
		expect(last.untagged).toEqual([`${REPO}-tagged:b`]);
		expect(last.deleted).toContain(source);
		await expect(imageId(source)).rejects.toThrow();
	});

	it('an invalid tag: the daemon\'s text (Engine 20.10 answers it with HTTP 500)', async () => {
		const error = await engine.images.tag(TEST_IMAGE, `${REPO}-tagged`, '-bad').catch((caught: unknown) => caught as EngineError);
		expect(error).toBeInstanceOf(EngineError);
		expect((error as EngineError).message).toBe('invalid tag format');
	});

	it('refuses while a container uses the image, naming it; removalText names it too', async () => {
		const name = uniqueName('e2e-img-user');
		const containerId = await runContainer(name, [`${REPO}-built:v1`, 'true'], {detach: false});
		const error = await engine.images.remove(built).catch((caught: unknown) => caught as EngineError);
		expect(error).toBeInstanceOf(EngineError);
		expect(error).toMatchObject({code: 'conflict'});
		expect((error as EngineError).message).toContain(containerId.slice(0, 12));
		const cli = await docker(['rmi', built]).catch((caught: Error) => caught.message);
		expect(cli).toContain((error as EngineError).message);

		const containers = await engine.listContainers({all: true});
		const images = await engine.images.list({});
		const row = imageRows(images).find((entry) => entry.imageId === built)!;
		expect(removalText(row, images, containers)).toContain(`used by container ${name} (needs force)`);
		await docker(['rm', name]);
	});
});

describe('read-only', () => {
	it('refuses every image mutation and changes nothing on the daemon', async () => {
		const readOnly = new DockerEngine(resolveEndpoint({host: engineHost()}), true);
		// Sorted: the daemon orders by creation time, and images made in the same second come in any order.
		const state = async () => (await docker(['images', '-a', '--format', '{{.ID}} {{.Repository}}:{{.Tag}}'])).split('\n').sort();
		const before = await state();
		// Reads still work.
		expect((await readOnly.images.list({})).length).toBeGreaterThan(0);
		const calls: Array<[string, () => Promise<unknown>]> = [
			['remove', () => readOnly.images.remove(`${REPO}:one`, {force: true})],
			['tag', () => readOnly.images.tag(TEST_IMAGE, `${REPO}-ro`, 'x')],
			['pull', () => collect(readOnly.images.pull(registryRef('porthole-test/pushed', unique))).then((result) => Promise.reject(result.error))],
			['push', () => collect(readOnly.images.push(`${REPO}:one`)).then((result) => Promise.reject(result.error))],
		];
		for (const [name, call] of calls) {
			const error = await call().then(
				() => undefined,
				(caught: unknown) => caught,
			);
			expect(error, name).toBeInstanceOf(EngineError);
			expect((error as EngineError).code, name).toBe('read-only');
		}
		expect(await state()).toEqual(before);
	});
});

describe('parseReference parity with the CLI', () => {
	// `docker tag` parses its target on the client and never contacts a registry.
	it.each([
		'Busybox',
		'me/App:1',
		'busybox:',
		'busybox::1',
		'a b',
		`x@sha256:${'a'.repeat(63)}`,
		`x@md5:${'a'.repeat(32)}`,
		`x@sha256:${'A'.repeat(64)}`,
		'1b62b52885cf'.padEnd(64, '0'),
		`a/${'b'.repeat(260)}`,
	])('%s: the same words as docker tag', async (reference) => {
		const parsed = parseReference(reference);
		expect(parsed.ok).toBe(false);
		const cli = await docker(['tag', TEST_IMAGE, reference]).catch((error: Error) => error.message);
		expect(cli).toMatch(/is not a valid repository\/tag: /);
		expect(cli.slice(cli.indexOf('is not a valid repository/tag: ') + 'is not a valid repository/tag: '.length)).toBe(parsed.ok ? '' : parsed.error);
	});

	it.each([`${REPO}-ok:v1.2`, `${REPO}-ok`])('%s: valid for both', async (reference) => {
		expect(parseReference(reference).ok).toBe(true);
		await docker(['tag', TEST_IMAGE, reference]);
		await docker(['rmi', reference]);
	});
});
