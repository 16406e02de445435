/**
 * The real engine: the only module that imports dockerode. Everything it returns is plain data
 * from ./types.ts; everything it throws is an EngineError.
 */
import Docker from 'dockerode';
import {type ConnectionTarget, dockerodeOptions} from './connection.js';
import {answered, type EngineContext} from './context.js';
import {EngineError, toEngineError} from './errors.js';
import {DockerImages} from './images.js';
import {DockerNetworks} from './networks.js';
import {DockerSystem} from './system.js';
import {DockerVolumes} from './volumes.js';
import type {
	ContainerStateDetail,
	ContainerSummary,
	Engine,
	EngineEvent,
	EngineInfo,
	EndpointInfo,
	ContainerInspect,
	FileChange,
	InteractiveSession,
	KillSignal,
	ListOptions,
	LogChunk,
	LogsOptions,
	ProcessList,
	PruneKind,
	PrunePreview,
	PruneResult,
	RemovalImpact,
	StatsSample,
} from './types.js';
import {ANSWER_TIMEOUT_MS} from './types.js';
import {Agent as HttpAgent} from 'node:http';
import {Agent as HttpsAgent} from 'node:https';
import {PassThrough} from 'node:stream';
import {listOf, numberOf, recordOf, textOf} from './shapes.js';
import {toEngineInfo, toFileChanges, toProcessList, toStateDetail, toStatsSample, toSummaries} from './answers.js';
import {copyFromContainer, copyToContainer} from './archive.js';
import {jsonLines} from './json-lines.js';

export {jsonLines} from './json-lines.js';
import {prune, prunePreview} from './prune.js';

export {toEngineEvent, toEngineInfo, toFileChanges, toProcessList, toStateDetail, toStatsSample, toSummaries, toSummary} from './answers.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- raw API JSON is untyped until mapped here */

/**
 * Splits Docker's multiplexed stream (8-byte headers: stream type, 3 zero bytes, big-endian
 * length) into chunks, across any chunk boundaries. Unknown stream types count as stdout.
 */
export class Demuxer {
	private pending: Buffer = Buffer.alloc(0);

	/** Feed bytes; returns the complete frames' payloads. */
	push(data: Buffer): LogChunk[] {
		this.pending = this.pending.length > 0 ? Buffer.concat([this.pending, data]) : data;
		const out: LogChunk[] = [];
		let offset = 0;
		while (this.pending.length - offset >= 8) {
			const type = this.pending[offset]!;
			const length = this.pending.readUInt32BE(offset + 4);
			if (this.pending.length - offset - 8 < length) break;
			const payload = this.pending.subarray(offset + 8, offset + 8 + length);
			out.push({stream: type === 2 ? 'stderr' : 'stdout', data: payload, framed: true});
			offset += 8 + length;
		}
		this.pending = offset === 0 ? this.pending : this.pending.subarray(offset);
		return out;
	}
}

/** HTTP methods that read only. In read-only mode nothing else leaves the process. */
const READ_METHODS = new Set(['GET', 'HEAD']);

/** The Docker Engine over its API. */
export class DockerEngine implements Engine {
	readonly endpoint: EndpointInfo;
	private readonly docker: Docker;
	/**
	 * The heartbeat's own client, on connections that close after each ping. Through the shared
	 * keep-alive pool, a ping every few seconds would keep an idle pooled socket open for ever (and
	 * take one from the pool when the daemon is silent); this way a ping holds nothing between beats.
	 */
	private readonly pinger: Docker;

	private readonly context: EngineContext;
	readonly images: DockerImages;
	readonly volumes: DockerVolumes;
	readonly networks: DockerNetworks;
	readonly system: DockerSystem;

	constructor(
		target: ConnectionTarget,
		readonly readOnly = false,
		options: {answerTimeoutMs?: number} = {},
	) {
		this.endpoint = {url: target.url, source: target.source, ...(target.context ? {context: target.context} : {})};
		const dial = dockerodeOptions(target);
		this.docker = new Docker(dial as Docker.DockerOptions);
		// ssh dials a new connection per request anyway (its own agent); others get a non-pooling one.
		const agent = dial.protocol === 'ssh' ? undefined : dial.protocol === 'https' ? new HttpsAgent({keepAlive: false}) : new HttpAgent({keepAlive: false});
		this.pinger = new Docker({...dial, ...(agent ? {agent} : {})} as Docker.DockerOptions);
		if (readOnly) {
			// Read-only is enforced where every request is made, below all of porthole's code: any
			// request that is not a GET or HEAD fails before it is sent, whichever path asked for it.
			const modem = (this.docker as any).modem;
			const dial = modem.dial.bind(modem);
			modem.dial = (options: {method?: string; path?: string}, callback: (error: unknown, data?: unknown) => void) => {
				const method = String(options.method ?? 'GET').toUpperCase();
				if (!READ_METHODS.has(method)) {
					const error = new EngineError('read-only', `porthole is in read-only mode: ${method} ${String(options.path ?? '').replace(/\?.*$/, '')} was not sent to the daemon.`);
					if (callback) return callback(error);
					return Promise.reject(error);
				}
				return dial(options, callback);
			};
		}
		this.context = {docker: this.docker, url: this.endpoint.url, answerTimeoutMs: options.answerTimeoutMs ?? ANSWER_TIMEOUT_MS};
		this.images = new DockerImages(this.context);
		this.volumes = new DockerVolumes(this.context);
		this.networks = new DockerNetworks(this.context);
		this.system = new DockerSystem(this.context);
	}

