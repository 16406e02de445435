// Helpers for end-to-end tests against the PRIVATE engine started by scripts/test-engine.sh.
// Every call goes through `engineHost()`, which refuses a missing DOCKER_HOST or the host's real
// Docker socket, so no test can touch a user's containers.
import {execFile} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {readFileSync, realpathSync} from 'node:fs';

/** Sockets of a real Docker that tests must never use. */
const SYSTEM_SOCKETS = new Set(['/var/run/docker.sock', '/run/docker.sock']);

/** The only image on the private engine (busybox applets, CMD /bin/sh, no network needed). */
export const TEST_IMAGE = 'porthole-test/busybox:latest';

/** The label every test container carries, so `removeTestContainers` finds them all. */
export const TEST_LABEL = 'porthole.test=1';

/** The directory scripts/test-engine.sh keeps the private engine in (it honours PORTHOLE_ENGINE_DIR the same way). */
export function privateEngineDir(): string {
	return process.env['PORTHOLE_ENGINE_DIR'] ?? '/tmp/porthole-engine';
}

/** The socket scripts/test-engine.sh serves. */
export function privateEngineHost(): string {
	return `unix://${privateEngineDir()}/docker.sock`;
}

/** The pid of the private dockerd (from its pidfile), after checking DOCKER_HOST is that engine's socket. */
export function privateEnginePid(): number {
	engineHost();
	const pid = Number(readFileSync(`${privateEngineDir()}/docker.pid`, 'utf8').trim());
	if (!Number.isInteger(pid) || pid <= 1) throw new Error(`no private dockerd pid in ${privateEngineDir()}/docker.pid`);
	return pid;
}

/** DOCKER_HOST for e2e tests; throws unless it is the private engine's socket, so no test touches a real Docker. */
export function engineHost(): string {
	const host = process.env['DOCKER_HOST'];
	if (!host) {
		throw new Error('DOCKER_HOST is not set: e2e tests run only against the private engine (`npm test`, or `eval "$(bash scripts/test-engine.sh env)"`)');
	}
	const socket = host.startsWith('unix://') ? host.slice('unix://'.length) : '';
	let real = socket;
	try {
		real = realpathSync(socket);
	} catch {
		// not there (yet): the docker CLI will say so
	}
	if (host !== privateEngineHost() || SYSTEM_SOCKETS.has(socket) || SYSTEM_SOCKETS.has(real)) {
		throw new Error(`DOCKER_HOST=${host} is not the private test engine (${privateEngineHost()}); refusing to run e2e tests against it`);
	}
	return host;
}

/** Runs the docker CLI against the private engine; resolves with trimmed stdout, rejects with stderr. */
export async function docker(args: string[], {timeout = 30_000}: {timeout?: number} = {}): Promise<string> {
	const host = engineHost();
	return new Promise((resolve, reject) => {
		execFile(
			'docker',
			args,
			{env: {...process.env, DOCKER_HOST: host}, timeout, maxBuffer: 64 * 1024 * 1024},
			(error, stdout, stderr) => {
				if (error) {
					reject(new Error(`docker ${args.join(' ')} failed: ${stderr.trim() || error.message}`));
				} else {
					resolve(stdout.trim());
				}
			},
		);
	});
}

/** A container name unique to this run, e.g. `e2e-logs-k3x9a1`. */
export function uniqueName(prefix: string): string {
	return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/**
 * `docker run -d --name <name> --label porthole.test=1 [--network none] <args>`; resolves with the id.
 * `args` are the rest of the command line: options, then image and command, e.g.
 * `['-p', '127.0.0.1:18080:80', TEST_IMAGE, 'sleep', '300']`. Pass `{detach: false}` for `docker create`.
 */
export async function runContainer(name: string, args: string[], {detach = true}: {detach?: boolean} = {}): Promise<string> {
	const publishes = args.some(arg => arg === '-p' || arg === '--publish' || arg.startsWith('--publish=') || arg === '-P' || arg === '--publish-all');
	const hasNetwork = args.some(arg => arg === '--network' || arg.startsWith('--network=') || arg === '--net' || arg.startsWith('--net='));
	for (const [index, arg] of args.entries()) {
		// Published ports stay on loopback: no test may open a port on another address.
		if ((arg === '-p' || arg === '--publish') && !args[index + 1]?.startsWith('127.0.0.1:')) {
			throw new Error(`runContainer: publish on 127.0.0.1 only (got ${args[index + 1]})`);
		}
	}
	const network = publishes || hasNetwork ? [] : ['--network', 'none'];
	const command = detach ? ['run', '-d'] : ['create'];
	return docker([...command, '--name', name, '--label', TEST_LABEL, ...network, ...args]);
}

/** Removes (forcibly) every container labelled porthole.test=1. */
export async function removeTestContainers(): Promise<void> {
	const ids = await docker(['ps', '-aq', '--filter', `label=${TEST_LABEL}`]);
	if (ids) await docker(['rm', '-f', '-v', ...ids.split('\n')]);
}

/** `docker inspect` of one container, parsed. */
export async function inspect(nameOrId: string): Promise<Record<string, any>> {
	const [info] = JSON.parse(await docker(['inspect', nameOrId])) as Array<Record<string, any>>;
	if (!info) throw new Error(`docker inspect ${nameOrId}: nothing returned`);
	return info;
}

/** The container's state string: created, running, paused, restarting, exited, dead. */
export async function containerState(nameOrId: string): Promise<string> {
	return docker(['inspect', '--format', '{{.State.Status}}', nameOrId]);
}

/** Polls `docker inspect` until the container's state is `state`; rejects after `timeout` ms. */
/**
 * Wait until a container has been up for over a second: before that docker's status text is
 * "Up Less than a second (Paused)", longer than the STATUS column's width, so a test reading the
 * column right after `docker run` would see it cut short.
 */
export async function waitUpOverASecond(nameOrId: string): Promise<void> {
	const startedAt = Date.parse(String((await inspect(nameOrId))['State']?.['StartedAt']));
	const wait = startedAt + 1200 - Date.now();
	if (wait > 0) await new Promise(resolve => setTimeout(resolve, wait));
}

export async function waitForState(nameOrId: string, state: string, timeout = 15_000): Promise<void> {
	const deadline = Date.now() + timeout;
	let last = '';
	while (Date.now() < deadline) {
		last = await containerState(nameOrId).catch(error => String(error));
		if (last === state) return;
		await new Promise(resolve => setTimeout(resolve, 100));
	}
	throw new Error(`${nameOrId} did not reach state ${state} within ${timeout} ms (last: ${last})`);
}
