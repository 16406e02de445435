/**
 * Images as they cross the engine boundary: plain types and the API the rest of porthole calls
 * (`engine.images`). No dockerode here; the real implementation is ./images.ts, the fake ./fake/images.ts.
 */

/** One row of `/images/json`, the fields `docker images` computes its columns from. */
export interface ImageSummary {
	/** Full id with its algorithm, "sha256:…". */
	id: string;
	/** The parent's id ("" for none; only locally built images have one). */
	parentId: string;
	/** "repo:tag" references as the daemon lists them (may be `["<none>:<none>"]` on old daemons). */
	repoTags: string[];
	/** "repo@sha256:…" references (may be `["<none>@<none>"]` on old daemons). */
	repoDigests: string[];
	/** Creation time, Unix seconds. */
	created: number;
	/** Bytes of all its layers (shared ones included), as `docker images` SIZE shows. */
	size: number;
	/** Bytes shared with other images; -1 when the daemon did not compute it (only df does). */
	sharedSize: number;
	labels: Record<string, string>;
	/** Containers using it; -1 when the daemon did not compute it (only df does). */
	containers: number;
}

/**
 * `docker images --filter` filters, sent to the daemon as they are: key → values, e.g.
 * `{dangling: ['true'], reference: ['busybox:*'], label: ['a=b']}`.
 */
export type ImageFilters = Record<string, string[]>;

/** Options of `engine.images.list`. */
export interface ImageListOptions {
	/** Intermediate images too (`docker images -a`). */
	all?: boolean;
	/** Asks the daemon for digests (API ≥1.42 only; the rows carry repoDigests anyway). */
	digests?: boolean;
	filters?: ImageFilters;
	signal?: AbortSignal;
}

/** One layer line of `/images/{id}/history`. */
export interface ImageHistoryEntry {
	/** The layer's image id, or "<missing>" for layers built elsewhere (pulled or imported). */
	id: string;
	/** Unix seconds. */
	created: number;
	createdBy: string;
	size: number;
	comment: string;
	tags: string[];
}

/** What `docker rmi` answers: the references untagged and the image ids deleted. */
export interface ImageRemoveResult {
	untagged: string[];
	deleted: string[];
}

/** Options of `engine.images.remove`. */
export interface ImageRemoveOptions {
	/** Remove even when containers use it or it has several tags (`docker rmi -f`). */
	force?: boolean;
	/** Keep untagged parents (`docker rmi --no-prune`). */
	noPrune?: boolean;
}

/**
 * One line of a pull or push stream, as the daemon sent it. Layer lines carry `id` (the short
 * layer id); overall lines ("Digest: …", "Status: …", "latest: digest: … size: …") do not.
 */
export interface ProgressMessage {
	id?: string;
	status: string;
	/** Bytes done and total of the step (Downloading, Extracting, Pushing). */
	current?: number;
	total?: number;
	/** The daemon's own bar text ("[==>   ]  1.2MB/3.4MB"). */
	progress?: string;
	/** Set on the final line of a failed stream; the iterator throws right after yielding lines before it. */
	error?: string;
	/** Extra data: for a push, the pushed digest and size (`{Tag, Digest, Size}`). */
	aux?: Record<string, unknown>;
}

/** Options of pull and push: the signal cancels the transfer (the stream is destroyed). */
export interface TransferOptions {
	signal?: AbortSignal;
	/** A docker config.json to read credentials from instead of the user's (tests). */
	configPath?: string;
}

/** What porthole asks of the engine about images. */
export interface ImagesApi {
	/** `docker images` (with `-a`, `--filter`): the daemon's list, filtered by the daemon. */
	list(options?: ImageListOptions): Promise<ImageSummary[]>;
	/** `docker history`: the newest layer first. */
	history(id: string, signal?: AbortSignal): Promise<ImageHistoryEntry[]>;
	/** `docker image inspect`: the daemon's record as it is (for the document view). */
	inspect(id: string, signal?: AbortSignal): Promise<Record<string, unknown>>;
	/**
	 * `docker rmi`: untags the reference, and deletes the image when it was its last. A refusal
	 * (used by a container, several tags without force) is an EngineError 'conflict' with the daemon's text.
	 */
	remove(reference: string, options?: ImageRemoveOptions): Promise<ImageRemoveResult>;
	/** `docker tag source repo:tag`. */
	tag(source: string, repository: string, tag: string): Promise<void>;
	/**
	 * `docker pull`: the progress lines as they come. Throws an EngineError with the daemon's text
	 * when the pull fails (after yielding the lines before the error); ends quietly when aborted.
	 */
	pull(reference: string, options?: TransferOptions): AsyncIterable<ProgressMessage>;
	/** `docker push`: as pull. */
	push(reference: string, options?: TransferOptions): AsyncIterable<ProgressMessage>;
}
