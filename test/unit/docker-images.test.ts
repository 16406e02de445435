// engine.images of the real engine against an odd daemon (test/helpers/odd-daemon.ts): odd answer
// shapes, the answer timeout on list/history/inspect, a pull that fails inside an HTTP 200 stream,
// a pull that is never cut short by the timeout, and the X-Registry-Auth header from a config file.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {DockerEngine} from '../../source/engine/docker.js';
import type {ProgressMessage} from '../../source/engine/images-api.js';
import {startOddDaemon, type OddRoutes} from '../helpers/odd-daemon.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(routes: OddRoutes, answerTimeoutMs = 300) {
	const daemon = await startOddDaemon(routes);
	const engine = new DockerEngine({url: daemon.url, source: 'flag'}, false, {answerTimeoutMs});
	cleanups.push(() => daemon.close(), () => engine.close());
	return {daemon, engine};
}

/** No credentials: the tests never read the user's own docker config (or run its helper). */
const anonymous = {configPath: '/nonexistent/porthole/config.json'};

async function drain(stream: AsyncIterable<ProgressMessage>): Promise<{messages: ProgressMessage[]; error?: unknown}> {
	const messages: ProgressMessage[] = [];
	try {
		for await (const message of stream) messages.push(message);
		return {messages};
	} catch (error) {
		return {messages, error};
	}
}

describe('DockerImages on odd answers', () => {
	it.each([
		['null', '[]'],
		['{"message":"x"}', '[]'],
		['', '[]'],
		['[{"Id":"sha256:1","RepoTags":null,"Size":5}]', '[{"id":"sha256:1","parentId":"","repoTags":[],"repoDigests":[],"created":0,"size":5,"sharedSize":-1,"labels":{},"containers":-1}]'],
	])('list answering %j', async (body, expected) => {
		const {engine} = await setup({'GET /images/json': {body}});
		expect(JSON.stringify(await engine.images.list())).toBe(expected);
	});

	it.each([
		['null', []],
		['[{"Id":"<missing>","Created":1,"CreatedBy":null,"Size":2,"Tags":null}]', [{id: '<missing>', created: 1, createdBy: '', size: 2, comment: '', tags: []}]],
	])('history answering %j', async (body, expected) => {
		const {engine} = await setup({'GET /images/x/history': {body}});
		expect(await engine.images.history('x')).toEqual(expected);
	});

	it('sends filters as the daemon expects them', async () => {
		let query = '';
		const {engine} = await setup({
			'GET /images/json': (request) => {
				query = decodeURIComponent(request.url ?? '');
				return {body: '[]'};
			},
		});
		await engine.images.list({all: true, filters: {dangling: ['true'], label: ['a=b']}});
		expect(query).toContain('all=true');
		expect(query).toContain('filters={"dangling":["true"],"label":["a=b"]}');
	});

	it.each(['list', 'history', 'inspect'] as const)('%s: no answer within the timeout is not-responding', async (call) => {
		const {engine} = await setup({'GET /images/json': 'hang', 'GET /images/x/history': 'hang', 'GET /images/x/json': 'hang'});
		const run = {list: () => engine.images.list(), history: () => engine.images.history('x'), inspect: () => engine.images.inspect('x')};
		const started = Date.now();
		await expect(run[call]()).rejects.toMatchObject({code: 'not-responding'});
		expect(Date.now() - started).toBeLessThan(2000);
	});

	it('a 404 keeps the daemon text', async () => {
		const {engine} = await setup({'GET /images/x/json': {status: 404, body: '{"message":"No such image: x"}'}});
		await expect(engine.images.inspect('x')).rejects.toMatchObject({code: 'not-found', message: 'No such image: x'});
	});

	it('a 409 on remove is a conflict with the daemon text', async () => {
		const message = 'conflict: unable to delete 1b62b52885cf (must be forced) - image is being used by stopped container 0123456789ab';
		const {engine} = await setup({'DELETE /images/x': {status: 409, body: JSON.stringify({message})}});
		await expect(engine.images.remove('x')).rejects.toMatchObject({code: 'conflict', statusCode: 409, message});
	});
});

describe('DockerImages pull', () => {
	it('yields the lines before an errorDetail line, then throws its text', async () => {
		const body = ['{"status":"Pulling from a","id":"1"}', '{"status":"Downloading","id":"abc","progressDetail":{"current":1,"total":2}}', '{"errorDetail":{"message":"unauthorized: authentication required"},"error":"unauthorized: authentication required"}', ''].join('\n');
		const {engine} = await setup({'POST /images/create': {body}});
		const {messages, error} = await drain(engine.images.pull('127.0.0.1:5000/a:1', anonymous));
		expect(messages.map((message) => message.status)).toEqual(['Pulling from a', 'Downloading', '']);
		expect(error).toMatchObject({code: 'engine', message: 'unauthorized: authentication required'});
	});

	it('is not cut short by the answer timeout, and sends credentials for the named registry', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'porthole-pull-'));
		cleanups.push(() => rmSync(dir, {recursive: true, force: true}));
		const configPath = path.join(dir, 'config.json');
		writeFileSync(configPath, JSON.stringify({auths: {'127.0.0.1:5000': {auth: Buffer.from('u:p').toString('base64')}}}));
		let header = '';
		let query = '';
		const {engine} = await setup({
			'POST /images/create': (request) => {
				header = String(request.headers['x-registry-auth'] ?? '');
				query = decodeURIComponent(request.url ?? '');
				return {body: '{"status":"Status: Image is up to date for 127.0.0.1:5000/a:1"}\n', delayMs: 600};
			},
		});
		const {messages, error} = await drain(engine.images.pull('127.0.0.1:5000/a:1', {configPath}));
		expect(error).toBeUndefined();
		expect(messages.at(-1)?.status).toBe('Status: Image is up to date for 127.0.0.1:5000/a:1');
		expect(JSON.parse(Buffer.from(header, 'base64url').toString('utf8'))).toEqual({username: 'u', password: 'p', serveraddress: '127.0.0.1:5000'});
		expect(query).toContain('fromImage=127.0.0.1:5000/a');
		expect(query).toContain('tag=1');
	});

	it('aborting an open stream ends it quietly', async () => {
		const {engine} = await setup({'POST /images/create': {open: true, body: '{"status":"Pulling fs layer","id":"abc"}\n'}});
		const controller = new AbortController();
		const seen: ProgressMessage[] = [];
		for await (const message of engine.images.pull('127.0.0.1:5000/a:1', {...anonymous, signal: controller.signal})) {
			seen.push(message);
			controller.abort();
		}
		expect(seen).toEqual([{status: 'Pulling fs layer', id: 'abc'}]);
	});
});
