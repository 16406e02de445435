// extractSafely against crafted archives: every entry that would land outside the target, write
// through a link, overwrite a host file or create a device is refused, and nothing at all appears
// outside the target directory.
import {existsSync} from 'node:fs';
import {chmod, link} from 'node:fs/promises';
import {lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {Readable} from 'node:stream';
import tar, {type Header} from 'tar-stream';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type Docker from 'dockerode';
import {copyToContainer, extractSafely} from '../../source/engine/archive.js';
import {EngineError} from '../../source/engine/errors.js';

type Entry = Partial<Header> & {name: string; body?: string | Buffer};

/** A tar stream of the given entries, in order, exactly as written (no name clean-up). */
function archive(entries: Entry[]): NodeJS.ReadableStream {
	const pack = tar.pack();
	for (const {body, ...header} of entries) {
		if (body !== undefined) pack.entry({type: 'file', mode: 0o644, ...header}, body);
		else pack.entry({mode: header.type === 'directory' ? 0o755 : 0o644, ...header});
	}
	pack.finalize();
	return Readable.from(pack);
}

/** Every path under `dir`, relative, sorted (links not followed). */
async function tree(dir: string): Promise<string[]> {
	const out: string[] = [];
	const walk = async (rel: string): Promise<void> => {
		for (const name of await readdir(path.join(dir, rel))) {
			const child = rel ? `${rel}/${name}` : name;
			out.push(child);
			if ((await lstat(path.join(dir, child))).isDirectory()) await walk(child);
		}
	};
	await walk('');
	return out.sort();
}

let base: string;
let target: string;
let outside: string;

beforeEach(async () => {
	base = await mkdtemp(path.join(tmpdir(), 'porthole-archive-'));
	target = path.join(base, 'target');
	outside = path.join(base, 'outside');
	await mkdir(target);
	await mkdir(outside);
	await writeFile(path.join(outside, 'secret'), 'outside secret');
});

afterEach(async () => {
	await rm(base, {recursive: true, force: true});
});

/** Nothing changed next to the target: only the target and the untouched `outside` directory. */
async function expectNothingOutside(): Promise<void> {
	expect(await readdir(base)).toEqual(['outside', 'target']);
	expect(await tree(outside)).toEqual(['secret']);
	expect(await readFile(path.join(outside, 'secret'), 'utf8')).toBe('outside secret');
}

describe('extractSafely', () => {
	it('writes a well-formed archive: files, directories, modes without setuid, links inside', async () => {
		const binary = Buffer.from([0, 1, 2, 255, 254, 10, 13, 27]);
		const mtime = new Date('2024-01-02T03:04:05Z');
		const result = await extractSafely(
			archive([
				{name: 'data/', type: 'directory', mode: 0o750, mtime},
				{name: 'data/hello.txt', body: 'hello\n', mode: 0o640, mtime},
				{name: 'data/bin', body: binary, mode: 0o4755},
				{name: 'data/sub/', type: 'directory', mode: 0o700},
				{name: 'data/sub/deep.txt', body: 'deep'},
				{name: 'data/rel', type: 'symlink', linkname: 'sub/deep.txt'},
				{name: 'data/up', type: 'symlink', linkname: '../data/hello.txt'},
				{name: 'data/hard', type: 'link', linkname: 'data/hello.txt'},
				{name: 'data/sub/../norm.txt', body: 'normalised'},
				{name: 'implicit/parent/file', body: 'parents made'},
			]),
			target,
		);
		expect(result.refused).toEqual([]);
		expect(result.written).toEqual(
			expect.arrayContaining(['data', 'data/hello.txt', 'data/bin', 'data/sub', 'data/sub/deep.txt', 'data/rel', 'data/up', 'data/hard', 'data/norm.txt', 'implicit', 'implicit/parent', 'implicit/parent/file']),
		);
		expect(await readFile(path.join(target, 'data/hello.txt'), 'utf8')).toBe('hello\n');
		expect(await readFile(path.join(target, 'data/bin'))).toEqual(binary);
		expect((await stat(path.join(target, 'data/hello.txt'))).mode & 0o7777).toBe(0o640);
		expect((await stat(path.join(target, 'data/bin'))).mode & 0o7777).toBe(0o755); // setuid dropped
		expect((await stat(path.join(target, 'data'))).mode & 0o7777).toBe(0o750);
		expect((await stat(path.join(target, 'data/sub'))).mode & 0o7777).toBe(0o700);
		expect((await stat(path.join(target, 'data/hello.txt'))).mtime.toISOString()).toBe(mtime.toISOString());
		expect(await readlink(path.join(target, 'data/rel'))).toBe('sub/deep.txt');
		expect(await readFile(path.join(target, 'data/up'), 'utf8')).toBe('hello\n');
		expect((await stat(path.join(target, 'data/hard'))).ino).toBe((await stat(path.join(target, 'data/hello.txt'))).ino);
		expect(await readFile(path.join(target, 'data/norm.txt'), 'utf8')).toBe('normalised');
		await expectNothingOutside();
	});

	it('refuses entries that climb out or are absolute', async () => {
		const result = await extractSafely(
			archive([
				{name: '../evil', body: 'x'},
				{name: '/abs/evil', body: 'x'},
				{name: `${outside}/abs-evil`, body: 'x'},
				{name: 'a/../../evil2', body: 'x'},
				{name: 'ok.txt', body: 'fine'},
			]),
			target,
		);
		expect(result.refused).toEqual([
			'../evil: outside the target',
			'/abs/evil: absolute path, outside the target',
			`${outside}/abs-evil: absolute path, outside the target`,
			'a/../../evil2: outside the target',
		]);
		expect(result.written).toEqual(['ok.txt']);
		expect(existsSync('/abs/evil')).toBe(false);
		expect(await tree(target)).toEqual(['ok.txt']);
		await expectNothingOutside();
	});

	it('refuses symlinks out of the target and everything written through a symlink', async () => {
		const result = await extractSafely(
			archive([
				{name: 'link', type: 'symlink', linkname: '/etc'},
				{name: 'link/passwd', body: 'root::0:0::/:/bin/sh\n'},
				{name: 'out', type: 'symlink', linkname: '../outside'},
				{name: 'out/secret', body: 'overwritten'},
				{name: 'abs', type: 'symlink', linkname: outside},
				{name: 'abs/new', body: 'planted'},
				{name: 'deep/rel', type: 'symlink', linkname: '../../outside/secret'},
				{name: 'inside', type: 'symlink', linkname: 'deep'},
				{name: 'inside/through', body: 'via an inside link'},
			]),
			target,
		);
		expect(result.refused).toEqual([
			'link: link to /etc points outside the target',
			'link/passwd: a parent is a symlink',
			'out: link to ../outside points outside the target',
			'out/secret: a parent is a symlink',
			`abs: link to ${outside} points outside the target`,
			'abs/new: a parent is a symlink',
			'deep/rel: link to ../../outside/secret points outside the target',
			'inside/through: a parent is a symlink',
		]);
		expect(existsSync(path.join(outside, 'new'))).toBe(false);
		// `deep/rel` was refused before its parent was made: `inside` dangles, inside the target.
		expect(await tree(target)).toEqual(['inside']);
		expect(await readlink(path.join(target, 'inside'))).toBe('deep');
		await expectNothingOutside();
	});

	it('resolves links together: one that only escapes through another link is refused', async () => {
		// Each is harmless on its own when checked lexically; together e → x/.. → ./.. is the parent.
		const result = await extractSafely(
			archive([
				{name: 'e', type: 'symlink', linkname: 'x/..'},
				{name: 'x', type: 'symlink', linkname: '.'},
				{name: 'd', type: 'symlink', linkname: '.'},
				{name: 'f', type: 'symlink', linkname: 'd/d/d/../outside/secret'},
				{name: 'loop1', type: 'symlink', linkname: 'loop2/..'},
				{name: 'loop2', type: 'symlink', linkname: 'loop1/..'},
			]),
			target,
		);
		expect(result.refused).toEqual(
			expect.arrayContaining(['e: link to x/.. resolves outside the target', 'f: link to d/d/d/../outside/secret resolves outside the target']),
		);
		// A loop is refused once it runs out of hops; its partner then dangles harmlessly inside.
		expect(result.refused).toContain('loop1: link to loop2/.. resolves outside the target');
		expect(result.written.sort()).toEqual(['d', 'loop2', 'x']);
		expect(await tree(target)).toEqual(['d', 'loop2', 'x']);
		await expectNothingOutside();
	});

	it('refuses hard links to anything but a file of the same archive', async () => {
		await writeFile(path.join(target, 'host-file'), 'the user’s');
		const result = await extractSafely(
			archive([
				{name: 'h1', type: 'link', linkname: '../outside/secret'},
				{name: 'h2', type: 'link', linkname: `${outside}/secret`},
				{name: 'h3', type: 'link', linkname: 'host-file'},
				{name: 'h4', type: 'link', linkname: 'missing'},
			]),
			target,
		);
		expect(result.refused).toEqual([
			'h1: hard link to ../outside/secret points outside the target',
			`h2: hard link to ${outside}/secret points outside the target`,
			'h3: hard link to host-file is not a file of this archive',
			'h4: hard link to missing is not a file of this archive',
		]);
		expect(await tree(target)).toEqual(['host-file']);
		expect((await stat(path.join(outside, 'secret'))).nlink).toBe(1);
		await expectNothingOutside();
	});

	it('refuses devices and FIFOs', async () => {
		const result = await extractSafely(
			archive([
				{name: 'null', type: 'character-device', devmajor: 1, devminor: 3},
				{name: 'sda', type: 'block-device', devmajor: 8, devminor: 0},
				{name: 'pipe', type: 'fifo'},
			]),
			target,
		);
		expect(result.refused).toEqual(['null: character-device: not copied', 'sda: block-device: not copied', 'pipe: fifo: not copied']);
		expect(await tree(target)).toEqual([]);
		await expectNothingOutside();
	});

	it('never overwrites what is on the host, nor writes through a host symlink', async () => {
		await writeFile(path.join(target, 'existing.txt'), 'host content');
		await mkdir(path.join(target, 'dir'));
		await symlink(outside, path.join(target, 'hostlink'));
		await symlink(path.join(outside, 'secret'), path.join(target, 'filelink'));
		const result = await extractSafely(
			archive([
				{name: 'existing.txt', body: 'container content'},
				{name: 'dir/', type: 'directory'}, // merging into an existing directory is fine
				{name: 'dir/new.txt', body: 'new'},
				{name: 'hostlink/secret', body: 'overwritten'},
				{name: 'hostlink/new', body: 'planted'},
				{name: 'filelink', body: 'overwritten through a link'},
				{name: 'hostlink', type: 'directory'},
				{name: 'via', type: 'symlink', linkname: 'hostlink/secret'},
				{name: 'existing.txt/child', body: 'x'},
			]),
			target,
		);
		expect(result.refused).toEqual([
			'existing.txt: already exists on the host',
			'hostlink/secret: a parent is a symlink',
			'hostlink/new: a parent is a symlink',
			'filelink: already exists on the host',
			'hostlink: already exists on the host and is not a directory',
			'existing.txt/child: a parent is not a directory',
			'via: link to hostlink/secret resolves outside the target',
		]);
		expect(result.written).toEqual(['dir/new.txt']);
		expect(await readFile(path.join(target, 'existing.txt'), 'utf8')).toBe('host content');
		await expectNothingOutside();
	});

	it('rejects a missing host directory before reading anything', async () => {
		await expect(extractSafely(archive([{name: 'a', body: 'x'}]), path.join(base, 'nope'))).rejects.toMatchObject({code: 'bad-request'});
	});
});

/** A dockerode stand-in whose putArchive hands the uploaded stream to `receive`. */
function fakeDocker(receive: (stream: NodeJS.ReadableStream, options: {path: string}) => Promise<void>): Docker {
	return {getContainer: () => ({putArchive: receive})} as unknown as Docker;
}

describe('copyToContainer packing', () => {
	it('packs a directory without following links: links as links, hard links once, modes kept', async () => {
		const source = path.join(base, 'source');
		await mkdir(path.join(source, 'sub'), {recursive: true});
		await writeFile(path.join(source, 'a.txt'), 'A');
		await writeFile(path.join(source, 'empty'), '');
		await writeFile(path.join(source, 'sub', 'big.bin'), Buffer.alloc(3 * 1024 * 1024, 7));
		await link(path.join(source, 'a.txt'), path.join(source, 'sub', 'a-again'));
		await chmod(path.join(source, 'a.txt'), 0o604);
		await chmod(path.join(source, 'sub'), 0o750);
		await symlink('/etc/passwd', path.join(source, 'abs-link')); // travels as a link, never read
		await symlink(outside, path.join(source, 'dir-link')); // not followed out of the source
		const received = path.join(target, 'received');
		await mkdir(received);
		let extracted: {written: string[]; refused: string[]} | undefined;
		const result = await copyToContainer(
			fakeDocker(async (stream, options) => {
				expect(options.path).toBe('/srv');
				extracted = await extractSafely(stream, received);
			}),
			'c1',
			source,
			'/srv',
		);
		expect(result.skipped).toEqual([]);
		expect(result.sent).toEqual(['source', 'source/a.txt', 'source/abs-link', 'source/dir-link', 'source/empty', 'source/sub', 'source/sub/a-again', 'source/sub/big.bin']);
		// Our own extractor, as the receiving end: the links out are (rightly) refused there.
		expect(extracted!.refused.sort()).toEqual(['source/abs-link: link to /etc/passwd points outside the target', `source/dir-link: link to ${outside} points outside the target`]);
		expect((await stat(path.join(received, 'source/sub/a-again'))).ino).toBe((await stat(path.join(received, 'source/a.txt'))).ino);
		expect((await readFile(path.join(received, 'source/sub/big.bin'))).equals(Buffer.alloc(3 * 1024 * 1024, 7))).toBe(true);
		expect(await readFile(path.join(received, 'source/empty'), 'utf8')).toBe('');
		expect((await stat(path.join(received, 'source/a.txt'))).mode & 0o7777).toBe(0o604);
		expect((await stat(path.join(received, 'source/sub'))).mode & 0o7777).toBe(0o750);
		expect(await tree(outside)).toEqual(['secret']);
	});

	it('stops reading when the upload is refused (read-only, missing directory) and reports the engine error', async () => {
		const source = path.join(base, 'big');
		await mkdir(source);
		for (let i = 0; i < 5; i++) await writeFile(path.join(source, `f${i}`), Buffer.alloc(4 * 1024 * 1024, i));
		const refused = fakeDocker(async () => {
			throw new EngineError('read-only', 'porthole is in read-only mode');
		});
		await expect(copyToContainer(refused, 'c1', source, '/srv')).rejects.toMatchObject({code: 'read-only'});
		const partly = fakeDocker(async stream => {
			// Reads a little, then the daemon answers 404.
			for await (const _chunk of stream) break;
			throw Object.assign(new Error('(HTTP code 404) no such container - Could not find the file /srv in container c1'), {statusCode: 404});
		});
		await expect(copyToContainer(partly, 'c1', source, '/srv')).rejects.toMatchObject({code: 'not-found'});
	});

	it('rejects a missing host path as a bad request, before calling the daemon', async () => {
		let called = false;
		const docker = fakeDocker(async () => {
			called = true;
		});
		await expect(copyToContainer(docker, 'c1', path.join(base, 'nope'), '/srv')).rejects.toMatchObject({code: 'bad-request'});
		expect(called).toBe(false);
	});
});
