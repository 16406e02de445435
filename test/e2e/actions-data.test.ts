// Issue 5, data actions against the real private dockerd: `cp` both ways (byte- and mode-exact
// round trip; links out of the target refused on the way out), and prune of each kind, where the
// preview must name exactly what the daemon then removes and the space it reports.
import {randomBytes} from 'node:crypto';
import {lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile, chmod} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {copyFromContainer, copyToContainer} from '../../source/engine/archive.js';
import {apiAtLeast, prune, prunePreview} from '../../source/engine/prune.js';
import {TEST_IMAGE, TEST_LABEL, docker, engineHost, removeTestContainers, runContainer, uniqueName, waitForState} from '../helpers/docker.js';

/** Repository prefix of every image this file makes (all labelled porthole.test=1 as well). */
const REPO = 'porthole-e2e-data';

let api: Docker;
let scratch: string;

/** Removes what this file creates: containers, networks, volumes and images with the test label. */
async function cleanUp(): Promise<void> {
	await removeTestContainers();
	const networks = await docker(['network', 'ls', '-q', '--filter', `label=${TEST_LABEL}`]);
	if (networks) await docker(['network', 'rm', ...networks.split('\n')]);
	const volumes = await docker(['volume', 'ls', '-q', '--filter', `label=${TEST_LABEL}`]);
	if (volumes) await docker(['volume', 'rm', '-f', ...volumes.split('\n')]);
	const images = await docker(['images', '-q', '--no-trunc', '--filter', `label=${TEST_LABEL}`]);
	if (images) await docker(['rmi', '-f', ...new Set(images.split('\n'))]).catch(() => undefined);
	const tags = await docker(['images', '--format', '{{.Repository}}:{{.Tag}}', '--filter', `reference=${REPO}/*`]);
	if (tags) await docker(['rmi', '-f', ...tags.split('\n')]).catch(() => undefined);
}

beforeAll(async () => {
	const host = engineHost();
	api = new Docker({socketPath: host.slice('unix://'.length)});
	scratch = await mkdtemp(path.join(tmpdir(), 'porthole-e2e-data-'));
	await cleanUp();
});

afterAll(async () => {
	await cleanUp();
	await rm(scratch, {recursive: true, force: true});
	// The private engine's only image must survive whatever the prunes did.
	expect(await docker(['images', '-q', TEST_IMAGE])).not.toBe('');
});

/** Every path under `dir` with its kind, mode and content (links not followed). */
async function snapshot(dir: string): Promise<Record<string, {kind: string; mode: number; content: string}>> {
	const out: Record<string, {kind: string; mode: number; content: string}> = {};
	const walk = async (rel: string): Promise<void> => {
		for (const name of (await readdir(path.join(dir, rel))).sort()) {
			const child = rel ? `${rel}/${name}` : name;
			const abs = path.join(dir, child);
			const stats = await lstat(abs);
			if (stats.isSymbolicLink()) out[child] = {kind: 'link', mode: 0, content: await readlink(abs)};
			else if (stats.isDirectory()) {
				out[child] = {kind: 'dir', mode: stats.mode & 0o7777, content: ''};
				await walk(child);
			} else out[child] = {kind: 'file', mode: stats.mode & 0o7777, content: (await readFile(abs)).toString('base64')};
		}
	};
	await walk('');
	return out;
}

/** A stopped container with `args` run to completion. */
async function exited(prefix: string, args: string[]): Promise<string> {
	const name = uniqueName(prefix);
	const id = await runContainer(name, args);
	await waitForState(name, 'exited');
	return id;
}

/** `docker commit` of a container, labelled, as `tag`; resolves with the image id. */
async function commit(container: string, tag: string): Promise<string> {
	return docker(['commit', '--change', `LABEL ${TEST_LABEL}`, container, tag]);
}

/** A stopped container of `image` that wrote `bytes` random bytes to /payload, committed as `tag`. */
async function imageWithLayer(image: string, tag: string, bytes: number): Promise<string> {
	const id = await exited('e2e-data-layer', [image, 'sh', '-c', `head -c ${bytes} /dev/urandom > /payload`]);
	const imageId = await commit(id, tag);
	await docker(['rm', id]);
	return imageId;
}

