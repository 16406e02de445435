// The private registry scripts/test-engine.sh starts beside the private engine (inside its network
// namespace, on its 127.0.0.1): every reference a test pulls or pushes names it explicitly, so no
// test makes the daemon look up a public registry.
import {docker} from './docker.js';

/** The loopback registry's host:port from PORTHOLE_REGISTRY; throws unless it is a 127.0.0.1 address. */
export function registryHost(): string {
	const host = process.env['PORTHOLE_REGISTRY'];
	if (!host) throw new Error('PORTHOLE_REGISTRY is not set: start the engine with scripts/test-engine.sh and eval its `env` output');
	if (!/^127\.0\.0\.1:\d+$/.test(host)) throw new Error(`PORTHOLE_REGISTRY=${host} is not a loopback registry; refusing to push there`);
	return host;
}

/** A reference on the loopback registry, e.g. `127.0.0.1:5000/porthole-test/pushed:e2e-1a2b3c4d`. */
export function registryRef(repository: string, tag: string): string {
	return `${registryHost()}/${repository}:${tag}`;
}

/** A loopback port nothing listens on (inside the engine's namespace, the registry has 5000 only). */
export const DEAD_REGISTRY = '127.0.0.1:5999';

/** The image's full id ("sha256:…") as the docker CLI sees it. */
export async function imageId(reference: string): Promise<string> {
	return docker(['image', 'inspect', '--format', '{{.Id}}', reference]);
}

/** Removes images by reference or id, ignoring ones already gone (for afterAll). */
export async function removeImages(references: string[]): Promise<void> {
	for (const reference of references) await docker(['rmi', '-f', reference]).catch(() => undefined);
}