	/** dockerode's typings lack `abortSignal`; calls that pass one go through this untyped view. */
	private get api(): any {
		return this.docker;
	}

	private fail(error: unknown): never {
		throw toEngineError(error, this.endpoint.url);
	}

	/** Run a request that must be answered within the answer timeout (see context.ts). */
	private answered<T>(signal: AbortSignal | undefined, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
		return answered(this.context, signal, call);
	}

	async info(signal?: AbortSignal): Promise<EngineInfo> {
		try {
			const [version, info] = await this.answered(signal, (deadline) => Promise.all([this.api.version({abortSignal: deadline}), this.api.info({abortSignal: deadline})]));
			return toEngineInfo(version, info);
		} catch (error) {
			this.fail(error);
		}
	}

	async ping(signal?: AbortSignal): Promise<void> {
		try {
			await this.answered(signal, (deadline) => (this.pinger as any).ping({abortSignal: deadline}));
		} catch (error) {
			this.fail(error);
		}
	}

	async listContainers(options: ListOptions): Promise<ContainerSummary[]> {
		try {
			const query: Record<string, unknown> = {all: options.all};
			if (options.filters && Object.keys(options.filters).length > 0) query.filters = JSON.stringify(options.filters);
			return toSummaries(await this.answered(options.signal, (deadline) => this.api.listContainers({...query, abortSignal: deadline})));
		} catch (error) {
			this.fail(error);
		}
	}

	async inspectState(id: string, signal?: AbortSignal): Promise<ContainerStateDetail> {
		try {
			return toStateDetail(await this.answered(signal, (deadline) => this.api.getContainer(id).inspect({abortSignal: deadline})));
		} catch (error) {
			this.fail(error);
		}
	}

	/** The following /events stream: one implementation (engine/system.ts), which keeps docker's exact nanoseconds. */
	events(signal: AbortSignal): AsyncIterable<EngineEvent> {
		return this.system.events({signal});
	}

	async *logs(id: string, options: LogsOptions, signal: AbortSignal): AsyncIterable<readonly LogChunk[]> {
		let tty: boolean;
		let stream: NodeJS.ReadableStream | Buffer;
		try {
			const container = this.api.getContainer(id);
			tty = Boolean(recordOf(recordOf(await container.inspect({abortSignal: signal})).Config).Tty);
			stream = await container.logs({
				stdout: true,
				stderr: true,
				timestamps: true,
				follow: options.follow,
				tail: String(options.tail),
				...(options.since !== undefined ? {since: options.since} : {}),
				...(options.until !== undefined ? {until: options.until} : {}),
				abortSignal: signal,
			});
		} catch (error) {
			if (signal.aborted) return;
			this.fail(error);
		}
		const demuxer = tty ? undefined : new Demuxer();
		const convert = (data: Buffer): LogChunk[] => (demuxer ? demuxer.push(data) : [{stream: 'stdout', data}]);
		// Without follow, dockerode buffers the whole answer (frame headers included).
		if (Buffer.isBuffer(stream)) {
			yield convert(stream);
			return;
		}
		const readable = stream;
		const onAbort = () => (readable as any).destroy?.();
		signal.addEventListener('abort', onAbort, {once: true});
		try {
			// The daemon answered (headers in): say so before the first line, which may be long in coming.
			yield [];
			for await (const data of readable as AsyncIterable<Buffer>) {
				const chunks = convert(data);
				if (chunks.length > 0) yield chunks;
			}
		} catch (error) {
			if (signal.aborted) return;
			const mapped = toEngineError(error, this.endpoint.url);
			if (mapped.code !== 'aborted') throw mapped;
		} finally {
			signal.removeEventListener('abort', onAbort);
			(readable as any).destroy?.();
		}
	}

	private container(id: string): any {
		return this.api.getContainer(id);
	}

	/** Run a call and map its failure; 304 "not modified" (already started/stopped) is success. */
	private async act(call: () => Promise<unknown>): Promise<void> {
		try {
			await call();
		} catch (error) {
			if ((error as {statusCode?: number}).statusCode === 304) return;
			this.fail(error);
		}
	}

