/**
 * Volumes as they cross the engine boundary: plain types and the API the rest of porthole calls
 * (`engine.volumes`). No dockerode here; the real implementation is ./volumes.ts, the fake ./fake/volumes.ts.
 */

/** A row of `/volumes`, the source of `docker volume ls`. */
export interface VolumeSummary {
	name: string;
	/** 'local' or a plugin's name. */
	driver: string;
	/** 'local' | 'global' */
	scope: string;
	/** Where the data lives on the daemon's host. */
	mountpoint: string;
	labels: Record<string, string>;
	/** Driver options it was created with (`docker volume create -o`). */
	options: Record<string, string>;
	/** ISO time; empty when the daemon leaves it out. */
	createdAt: string;
}

/**
 * Filters with `docker volume ls --filter` semantics, sent to the daemon as they are:
 * `dangling` (true|false), `driver`, `label` (key or key=value), `name` (substring). Same key
 * repeated = OR, different keys = AND.
 */
export type VolumeFilters = Record<string, string[]>;

/** What `docker system df -v` says of a volume: bytes on disk and how many containers use it. */
export interface VolumeUsage {
	/** Bytes; -1 when the daemon did not measure it. */
	size: number;
	/** Containers that use it; -1 when unknown. */
	refCount: number;
}

/** What `docker volume create` takes. */
export interface VolumeCreateOptions {
	/** Omitted or empty: the daemon names it (an anonymous volume, 64 hex). */
	name?: string;
	/** Default 'local'. */
	driver?: string;
	labels?: Record<string, string>;
	/** Driver options (`-o type=tmpfs`). */
	options?: Record<string, string>;
}

/** What porthole asks of the engine about volumes. */
export interface VolumesApi {
	/** `docker volume ls` (filters applied by the daemon); answered within the answer timeout. */
	list(options?: {filters?: VolumeFilters; signal?: AbortSignal}): Promise<VolumeSummary[]>;
	/** `docker volume inspect`: the daemon's JSON (untrusted text inside). */
	inspect(name: string): Promise<Record<string, unknown>>;
	/** `docker volume create`; resolves with the name the volume got. */
	create(options?: VolumeCreateOptions): Promise<string>;
	/** `docker volume rm`; a volume in use is refused by the daemon: EngineError('conflict') with its words. */
	remove(name: string, options?: {force?: boolean}): Promise<void>;
	/**
	 * Sizes and reference counts from `/system/df`, which walks every layer and volume: seconds or
	 * minutes on a big host. Only on demand (the UI shows "measuring"), never timed out; abort to cancel.
	 */
	sizes(signal?: AbortSignal): Promise<Map<string, VolumeUsage>>;
}
