/**
 * `docker cp` both ways, with the extraction done here rather than by a library: an archive from a
 * container is untrusted, and what it may write on the host is decided entry by entry.
 *
 * Out of a container, nothing is written outside the chosen host directory and nothing on the host
 * is overwritten:
 * - entry names that are absolute or whose normalised path climbs out (`..`) are refused;
 * - no entry is written through a symlink: every parent inside the target is lstat'ed and a symlink
 *   (already on the host, or from the archive) refuses the entry; files are opened with
 *   O_CREAT|O_EXCL|O_NOFOLLOW, so an existing file or link at the name refuses it too;
 * - symlinks are created last, after all of them have been resolved together against the final
 *   tree (host links inside the target included): one whose target is absolute or would resolve
 *   outside the target is refused and never created. Resolving them all at the end closes the
 *   `e -> x/..` then `x -> .` trick that a link-by-link lexical check would let through;
 * - hard links may only point at a file this extraction wrote;
 * - devices and FIFOs are refused; modes keep the permission bits only (no setuid/setgid/sticky).
 * Refusals are reported as "<entry name>: <reason>", entry names being container text that the UI
 * must pass through sanitizeLine.
 *
 * Into a container, the host path is packed without following symlinks (links travel as links,
 * hard links as hard links), owned by root in the archive, and handed to `PUT /archive`, which
 * the read-only guard refuses at the modem level.
 */
import {constants as fsConstants, type Stats} from 'node:fs';
import {chmod, link, lstat, lutimes, mkdir, open, readdir, readlink, realpath, symlink, unlink, utimes, type FileHandle} from 'node:fs/promises';
import path from 'node:path';
import {Readable} from 'node:stream';
import type Docker from 'dockerode';
import tar, {type Header} from 'tar-stream';
import {EngineError, toEngineError} from './errors.js';

/** Used in error messages when the caller did not say which endpoint it is talking to. */
const DEFAULT_ENDPOINT = 'the Docker daemon';

/** Most symlink hops followed while resolving a link, as Linux's MAXSYMLINKS. */
const MAX_LINK_HOPS = 40;

/** What an extraction did: paths relative to the host directory, and refusals with their reason. */
export interface CopyResult {
	written: string[];
	refused: string[];
}

/** What a copy into a container sent and what it left out (sockets, devices, unreadable files). */
export interface CopyToResult {
	sent: string[];
	skipped: string[];
}

/** A refusal of one entry; the message becomes "<name>: <reason>". */
class Refusal extends Error {}

function errorCode(error: unknown): string | undefined {
	return (error as NodeJS.ErrnoException | undefined)?.code;
}

function hostError(what: string, error: unknown): EngineError {
	const reason = errorCode(error) === 'ENOENT' ? 'does not exist' : error instanceof Error ? error.message : String(error);
	return new EngineError('bad-request', `${what}: ${reason}`);
}

/** Entry name → path relative to the target ('' for the target itself), or a refusal. */
function relativeName(name: string): string {
	if (name.includes('\0')) throw new Refusal('invalid name');
	if (name.startsWith('/')) throw new Refusal('absolute path, outside the target');
	const normal = path.posix.normalize(name).replace(/\/+$/, '');
	if (normal === '..' || normal.startsWith('../')) throw new Refusal('outside the target');
	return normal === '.' ? '' : normal;
}

/** Permission bits only: setuid, setgid and sticky never come out of a container. */
function permissions(mode: number | undefined, fallback: number): number {
	return (mode ?? fallback) & 0o777;
}

/** Extraction state shared by the entry handlers. */
class Extraction {
	readonly written: string[] = [];
	readonly refused: string[] = [];
	/** Regular files this extraction created (the only allowed hard-link sources). */
	private readonly files = new Set<string>();
	/** Symlinks from the archive, created at the end once all of them are known. */
	private readonly pendingLinks = new Map<string, {name: string; target: string; mtime?: Date}>();
	/** Directories created here, their modes applied at the end (a read-only one would block its children). */
	private readonly dirModes: Array<{rel: string; mode: number; mtime?: Date}> = [];
	/** Symlinks refused on sight: entries below them are refused too rather than landing in a new directory. */
	private readonly refusedLinks = new Set<string>();

	constructor(private readonly root: string) {}

