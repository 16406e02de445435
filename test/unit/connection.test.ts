import {createHash} from 'node:crypto';
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {dockerodeOptions, resolveEndpoint} from '../../source/engine/connection.js';
import {toEngineError} from '../../source/engine/errors.js';

function home(): string {
	return mkdtempSync(join(tmpdir(), 'porthole-home-'));
}

function writeContext(homeDir: string, name: string, host: string): void {
	const dir = join(homeDir, '.docker', 'contexts', 'meta', createHash('sha256').update(name).digest('hex'));
	mkdirSync(dir, {recursive: true});
	writeFileSync(join(dir, 'meta.json'), JSON.stringify({Name: name, Metadata: {}, Endpoints: {docker: {Host: host, SkipTLSVerify: false}}}));
}

describe('resolveEndpoint', () => {
	it('prefers --host over everything', () => {
		const h = home();
		writeContext(h, 'remote', 'tcp://ctx:2375');
		const target = resolveEndpoint({host: 'unix:///flag.sock', context: 'remote', env: {DOCKER_HOST: 'unix:///env.sock'}, home: h});
		expect(target).toMatchObject({url: 'unix:///flag.sock', source: 'flag'});
	});

	it('uses DOCKER_HOST before a context', () => {
		const h = home();
		const target = resolveEndpoint({env: {DOCKER_HOST: 'tcp://1.2.3.4:2375', DOCKER_CONTEXT: 'remote'}, home: h});
		expect(target).toMatchObject({url: 'tcp://1.2.3.4:2375', source: 'env'});
	});

	it('reads a context named by --context, DOCKER_CONTEXT or currentContext', () => {
		const h = home();
		writeContext(h, 'remote', 'ssh://me@server');
		expect(resolveEndpoint({context: 'remote', env: {}, home: h})).toMatchObject({url: 'ssh://me@server', context: 'remote', source: 'context'});
		expect(resolveEndpoint({env: {DOCKER_CONTEXT: 'remote'}, home: h})).toMatchObject({url: 'ssh://me@server'});
		writeFileSync(join(h, '.docker', 'config.json'), JSON.stringify({currentContext: 'remote'}));
		expect(resolveEndpoint({env: {}, home: h})).toMatchObject({url: 'ssh://me@server', context: 'remote'});
	});

	it('falls back to the default socket', () => {
		expect(resolveEndpoint({env: {}, home: home()})).toMatchObject({url: 'unix:///var/run/docker.sock', source: 'default'});
	});

	it('says which context is missing', () => {
		expect(() => resolveEndpoint({context: 'nope', env: {}, home: home()})).toThrow(/context "nope" was not found/);
	});

	it('loads TLS material from DOCKER_CERT_PATH when DOCKER_TLS_VERIFY is set', () => {
		const certs = home();
		for (const file of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(join(certs, file), file);
		const target = resolveEndpoint({env: {DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs}, home: home()});
		expect(target.tls?.verify).toBe(true);
		expect(target.tls?.ca?.toString()).toBe('ca.pem');
		expect(dockerodeOptions(target)).toMatchObject({protocol: 'https', host: 'h', port: '2376'});
	});
});

describe('dockerodeOptions', () => {
	it.each([
		['unix:///var/run/docker.sock', {socketPath: '/var/run/docker.sock'}],
		['tcp://example:2375', {protocol: 'http', host: 'example', port: '2375'}],
		['ssh://admin@box:2222', {protocol: 'ssh', host: 'box', port: '2222', username: 'admin'}],
	])('%s', (url, expected) => {
		expect(dockerodeOptions({url, source: 'flag'})).toMatchObject(expected);
	});

	it('rejects unknown schemes with a clear message', () => {
		expect(() => dockerodeOptions({url: 'ftp://x', source: 'flag'})).toThrow(/Unsupported Docker host/);
	});
});

describe('toEngineError', () => {
	it('maps a refused socket to the docker CLI sentence', () => {
		const error = toEngineError(Object.assign(new Error('connect ECONNREFUSED'), {code: 'ECONNREFUSED'}), 'unix:///x.sock');
		expect(error.code).toBe('unreachable');
		expect(error.message).toBe('Cannot connect to the Docker daemon at unix:///x.sock. Is the docker daemon running?');
	});
	it('explains a permission error and that the docker group is root-equivalent', () => {
		const error = toEngineError(Object.assign(new Error('EACCES'), {code: 'EACCES'}), 'unix:///x.sock');
		expect(error.code).toBe('permission');
		expect(error.message).toMatch(/docker. group.*root-equivalent/);
	});
	it('keeps the daemon’s words and codes conflicts', () => {
		const error = toEngineError(
			{statusCode: 409, json: {message: 'You cannot remove a running container abc. Stop the container before attempting removal or force remove'}},
			'x',
		);
		expect(error.code).toBe('must-stop');
		expect(error.message).toMatch(/^You cannot remove a running container abc/);
		expect(toEngineError({statusCode: 404, json: {message: 'No such container: x'}}, 'x').code).toBe('not-found');
		expect(toEngineError({statusCode: 400, json: {message: "invalid filter 'foo'"}}, 'x')).toMatchObject({code: 'bad-request', message: "invalid filter 'foo'"});
	});
});
