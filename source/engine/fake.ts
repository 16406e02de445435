/**
 * An in-memory engine for fast component tests: containers are plain objects, events are pushed
 * by the test, and any method can be made to fail. Never a stand-in for the end-to-end proof.
 */
import {toEngineEvent, toEngineInfo, toFileChanges, toProcessList, toStateDetail, toStatsSample, toSummaries} from './answers.js';
import {EngineError} from './errors.js';
import {recordOf} from './shapes.js';
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
import {PassThrough} from 'node:stream';
import {FakeImages} from './fake/images.js';
import {FakeNetworks} from './fake/networks.js';
import {FakeSystem} from './fake/system.js';
import {FakeVolumes} from './fake/volumes.js';

/** A fake container: a summary plus the state detail inspect would return. */
export interface FakeContainer extends ContainerSummary {
	detail?: Partial<ContainerStateDetail>;
	/** What its stats stream reports: CPU % of one core per sample and memory in bytes. */
	load?: {cpuPercent: number; memory: number; memLimit?: number; pids?: number};
	/** What `top` returns. */
	processes?: ProcessList;
	/** Writable layer size and volumes, for remove. */
	impact?: RemovalImpact;
	/** `docker diff` answer. */
	changes?: FileChange[];
	/**
	 * Raw daemon answers for this container, served instead of the fake's own and mapped by the real
	 * engine's mappers (answers.ts): the odd shapes real daemons send (a Buffer holding `null\n` for
	 * `/changes`, `null` lists, missing fields), so component tests see what the boundary makes of them.
	 */
	raw?: {changes?: unknown; top?: unknown; inspect?: unknown; stats?: unknown};
	/** Extra inspect fields merged over the synthesized ones. */
	inspectExtra?: Record<string, unknown>;
	/** Its log so far: raw bytes per line (a newline is added), with the time they were written. */
	log?: Array<{stream: 'stdout' | 'stderr'; text: string; time: number}>;
}

let counter = 0;

/** Build a fake container with sensible defaults. */
export function fakeContainer(partial: Partial<FakeContainer> & {name: string}): FakeContainer {
	counter += 1;
	const id = partial.id ?? (counter.toString(16).padStart(4, '0') + partial.name.replace(/[^a-f0-9]/g, '')).padEnd(64, '0').slice(0, 64);
	const {name, ...rest} = partial;
	return {
		id,
		names: [name],
		image: 'busybox:latest',
		imageId: 'sha256:' + 'b'.repeat(64),
		command: 'sh',
		created: Math.floor(Date.now() / 1000) - 60,
		state: 'running',
		status: 'Up About a minute',
		ports: [],
		labels: {},
		mounts: [],
		networks: {},
		...rest,
	};
}

/** Calls the fake recorded, for assertions. */
export interface FakeCall {
	method: string;
	args: unknown[];
}

/** In-memory Engine. */
export class FakeEngine implements Engine {
	readonly endpoint: EndpointInfo = {url: 'unix:///fake/docker.sock', source: 'default'};
	readonly images = new FakeImages(this);
	readonly volumes = new FakeVolumes(this);
	readonly networks = new FakeNetworks(this);
	readonly system = new FakeSystem(this);
	/** Refuse every mutating call, as the real engine does in read-only mode. */
	readOnly = false;
	/** Per-container failures to inject: id → error thrown by the next mutating call. */
	failures = new Map<string, EngineError>();
	/** Milliseconds each action takes (to observe progress). */
	actionDelayMs = 0;
	containers: FakeContainer[] = [];
	calls: FakeCall[] = [];
	/** Raw `/version` + `/info` and `/containers/json` answers, mapped as the real engine maps them. */
	rawInfo?: {version: unknown; info: unknown};
	rawList?: unknown;
	/** When set, every call throws this (e.g. EngineError('unreachable')). */
	down?: EngineError;
	/** Filter keys the fake daemon rejects, with docker's message. */
	private subscribers = new Set<(event: EngineEvent | null) => void>();

	constructor(containers: FakeContainer[] = []) {
		this.containers = containers;
	}

	/** Record a call and throw when the fake daemon is down (the per-kind fakes call it too). */
	check(method: string, args: unknown[]): void {
		this.calls.push({method, args});
		if (this.down) throw this.down;
	}

