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
	};
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

	close(): void {
		const modem = (this.docker as any).modem;
		modem?.agent?.destroy?.();
	}
}

export {EngineError};