	start(id: string): Promise<void> {
		return this.act(() => this.container(id).start());
	}

	stop(id: string, timeoutSeconds = 10): Promise<void> {
		return this.act(() => this.container(id).stop({t: timeoutSeconds}));
	}

	restart(id: string, timeoutSeconds = 10): Promise<void> {
		return this.act(() => this.container(id).restart({t: timeoutSeconds}));
	}

	kill(id: string, signal: KillSignal): Promise<void> {
		return this.act(() => this.container(id).kill({signal}));
	}

	pause(id: string): Promise<void> {
		return this.act(() => this.container(id).pause());
	}

	unpause(id: string): Promise<void> {
		return this.act(() => this.container(id).unpause());
	}

	remove(id: string, options: {force: boolean; volumes: boolean}): Promise<void> {
		return this.act(() => this.container(id).remove({force: options.force, v: options.volumes}));
	}

	rename(id: string, name: string): Promise<void> {
		return this.act(() => this.container(id).rename({name}));
	}

	async removalImpact(id: string): Promise<RemovalImpact> {
		try {
			const [rowsAnswer, inspectAnswer] = await Promise.all([
				this.api.listContainers({all: true, size: true, filters: JSON.stringify({id: [id]})}),
				this.container(id).inspect(),
			]);
			const rows = listOf(rowsAnswer).map(recordOf);
			const inspect = recordOf(inspectAnswer);
			const mounts = listOf(inspect.Mounts).map(recordOf);
			// A volume is anonymous when its name is docker's generated 64-hex id and it is not named
			// in the container's HostConfig binds (named volumes are given by name there).
			const named = new Set<string>(listOf(recordOf(inspect.HostConfig).Binds).map((bind) => textOf(bind).split(':')[0]!));
			const anonymous = mounts.filter((m) => m.Type === 'volume' && /^[0-9a-f]{64}$/.test(textOf(m.Name)) && !named.has(textOf(m.Name)));
			return {
				sizeRw: numberOf(rows.find((row) => textOf(row.Id) === textOf(inspect.Id))?.SizeRw),
				anonymousVolumes: anonymous.map((m) => ({name: textOf(m.Name), destination: textOf(m.Destination)})),
				keptMounts: mounts
					.filter((m) => !anonymous.includes(m))
					.map((m) => ({type: textOf(m.Type), source: textOf(m.Name) || textOf(m.Source), destination: textOf(m.Destination)})),
			};
		} catch (error) {
			this.fail(error);
		}
	}

	async inspect(id: string): Promise<ContainerInspect> {
		try {
			return recordOf(await this.container(id).inspect());
		} catch (error) {
			this.fail(error);
		}
	}

	async diff(id: string): Promise<FileChange[]> {
		try {
			return toFileChanges(await this.container(id).changes());
		} catch (error) {
			this.fail(error);
		}
	}

	async exec(id: string, command: string[], options: {user?: string; columns: number; rows: number}): Promise<InteractiveSession> {
		try {
			const exec = await this.container(id).exec({
				Cmd: command,
				AttachStdin: true,
				AttachStdout: true,
				AttachStderr: true,
				Tty: true,
				...(options.user ? {User: options.user} : {}),
				// No COLUMNS/LINES: shells prefer them over the terminal's real size, so a resize would
				// never reach them; the size goes through the exec's resize instead.
				Env: ['TERM=xterm-256color'],
			});
			const stream = (await exec.start({hijack: true, stdin: true, Tty: true})) as NodeJS.ReadWriteStream & {destroy?: () => void};
			// Resizing only works once the exec runs (ENGINE-FACTS): send the size right after start.
			await exec.resize({w: options.columns, h: options.rows}).catch(() => undefined);
			const done = new Promise<{exitCode?: number}>((resolve) => {
				const finish = () => {
					exec
						.inspect()
						.then((info: any) => resolve({exitCode: typeof info?.ExitCode === 'number' ? info.ExitCode : undefined}))
						.catch(() => resolve({}));
				};
				stream.once('end', finish);
				stream.once('close', finish);
				stream.once('error', finish);
			});
			return {
				output: stream,
				write: (data) => void stream.write(data),
				resize: async (columns, rows) => {
					await exec.resize({w: columns, h: rows}).catch(() => undefined);
				},
				close: () => stream.destroy?.(),
				done,
			};
		} catch (error) {
			this.fail(error);
		}
	}

	copyFrom(id: string, containerPath: string, hostDirectory: string): Promise<{written: string[]; refused: string[]}> {
		return copyFromContainer(this.docker, id, containerPath, hostDirectory, this.endpoint.url);
	}