describe('cp', () => {
	it('copies a directory into a container and back out with identical bytes and modes', async () => {
		const source = path.join(scratch, 'src');
		const payload = path.join(source, 'payload');
		await mkdir(path.join(payload, 'nested', 'deeper'), {recursive: true});
		const binary = Buffer.concat([Buffer.from(Array.from({length: 256}, (_, i) => i)), randomBytes(200_000)]);
		await writeFile(path.join(payload, 'hello.txt'), 'hello, container\n');
		await writeFile(path.join(payload, 'binary.dat'), binary);
		await writeFile(path.join(payload, 'empty'), '');
		await writeFile(path.join(payload, 'nested', 'deeper', 'secret.txt'), 'nested\n');
		await chmod(path.join(payload, 'binary.dat'), 0o755);
		await chmod(path.join(payload, 'nested', 'deeper', 'secret.txt'), 0o600);
		await chmod(path.join(payload, 'nested'), 0o750);
		await symlink('hello.txt', path.join(payload, 'alias'));

		const id = await runContainer(uniqueName('e2e-cp'), [TEST_IMAGE, 'sleep', '300']);
		const sent = await copyToContainer(api, id, payload, '/tmp');
		expect(sent.skipped).toEqual([]);
		expect(sent.sent).toEqual(expect.arrayContaining(['payload', 'payload/binary.dat', 'payload/nested/deeper/secret.txt', 'payload/alias']));
		// The daemon has it, with the modes and the link as they were.
		expect(await docker(['exec', id, 'stat', '-c', '%a %s', '/tmp/payload/binary.dat'])).toBe(`755 ${binary.length}`);
		expect(await docker(['exec', id, 'readlink', '/tmp/payload/alias'])).toBe('hello.txt');
		expect(await docker(['exec', id, 'cat', '/tmp/payload/nested/deeper/secret.txt'])).toBe('nested');

		const back = path.join(scratch, 'back');
		await mkdir(back);
		const result = await copyFromContainer(api, id, '/tmp/payload', back);
		expect(result.refused).toEqual([]);
		expect(result.written).toEqual(expect.arrayContaining(['payload', 'payload/binary.dat', 'payload/empty', 'payload/nested/deeper/secret.txt', 'payload/alias']));
		expect(await snapshot(path.join(back, 'payload'))).toEqual(await snapshot(payload));

		// A second copy to the same place overwrites nothing: every file is refused, contents intact.
		const again = await copyFromContainer(api, id, '/tmp/payload', back);
		expect(again.written).toEqual([]);
		expect(again.refused).toEqual(expect.arrayContaining(['payload/hello.txt: already exists on the host', 'payload/binary.dat: already exists on the host']));
		expect(await snapshot(path.join(back, 'payload'))).toEqual(await snapshot(payload));
	});

	it('refuses links a container plants to reach out of the target, and writes nothing for them', async () => {
		const id = await runContainer(uniqueName('e2e-cp-evil'), [
			TEST_IMAGE,
			'sh',
			'-c',
			'mkdir -p /evil/sub && echo ok > /evil/ok && ln -s /etc /evil/etc && ln -s ../../../../../../etc/passwd /evil/sub/up && ' +
				'ln -s . /evil/self && ln -s self/self/../.. /evil/climb && mknod /evil/fifo p; sleep 300',
		]);
		await expect.poll(() => docker(['exec', id, 'ls', '/evil']).catch(() => ''), {timeout: 10_000}).toContain('fifo');
		const target = path.join(scratch, 'evil-target');
		await mkdir(target);
		const result = await copyFromContainer(api, id, '/evil', target);
		expect(result.refused.sort()).toEqual(
			[
				'evil/climb: link to self/self/../.. resolves outside the target',
				'evil/etc: link to /etc points outside the target',
				'evil/fifo: fifo: not copied',
				'evil/sub/up: link to ../../../../../../etc/passwd points outside the target',
			].sort(),
		);
		expect(result.written.sort()).toEqual(['evil', 'evil/ok', 'evil/self', 'evil/sub'].sort());
		expect(await readdir(scratch)).not.toContain('etc');
	});

	it('maps a missing container path to not-found', async () => {
		const id = await runContainer(uniqueName('e2e-cp-missing'), [TEST_IMAGE, 'sleep', '300']);
		const target = path.join(scratch, 'missing-target');
		await mkdir(target);
		await expect(copyFromContainer(api, id, '/no/such/path', target)).rejects.toMatchObject({code: 'not-found'});
		await expect(copyToContainer(api, id, target, '/no/such/dir')).rejects.toMatchObject({code: 'not-found'});
	});
});