	private abs(rel: string): string {
		return path.join(this.root, rel);
	}

	refuse(name: string, reason: string): void {
		this.refused.push(`${name}: ${reason}`);
	}

	/** Makes sure every parent of `rel` is a real directory inside the target, creating missing ones. */
	private async parents(rel: string): Promise<void> {
		const parts = rel.split('/').slice(0, -1);
		let prefix = '';
		for (const part of parts) {
			prefix = prefix ? `${prefix}/${part}` : part;
			if (this.pendingLinks.has(prefix) || this.refusedLinks.has(prefix)) throw new Refusal('a parent is a symlink');
			let stats: Stats;
			try {
				stats = await lstat(this.abs(prefix));
			} catch (error) {
				if (errorCode(error) !== 'ENOENT') throw new Refusal(`cannot check a parent (${errorCode(error) ?? String(error)})`);
				await mkdir(this.abs(prefix), {mode: 0o700}).catch((mkdirError: unknown) => {
					throw new Refusal(`cannot create a parent (${errorCode(mkdirError) ?? String(mkdirError)})`);
				});
				this.dirModes.push({rel: prefix, mode: 0o755});
				this.written.push(prefix);
				continue;
			}
			if (stats.isSymbolicLink()) throw new Refusal('a parent is a symlink');
			if (!stats.isDirectory()) throw new Refusal('a parent is not a directory');
		}
	}

	private async absent(rel: string): Promise<void> {
		if (this.pendingLinks.has(rel)) throw new Refusal('already exists');
		try {
			await lstat(this.abs(rel));
		} catch (error) {
			if (errorCode(error) === 'ENOENT') return;
			throw new Refusal(`cannot check (${errorCode(error) ?? String(error)})`);
		}
		throw new Refusal('already exists on the host');
	}

	async file(rel: string, header: Header, data: AsyncIterable<Buffer>): Promise<void> {
		if (rel === '') throw new Refusal('not a file name');
		await this.parents(rel);
		if (this.pendingLinks.has(rel)) throw new Refusal('already exists');
		const target = this.abs(rel);
		let handle: FileHandle;
		try {
			handle = await open(target, fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL | fsConstants.O_NOFOLLOW, 0o600);
		} catch (error) {
			if (errorCode(error) === 'EEXIST' || errorCode(error) === 'ELOOP') throw new Refusal('already exists on the host');
			throw new Refusal(`cannot create (${errorCode(error) ?? String(error)})`);
		}
		try {
			for await (const chunk of data) await handle.write(chunk);
			await handle.chmod(permissions(header.mode, 0o644));
			if (header.mtime) await handle.utimes(header.mtime, header.mtime);
		} catch (error) {
			await handle.close().catch(() => undefined);
			await unlink(target).catch(() => undefined);
			throw new Refusal(`write failed (${errorCode(error) ?? String(error)})`);
		}
		await handle.close();
		this.files.add(rel);
		this.written.push(rel);
	}

	async directory(rel: string, header: Header): Promise<void> {
		if (rel === '') return; // the target itself: exists already, its mode stays the user's
		await this.parents(rel);
		if (this.pendingLinks.has(rel)) throw new Refusal('already exists');
		try {
			const stats = await lstat(this.abs(rel));
			if (stats.isDirectory()) return; // merge into a directory that is already there, like docker cp
			throw new Refusal('already exists on the host and is not a directory');
		} catch (error) {
			if (error instanceof Refusal) throw error;
			if (errorCode(error) !== 'ENOENT') throw new Refusal(`cannot check (${errorCode(error) ?? String(error)})`);
		}
		await mkdir(this.abs(rel), {mode: 0o700}).catch((error: unknown) => {
			throw new Refusal(`cannot create (${errorCode(error) ?? String(error)})`);
		});
		this.dirModes.push({rel, mode: permissions(header.mode, 0o755), ...(header.mtime ? {mtime: header.mtime} : {})});
		this.written.push(rel);
	}

