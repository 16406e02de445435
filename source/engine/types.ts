/**
 * Plain data that crosses the engine boundary. Nothing here is a dockerode type: the rest of the
 * app (stores, presenters, UI, tests with the fake engine) depends on these shapes only.
 */
import type {ImagesApi} from './images-api.js';
import type {NetworksApi} from './networks-api.js';
import type {SystemApi} from './system-api.js';
import type {VolumesApi} from './volumes-api.js';

/** Container states as the Engine API reports them in `State`. */
export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

/** One entry of a container's `Ports` in `/containers/json`. */
export interface PortMapping {
	/** Host IP the port is bound to; absent when the port is only exposed. */
	ip?: string;
	privatePort: number;
	/** Host port; absent when the port is only exposed. */
	publicPort?: number;
	/** 'tcp' | 'udp' | 'sctp' */
	type: string;
}

/** A row of `/containers/json?all=1`, the source of `docker ps -a`. */
export interface ContainerSummary {
	/** Full 64-hex id. */
	id: string;
	/** Names without the leading slash; the first is the primary name. */
	names: string[];
	/** Image as the container was created with it (may be an id when the tag moved). */
	image: string;
	imageId: string;
	/** Command as the daemon joins it: `Path` + `Args`, space separated. */
	command: string;
	/** Creation time, Unix seconds. */
	created: number;
	state: ContainerState;
	/** The daemon's status text at list time, e.g. "Up 5 minutes (healthy)". */
	status: string;
	ports: PortMapping[];
	labels: Record<string, string>;
	/** Size of the writable layer, when asked for. */
	sizeRw?: number;
	/** Its volumes and bind mounts (`Mounts`): "used by" for volumes comes from here, never a per-volume call. */
	mounts: ContainerMount[];
	/** Networks it is attached to, by network name (`NetworkSettings.Networks`): a network's members come from here. */
	networks: Record<string, ContainerNetwork>;
}

/** One entry of a container's `Mounts` in `/containers/json`. */
export interface ContainerMount {
	/** 'volume' | 'bind' | 'tmpfs' | 'npipe' | 'cluster' */
	type: string;
	/** The volume's name; empty for bind mounts and tmpfs. */
	name: string;
	/** Where the data lives on the daemon's host (the volume's mountpoint or the bound path). */
	source: string;
	/** The path inside the container. */
	destination: string;
}

/** A container's endpoint on one network, from `NetworkSettings.Networks` of `/containers/json`. */
export interface ContainerNetwork {
	/** Full network id (empty on some daemons for a container that is not running). */
	networkId: string;
	/** IPv4 address without the prefix length; empty while the container is not running. */
	ipv4: string;
	/** Global IPv6 address; empty when none. */
	ipv6: string;
	/** Aliases; the list answer often leaves these out (`null`), inspect has them. */
	aliases: string[];
	macAddress: string;
}

/** Health of a container with a healthcheck. */
export type HealthStatus = 'starting' | 'healthy' | 'unhealthy';

/**
 * The state fields of `/containers/{id}/json` that `docker ps` status text is computed from.
 * Fetched once per container when it becomes visible and again after an event for it.
 */
export interface ContainerStateDetail {
	running: boolean;
	paused: boolean;
	restarting: boolean;
	dead: boolean;
	removing: boolean;
	oomKilled: boolean;
	exitCode: number;
	/** ISO time; "0001-01-01T00:00:00Z" when never started (docker's zero time). */
	startedAt: string;
	finishedAt: string;
	health?: HealthStatus;
	restartCount: number;
	/** Resource limits from HostConfig (0 = none). */
	limits: {nanoCpus: number; cpuQuota: number; cpuPeriod: number; memory: number};
}

/** `/version` and `/info` facts shown in the header. */
export interface EngineInfo {
	serverVersion: string;
	apiVersion: string;
	os: string;
	arch: string;
	kernelVersion: string;
	ncpu: number;
	memTotal: number;
	containers: number;
	containersRunning: number;
	containersPaused: number;
	containersStopped: number;
	images: number;
	name: string;
}