	/** How many times a method was called. */
	count(method: string): number {
		return this.calls.filter((call) => call.method === method).length;
	}

	async info(): Promise<EngineInfo> {
		this.check('info', []);
		if (this.rawInfo) return toEngineInfo(this.rawInfo.version, this.rawInfo.info);
		const running = this.containers.filter((c) => c.state === 'running' || c.state === 'restarting').length;
		const paused = this.containers.filter((c) => c.state === 'paused').length;
		return {
			serverVersion: '27.0.0-fake',
			apiVersion: '1.46',
			os: 'linux',
			arch: 'amd64',
			kernelVersion: '6.0.0',
			ncpu: 2,
			memTotal: 8 * 1024 ** 3,
			containers: this.containers.length,
			containersRunning: running,
			containersPaused: paused,
			containersStopped: this.containers.length - running - paused,
			images: 1,
			name: 'fake',
		};
	}

	async ping(): Promise<void> {
		this.check('ping', []);
	}

	async listContainers(options: ListOptions): Promise<ContainerSummary[]> {
		this.check('listContainers', [options]);
		if (this.rawList !== undefined) return toSummaries(this.rawList);
		const filters = options.filters ?? {};
		for (const key of Object.keys(filters)) {
			if (!['status', 'name', 'id', 'label', 'ancestor', 'health', 'exited'].includes(key))
				throw new EngineError('bad-request', `invalid filter '${key}'`, 400);
		}
		return this.containers
			.filter((c) => options.all || c.state === 'running' || c.state === 'paused' || c.state === 'restarting')
			.filter((c) => !filters.status || filters.status.includes(c.state))
			.filter((c) => !filters.name || filters.name.some((n) => c.names.some((name) => new RegExp(n).test('/' + name))))
			.filter(
				(c) =>
					!filters.label ||
					filters.label.every((l) => {
						const [k, v] = l.split('=', 2) as [string, string | undefined];
						return v === undefined ? k in c.labels : c.labels[k] === v;
					}),
			)
			.map(({detail: _detail, ...summary}) => structuredClone(summary));
	}

	async inspectState(id: string): Promise<ContainerStateDetail> {
		this.check('inspectState', [id]);
		const c = this.containers.find((x) => x.id === id);
		if (!c) throw new EngineError('not-found', `No such container: ${id}`, 404);
		if (c.raw?.inspect !== undefined) return toStateDetail(c.raw.inspect);
		return {
			running: c.state === 'running' || c.state === 'paused' || c.state === 'restarting',
			paused: c.state === 'paused',
			restarting: c.state === 'restarting',
			dead: c.state === 'dead',
			removing: c.state === 'removing',
			oomKilled: false,
			exitCode: Number(/^Exited \((\d+)\)/.exec(c.status)?.[1] ?? 0),
			startedAt: c.state === 'created' ? '0001-01-01T00:00:00Z' : new Date(c.created * 1000).toISOString(),
			finishedAt: c.state === 'exited' || c.state === 'dead' ? new Date(c.created * 1000 + 1000).toISOString() : '0001-01-01T00:00:00Z',
			restartCount: 0,
			limits: {nanoCpus: 0, cpuQuota: 0, cpuPeriod: 0, memory: 0},
			...c.detail,
		};
	}

	async *events(signal: AbortSignal): AsyncIterable<EngineEvent> {
		this.check('events', []);
		const queue = new PushQueue<EngineEvent>();
		this.subscribers.add(queue.push);
		try {
			yield* queue.drain(signal);
		} finally {
			this.subscribers.delete(queue.push);
		}
	}

	/** Push a container event to every open event stream. */
	emit(action: string, id: string, attributes: Record<string, string> = {}): void {
		const event: EngineEvent = {type: 'container', action, id, attributes, timeNano: Date.now() * 1e6};
		for (const push of this.subscribers) push(event);
	}

	/** Push a raw `/events` message (any shape) to every open event stream, mapped as the real engine maps it. */
	emitRaw(raw: unknown): void {
		const event = toEngineEvent(raw);
		for (const push of this.subscribers) push(event);
	}

	/** End every open event stream, as a daemon restart would. */
	dropEvents(): void {
		for (const push of this.subscribers) push(null);
	}