	async symlink(rel: string, name: string, header: Header): Promise<void> {
		const target = header.linkname ?? '';
		if (rel === '') throw new Refusal('not a file name');
		if (target === '' || target.includes('\0')) throw new Refusal('invalid link target');
		const lexical = path.posix.normalize(path.posix.join(path.posix.dirname(rel), target));
		if (target.startsWith('/') || lexical === '..' || lexical.startsWith('../')) {
			this.refusedLinks.add(rel);
			throw new Refusal(`link to ${target} points outside the target`);
		}
		await this.parents(rel);
		await this.absent(rel);
		this.pendingLinks.set(rel, {name, target, ...(header.mtime ? {mtime: header.mtime} : {})});
	}

	async hardlink(rel: string, header: Header): Promise<void> {
		if (rel === '') throw new Refusal('not a file name');
		let source: string;
		try {
			source = relativeName(header.linkname ?? '');
		} catch {
			throw new Refusal(`hard link to ${header.linkname ?? ''} points outside the target`);
		}
		if (!this.files.has(source)) throw new Refusal(`hard link to ${header.linkname ?? ''} is not a file of this archive`);
		await this.parents(rel);
		await this.absent(rel);
		try {
			await link(this.abs(source), this.abs(rel));
		} catch (error) {
			throw new Refusal(`cannot link (${errorCode(error) ?? String(error)})`);
		}
		this.written.push(rel);
	}

	/**
	 * Follows `target` from the directory of `rel` through the final tree (pending links and what is
	 * on disk) and says whether it ever leaves the target directory.
	 */
	private async escapes(rel: string, target: string, refusedLinks: Set<string>): Promise<boolean> {
		const stack = rel.split('/').slice(0, -1); // parents were checked: real directories
		const queue = target.split('/');
		let hops = 0;
		while (queue.length > 0) {
			const part = queue.shift()!;
			if (part === '' || part === '.') continue;
			if (part === '..') {
				if (stack.length === 0) return true;
				stack.pop();
				continue;
			}
			const candidate = [...stack, part].join('/');
			let next: string | undefined;
			const pending = this.pendingLinks.get(candidate);
			if (pending !== undefined && !refusedLinks.has(candidate)) next = pending.target;
			else if (pending === undefined) {
				try {
					if ((await lstat(this.abs(candidate))).isSymbolicLink()) next = await readlink(this.abs(candidate));
				} catch {
					// missing: the rest resolves lexically, as it will on disk
				}
			}
			if (next === undefined) {
				stack.push(part);
				continue;
			}
			hops += 1;
			if (hops > MAX_LINK_HOPS || next.startsWith('/')) return true;
			queue.unshift(...next.split('/'));
		}
		return false;
	}

	/** Creates the symlinks that stay inside the target, then applies directory modes and times. */
	async finish(): Promise<void> {
		const refusedLinks = new Set<string>();
		// Refusing one link can change where another resolves (it now sees a missing path): repeat.
		for (let changed = true; changed; ) {
			changed = false;
			for (const [rel, entry] of this.pendingLinks) {
				if (refusedLinks.has(rel)) continue;
				if (await this.escapes(rel, entry.target, refusedLinks)) {
					refusedLinks.add(rel);
					this.refuse(entry.name, `link to ${entry.target} resolves outside the target`);
					changed = true;
				}
			}
		}
		for (const [rel, entry] of this.pendingLinks) {
			if (refusedLinks.has(rel)) continue;
			try {
				await symlink(entry.target, this.abs(rel));
				if (entry.mtime) await lutimes(this.abs(rel), entry.mtime, entry.mtime).catch(() => undefined);
				this.written.push(rel);
			} catch (error) {
				this.refuse(entry.name, errorCode(error) === 'EEXIST' ? 'already exists on the host' : `cannot link (${errorCode(error) ?? String(error)})`);
			}
		}
		// Deepest first, so a directory made read-only does not block its children's changes.
		const byDepth = [...this.dirModes].sort((a, b) => b.rel.split('/').length - a.rel.split('/').length);
		for (const {rel, mode, mtime} of byDepth) {
			try {
				const stats = await lstat(this.abs(rel));
				if (!stats.isDirectory()) continue;
				await chmod(this.abs(rel), mode);
				if (mtime) await utimes(this.abs(rel), mtime, mtime);
			} catch {
				// the directory is there with its contents; a mode or time that does not apply is not worth failing for
			}
		}
	}
}

