/**
 * System on the Docker Engine API. Every answer is read through the shape guards (./shapes.ts) and
 * every failure is an EngineError.
 */
import type Docker from 'dockerode';
import {toEngineEvent, toSummary} from './answers.js';
import {answered, mapped, type EngineContext} from './context.js';
import {toEngineError} from './errors.js';
import {jsonLines} from './json-lines.js';
import {listOf, numberOf, recordOf, stringMapOf, textOf} from './shapes.js';
import type {BuildCacheRecord, DiskUsage, DiskUsageContainer, DiskUsageImage, DiskUsageVolume, EventsOptions, SystemApi} from './system-api.js';
import type {EngineEvent} from './types.js';

/** `engine.system` of the real engine. */
export class DockerSystem implements SystemApi {
	constructor(private readonly context: EngineContext) {}

	async diskUsage({signal}: {signal?: AbortSignal}): Promise<DiskUsage> {
		// No answer timeout: the daemon walks every layer and volume first (minutes on big hosts).
		// The signal reaches the HTTP request, so aborting destroys it.
		// dockerode's types omit df's options, though it passes `abortSignal` on to the request.
		const df = this.context.docker.df.bind(this.context.docker) as unknown as (options: {abortSignal?: AbortSignal}) => Promise<unknown>;
		return toDiskUsage(await mapped(this.context, () => df(signal ? {abortSignal: signal} : {})));
	}

	async *events({since, until, filters, signal}: EventsOptions): AsyncIterable<EngineEvent> {
		const query = {
			...(since === undefined ? {} : {since}),
			...(until === undefined ? {} : {until}),
			...(filters && Object.keys(filters).length > 0 ? {filters: JSON.stringify(filters)} : {}),
		};
		let stream: NodeJS.ReadableStream;
		try {
			// The daemon sends its headers before the first event: that much must come in time.
			stream = (await answered(this.context, signal, (deadline) => this.context.docker.getEvents({...query, abortSignal: deadline} as Docker.GetEventsOptions))) as NodeJS.ReadableStream;
		} catch (error) {
			throw toEngineError(error, this.context.url);
		}
		const onAbort = () => (stream as unknown as {destroy?: () => void}).destroy?.();
		if (signal.aborted) onAbort();
		signal.addEventListener('abort', onAbort, {once: true});
		try {
			for await (const raw of eventLines(stream as AsyncIterable<Buffer>)) yield toEngineEvent(raw);
		} catch (error) {
			if (signal.aborted) return;
			const engineError = toEngineError(error, this.context.url);
			if (engineError.code === 'aborted') return;
			throw engineError;
		} finally {
			signal.removeEventListener('abort', onAbort);
		}
	}
}

/**
 * Split the `/events` byte stream into messages, keeping `timeNano` as its exact digits: as a JS
 * number it would lose the last nanoseconds `docker events` prints.
 */
export function eventLines(stream: AsyncIterable<Buffer | string>): AsyncGenerator<unknown> {
	const keepNanos = (key: string, value: unknown, context?: {source?: string}) =>
		key === 'timeNano' && typeof value === 'number' && context?.source !== undefined ? context.source : value;
	return jsonLines(stream, keepNanos);
}

function timeMs(value: unknown): number | undefined {
	const text = textOf(value);
	if (text === '' || text.startsWith('0001-01-01')) return undefined;
	const ms = Date.parse(text);
	return Number.isFinite(ms) ? ms : undefined;
}

function toDiskUsageImage(input: unknown): DiskUsageImage {
	const raw = recordOf(input);
	return {
		id: textOf(raw.Id),
		repoTags: listOf(raw.RepoTags).map((tag) => textOf(tag)),
		repoDigests: listOf(raw.RepoDigests).map((digest) => textOf(digest)),
		created: numberOf(raw.Created),
		size: numberOf(raw.Size, -1),
		sharedSize: numberOf(raw.SharedSize, -1),
		containers: numberOf(raw.Containers, -1),
	};
}

function toDiskUsageContainer(input: unknown): DiskUsageContainer {
	const raw = recordOf(input);
	return {
		...toSummary(raw),
		sizeRw: numberOf(raw.SizeRw),
		sizeRootFs: numberOf(raw.SizeRootFs),
		mountDrivers: listOf(raw.Mounts).map((mount) => textOf(recordOf(mount).Driver)),
	};
}

function toDiskUsageVolume(input: unknown): DiskUsageVolume {
	const raw = recordOf(input);
	const usage = raw.UsageData === null || typeof raw.UsageData !== 'object' ? undefined : recordOf(raw.UsageData);
	return {
		name: textOf(raw.Name),
		driver: textOf(raw.Driver),
		mountpoint: textOf(raw.Mountpoint),
		labels: stringMapOf(raw.Labels),
		...(usage ? {usage: {size: numberOf(usage.Size, -1), refCount: numberOf(usage.RefCount, -1)}} : {}),
	};
}

function toBuildCacheRecord(input: unknown): BuildCacheRecord {
	const raw = recordOf(input);
	const parents = listOf(raw.Parents).map((parent) => textOf(parent)).filter(Boolean);
	const createdAt = timeMs(raw.CreatedAt);
	const lastUsedAt = timeMs(raw.LastUsedAt);
	return {
		id: textOf(raw.ID),
		parents: parents.length > 0 ? parents : [textOf(raw.Parent)].filter(Boolean),
		type: textOf(raw.Type),
		description: textOf(raw.Description),
		inUse: raw.InUse === true,
		shared: raw.Shared === true,
		size: numberOf(raw.Size),
		...(createdAt === undefined ? {} : {createdAt}),
		...(lastUsedAt === undefined ? {} : {lastUsedAt}),
		usageCount: numberOf(raw.UsageCount),
	};
}

/** Map `/system/df`: every list may be null, every field missing. */
export function toDiskUsage(input: unknown): DiskUsage {
	const raw = recordOf(input);
	return {
		layersSize: numberOf(raw.LayersSize),
		images: listOf(raw.Images).map(toDiskUsageImage),
		containers: listOf(raw.Containers).map(toDiskUsageContainer),
		volumes: listOf(raw.Volumes).map(toDiskUsageVolume),
		buildCache: listOf(raw.BuildCache).map(toBuildCacheRecord),
	};
}
