/**
 * The real engine: the only module that imports dockerode. Everything it returns is plain data
 * from ./types.ts; everything it throws is an EngineError.
 */
import Docker from 'dockerode';
import {type ConnectionTarget, dockerodeOptions} from './connection.js';
import {EngineError, toEngineError} from './errors.js';
import type {
	ContainerState,
	ContainerStateDetail,
	ContainerSummary,
	Engine,
	EngineEvent,
	EngineInfo,
	EndpointInfo,
	ListOptions,
	LogChunk,
	LogsOptions,
	ProcessList,
	StatsSample,
} from './types.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- raw API JSON is untyped until mapped here */

const KNOWN_STATES = new Set<ContainerState>(['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead']);

/** Map a `/containers/json` row into a ContainerSummary. */
export function toSummary(raw: any): ContainerSummary {
	const state = String(raw.State ?? '').toLowerCase() as ContainerState;
	return {
		id: String(raw.Id),
		names: (raw.Names ?? []).map((name: string) => name.replace(/^\//, '')),
		image: String(raw.Image ?? ''),
		imageId: String(raw.ImageID ?? ''),
		command: String(raw.Command ?? ''),
		created: Number(raw.Created ?? 0),
		state: KNOWN_STATES.has(state) ? state : 'created',
		status: String(raw.Status ?? ''),
		ports: (raw.Ports ?? []).map((port: any) => ({
			...(port.IP ? {ip: String(port.IP)} : {}),
			privatePort: Number(port.PrivatePort),
			...(port.PublicPort ? {publicPort: Number(port.PublicPort)} : {}),
			type: String(port.Type ?? 'tcp'),
		})),
		labels: raw.Labels ?? {},
		...(typeof raw.SizeRw === 'number' ? {sizeRw: raw.SizeRw} : {}),
	};
}

/** Map the `State` object of `/containers/{id}/json`. */
export function toStateDetail(raw: any): ContainerStateDetail {
	const state = raw?.State ?? {};
	const health = state.Health?.Status;
	return {
		running: Boolean(state.Running),
		paused: Boolean(state.Paused),
		restarting: Boolean(state.Restarting),
		dead: Boolean(state.Dead),
		removing: String(state.Status) === 'removing',
		oomKilled: Boolean(state.OOMKilled),
		exitCode: Number(state.ExitCode ?? 0),
		startedAt: String(state.StartedAt ?? '0001-01-01T00:00:00Z'),
		finishedAt: String(state.FinishedAt ?? '0001-01-01T00:00:00Z'),
		...(health === 'starting' || health === 'healthy' || health === 'unhealthy' ? {health} : {}),
		restartCount: Number(raw?.RestartCount ?? 0),
		limits: {
			nanoCpus: Number(raw?.HostConfig?.NanoCpus ?? 0),
			cpuQuota: Number(raw?.HostConfig?.CpuQuota ?? 0),
			cpuPeriod: Number(raw?.HostConfig?.CpuPeriod ?? 0),
			memory: Number(raw?.HostConfig?.Memory ?? 0),
		},
	};
}

/** Map one raw stats JSON object (cgroup v1 or v2) into a StatsSample. */
export function toStatsSample(raw: any): StatsSample {
	const cpu = raw.cpu_stats ?? {};
	const pre = raw.precpu_stats ?? {};
	const memory = raw.memory_stats ?? {};
	let netRx = 0;
	let netTx = 0;
	for (const net of Object.values<any>(raw.networks ?? {})) {
		netRx += Number(net.rx_bytes ?? 0);
		netTx += Number(net.tx_bytes ?? 0);
	}
	let blkRead = 0;
	let blkWrite = 0;
	for (const entry of raw.blkio_stats?.io_service_bytes_recursive ?? []) {
		const op = String(entry.op ?? '');
		if (op[0] === 'r' || op[0] === 'R') blkRead += Number(entry.value ?? 0);
		else if (op[0] === 'w' || op[0] === 'W') blkWrite += Number(entry.value ?? 0);
	}
	const time = (value: unknown) => {
		const ms = Date.parse(String(value ?? ''));
		return Number.isFinite(ms) && ms > 0 ? ms : 0;
	};
	return {
		read: time(raw.read),
		preread: time(raw.preread),
		cpuTotal: Number(cpu.cpu_usage?.total_usage ?? 0),
		preCpuTotal: Number(pre.cpu_usage?.total_usage ?? 0),
		systemCpu: Number(cpu.system_cpu_usage ?? 0),
		preSystemCpu: Number(pre.system_cpu_usage ?? 0),
		onlineCpus: Number(cpu.online_cpus ?? 0) || (cpu.cpu_usage?.percpu_usage?.length ?? 0),
		memUsage: Number(memory.usage ?? 0),
		memLimit: Number(memory.limit ?? 0),
		memStats: memory.stats ?? {},
		netRx,
		netTx,
		blkRead,
		blkWrite,
		pids: Number(raw.pids_stats?.current ?? 0),
		throttling: {
			periods: Number(cpu.throttling_data?.periods ?? 0),
			throttledPeriods: Number(cpu.throttling_data?.throttled_periods ?? 0),
			throttledTime: Number(cpu.throttling_data?.throttled_time ?? 0),
		},
	};
}

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
			out.push({stream: type === 2 ? 'stderr' : 'stdout', data: payload});
			offset += 8 + length;
		}
		this.pending = offset === 0 ? this.pending : this.pending.subarray(offset);
		return out;
	}
}