/** Where porthole is connected, as shown to the user. */
export interface EndpointInfo {
	/** e.g. "unix:///var/run/docker.sock", "tcp://host:2376", "ssh://user@host". */
	url: string;
	/** Docker context name when the endpoint came from a context. */
	context?: string;
	/** Which rule picked the endpoint: flag, DOCKER_HOST, context, default. */
	source: 'flag' | 'env' | 'context' | 'default';
}

/** An event from `/events`, reduced to what the app uses. */
export interface EngineEvent {
	/** 'container' | 'image' | 'network' | 'volume' | … */
	type: string;
	/** e.g. 'create', 'start', 'die', 'destroy', 'health_status: healthy' */
	action: string;
	/** The actor's id (`Actor.ID`), or the old top-level `id` of daemons before API 1.22. */
	id: string;
	attributes: Record<string, string>;
	/** Nanoseconds since the epoch (a double: the last digits are rounded; see timeNanoText). */
	timeNano: number;
	/**
	 * `timeNano` exactly as the daemon wrote it (decimal digits), when the stream was read with
	 * the source text kept (engine.system.events); `docker events` prints these nanoseconds.
	 */
	timeNanoText?: string;
	/** 'local' or 'swarm' (`scope`); '' when the daemon did not say. */
	scope?: string;
	/** `Actor.ID` exactly as sent ('' when missing), what `docker events` prints after the action. */
	actorId?: string;
	/** The deprecated top-level `from` (a container event's image) that old daemons send. */
	from?: string;
	/** The deprecated top-level `status` (the action) that old daemons send. */
	status?: string;
}

/**
 * Filters with `docker ps --filter` semantics, as sent to the daemon:
 * same key repeated = OR, different keys = AND.
 */
export type ContainerFilters = Record<string, string[]>;

/** Options for listing containers. */
export interface ListOptions {
	/** Include stopped containers (`docker ps -a`). */
	all: boolean;
	filters?: ContainerFilters;
	signal?: AbortSignal;
}

/**
 * One stats sample, as `/containers/{id}/stats` reports it, reduced to the fields `docker stats`
 * computes its figures from. `pre*` come from the daemon's previous sample (zero on the first).
 */
export interface StatsSample {
	/** Sample time (ms epoch) and the previous sample's. */
	read: number;
	preread: number;
	cpuTotal: number;
	preCpuTotal: number;
	systemCpu: number;
	preSystemCpu: number;
	/** `online_cpus`, or the length of `percpu_usage` when the daemon leaves it out. */
	onlineCpus: number;
	memUsage: number;
	memLimit: number;
	/** `memory_stats.stats` (cgroup v1 `total_inactive_file`, v2 `inactive_file`, …). */
	memStats: Record<string, number>;
	/** Per-interface byte counters, summed. */
	netRx: number;
	netTx: number;
	/** From `io_service_bytes_recursive` ops starting with r/R and w/W. */
	blkRead: number;
	blkWrite: number;
	pids: number;
	throttling: {periods: number; throttledPeriods: number; throttledTime: number};
}

/** `docker top` output: column titles and rows of text (untrusted). */
export interface ProcessList {
	titles: string[];
	processes: string[][];
}

/** Which logs to read, as `docker logs` takes them. */
export interface LogsOptions {
	/** Lines from the end to start with; 'all' for everything. */
	tail: number | 'all';
	/** Unix seconds as Docker takes them ("1763800000.123456789"): only lines at or after / before. */
	since?: string;
	until?: string;
	follow: boolean;
}

/**
 * A piece of a container's output, read with timestamps: each daemon message starts with one.
 * `framed` chunks (non-TTY containers) are exactly one message each — a line, or a 16 KiB piece of
 * a longer one; unframed ones (TTY) are arbitrary slices of the raw stream.
 */
export interface LogChunk {
	stream: 'stdout' | 'stderr';
	data: Buffer;
	framed?: boolean;
}

