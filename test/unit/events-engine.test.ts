// engine.system without a daemon: the real module against a stand-in dockerode client (what it
// asks for, that df has no answer timeout, that aborting ends things), and the fake engine's system.
import {PassThrough, Readable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import type {EngineContext} from '../../source/engine/context.js';
import {EngineError} from '../../source/engine/errors.js';
import {FakeEngine, fakeContainer} from '../../source/engine/fake.js';
import {DockerSystem} from '../../source/engine/system.js';
import type {EngineEvent} from '../../source/engine/types.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function context(docker: Record<string, unknown>, answerTimeoutMs = 5000): EngineContext {
	return {docker: docker as unknown as EngineContext['docker'], url: 'unix:///test.sock', answerTimeoutMs};
}

const line = (action: string, id: string, timeNano: string) => `{"Type":"container","Action":"${action}","Actor":{"ID":"${id}","Attributes":{"name":"n-${id}"}},"scope":"local","time":1,"timeNano":${timeNano}}\n`;

describe('DockerSystem', () => {
	it('diskUsage waits past the answer timeout: the daemon may walk layers for minutes', async () => {
		const system = new DockerSystem(context({df: async () => (await sleep(60), {LayersSize: 7, Images: null})}, 10));
		await expect(system.diskUsage({})).resolves.toMatchObject({layersSize: 7, images: []});
	});

	it('diskUsage hands the signal to the request and maps the abort', async () => {
		let seen: AbortSignal | undefined;
		const df = (options: {abortSignal?: AbortSignal}) =>
			new Promise((_resolve, reject) => {
				seen = options.abortSignal;
				options.abortSignal?.addEventListener('abort', () => reject(Object.assign(new Error('The operation was aborted'), {name: 'AbortError'})));
			});
		const abort = new AbortController();
		const pending = new DockerSystem(context({df})).diskUsage({signal: abort.signal});
		abort.abort();
		await expect(pending).rejects.toSatisfy((error: unknown) => error instanceof EngineError && error.code === 'aborted');
		expect(seen).toBe(abort.signal);
	});

	it.each([
		['a backlog with filters', {since: '100.5', until: '200', filters: {type: ['container'], event: ['start', 'die']}}, {since: '100.5', until: '200', filters: '{"type":["container"],"event":["start","die"]}'}],
		['following, no filters', {}, {}],
		['empty filters are not sent', {filters: {}}, {}],
	])('events asks for %s', async (_name, options, query) => {
		let asked: Record<string, unknown> = {};
		const getEvents = async (opts: Record<string, unknown>) => {
			const {abortSignal: _signal, ...rest} = opts;
			asked = rest;
			return Readable.from([Buffer.from(line('start', 'a', '1796325083149526554'))]);
		};
		const events: EngineEvent[] = [];
		for await (const event of new DockerSystem(context({getEvents})).events({...options, signal: new AbortController().signal})) events.push(event);
		expect(asked).toEqual(query);
		expect(events.map((e) => [e.action, e.actorId, e.timeNanoText, e.scope])).toEqual([['start', 'a', '1796325083149526554', 'local']]);
	});

	it('events: lines split across chunks and a malformed line are handled; abort ends the stream quietly', async () => {
		const stream = new PassThrough();
		const abort = new AbortController();
		const system = new DockerSystem(context({getEvents: async () => stream}));
		const events: EngineEvent[] = [];
		const reading = (async () => {
			for await (const event of system.events({signal: abort.signal})) events.push(event);
		})();
		const first = line('create', 'a', '1');
		stream.write(first.slice(0, 20));
		stream.write(first.slice(20) + 'not json\n' + line('start', 'a', '2'));
		await sleep(20);
		abort.abort();
		await reading;
		expect(events.map((e) => e.action)).toEqual(['create', 'start']);
		expect(stream.destroyed).toBe(true);
	});

	it('events: a refused connection is an EngineError', async () => {
		const getEvents = async () => {
			throw Object.assign(new Error('connect ECONNREFUSED /test.sock'), {code: 'ECONNREFUSED'});
		};
		const iterate = async () => {
			for await (const _event of new DockerSystem(context({getEvents})).events({signal: new AbortController().signal})) {
				// nothing arrives
			}
		};
		await expect(iterate()).rejects.toBeInstanceOf(EngineError);
	});
});

describe('FakeSystem', () => {
	const raw = (action: string, name: string, second: number) => ({Type: 'container', Action: action, Actor: {ID: `id-${name}`, Attributes: {name}}, scope: 'local', time: second, timeNano: second * 1e9});

	it('reads the backlog between since and until with filters, and records the call', async () => {
		const engine = new FakeEngine();
		engine.system.record(raw('create', 'web', 100));
		engine.system.record(raw('start', 'web', 101));
		engine.system.record(raw('start', 'db', 102));
		engine.system.record(raw('start', 'web', 300));
		const events: EngineEvent[] = [];
		for await (const event of engine.system.events({since: '100.5', until: '200', filters: {event: ['start']}, signal: new AbortController().signal})) events.push(event);
		expect(events.map((e) => `${e.attributes['name']}:${e.action}`)).toEqual(['web:start', 'db:start']);
		expect(engine.count('system.events')).toBe(1);
	});

	it('follows recorded events until aborted', async () => {
		const engine = new FakeEngine();
		const abort = new AbortController();
		const events: EngineEvent[] = [];
		const reading = (async () => {
			for await (const event of engine.system.events({filters: {container: ['web']}, signal: abort.signal})) {
				events.push(event);
				if (events.length === 2) abort.abort();
			}
		})();
		await sleep(5);
		engine.system.record(raw('start', 'db', Date.now() / 1000));
		engine.system.record(raw('start', 'web', Date.now() / 1000));
		engine.system.record(raw('die', 'web', Date.now() / 1000));
		await reading;
		expect(events.map((e) => `${e.attributes['name']}:${e.action}`)).toEqual(['web:start', 'web:die']);
	});

	it.each([
		['its containers by default', undefined, 1],
		['a DiskUsage it was given', {layersSize: 5, images: [], containers: [], volumes: [], buildCache: []}, 0],
		['a raw daemon answer, mapped as the real engine maps it', {raw: Buffer.from('null\n')}, 0],
	])('diskUsage answers %s', async (_name, answer, containers) => {
		const engine = new FakeEngine([fakeContainer({name: 'web'})]);
		if (answer !== undefined) engine.system.diskUsageAnswer = answer;
		expect((await engine.system.diskUsage({})).containers).toHaveLength(containers);
		expect(engine.count('system.diskUsage')).toBe(1);
	});

	it('diskUsage can be slow and cancelled; a down fake throws', async () => {
		const engine = new FakeEngine();
		engine.system.diskUsageDelayMs = 10_000;
		const abort = new AbortController();
		const pending = engine.system.diskUsage({signal: abort.signal});
		abort.abort();
		await expect(pending).rejects.toMatchObject({code: 'aborted'});
		engine.down = new EngineError('unreachable', 'Cannot connect');
		await expect(engine.system.diskUsage({})).rejects.toMatchObject({code: 'unreachable'});
	});
});