	copyTo(id: string, hostPath: string, containerDirectory: string): Promise<{sent: string[]; skipped: string[]}> {
		return copyToContainer(this.docker, id, hostPath, containerDirectory, this.endpoint.url);
	}

	prunePreview(kind: PruneKind): Promise<PrunePreview> {
		return prunePreview(this.docker, kind, this.endpoint.url);
	}

	prune(kind: PruneKind): Promise<PruneResult> {
		return prune(this.docker, kind, this.endpoint.url);
	}

	async probe(id: string, command: string[]): Promise<number | undefined> {
		try {
			const exec = await this.container(id).exec({Cmd: command, AttachStdout: true, AttachStderr: true, Tty: false});
			const stream = (await exec.start({hijack: true, stdin: false})) as NodeJS.ReadableStream;
			await new Promise<void>((resolve) => {
				stream.on('data', () => undefined);
				stream.once('end', resolve);
				stream.once('close', resolve);
				stream.once('error', () => resolve());
			});
			const info = (await exec.inspect()) as any;
			return typeof info?.ExitCode === 'number' ? info.ExitCode : undefined;
		} catch (error) {
			const mapped = toEngineError(error, this.endpoint.url);
			// The daemon refuses an exec whose binary does not exist with a 500 / 404 / 126 text.
			if (mapped.code === 'engine' || mapped.code === 'not-found') return 127;
			throw mapped;
		}
	}

	async attach(id: string, options: {columns: number; rows: number}): Promise<InteractiveSession & {tty: boolean; stdinOpen: boolean}> {
		try {
			const container = this.container(id);
			const config = recordOf(recordOf(await container.inspect()).Config);
			const tty = Boolean(config.Tty);
			const stream = (await container.attach({
				stream: true,
				stdin: true,
				stdout: true,
				stderr: true,
				hijack: true,
				// The daemon watches stdin for these and ends the attach without stopping the container.
				detachKeys: 'ctrl-p,ctrl-q',
			})) as NodeJS.ReadWriteStream & {destroy?: () => void};
			let output: NodeJS.ReadableStream = stream;
			if (!tty) {
				const plain = new PassThrough();
				const demuxer = new Demuxer();
				stream.on('data', (data: Buffer) => {
					for (const chunk of demuxer.push(data)) plain.write(chunk.data);
				});
				stream.once('end', () => plain.end());
				stream.once('close', () => plain.end());
				output = plain;
			}
			if (tty) await container.resize({w: options.columns, h: options.rows}).catch(() => undefined);
			const done = new Promise<{exitCode?: number}>((resolve) => {
				stream.once('end', () => resolve({}));
				stream.once('close', () => resolve({}));
				stream.once('error', () => resolve({}));
			});
			return {
				tty,
				stdinOpen: Boolean(config.OpenStdin),
				output,
				write: (data) => void stream.write(data),
				resize: async (columns, rows) => {
					if (tty) await container.resize({w: columns, h: rows}).catch(() => undefined);
				},
				close: () => stream.destroy?.(),
				done,
			};
		} catch (error) {
			this.fail(error);
		}
	}

	private statsStreams = 0;

	get openStatsStreams(): number {
		return this.statsStreams;
	}

	async *stats(id: string, signal: AbortSignal): AsyncIterable<StatsSample> {
		let stream: NodeJS.ReadableStream;
		try {
			stream = (await this.api.getContainer(id).stats({stream: true, abortSignal: signal})) as NodeJS.ReadableStream;
		} catch (error) {
			if (signal.aborted) return;
			this.fail(error);
		}
		this.statsStreams += 1;
		const onAbort = () => (stream as any).destroy?.();
		signal.addEventListener('abort', onAbort, {once: true});
		try {
			for await (const raw of jsonLines(stream as AsyncIterable<Buffer>)) yield toStatsSample(raw);
		} catch (error) {
			if (signal.aborted) return;
			const mapped = toEngineError(error, this.endpoint.url);
			if (mapped.code !== 'aborted') throw mapped;
		} finally {
			this.statsStreams -= 1;
			signal.removeEventListener('abort', onAbort);
			(stream as any).destroy?.();
		}
	}

	async statsOnce(id: string, signal?: AbortSignal): Promise<StatsSample> {
		try {
			return toStatsSample(await this.container(id).stats({stream: false, abortSignal: signal}));
		} catch (error) {
			this.fail(error);
		}
	}

	async top(id: string, psArgs?: string, signal?: AbortSignal): Promise<ProcessList> {
		try {
			return toProcessList(await this.api.getContainer(id).top({...(psArgs ? {ps_args: psArgs} : {}), abortSignal: signal}));
		} catch (error) {
			this.fail(error);
		}
	}

	close(): void {
		for (const client of [this.docker, this.pinger]) (client as any).modem?.agent?.destroy?.();
	}
}

export {EngineError};