describe('prune: the preview lists exactly what the daemon removes', () => {
	it('containers: exited, created and dead go; running and paused stay', async () => {
		const keepRunning = await runContainer(uniqueName('e2e-prune-run'), [TEST_IMAGE, 'sleep', '300']);
		const keepPaused = await runContainer(uniqueName('e2e-prune-paused'), [TEST_IMAGE, 'sleep', '300']);
		await docker(['pause', keepPaused]);
		const exitedWithData = await exited('e2e-prune-exited', [TEST_IMAGE, 'sh', '-c', 'head -c 150000 /dev/urandom > /data']);
		const exitedFailed = await exited('e2e-prune-failed', [TEST_IMAGE, 'sh', '-c', 'exit 3']);
		const created = await runContainer(uniqueName('e2e-prune-created'), [TEST_IMAGE, 'true'], {detach: false});

		const preview = await prunePreview(api, 'containers');
		const ids = preview.items.map(item => item.id);
		expect(ids).toEqual(expect.arrayContaining([exitedWithData, exitedFailed, created]));
		expect(ids).not.toContain(keepRunning);
		expect(ids).not.toContain(keepPaused);
		expect(preview.items.find(item => item.id === exitedWithData)!.size).toBeGreaterThanOrEqual(150_000);

		const result = await prune(api, 'containers');
		expect(result.removed.sort()).toEqual([...ids].sort());
		expect(result.reclaimed).toBe(preview.reclaimable);
		const left = await docker(['ps', '-aq', '--no-trunc']);
		expect(left).toContain(keepRunning);
		expect(left).toContain(keepPaused);
		await docker(['unpause', keepPaused]);
	});

	it('images-dangling: untagged unused images go, with their freed layers; tagged and used ones stay', async () => {
		// Two generations of one tag: the first becomes dangling.
		const old = await imageWithLayer(TEST_IMAGE, `${REPO}/dangle:1`, 120_000);
		const current = await imageWithLayer(TEST_IMAGE, `${REPO}/dangle:1`, 1_000);
		// A dangling image that a (stopped) container still uses stays.
		const used = await imageWithLayer(TEST_IMAGE, `${REPO}/used:1`, 50_000);
		const user = await exited('e2e-prune-user', [used, 'true']);
		await imageWithLayer(TEST_IMAGE, `${REPO}/used:1`, 1_000);

		const preview = await prunePreview(api, 'images-dangling');
		const ids = preview.items.map(item => item.id);
		expect(ids).toContain(old);
		expect(ids).not.toContain(current);
		expect(ids).not.toContain(used);
		expect(preview.untagged).toEqual([]);
		// The dangling image's own layer, not the busybox layers it shares with the test image.
		expect(preview.reclaimable).toBeGreaterThanOrEqual(120_000);
		expect(preview.reclaimable).toBeLessThan(200_000);

		const result = await prune(api, 'images-dangling');
		expect(result.removed.sort()).toEqual([...ids].sort());
		expect(result.reclaimed).toBe(preview.reclaimable);
		expect(await docker(['images', '-q', '--no-trunc'])).toContain(used);
		await docker(['rm', user]);
	});

	it('images-unused: unused images and their freed parents go; a used image keeps one tag; a base only used as a parent loses its tag', async () => {
		// prune -a untags one tag of a used image with several: the test image must have just its own.
		expect(await docker(['image', 'inspect', '--format', '{{len .RepoTags}}', TEST_IMAGE])).toBe('1');
		// Keeps the test image in use (it would lose its tag otherwise) for the rest of the file.
		await runContainer(uniqueName('e2e-prune-keeper'), [TEST_IMAGE, 'sleep', '300']);
		// Unused, tagged, with a parent that has no tag of its own: both go.
		const parent = await imageWithLayer(TEST_IMAGE, `${REPO}/chain-parent:1`, 60_000);
		const child = await imageWithLayer(parent, `${REPO}/chain-child:1`, 70_000);
		await docker(['rmi', `${REPO}/chain-parent:1`]); // untags only: it has a child
		// Used by a stopped container under two tags: one tag is removed, the image stays.
		const multi = await imageWithLayer(TEST_IMAGE, `${REPO}/multi:a`, 10_000);
		await docker(['tag', multi, `${REPO}/multi:b`]);
		await exited('e2e-prune-multi', [`${REPO}/multi:a`, 'true']);
		// A tagged base used only through a child image: untagged, kept as the child's parent.
		const base = await imageWithLayer(TEST_IMAGE, `${REPO}/base:1`, 10_000);
		const derived = await imageWithLayer(`${REPO}/base:1`, `${REPO}/derived:1`, 10_000);
		await runContainer(uniqueName('e2e-prune-derived'), [derived, 'sleep', '300']);

		const preview = await prunePreview(api, 'images-unused');
		const ids = preview.items.map(item => item.id);
		expect(ids).toEqual(expect.arrayContaining([child, parent]));
		for (const kept of [multi, base, derived]) expect(ids).not.toContain(kept);
		expect(preview.untagged).toContain(`${REPO}/base:1`);
		expect(preview.untagged.filter(tag => tag.startsWith(`${REPO}/multi:`))).toHaveLength(1);
		expect(preview.reclaimable).toBeGreaterThanOrEqual(130_000);

		const result = await prune(api, 'images-unused');
		expect(result.removed.sort()).toEqual([...ids].sort());
		expect(result.untagged.sort()).toEqual([...preview.untagged].sort());
		expect(result.reclaimed).toBe(preview.reclaimable);
		const left = await docker(['images', '-a', '-q', '--no-trunc']);
		for (const kept of [multi, base, derived]) expect(left).toContain(kept);
		expect(await docker(['images', '-q', TEST_IMAGE])).not.toBe('');
	});

	it('volumes: unused local volumes go (named ones too on API < 1.42); volumes of containers stay', async () => {
		const version = JSON.parse(await docker(['version', '--format', '{{json .Server.APIVersion}}'])) as string;
		const named = uniqueName('e2e-vol-named');
		await docker(['volume', 'create', '--label', TEST_LABEL, named]);
		const writer = await exited('e2e-vol-writer', ['-v', `${named}:/data`, TEST_IMAGE, 'sh', '-c', 'head -c 80000 /dev/urandom > /data/blob']);
		await docker(['rm', writer]);
		const anonymousOwner = await exited('e2e-vol-anon', ['-v', '/anon', TEST_IMAGE, 'sh', '-c', 'head -c 30000 /dev/urandom > /anon/blob']);
		const anonymous = await docker(['inspect', '--format', '{{range .Mounts}}{{.Name}}{{end}}', anonymousOwner]);
		await docker(['rm', anonymousOwner]); // without -v: the anonymous volume is left behind
		const keptStopped = uniqueName('e2e-vol-stopped');
		await docker(['volume', 'create', '--label', TEST_LABEL, keptStopped]);
		await exited('e2e-vol-user', ['-v', `${keptStopped}:/data`, TEST_IMAGE, 'true']);
		const keptRunning = uniqueName('e2e-vol-running');
		await docker(['volume', 'create', '--label', TEST_LABEL, keptRunning]);
		await runContainer(uniqueName('e2e-vol-run'), ['-v', `${keptRunning}:/data`, TEST_IMAGE, 'sleep', '300']);
		const withOptions = uniqueName('e2e-vol-tmpfs');
		await docker(['volume', 'create', '--label', TEST_LABEL, '--opt', 'type=tmpfs', '--opt', 'device=tmpfs', withOptions]);

		const preview = await prunePreview(api, 'volumes');
		const ids = preview.items.map(item => item.id);
		expect(ids).toContain(anonymous);
		if (apiAtLeast(version, 1, 42)) expect(ids).not.toContain(named);
		else {
			expect(ids).toContain(named);
			expect(preview.items.find(item => item.id === named)!.size).toBeGreaterThanOrEqual(80_000);
		}
		for (const kept of [keptStopped, keptRunning, withOptions]) expect(ids).not.toContain(kept);

		const result = await prune(api, 'volumes');
		expect(result.removed.sort()).toEqual([...ids].sort());
		expect(result.reclaimed).toBe(preview.reclaimable);
		const left = await docker(['volume', 'ls', '-q']);
		for (const kept of [keptStopped, keptRunning, withOptions]) expect(left).toContain(kept);
	});

	it('networks: networks without a running container go (stopped ones do not hold them); predefined ones stay', async () => {
		const network = async (prefix: string): Promise<string> => docker(['network', 'create', '--internal', '--label', TEST_LABEL, uniqueName(prefix)]);
		const unused = await network('e2e-net-unused');
		const stoppedOnly = await network('e2e-net-stopped');
		const inUse = await network('e2e-net-running');
		await exited('e2e-net-stopped-user', ['--network', stoppedOnly, TEST_IMAGE, 'true']);
		await runContainer(uniqueName('e2e-net-user'), ['--network', inUse, TEST_IMAGE, 'sleep', '300']);

		const preview = await prunePreview(api, 'networks');
		const ids = preview.items.map(item => item.id);
		expect(ids).toEqual(expect.arrayContaining([unused, stoppedOnly]));
		expect(ids).not.toContain(inUse);
		for (const name of ['bridge', 'host', 'none']) expect(preview.items.map(item => item.name)).not.toContain(name);

		const result = await prune(api, 'networks');
		expect(result.removed.sort()).toEqual([...ids].sort());
		expect(result.reclaimed).toBe(0);
		const left = await docker(['network', 'ls', '-q', '--no-trunc']);
		expect(left).toContain(inUse);
		for (const name of ['bridge', 'host', 'none']) expect(await docker(['network', 'ls', '--format', '{{.Name}}'])).toContain(name);
	});
});