	/** Milliseconds between fake stats samples. */
	statsIntervalMs = 1000;
	private statsOpen = 0;

	get openStatsStreams(): number {
		return this.statsOpen;
	}

	async *stats(id: string, signal: AbortSignal): AsyncIterable<StatsSample> {
		this.check('stats', [id]);
		const container = this.containers.find((c) => c.id === id);
		if (!container) throw new EngineError('not-found', `No such container: ${id}`, 404);
		this.statsOpen += 1;
		const cpus = 2;
		let cpuTotal = 0;
		let systemCpu = 1e12;
		let previous = {cpuTotal: 0, systemCpu: 0, read: 0};
		try {
			while (!signal.aborted && (container.state === 'running' || container.state === 'paused')) {
				const load = container.load ?? {cpuPercent: 0, memory: 1024 * 1024};
				const read = Date.now();
				const sample = container.raw?.stats !== undefined ? toStatsSample(container.raw.stats) : fakeSample(load, {read, preread: previous.read, cpuTotal, preCpuTotal: previous.cpuTotal, systemCpu, preSystemCpu: previous.systemCpu}, cpus);
				if (container.raw?.stats === undefined) {
					sample.memUsage += 4096;
					sample.memStats = {total_inactive_file: 4096};
				}
				yield sample;
				previous = {cpuTotal, systemCpu, read};
				// One second of a `cpus`-core host: system time advances cpus × 1e9 ns.
				systemCpu += cpus * 1e9;
				cpuTotal += (load.cpuPercent / 100) * 1e9;
				await new Promise<void>((resolve) => {
					const timer = setTimeout(resolve, this.statsIntervalMs);
					signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), {once: true});
				});
			}
		} finally {
			this.statsOpen -= 1;
		}
	}

	async statsOnce(id: string): Promise<StatsSample> {
		this.check('statsOnce', [id]);
		const container = this.find(id);
		if (container.raw?.stats !== undefined) return toStatsSample(container.raw.stats);
		const load = container.load ?? {cpuPercent: 0, memory: 1024 * 1024};
		const now = Date.now();
		return fakeSample(load, {read: now, preread: now - 1000, cpuTotal: (load.cpuPercent / 100) * 1e9 + 1, preCpuTotal: 1, systemCpu: 2e9 + 1e12, preSystemCpu: 1e12}, 2);
	}

	async top(id: string, psArgs?: string): Promise<ProcessList> {
		this.check('top', [id, psArgs]);
		const container = this.containers.find((c) => c.id === id);
		if (!container) throw new EngineError('not-found', `No such container: ${id}`, 404);
		if (container.state !== 'running') throw new EngineError('not-running', `Container ${id} is not running`, 409);
		if (container.raw?.top !== undefined) return toProcessList(container.raw.top);
		return container.processes ?? {titles: ['PID', 'PPID', 'USER', '%CPU', '%MEM', 'ELAPSED', 'COMMAND'], processes: [['1', '0', 'root', '0.0', '0.1', '01:00', container.command]]};
	}

	private logFollowers = new Set<{id: string; push: (chunk: LogChunk | null) => void}>();

	async *logs(id: string, options: LogsOptions, signal: AbortSignal): AsyncIterable<readonly LogChunk[]> {
		this.check('logs', [id, options]);
		const container = this.containers.find((c) => c.id === id);
		if (!container) throw new EngineError('not-found', `No such container: ${id}`, 404);
		const since = options.since === undefined ? -Infinity : Number(options.since) * 1000;
		const until = options.until === undefined ? Infinity : Number(options.until) * 1000;
		let lines = (container.log ?? []).filter((line) => line.time >= since && line.time <= until);
		if (options.tail !== 'all') lines = options.tail === 0 ? [] : lines.slice(-options.tail);
		const frame = (line: {stream: 'stdout' | 'stderr'; text: string; time: number}): LogChunk => ({
			stream: line.stream,
			data: Buffer.from(`${new Date(line.time).toISOString().replace('Z', '000000Z')} ${line.text}\n`),
			framed: true,
		});
		if (lines.length > 0) yield lines.map(frame);
		if (!options.follow || container.state !== 'running') return;
		// As the real engine: an empty batch says the daemon answered a following read.
		if (lines.length === 0) yield [];
		const queue = new PushQueue<LogChunk>();
		const follower = {id, push: queue.push};
		this.logFollowers.add(follower);
		try {
			for await (const chunk of queue.drain(signal)) yield [chunk];
		} finally {
			this.logFollowers.delete(follower);
		}
	}

	/** A container writes a line: stored, and sent to everyone following its logs. */
	writeLog(id: string, stream: 'stdout' | 'stderr', text: string, time = Date.now()): void {
		const container = this.containers.find((c) => c.id === id);
		if (!container) return;
		const line = {stream, text, time};
		(container.log ??= []).push(line);
		for (const follower of this.logFollowers)
			if (follower.id === id) follower.push({stream, data: Buffer.from(`${new Date(time).toISOString().replace('Z', '000000Z')} ${text}\n`), framed: true});
	}

	/** The container stops: its followed log streams end. */
	endLogs(id: string): void {
		for (const follower of this.logFollowers) if (follower.id === id) follower.push(null);
	}

	private find(id: string): FakeContainer {
		const container = this.containers.find((c) => c.id === id || c.id.startsWith(id) || c.names.includes(id));
		if (!container) throw new EngineError('not-found', `No such container: ${id}`, 404);
		return container;
	}

	/** A mutating call: read-only check, injected failure, delay, then the change and its event. */
	private async mutate(method: string, id: string, args: unknown[], change: (c: FakeContainer) => string | undefined): Promise<void> {
		this.check(method, [id, ...args]);
		if (this.readOnly) throw new EngineError('read-only', `porthole is in read-only mode: ${method} was not sent to the daemon.`);
		const container = this.find(id);
		const failure = this.failures.get(container.id);
		if (failure) throw failure;
		if (this.actionDelayMs) await new Promise((resolve) => setTimeout(resolve, this.actionDelayMs));
		const event = change(container);
		if (event) this.emit(event, container.id);
	}

	private setState(c: FakeContainer, state: FakeContainer['state'], status: string): void {
		c.state = state;
		c.status = status;
	}

	start(id: string): Promise<void> {
		return this.mutate('start', id, [], (c) => {
			if (c.state === 'running') return undefined;
			this.setState(c, 'running', 'Up Less than a second');
			c.detail = {...c.detail, startedAt: new Date().toISOString(), finishedAt: '0001-01-01T00:00:00Z', exitCode: 0};
			return 'start';
		});
	}

	stop(id: string, timeoutSeconds = 10): Promise<void> {
		return this.mutate('stop', id, [timeoutSeconds], (c) => {
			if (c.state !== 'running' && c.state !== 'paused' && c.state !== 'restarting') return undefined;
			this.setState(c, 'exited', 'Exited (0) Less than a second ago');
			c.detail = {...c.detail, finishedAt: new Date().toISOString(), exitCode: 0};
			this.endLogs(c.id);
			return 'die';
		});
	}

	restart(id: string, timeoutSeconds = 10): Promise<void> {
		return this.mutate('restart', id, [timeoutSeconds], (c) => {
			this.setState(c, 'running', 'Up Less than a second');
			c.detail = {...c.detail, startedAt: new Date().toISOString(), finishedAt: '0001-01-01T00:00:00Z'};
			return 'restart';
		});
	}

	kill(id: string, signal: KillSignal): Promise<void> {
		return this.mutate('kill', id, [signal], (c) => {
			if (c.state !== 'running' && c.state !== 'paused') throw new EngineError('not-running', `Cannot kill container: ${c.id}: Container ${c.id} is not running`, 409);
			if (signal !== 'SIGKILL' && signal !== 'SIGTERM' && signal !== 'SIGINT') return 'kill';
			const code = signal === 'SIGKILL' ? 137 : signal === 'SIGTERM' ? 143 : 130;
			this.setState(c, 'exited', `Exited (${code}) Less than a second ago`);
			c.detail = {...c.detail, finishedAt: new Date().toISOString(), exitCode: code};
			this.endLogs(c.id);
			return 'die';
		});
	}

	pause(id: string): Promise<void> {
		return this.mutate('pause', id, [], (c) => {
			if (c.state !== 'running') throw new EngineError('conflict', `Container ${c.id} is not running`, 409);
			this.setState(c, 'paused', 'Up About a minute (Paused)');
			return 'pause';
		});
	}

	unpause(id: string): Promise<void> {
		return this.mutate('unpause', id, [], (c) => {
			if (c.state !== 'paused') throw new EngineError('conflict', `Container ${c.id} is not paused`, 409);
			this.setState(c, 'running', 'Up About a minute');
			return 'unpause';
		});
	}

	remove(id: string, options: {force: boolean; volumes: boolean}): Promise<void> {
		return this.mutate('remove', id, [options], (c) => {
			if ((c.state === 'running' || c.state === 'paused' || c.state === 'restarting') && !options.force)
				throw new EngineError(
					'must-stop',
					`You cannot remove a running container ${c.id}. Stop the container before attempting removal or force remove`,
					409,
				);
			this.containers = this.containers.filter((x) => x !== c);
			return 'destroy';
		});
	}

	rename(id: string, name: string): Promise<void> {
		return this.mutate('rename', id, [name], (c) => {
			if (this.containers.some((x) => x !== c && x.names.includes(name)))
				throw new EngineError('conflict', `Conflict. The container name "/${name}" is already in use by container "${this.containers.find((x) => x.names.includes(name))!.id}". You have to remove (or rename) that container to be able to reuse that name.`, 409);
			c.names = [name];
			return 'rename';
		});
	}

	async removalImpact(id: string): Promise<RemovalImpact> {
		this.check('removalImpact', [id]);
		return this.find(id).impact ?? {sizeRw: 0, anonymousVolumes: [], keptMounts: []};
	}

	async inspect(id: string): Promise<ContainerInspect> {
		this.check('inspect', [id]);
		const c = this.find(id);
		if (c.raw?.inspect !== undefined) return recordOf(c.raw.inspect);
		const detail = await this.inspectState(c.id);
		return {
			Id: c.id,
			Name: '/' + c.names[0],
			Created: new Date(c.created * 1000).toISOString(),
			Path: c.command.split(' ')[0],
			Args: c.command.split(' ').slice(1),
			Image: c.imageId,
			State: {
				Status: c.state,
				Running: detail.running,
				Paused: detail.paused,
				Restarting: detail.restarting,
				OOMKilled: detail.oomKilled,
				Dead: detail.dead,
				ExitCode: detail.exitCode,
				Error: '',
				StartedAt: detail.startedAt,
				FinishedAt: detail.finishedAt,
			},
			RestartCount: detail.restartCount,
			HostConfig: {RestartPolicy: {Name: 'no', MaximumRetryCount: 0}, NanoCpus: detail.limits.nanoCpus, Memory: detail.limits.memory},
			Config: {Image: c.image, Env: ['PATH=/bin'], Labels: c.labels, Cmd: c.command.split(' '), Tty: false},
			Mounts: [],
			NetworkSettings: {Networks: {}, Ports: {}},
			...c.inspectExtra,
		};
	}

	async diff(id: string): Promise<FileChange[]> {
		this.check('diff', [id]);
		const container = this.find(id);
		if (container.raw?.changes !== undefined) return toFileChanges(container.raw.changes);
		return container.changes ?? [];
	}

	/** Prune previews by kind, set by tests. */
	pruneItems: Partial<Record<PruneKind, PrunePreview['items']>> = {};

	async prunePreview(kind: PruneKind): Promise<PrunePreview> {
		this.check('prunePreview', [kind]);
		const items = kind === 'containers' ? this.containers.filter((c) => ['exited', 'created', 'dead'].includes(c.state)).map((c) => ({id: c.id, name: c.names[0] ?? c.id, size: c.impact?.sizeRw ?? 0})) : (this.pruneItems[kind] ?? []);
		return {kind, items, reclaimable: items.reduce((sum, item) => sum + item.size, 0)};
	}

	async prune(kind: PruneKind): Promise<PruneResult> {
		const preview = await this.prunePreview(kind);
		this.check('prune', [kind]);
		const path = {containers: '/containers/prune', 'images-dangling': '/images/prune', 'images-unused': '/images/prune', volumes: '/volumes/prune', networks: '/networks/prune'}[kind];
		if (this.readOnly) throw new EngineError('read-only', `porthole is in read-only mode: POST ${path} was not sent to the daemon.`);
		if (kind === 'containers') {
			const ids = new Set(preview.items.map((item) => item.id));
			this.containers = this.containers.filter((c) => !ids.has(c.id));
			for (const id of ids) this.emit('destroy', id);
		} else this.pruneItems[kind] = [];
		return {kind, removed: preview.items.map((item) => item.id), reclaimed: preview.reclaimable};
	}

	async copyFrom(id: string, containerPath: string, hostDirectory: string): Promise<{written: string[]; refused: string[]}> {
		this.check('copyFrom', [id, containerPath, hostDirectory]);
		this.find(id);
		return {written: [], refused: []};
	}

	async copyTo(id: string, hostPath: string, containerDirectory: string): Promise<{sent: string[]; skipped: string[]}> {
		await this.mutate('copyTo', id, [hostPath, containerDirectory], () => undefined);
		return {sent: [hostPath], skipped: []};
	}

	/** Sessions opened by exec/attach, for tests to drive. */
	sessions: Array<{id: string; command?: string[]; input: string[]; output: PassThrough; end: (exitCode?: number) => void}> = [];

	private session(id: string, command?: string[]): InteractiveSession {
		const output = new PassThrough();
		let finish: (result: {exitCode?: number}) => void = () => undefined;
		const done = new Promise<{exitCode?: number}>((resolve) => (finish = resolve));
		const record = {
			id,
			command,
			input: [] as string[],
			output,
			end: (exitCode?: number) => {
				output.end();
				finish({exitCode});
			},
		};
		this.sessions.push(record);
		return {
			output,
			write: (data) => record.input.push(String(data)),
			resize: async () => undefined,
			close: () => record.end(),
			done,
		};
	}

	async exec(id: string, command: string[], options: {user?: string; columns: number; rows: number}): Promise<InteractiveSession> {
		await this.mutate('exec', id, [command, options], () => undefined);
		return this.session(id, command);
	}

	/** Commands that exist in fake containers, for probe (default: sh only). */
	binaries = new Set(['sh']);

	async probe(id: string, command: string[]): Promise<number | undefined> {
		await this.mutate('probe', id, [command], () => undefined);
		return this.binaries.has(command[0] ?? '') ? 0 : 127;
	}

	async attach(id: string, options: {columns: number; rows: number}): Promise<InteractiveSession & {tty: boolean}> {
		await this.mutate('attach', id, [options], () => undefined);
		return {...this.session(id), tty: true};
	}

	close(): void {}
}