/** Split a byte stream of concatenated/newline-separated JSON objects into parsed objects. */
export async function* jsonLines(stream: AsyncIterable<Buffer | string>): AsyncGenerator<any> {
	let pending = '';
	for await (const chunk of stream) {
		pending += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
		let newline: number;
		while ((newline = pending.indexOf('\n')) >= 0) {
			const line = pending.slice(0, newline).trim();
			pending = pending.slice(newline + 1);
			if (line) {
				try {
					yield JSON.parse(line);
				} catch {
					// A malformed line from the daemon is skipped rather than ending the stream.
				}
			}
		}
	}
}

/** The Docker Engine over its API. */
export class DockerEngine implements Engine {
	readonly endpoint: EndpointInfo;
	private readonly docker: Docker;

	constructor(target: ConnectionTarget) {
		this.endpoint = {url: target.url, source: target.source, ...(target.context ? {context: target.context} : {})};
		this.docker = new Docker(dockerodeOptions(target) as Docker.DockerOptions);
	}

	/** dockerode's typings lack `abortSignal`; calls that pass one go through this untyped view. */
	private get api(): any {
		return this.docker;
	}

	private fail(error: unknown): never {
		throw toEngineError(error, this.endpoint.url);
	}

	async info(signal?: AbortSignal): Promise<EngineInfo> {
		try {
			const [version, info] = await Promise.all([
				this.api.version({abortSignal: signal}) as Promise<any>,
				this.api.info({abortSignal: signal}) as Promise<any>,
			]);
			return {
				serverVersion: String(version.Version ?? info.ServerVersion ?? ''),
				apiVersion: String(version.ApiVersion ?? ''),
				os: String(version.Os ?? info.OSType ?? ''),
				arch: String(version.Arch ?? info.Architecture ?? ''),
				kernelVersion: String(version.KernelVersion ?? info.KernelVersion ?? ''),
				ncpu: Number(info.NCPU ?? 0),
				memTotal: Number(info.MemTotal ?? 0),
				containers: Number(info.Containers ?? 0),
				containersRunning: Number(info.ContainersRunning ?? 0),
				containersPaused: Number(info.ContainersPaused ?? 0),
				containersStopped: Number(info.ContainersStopped ?? 0),
				images: Number(info.Images ?? 0),
				name: String(info.Name ?? ''),
			};
		} catch (error) {
			this.fail(error);
		}
	}

	async listContainers(options: ListOptions): Promise<ContainerSummary[]> {
		try {
			const query: Record<string, unknown> = {all: options.all};
			if (options.filters && Object.keys(options.filters).length > 0) query.filters = JSON.stringify(options.filters);
			if (options.signal) query.abortSignal = options.signal;
			const rows = (await this.api.listContainers(query)) as any[];
			return rows.map(toSummary);
		} catch (error) {
			this.fail(error);
		}
	}

	async inspectState(id: string, signal?: AbortSignal): Promise<ContainerStateDetail> {
		try {
			return toStateDetail(await this.docker.getContainer(id).inspect({abortSignal: signal} as any));
		} catch (error) {
			this.fail(error);
		}
	}

	async *events(signal: AbortSignal): AsyncIterable<EngineEvent> {
		let stream: NodeJS.ReadableStream;
		try {
			stream = (await this.api.getEvents({abortSignal: signal})) as NodeJS.ReadableStream;
		} catch (error) {
			this.fail(error);
		}
		const onAbort = () => (stream as any).destroy?.();
		signal.addEventListener('abort', onAbort, {once: true});
		try {
			for await (const raw of jsonLines(stream as AsyncIterable<Buffer>)) {
				yield {
					type: String(raw.Type ?? raw.type ?? ''),
					action: String(raw.Action ?? raw.status ?? ''),
					id: String(raw.Actor?.ID ?? raw.id ?? ''),
					attributes: raw.Actor?.Attributes ?? {},
					timeNano: Number(raw.timeNano ?? Number(raw.time ?? 0) * 1e9),
				};
			}
		} catch (error) {
			if (signal.aborted) return;
			const mapped = toEngineError(error, this.endpoint.url);
			if (mapped.code === 'aborted') return;
			throw mapped;
		} finally {
			signal.removeEventListener('abort', onAbort);
		}
	}

	async *logs(id: string, options: LogsOptions, signal: AbortSignal): AsyncIterable<LogChunk> {
		let tty: boolean;
		let stream: NodeJS.ReadableStream | Buffer;
		try {
			const container = this.api.getContainer(id);
			tty = Boolean(((await container.inspect({abortSignal: signal})) as any)?.Config?.Tty);
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
			yield* convert(stream);
			return;
		}
		const readable = stream;
		const onAbort = () => (readable as any).destroy?.();
		signal.addEventListener('abort', onAbort, {once: true});
		try {
			for await (const data of readable as AsyncIterable<Buffer>) yield* convert(data);
		} catch (error) {
			if (signal.aborted) return;
			const mapped = toEngineError(error, this.endpoint.url);
			if (mapped.code !== 'aborted') throw mapped;
		} finally {
			signal.removeEventListener('abort', onAbort);
			(readable as any).destroy?.();
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

	async top(id: string, psArgs?: string, signal?: AbortSignal): Promise<ProcessList> {
		try {
			const result = (await this.api.getContainer(id).top({...(psArgs ? {ps_args: psArgs} : {}), abortSignal: signal})) as any;
			return {
				titles: (result?.Titles ?? []).map(String),
				processes: (result?.Processes ?? []).map((row: unknown[]) => row.map(String)),
			};
		} catch (error) {
			this.fail(error);
		}
	}

	close(): void {
		const modem = (this.docker as any).modem;
		modem?.agent?.destroy?.();
	}
}

export {EngineError};