/** The real path of an existing host directory, or an EngineError('bad-request') naming it. */
async function hostDirectoryRoot(hostDirectory: string): Promise<string> {
	let root: string;
	try {
		root = await realpath(hostDirectory);
	} catch (error) {
		throw hostError(hostDirectory, error);
	}
	const stats = await lstat(root).catch((error: unknown) => {
		throw hostError(hostDirectory, error);
	});
	if (!stats.isDirectory()) throw new EngineError('bad-request', `${hostDirectory}: not a directory`);
	return root;
}

/**
 * Extracts a tar stream into an existing host directory, refusing every entry that would land
 * outside it, overwrite something, or be a device (see the module comment). Resolves with what was
 * written and what was refused; rejects when the archive itself is unreadable.
 */
export async function extractSafely(archive: NodeJS.ReadableStream, hostDirectory: string): Promise<CopyResult> {
	const root = await hostDirectoryRoot(hostDirectory);
	const state = new Extraction(root);
	const extract = tar.extract();
	const onSourceError = (error: Error) => extract.destroy(error);
	archive.on('error', onSourceError);
	archive.pipe(extract);
	try {
		for await (const entry of extract) {
			const header = entry.header;
			const name = header.name;
			try {
				const rel = relativeName(name);
				switch (header.type) {
					case 'file':
					case 'contiguous-file':
					case undefined:
					case null:
						await state.file(rel, header, entry as AsyncIterable<Buffer>);
						break;
					case 'directory':
						await state.directory(rel, header);
						break;
					case 'symlink':
						await state.symlink(rel, name, header);
						break;
					case 'link':
						await state.hardlink(rel, header);
						break;
					case 'character-device':
					case 'block-device':
					case 'fifo':
						throw new Refusal(`${header.type}: not copied`);
					default:
						throw new Refusal(`unsupported entry type ${String(header.type)}`);
				}
			} catch (error) {
				if (!(error instanceof Refusal)) throw error;
				state.refuse(name, error.message);
			}
			entry.resume(); // drain whatever was not read (refused entries, directories)
		}
	} finally {
		archive.removeListener('error', onSourceError);
	}
	await state.finish();
	return {written: state.written, refused: state.refused};
}

/**
 * `docker cp CONTAINER:containerPath hostDirectory`: the path (file or directory, by its base
 * name) lands inside hostDirectory, which must exist. Engine failures become EngineErrors;
 * a missing or unwritable host directory is EngineError('bad-request').
 */
export async function copyFromContainer(
	docker: Docker,
	id: string,
	containerPath: string,
	hostDirectory: string,
	endpoint: string = DEFAULT_ENDPOINT,
): Promise<CopyResult> {
	// Checked before asking the daemon, which may start streaming a large archive.
	await hostDirectoryRoot(hostDirectory);
	let archive: NodeJS.ReadableStream;
	try {
		archive = await docker.getContainer(id).getArchive({path: containerPath});
	} catch (error) {
		throw toEngineError(error, endpoint);
	}
	try {
		return await extractSafely(archive, hostDirectory);
	} catch (error) {
		(archive as NodeJS.ReadableStream & {destroy?: () => void}).destroy?.();
		throw toEngineError(error, endpoint);
	}
}

/** Waits until `sink` wants more data; rejects when it is destroyed instead (the upload failed). */
async function drained(sink: ReturnType<tar.Pack['entry']>): Promise<void> {
	await new Promise<void>((resolve, reject) => {
		const onDrain = () => {
			sink.off('close', onClose);
			resolve();
		};
		const onClose = () => {
			sink.off('drain', onDrain);
			reject(new Error('the archive was closed'));
		};
		sink.once('drain', onDrain);
		sink.once('close', onClose);
	});
}

/** Writes one tar entry, streaming `data` into it; resolves when the pack has taken it. */
async function packEntry(pack: tar.Pack, header: Partial<Header> & {name: string}, data?: AsyncIterable<Buffer>): Promise<void> {
	await new Promise<void>((resolve, reject) => {
		const done = (error?: Error | null) => (error ? reject(error) : resolve());
		// An empty file is given its (empty) body at once; other entry types have none.
		if (data === undefined) {
			if (header.type === 'file') pack.entry(header, Buffer.alloc(0), done);
			else pack.entry(header, done);
			return;
		}
		const sink = pack.entry(header, done);
		void (async () => {
			try {
				for await (const chunk of data) {
					if (!sink.write(chunk)) await drained(sink);
				}
				sink.end(undefined);
			} catch (error) {
				sink.destroy(error as Error);
				reject(error as Error);
			}
		})();
	});
}

