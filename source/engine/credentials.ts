/**
 * Registry credentials for pull and push, found where the docker CLI finds them: the user's
 * `config.json` (`$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`), in `auths` (base64
 * "user:password" or an identity token), or through a credential helper (`credHelpers` per
 * registry, `credsStore` for all) spoken to with the standard protocol: `docker-credential-<name>
 * get`, the server URL on stdin, `{ServerURL, Username, Secret}` on stdout. The helper is the one
 * external program porthole runs; nothing else here touches the network or the daemon.
 */
import {spawn} from 'node:child_process';
import {readFile} from 'node:fs/promises';
import {homedir} from 'node:os';
import path from 'node:path';

/** The registry docker.io images come from, and the key the CLI stores its credentials under. */
export const DOCKER_HUB = 'docker.io';
const DOCKER_HUB_SERVER = 'https://index.docker.io/v1/';

/** An AuthConfig as the daemon reads it from the X-Registry-Auth header. */
export interface RegistryAuth {
	username?: string;
	password?: string;
	identitytoken?: string;
	serveraddress: string;
}

/**
 * The registry a reference pulls from: its first path part when that looks like a host (has a
 * "." or ":", or is "localhost"), else docker.io, as reference.ParseNormalizedNamed splits it.
 */
export function registryOf(reference: string): string {
	const slash = reference.indexOf('/');
	if (slash === -1) return DOCKER_HUB;
	const first = reference.slice(0, slash);
	if (first === 'localhost' || /[.:]/.test(first) || first.toLowerCase() !== first) {
		return first === 'index.docker.io' ? DOCKER_HUB : first;
	}
	return DOCKER_HUB;
}

/** The config file the CLI reads: `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`. */
export function defaultConfigPath(env: NodeJS.ProcessEnv = process.env): string {
	return path.join(env.DOCKER_CONFIG || path.join(homedir(), '.docker'), 'config.json');
}

/** The CLI's ConvertToHostname: a config key or server URL without scheme and path. */
function hostnameOf(server: string): string {
	return server.replace(/^https?:\/\//, '').split('/')[0]!;
}

/** The server address the CLI uses for a registry (docker.io has its historic v1 URL). */
function serverAddressOf(registry: string): string {
	return registry === DOCKER_HUB ? DOCKER_HUB_SERVER : registry;
}

/** Options of authFor. */
export interface AuthLookupOptions {
	/** The config file to read (default: defaultConfigPath()). */
	configPath?: string;
	/** Environment for the credential helper (PATH decides which helper runs). */
	env?: NodeJS.ProcessEnv;
	/** How long a helper may take, ms (a helper may wait on a keyring prompt). */
	helperTimeoutMs?: number;
}

/**
 * The credentials for a registry ("docker.io", "127.0.0.1:5000"), or undefined when the config
 * names none (no file, no entry, a helper that knows nothing). A helper that fails otherwise
 * throws, with its own words, so the user learns why a pull was anonymous.
 */
export async function authFor(registry: string, options: AuthLookupOptions = {}): Promise<RegistryAuth | undefined> {
	const config = await readConfig(options.configPath ?? defaultConfigPath(options.env));
	if (!config) return undefined;
	const server = serverAddressOf(registry);
	const wanted = hostnameOf(server);
	const helpers = objectOf(config.credHelpers);
	const helperKey = Object.keys(helpers).find((key) => hostnameOf(key) === wanted);
	const helper = helperKey !== undefined ? helpers[helperKey] : config.credsStore;
	if (typeof helper === 'string' && helper !== '') return helperAuth(helper, server, options);

	const auths = objectOf(config.auths);
	const key = Object.keys(auths).find((entry) => hostnameOf(entry) === wanted);
	if (key === undefined) return undefined;
	const entry = objectOf(auths[key]);
	if (typeof entry.identitytoken === 'string' && entry.identitytoken !== '') return {identitytoken: entry.identitytoken, serveraddress: server};
	if (typeof entry.auth === 'string' && entry.auth !== '') {
		const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
		const colon = decoded.indexOf(':');
		if (colon === -1) return undefined;
		return {username: decoded.slice(0, colon), password: decoded.slice(colon + 1), serveraddress: server};
	}
	if (typeof entry.username === 'string' && typeof entry.password === 'string') return {username: entry.username, password: entry.password, serveraddress: server};
	return undefined;
}

/** The X-Registry-Auth header value: base64url JSON, `{}` when anonymous (the daemon wants one for push). */
export function registryAuthHeader(auth: RegistryAuth | undefined): string {
	return Buffer.from(JSON.stringify(auth ?? {}), 'utf8').toString('base64url');
}

function objectOf(value: unknown): Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

async function readConfig(file: string): Promise<Record<string, unknown> | undefined> {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch {
		return undefined;
	}
	try {
		return objectOf(JSON.parse(text));
	} catch {
		throw new Error(`cannot read ${file}: not valid JSON`);
	}
}

/** Ask `docker-credential-<helper> get` for a server's credentials (the credential-helper protocol). */
async function helperAuth(helper: string, server: string, options: AuthLookupOptions): Promise<RegistryAuth | undefined> {
	if (!/^[A-Za-z0-9._-]+$/.test(helper)) throw new Error(`invalid credential helper name: ${helper}`);
	const program = `docker-credential-${helper}`;
	const {code, stdout, stderr} = await run(program, ['get'], server, options.env ?? process.env, options.helperTimeoutMs ?? 15_000);
	if (code !== 0) {
		const said = (stdout || stderr).trim();
		// The protocol's "not found" answer: the helper holds nothing for this server.
		if (/credentials not found/i.test(said)) return undefined;
		throw new Error(`${program} get: ${said || `exit code ${code}`}`);
	}
	let answer: Record<string, unknown>;
	try {
		answer = objectOf(JSON.parse(stdout));
	} catch {
		throw new Error(`${program} get: answer is not JSON`);
	}
	const username = typeof answer.Username === 'string' ? answer.Username : '';
	const secret = typeof answer.Secret === 'string' ? answer.Secret : '';
	if (secret === '') return undefined;
	// The protocol marks identity tokens with the username "<token>".
	if (username === '<token>') return {identitytoken: secret, serveraddress: server};
	return {username, password: secret, serveraddress: server};
}

function run(program: string, args: string[], input: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{code: number; stdout: string; stderr: string}> {
	return new Promise((resolve, reject) => {
		const child = spawn(program, args, {env, stdio: ['pipe', 'pipe', 'pipe'], timeout: timeoutMs});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
		child.on('error', (error: NodeJS.ErrnoException) =>
			reject(new Error(error.code === 'ENOENT' ? `credential helper ${program} not found on PATH` : `${program}: ${error.message}`)),
		);
		child.on('close', (code, signal) => resolve({code: code ?? (signal ? 128 : 1), stdout, stderr}));
		child.stdin.on('error', () => {});
		child.stdin.end(input);
	});
}
