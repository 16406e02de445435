/**
 * Where to find the Docker daemon, in the docker CLI's order:
 * `--host` flag, then DOCKER_HOST (with DOCKER_TLS_VERIFY / DOCKER_CERT_PATH), then the context
 * (`--context`, DOCKER_CONTEXT, `currentContext` in the CLI config), then the default socket.
 */
import {createHash} from 'node:crypto';
import {existsSync, readFileSync} from 'node:fs';
import {homedir} from 'node:os';
import {join} from 'node:path';
import type {EndpointInfo} from './types.js';

/** How to dial the daemon: the endpoint plus TLS material when the endpoint needs it. */
export interface ConnectionTarget extends EndpointInfo {
	tls?: {ca?: Buffer; cert?: Buffer; key?: Buffer; verify: boolean};
}

/** Inputs to endpoint resolution; defaults come from the process. */
export interface ResolveInput {
	host?: string;
	context?: string;
	env?: NodeJS.ProcessEnv;
	home?: string;
}

/** The default socket path used when nothing else says otherwise. */
export const DEFAULT_SOCKET = 'unix:///var/run/docker.sock';

/** The endpoint forms porthole accepts, for messages about a bad one. */
export const ENDPOINT_FORMS = 'unix:///path/to/docker.sock, tcp://host:2376 (TLS from DOCKER_TLS_VERIFY/DOCKER_CERT_PATH) or ssh://user@host';

function configDir(env: NodeJS.ProcessEnv, home: string): string {
	return env.DOCKER_CONFIG || join(home, '.docker');
}

function readTls(dir: string, verify: boolean): ConnectionTarget['tls'] {
	const read = (name: string) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name)) : undefined);
	return {ca: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem'), verify};
}

function contextTarget(name: string, env: NodeJS.ProcessEnv, home: string): ConnectionTarget {
	if (name === 'default') return {url: env.DOCKER_HOST || DEFAULT_SOCKET, context: 'default', source: 'context'};
	const dir = configDir(env, home);
	const digest = createHash('sha256').update(name).digest('hex');
	const metaPath = join(dir, 'contexts', 'meta', digest, 'meta.json');
	let meta: {Endpoints?: {docker?: {Host?: string; SkipTLSVerify?: boolean}}};
	try {
		meta = JSON.parse(readFileSync(metaPath, 'utf8'));
	} catch {
		throw new Error(`Docker context "${name}" was not found (no ${metaPath}).`);
	}
	const endpoint = meta.Endpoints?.docker;
	if (!endpoint?.Host) throw new Error(`Docker context "${name}" has no docker endpoint.`);
	const tlsDir = join(dir, 'contexts', 'tls', digest, 'docker');
	const target: ConnectionTarget = {url: endpoint.Host, context: name, source: 'context'};
	if (existsSync(tlsDir)) target.tls = readTls(tlsDir, !endpoint.SkipTLSVerify);
	return target;
}

/** Resolve the endpoint the way the docker CLI does. Throws with a user-facing message on a bad context. */
export function resolveEndpoint(input: ResolveInput = {}): ConnectionTarget {
	const env = input.env ?? process.env;
	const home = input.home ?? homedir();
	if (input.host) return withEnvTls({url: input.host, source: 'flag'}, env, home);
	if (env.DOCKER_HOST) return withEnvTls({url: env.DOCKER_HOST, source: 'env'}, env, home);
	let context = input.context || env.DOCKER_CONTEXT;
	if (!context) {
		try {
			const config = JSON.parse(readFileSync(join(configDir(env, home), 'config.json'), 'utf8')) as {currentContext?: string};
			context = config.currentContext;
		} catch {
			// No CLI config: fall through to the default socket.
		}
	}
	if (context && context !== 'default') return contextTarget(context, env, home);
	return {url: DEFAULT_SOCKET, source: 'default'};
}

function withEnvTls(target: ConnectionTarget, env: NodeJS.ProcessEnv, home: string): ConnectionTarget {
	if (!target.url.startsWith('tcp://')) return target;
	const verify = Boolean(env.DOCKER_TLS_VERIFY) && env.DOCKER_TLS_VERIFY !== '0';
	const certPath = env.DOCKER_CERT_PATH || (verify ? configDir(env, home) : undefined);
	if (verify || env.DOCKER_CERT_PATH) return {...target, tls: readTls(certPath!, verify)};
	return target;
}

/** dockerode constructor options for a target. */
export function dockerodeOptions(target: ConnectionTarget): Record<string, unknown> {
	if (!URL.canParse(target.url)) throw new Error(`"${target.url}" is not a Docker endpoint: use ${ENDPOINT_FORMS}.`);
	const url = new URL(target.url);
	switch (url.protocol) {
		case 'unix:':
			return {socketPath: decodeURIComponent(url.pathname)};
		case 'npipe:':
			return {socketPath: target.url.replace(/^npipe:\/\//, '')};
		case 'tcp:':
		case 'http:':
		case 'https:': {
			const tls = target.tls;
			const https = Boolean(tls) || url.protocol === 'https:';
			return {
				protocol: https ? 'https' : 'http',
				host: url.hostname,
				port: url.port || (https ? '2376' : '2375'),
				...(tls?.ca ? {ca: tls.ca} : {}),
				...(tls?.cert ? {cert: tls.cert} : {}),
				...(tls?.key ? {key: tls.key} : {}),
				...(tls && !tls.verify ? {checkServerIdentity: () => undefined} : {}),
			};
		}
		case 'ssh:':
			return {
				protocol: 'ssh',
				host: url.hostname,
				port: url.port || '22',
				username: decodeURIComponent(url.username) || undefined,
				sshOptions: {agent: process.env.SSH_AUTH_SOCK},
			};
		default:
			throw new Error(`Unsupported Docker host "${target.url}": use ${ENDPOINT_FORMS}.`);
	}
}
