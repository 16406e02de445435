import {chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {authFor, defaultConfigPath, registryAuthHeader, registryOf} from '../../source/engine/credentials.js';

describe('registryOf', () => {
	it.each([
		['busybox', 'docker.io'],
		['busybox:1.36', 'docker.io'],
		['library/busybox', 'docker.io'],
		['me/app:1', 'docker.io'],
		['docker.io/me/app', 'docker.io'],
		['index.docker.io/me/app', 'docker.io'],
		['127.0.0.1:5000/porthole-test/pushed:x', '127.0.0.1:5000'],
		['localhost/app', 'localhost'],
		['localhost:5000/app', 'localhost:5000'],
		['ghcr.io/owner/app@sha256:abc', 'ghcr.io'],
		['Registry/app', 'Registry'],
		['registry/app', 'docker.io'],
	])('%s → %s', (reference, registry) => {
		expect(registryOf(reference)).toBe(registry);
	});
});

describe('defaultConfigPath', () => {
	it.each([
		[{DOCKER_CONFIG: '/etc/dc'}, '/etc/dc/config.json'],
		[{DOCKER_CONFIG: ''}, path.join(process.env.HOME ?? '', '.docker', 'config.json')],
	])('%j', (env, expected) => {
		expect(defaultConfigPath(env)).toBe(expected);
	});
});

describe('authFor', () => {
	let dir: string;
	let bin: string;
	const config = (name: string, content: unknown) => {
		const file = path.join(dir, name);
		writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
		return file;
	};
	const b64 = (text: string) => Buffer.from(text).toString('base64');

	beforeAll(() => {
		dir = mkdtempSync(path.join(tmpdir(), 'porthole-creds-'));
		bin = path.join(dir, 'bin');
		// A credential helper speaking the standard protocol: server URL on stdin, JSON out; it
		// records what it was asked so the test checks the server URL it was given.
		const helper = (name: string, body: string) => {
			const file = path.join(bin, `docker-credential-${name}`);
			writeFileSync(file, `#!/bin/sh\n[ "$1" = get ] || exit 3\nread -r server\necho "$server" >> "${dir}/asked-${name}"\n${body}\n`);
			chmodSync(file, 0o755);
		};
		mkdirSync(bin);
		helper('fake', `case "$server" in 127.0.0.1:5000) echo '{"ServerURL":"127.0.0.1:5000","Username":"helper-user","Secret":"helper-pass"}';; https://index.docker.io/v1/) echo '{"ServerURL":"x","Username":"<token>","Secret":"tok-123"}';; *) echo 'credentials not found in native keychain'; exit 1;; esac`);
		helper('broken', `echo 'keyring locked' >&2; exit 1`);
	});
	afterAll(() => rmSync(dir, {recursive: true, force: true}));

	const env = () => ({PATH: `${bin}:/usr/bin:/bin`});

	it.each([
		['auths with base64 user:pass', {auths: {'127.0.0.1:5000': {auth: b64('alice:s3:cret')}}}, '127.0.0.1:5000', {username: 'alice', password: 's3:cret', serveraddress: '127.0.0.1:5000'}],
		['auths key with a scheme', {auths: {'http://127.0.0.1:5000/v2/': {auth: b64('bob:pw')}}}, '127.0.0.1:5000', {username: 'bob', password: 'pw', serveraddress: '127.0.0.1:5000'}],
		['docker.io under its v1 URL', {auths: {'https://index.docker.io/v1/': {auth: b64('hub:pw')}}}, 'docker.io', {username: 'hub', password: 'pw', serveraddress: 'https://index.docker.io/v1/'}],
		['identity token', {auths: {'ghcr.io': {identitytoken: 'id-tok'}}}, 'ghcr.io', {identitytoken: 'id-tok', serveraddress: 'ghcr.io'}],
		['no entry', {auths: {'ghcr.io': {auth: b64('a:b')}}}, '127.0.0.1:5000', undefined],
		['entry without credentials', {auths: {'127.0.0.1:5000': {}}}, '127.0.0.1:5000', undefined],
		['credHelpers for this registry', {auths: {'127.0.0.1:5000': {auth: b64('file:pw')}}, credHelpers: {'127.0.0.1:5000': 'fake'}}, '127.0.0.1:5000', {username: 'helper-user', password: 'helper-pass', serveraddress: '127.0.0.1:5000'}],
		['credsStore for all, token answer', {credsStore: 'fake'}, 'docker.io', {identitytoken: 'tok-123', serveraddress: 'https://index.docker.io/v1/'}],
		['helper that knows nothing', {credsStore: 'fake'}, 'ghcr.io', undefined],
		['credHelpers of another registry do not apply', {credHelpers: {'ghcr.io': 'broken'}, auths: {'127.0.0.1:5000': {auth: b64('c:d')}}}, '127.0.0.1:5000', {username: 'c', password: 'd', serveraddress: '127.0.0.1:5000'}],
	])('%s', async (name, content, registry, expected) => {
		const file = config(`${name.replace(/\W+/g, '-')}.json`, content);
		expect(await authFor(registry, {configPath: file, env: env()})).toEqual(expected);
	});

	it('hands the helper the server URL on stdin', async () => {
		const file = config('asked.json', {credsStore: 'fake'});
		await authFor('docker.io', {configPath: file, env: env()});
		await authFor('127.0.0.1:5000', {configPath: file, env: env()});
		expect(readFileSync(path.join(dir, 'asked-fake'), 'utf8').trim().split('\n').slice(-2)).toEqual(['https://index.docker.io/v1/', '127.0.0.1:5000']);
	});

	it.each([
		['a failing helper', {credsStore: 'broken'}, 'docker-credential-broken get: keyring locked'],
		['a missing helper', {credsStore: 'absent'}, 'credential helper docker-credential-absent not found on PATH'],
		['a helper name that is a path', {credsStore: '../../bin/sh'}, 'invalid credential helper name: ../../bin/sh'],
		['a config that is not JSON', '{nope', 'not valid JSON'],
	])('%s throws with its words', async (name, content, message) => {
		const file = config(`${name.replace(/\W+/g, '-')}.json`, content);
		await expect(authFor('127.0.0.1:5000', {configPath: file, env: env()})).rejects.toThrow(message);
	});

	it('no config file: anonymous', async () => {
		expect(await authFor('docker.io', {configPath: path.join(dir, 'missing.json')})).toBeUndefined();
	});

	it.each([
		[undefined, {}],
		[{username: 'a', password: 'b', serveraddress: 'r'}, {username: 'a', password: 'b', serveraddress: 'r'}],
	])('registryAuthHeader(%j) is base64url JSON', (auth, decoded) => {
		const header = registryAuthHeader(auth);
		expect(header).not.toMatch(/[+/]/);
		expect(JSON.parse(Buffer.from(header, 'base64url').toString('utf8'))).toEqual(decoded);
	});
});