/** Packs `abs` (never following a symlink) under the archive name `name`. */
async function packPath(pack: tar.Pack, abs: string, name: string, result: CopyToResult, inodes: Map<string, string>): Promise<void> {
	let stats: Stats;
	try {
		stats = await lstat(abs);
	} catch (error) {
		result.skipped.push(`${abs}: ${errorCode(error) ?? String(error)}`);
		return;
	}
	// Root in the archive: the daemon would otherwise create the files with this host user's ids.
	const common = {mode: stats.mode & 0o7777, mtime: stats.mtime, uid: 0, gid: 0, uname: 'root', gname: 'root'};
	if (stats.isSymbolicLink()) {
		await packEntry(pack, {...common, name, type: 'symlink', linkname: await readlink(abs)});
		result.sent.push(name);
	} else if (stats.isDirectory()) {
		let children: string[];
		try {
			children = (await readdir(abs)).sort();
		} catch (error) {
			result.skipped.push(`${abs}: ${errorCode(error) ?? String(error)}`);
			return;
		}
		await packEntry(pack, {...common, name, type: 'directory'});
		result.sent.push(name);
		for (const child of children) await packPath(pack, path.join(abs, child), `${name}/${child}`, result, inodes);
	} else if (stats.isFile()) {
		const key = `${stats.dev}:${stats.ino}`;
		const first = stats.nlink > 1 ? inodes.get(key) : undefined;
		if (first !== undefined) {
			await packEntry(pack, {...common, name, type: 'link', linkname: first});
			result.sent.push(name);
			return;
		}
		let handle: FileHandle;
		try {
			handle = await open(abs, fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW);
		} catch (error) {
			result.skipped.push(`${abs}: ${errorCode(error) ?? String(error)}`);
			return;
		}
		try {
			// Size from the open file: what the header promises is what is read.
			const size = (await handle.stat()).size;
			const data = size > 0 ? handle.createReadStream({start: 0, end: size - 1, autoClose: false}) : undefined;
			await packEntry(pack, {...common, name, type: 'file', size}, data as AsyncIterable<Buffer> | undefined);
		} finally {
			await handle.close();
		}
		if (stats.nlink > 1) inodes.set(key, name);
		result.sent.push(name);
	} else {
		result.skipped.push(`${abs}: not a regular file, directory or symlink`);
	}
}

/**
 * `docker cp hostPath CONTAINER:containerDirectory`: packs the host file or directory (links as
 * links) and has the daemon extract it into containerDirectory, which must exist in the container.
 */
export async function copyToContainer(
	docker: Docker,
	id: string,
	hostPath: string,
	containerDirectory: string,
	endpoint: string = DEFAULT_ENDPOINT,
): Promise<CopyToResult> {
	const absolute = path.resolve(hostPath);
	const name = path.basename(absolute);
	if (name === '') throw new EngineError('bad-request', `${hostPath}: choose a file or directory, not the root`);
	await lstat(absolute).catch((error: unknown) => {
		throw hostError(hostPath, error);
	});
	const pack = tar.pack();
	const result: CopyToResult = {sent: [], skipped: []};
	// A failure while reading the host files aborts the upload; a failed upload stops the reading.
	let readError: unknown;
	let uploadFailed = false;
	const producer = (async () => {
		try {
			await packPath(pack, absolute, name, result, new Map());
			pack.finalize();
		} catch (error) {
			if (uploadFailed) return;
			readError = error;
			pack.destroy(error as Error);
		}
	})();
	try {
		// A Node stream for the modem (the pack is a streamx stream); errors travel through it.
		await docker.getContainer(id).putArchive(Readable.from(pack), {path: containerDirectory, noOverwriteDirNonDir: true});
	} catch (error) {
		if (readError !== undefined) throw hostError(`reading ${hostPath}`, readError);
		uploadFailed = true;
		pack.destroy();
		await producer;
		throw toEngineError(error, endpoint);
	}
	await producer;
	if (readError !== undefined) throw hostError(`reading ${hostPath}`, readError);
	return result;
}