/**
 * How long the requests the connection's health is judged by (ping, info, list, inspect, the
 * opening of /events) may go unanswered before the daemon counts as not responding. A daemon
 * answers these in milliseconds; one stopped with SIGSTOP, or a proxy holding the connection,
 * never does, and without a limit porthole would wait for ever.
 */
export const ANSWER_TIMEOUT_MS = 5000;

/** Signals offered by kill (SIGKILL is docker's default). */
export const KILL_SIGNALS = ['SIGKILL', 'SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'] as const;
/**
 * A signal for kill, as `docker kill --signal` takes it: a name (SIGHUP, HUP) or a number. The
 * picker offers KILL_SIGNALS; any other is typed, checked by parseSignal, and the daemon has the
 * last word.
 */
export type KillSignal = string;

/** What is lost when a container is removed: for the confirmation text. */
export interface RemovalImpact {
	/** Size of the writable layer (files created or changed inside the container), bytes. */
	sizeRw: number;
	/** Anonymous volumes (removed with the "volumes" option, left dangling without). */
	anonymousVolumes: Array<{name: string; destination: string}>;
	/** Named volumes and bind mounts: never removed by a container remove. */
	keptMounts: Array<{type: string; source: string; destination: string}>;
}

/** The full inspect of a container: the daemon's JSON (untrusted text inside). */
export type ContainerInspect = Record<string, unknown>;

/** One entry of `docker diff`: A(dded), C(hanged), D(eleted). */
export interface FileChange {
	kind: 'A' | 'C' | 'D';
	path: string;
}

/** What a prune would remove, listed before confirming. */
export interface PrunePreview {
	kind: PruneKind;
	items: Array<{id: string; name: string; size: number}>;
	/**
	 * Bytes the daemon should report as reclaimed. For images this is less than the sum of item
	 * sizes when layers are shared: each layer counts once, and only if no kept image uses it.
	 */
	reclaimable: number;
	/** Tags `prune -a` removes without deleting the image (extra tags, tagged parents). */
	untagged?: string[];
}

/** What can be pruned. */
export type PruneKind = 'containers' | 'images-dangling' | 'images-unused' | 'volumes' | 'networks';

/** What the daemon said it removed. */
export interface PruneResult {
	kind: PruneKind;
	removed: string[];
	reclaimed: number;
}

/** A two-way stream to a process in a container (exec or attach), already started. */
export interface InteractiveSession {
	/** Bytes from the process (raw: TTY sessions are not multiplexed). */
	output: NodeJS.ReadableStream;
	/** Send bytes to the process. */
	write(data: Buffer | string): void;
	/** Tell the process the terminal's size. */
	resize(columns: number, rows: number): Promise<void>;
	/** Close our end. */
	close(): void;
	/** Resolves when the stream ends; for exec, with the exit code. */
	done: Promise<{exitCode?: number}>;
}

/**
 * The engine as the rest of porthole sees it. The real implementation (docker.ts) talks to a
 * Docker Engine; fake.ts is an in-memory one for component tests.
 */
