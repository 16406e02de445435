/**
 * System as they cross the engine boundary: plain types and the API the rest of porthole calls
 * (`engine.system`). No dockerode here; the real implementation is ./system.ts, the fake ./fake/system.ts.
 */
import type {ContainerSummary, EngineEvent} from './types.js';

/** An image as `/system/df` reports it; -1 marks a figure the daemon did not compute. */
export interface DiskUsageImage {
	/** "sha256:…" */
	id: string;
	/** "repo:tag" as the daemon lists them; dangling images have none (or "<none>:<none>"). */
	repoTags: string[];
	repoDigests: string[];
	/** Creation time, Unix seconds. */
	created: number;
	/** Bytes of all its layers. */
	size: number;
	/** Bytes of layers other images share (-1: unknown). */
	sharedSize: number;
	/** Containers using it (-1: unknown). */
	containers: number;
}

/** A container as `/system/df` reports it: the `docker ps` summary plus its sizes. */
export interface DiskUsageContainer extends ContainerSummary {
	/** Bytes of the writable layer. */
	sizeRw: number;
	/** Bytes of the writable layer plus the image (docker's "virtual" size). */
	sizeRootFs: number;
	/** The volume driver of each mount ('' for binds); `docker system df -v` counts the "local" ones. */
	mountDrivers: string[];
}

/** A volume as `/system/df` reports it. */
export interface DiskUsageVolume {
	name: string;
	driver: string;
	mountpoint: string;
	labels: Record<string, string>;
	/** `UsageData`: absent when the daemon sent none; size -1 when it could not measure. */
	usage?: {size: number; refCount: number};
}

/** A build cache record as `/system/df` reports it. */
export interface BuildCacheRecord {
	id: string;
	/** Parent ids (`Parents`, or the older single `Parent`). */
	parents: string[];
	/** e.g. "regular", "source.local", "exec.cachemount" */
	type: string;
	description: string;
	inUse: boolean;
	shared: boolean;
	size: number;
	/** Milliseconds since the epoch; undefined when the daemon sent none. */
	createdAt?: number;
	lastUsedAt?: number;
	usageCount: number;
}

/** The answer of `/system/df`, everything `docker system df` (-v) is computed from. */
export interface DiskUsage {
	/** Bytes of all image layers on disk (`LayersSize`): the Images SIZE of `docker system df`. */
	layersSize: number;
	images: DiskUsageImage[];
	containers: DiskUsageContainer[];
	volumes: DiskUsageVolume[];
	buildCache: BuildCacheRecord[];
}

/**
 * Event filters with `docker events --filter` semantics, as sent to the daemon:
 * same key repeated = OR, different keys = AND.
 */
export type EventFilters = Record<string, string[]>;

/** What to read from `/events`. */
export interface EventsOptions {
	/** Docker's time value: Unix seconds (fractions allowed) or RFC 3339; see eventsSince(). */
	since?: string;
	/** With `until` in the past the stream ends after the backlog; without it, it follows. */
	until?: string;
	filters?: EventFilters;
	/** Aborting ends the stream quietly. */
	signal: AbortSignal;
}

/** What porthole asks of the engine about the system as a whole. */
export interface SystemApi {
	/**
	 * `docker system df`: the daemon walks every layer and volume, which can take minutes on a big
	 * host, so there is no answer timeout; aborting the signal cancels the request.
	 */
	diskUsage(options: {signal?: AbortSignal}): Promise<DiskUsage>;
	/**
	 * `docker events`: a finite read of the backlog (with `until`) or a following stream. The
	 * host session holds the one following stream; views use the backlog and that session's events.
	 */
	events(options: EventsOptions): AsyncIterable<EngineEvent>;
}
