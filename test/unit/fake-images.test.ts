import {describe, expect, it} from 'vitest';
import {EngineError} from '../../source/engine/errors.js';
import {FakeEngine, fakeContainer} from '../../source/engine/fake.js';
import {fakeImage} from '../../source/engine/fake/images.js';
import type {ProgressMessage} from '../../source/engine/images-api.js';
import type {EngineEvent} from '../../source/engine/types.js';

function setup() {
	const engine = new FakeEngine();
	const base = fakeImage({tags: ['app:1', 'app:2'], created: 100, labels: {team: 'a'}});
	const lone = fakeImage({tags: ['lone:1'], created: 200});
	const dangling = fakeImage({tags: [], created: 300});
	engine.images.images = [dangling, lone, base];
	return {engine, base, lone, dangling};
}

async function drain(stream: AsyncIterable<ProgressMessage>): Promise<{messages: ProgressMessage[]; error?: unknown}> {
	const messages: ProgressMessage[] = [];
	try {
		for await (const message of stream) messages.push(message);
		return {messages};
	} catch (error) {
		return {messages, error};
	}
}

describe('FakeImages.list filters (docker images --filter)', () => {
	it.each<[Record<string, string[]>, string[]]>([
		[{}, ['<none>', 'lone:1', 'app:1']],
		[{dangling: ['true']}, ['<none>']],
		[{dangling: ['false']}, ['lone:1', 'app:1']],
		[{reference: ['app']}, ['app:1']],
		[{reference: ['lo*']}, ['lone:1']],
		[{label: ['team=a']}, ['app:1']],
		[{label: ['team']}, ['app:1']],
		[{before: ['lone:1']}, ['app:1']],
		[{since: ['lone:1']}, ['<none>']],
	])('%j', async (filters, expected) => {
		const {engine} = setup();
		const images = await engine.images.list({filters});
		expect(images.map((image) => image.repoTags[0] ?? '<none>')).toEqual(expected);
		expect(engine.calls.at(-1)).toEqual({method: 'images.list', args: [{filters}]});
	});

	it('refuses an unknown filter as the daemon does', async () => {
		const {engine} = setup();
		await expect(engine.images.list({filters: {nope: ['1']}})).rejects.toMatchObject({code: 'bad-request', message: "invalid filter 'nope'"});
	});
});

describe('FakeImages mutations', () => {
	it('untags one of several tags, then deletes with the last, emitting daemon-shaped events', async () => {
		const {engine, base} = setup();
		const events: EngineEvent[] = [];
		const controller = new AbortController();
		const reading = (async () => {
			for await (const event of engine.events(controller.signal)) events.push(event);
		})();
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect(await engine.images.remove('app:1')).toEqual({untagged: ['app:1'], deleted: []});
		expect(await engine.images.remove('app:2')).toEqual({untagged: ['app:2'], deleted: [base.id]});
		await engine.images.tag('lone:1', 'lone', 'copy');
		controller.abort();
		await reading;
		expect(events.map((event) => [event.type, event.action, event.id, event.attributes['name']])).toEqual([
			['image', 'untag', base.id, base.id],
			['image', 'untag', base.id, base.id],
			['image', 'delete', base.id, base.id],
			['image', 'tag', engine.images.images.find((image) => image.repoTags.includes('lone:1'))!.id, 'lone:copy'],
		]);
	});

	it.each([
		['running', 'conflict: unable to delete', '(cannot be forced) - image is being used by running container'],
		['exited', 'conflict: unable to delete', '(must be forced) - image is being used by stopped container'],
	] as const)('refuses to delete an image a %s container uses, naming it', async (state, start, rest) => {
		const {engine, lone} = setup();
		const user = fakeContainer({name: 'user', imageId: lone.id, state});
		engine.containers = [user];
		const error = await engine.images.remove(lone.id).catch((caught: unknown) => caught as EngineError);
		expect(error).toBeInstanceOf(EngineError);
		expect(error).toMatchObject({code: 'conflict', statusCode: 409});
		expect((error as EngineError).message).toContain(start);
		expect((error as EngineError).message).toContain(`${rest} ${user.id.slice(0, 12)}`);
		// Forced, it goes.
		expect((await engine.images.remove(lone.id, {force: true})).deleted).toEqual([lone.id]);
	});

	it.each([
		['remove', (engine: FakeEngine) => engine.images.remove('lone:1')],
		['tag', (engine: FakeEngine) => engine.images.tag('lone:1', 'x', 'y')],
		['pull', (engine: FakeEngine) => drain(engine.images.pull('x:1')).then((result) => Promise.reject(result.error))],
		['push', (engine: FakeEngine) => drain(engine.images.push('lone:1')).then((result) => Promise.reject(result.error))],
	])('read-only refuses %s and changes nothing', async (_name, call) => {
		const {engine} = setup();
		engine.readOnly = true;
		const before = structuredClone(engine.images.images);
		await expect(call(engine)).rejects.toMatchObject({code: 'read-only'});
		expect(engine.images.images).toEqual(before);
	});

	it('a down fake throws from every method', async () => {
		const {engine} = setup();
		engine.down = new EngineError('unreachable', 'down');
		await expect(engine.images.list()).rejects.toMatchObject({code: 'unreachable'});
		await expect(engine.images.history('lone:1')).rejects.toMatchObject({code: 'unreachable'});
		expect((await drain(engine.images.pull('x:1'))).error).toMatchObject({code: 'unreachable'});
	});
});

describe('FakeImages pull/push', () => {
	it('a default pull streams lines and adds the image', async () => {
		const {engine} = setup();
		const {messages, error} = await drain(engine.images.pull('new/thing'));
		expect(error).toBeUndefined();
		expect(messages.at(-1)?.status).toBe('Status: Downloaded newer image for new/thing:latest');
		expect((await engine.images.list({filters: {reference: ['new/thing']}})).length).toBe(1);
	});

	it('a scripted failure yields the lines before it, then throws the daemon text', async () => {
		const {engine} = setup();
		engine.images.pullScripts.set('x:1', [{status: 'Pulling from x', id: '1'}, {status: '', error: 'manifest unknown'}]);
		const {messages, error} = await drain(engine.images.pull('x:1'));
		expect(messages.map((message) => message.status)).toEqual(['Pulling from x', '']);
		expect(error).toMatchObject({code: 'engine', message: 'manifest unknown'});
		expect((await engine.images.list({filters: {reference: ['x']}})).length).toBe(0);
	});

	it('abort stops a slow pull quietly', async () => {
		const {engine} = setup();
		engine.images.lineDelayMs = 20;
		const controller = new AbortController();
		const seen: ProgressMessage[] = [];
		for await (const message of engine.images.pull('slow:1', {signal: controller.signal})) {
			seen.push(message);
			controller.abort();
		}
		expect(seen.length).toBe(1);
	});

	it('push of a missing image is not-found', async () => {
		const {engine} = setup();
		expect((await drain(engine.images.push('absent:1'))).error).toMatchObject({code: 'not-found'});
	});
});