export interface Engine {
	readonly endpoint: EndpointInfo;
	/** The other kinds of objects, one module each (engine/<kind>.ts behind engine/<kind>-api.ts). */
	readonly images: ImagesApi;
	readonly volumes: VolumesApi;
	readonly networks: NetworksApi;
	readonly system: SystemApi;
	/**
	 * Reads /version and /info. Throws EngineError('unreachable') when the daemon is gone, and
	 * EngineError('not-responding') when it does not answer within the engine's answer timeout; so
	 * do `ping`, `listContainers`, `inspectState` and the opening of `events`: the requests the
	 * connection's health is judged by. Other calls (actions, prune, logs) may legitimately be slow
	 * and are never timed out.
	 */
	info(signal?: AbortSignal): Promise<EngineInfo>;
	/** `/_ping`: the cheapest proof the daemon answers, for the connection's heartbeat. */
	ping(signal?: AbortSignal): Promise<void>;
	listContainers(options: ListOptions): Promise<ContainerSummary[]>;
	inspectState(id: string, signal?: AbortSignal): Promise<ContainerStateDetail>;
	/**
	 * The daemon's event stream from now on. Ends (returns) when the connection drops;
	 * the caller reconnects. Aborting the signal ends it too.
	 */
	events(signal: AbortSignal): AsyncIterable<EngineEvent>;
	/**
	 * A live stats stream, one sample per daemon collector cycle (~1 s). Ends when the container
	 * stops or the signal aborts. Each open stream counts in `openStatsStreams`.
	 */
	stats(id: string, signal: AbortSignal): AsyncIterable<StatsSample>;
	/**
	 * One sample with a CPU figure (`stream=false`: the daemon waits for two collector cycles).
	 * For the slow sweep of rows off screen when sorting by CPU or memory.
	 */
	statsOnce(id: string, signal?: AbortSignal): Promise<StatsSample>;
	/** Number of stats streams open right now: the cost the daemon pays for us. */
	readonly openStatsStreams: number;
	/** `docker top` with ps arguments; without them the daemon's defaults. */
	top(id: string, psArgs?: string, signal?: AbortSignal): Promise<ProcessList>;
	/**
	 * A container's logs with timestamps, demultiplexed for non-TTY containers (TTY output is one
	 * raw stdout stream). With `follow`, ends when the container stops or the signal aborts.
	 * Chunks come in batches, as they were read together: one step of an async iterator per line
	 * was a fifth of the allocation in a 10,000 lines/s flood. A following read yields an empty batch
	 * first, once the daemon has answered, so a silent container is told from a daemon that is not
	 * answering.
	 */
	logs(id: string, options: LogsOptions, signal: AbortSignal): AsyncIterable<readonly LogChunk[]>;
	/** True when every mutating call is refused (read-only mode). */
	readonly readOnly: boolean;
	start(id: string): Promise<void>;
	/** Stop with a grace period in seconds before SIGKILL (docker's default is 10). */
	stop(id: string, timeoutSeconds?: number): Promise<void>;
	restart(id: string, timeoutSeconds?: number): Promise<void>;
	kill(id: string, signal: KillSignal): Promise<void>;
	pause(id: string): Promise<void>;
	unpause(id: string): Promise<void>;
	remove(id: string, options: {force: boolean; volumes: boolean}): Promise<void>;
	rename(id: string, name: string): Promise<void>;
	/** Writable-layer size and volumes, for the remove confirmation. */
	removalImpact(id: string): Promise<RemovalImpact>;
	inspect(id: string): Promise<ContainerInspect>;
	diff(id: string): Promise<FileChange[]>;
	prunePreview(kind: PruneKind): Promise<PrunePreview>;
	prune(kind: PruneKind): Promise<PruneResult>;
	/** Copy a path out of a container into a host directory; returns files written. */
	copyFrom(id: string, containerPath: string, hostDirectory: string): Promise<{written: string[]; refused: string[]}>;
	/** Copy a host file or directory into a container directory; says what was sent and skipped. */
	copyTo(id: string, hostPath: string, containerDirectory: string): Promise<{sent: string[]; skipped: string[]}>;
	/** Interactive exec (TTY) of a command, optionally as another user. */
	exec(id: string, command: string[], options: {user?: string; columns: number; rows: number}): Promise<InteractiveSession>;
	/** Run a command without a terminal and return its exit code (e.g. to see whether bash exists). */
	probe(id: string, command: string[]): Promise<number | undefined>;
	/**
	 * Attach to the container's main process. `stdinOpen` is false when it was started without -i
	 * (Config.OpenStdin): the daemon then connects no input, so keys reach nothing.
	 */
	attach(id: string, options: {columns: number; rows: number}): Promise<InteractiveSession & {tty: boolean; stdinOpen?: boolean}>;
	/** Release sockets and agents. */
	close(): void;
}