/** Items pushed by a test, handed to one async reader; `null` (or the signal) ends the reading. */
class PushQueue<T> {
	private readonly items: Array<T | null> = [];
	private wake?: () => void;

	/** Add an item, or null to end. */
	push = (item: T | null): void => {
		this.items.push(item);
		this.wake?.();
	};

	/** Yield items as they come until null or the signal aborts. */
	async *drain(signal: AbortSignal): AsyncGenerator<T> {
		const onAbort = () => this.push(null);
		signal.addEventListener('abort', onAbort, {once: true});
		try {
			while (!signal.aborted) {
				if (this.items.length === 0) await new Promise<void>((resolve) => (this.wake = resolve));
				this.wake = undefined;
				while (this.items.length > 0) {
					const item = this.items.shift();
					if (item === null || item === undefined) return;
					yield item;
				}
			}
		} finally {
			signal.removeEventListener('abort', onAbort);
		}
	}
}

/** A stats sample for a fake load; CPU counters as given. */
function fakeSample(
	load: NonNullable<FakeContainer['load']>,
	cpu: Pick<StatsSample, 'read' | 'preread' | 'cpuTotal' | 'preCpuTotal' | 'systemCpu' | 'preSystemCpu'>,
	onlineCpus: number,
): StatsSample {
	return {
		...cpu,
		onlineCpus,
		memUsage: load.memory,
		memLimit: load.memLimit ?? 8 * 1024 ** 3,
		memStats: {},
		netRx: 0,
		netTx: 0,
		blkRead: 0,
		blkWrite: 0,
		pids: load.pids ?? 1,
		throttling: {periods: 0, throttledPeriods: 0, throttledTime: 0},
	};
}
