/**
 * Live `docker stats` figures for the containers on screen. One stream per wanted container (the
 * daemon's cost follows the number streamed, see ENGINE-FACTS.md), opened when a running
 * container comes on screen and closed when it leaves or stops. Samples are kept out of React
 * and published in one batch at most once a second; the first batch goes out as soon as a CPU
 * figure exists, so the first figure is on screen about one daemon cycle after start.
 */
import type {ContainerSummary, Engine, StatsSample} from '../engine/types.js';
import {figures, type StatsFigures} from '../present/stats.js';
import {Store} from './emitter.js';
import {Ring} from './ring.js';
import type {ConnectionStatus} from './containers.js';

/** Per-container history kept for graphs: rates are per second. */
export interface StatsHistory {
	cpu: Ring;
	mem: Ring;
	netRxRate: Ring;
	netTxRate: Ring;
	blkReadRate: Ring;
	blkWriteRate: Ring;
}

/** Latest figures plus the throttling counters from the last sample. */
export interface ContainerStats extends StatsFigures {
	throttling: StatsSample['throttling'];
	onlineCpus: number;
	/** Time of the sample (ms epoch). */
	read: number;
}

/** Snapshot: figures by container id, and a version that changes with every batch. */
export interface StatsState {
	byId: ReadonlyMap<string, ContainerStats>;
	version: number;
}

/** Tunables for tests. */
export interface StatsStoreOptions {
	publishIntervalMs?: number;
	/** Period of the off-screen sweep (default 10 s). */
	sweepIntervalMs?: number;
	/** History length in samples (default 300: five minutes at one a second). */
	historyLength?: number;
	/**
	 * The connection and the list the figures belong to (the ContainersStore). Figures measured over
	 * a connection that is lost are dropped at once, and streams reopen when it is back; figures of
	 * containers the list no longer shows running are dropped. Without it, streams follow `want` only.
	 */
	source?: StatsSource;
}

/** What the stats follow: a ContainersStore, as far as the stats need it. */
export interface StatsSource {
	subscribe(listener: () => void): () => void;
	getSnapshot(): {connection: ConnectionStatus; containers: readonly Pick<ContainerSummary, 'id' | 'state'>[]};
}

/** States in which a container has stats to stream (a paused one still holds its memory; a restarting one has none between runs, and the list shows none). */
const MEASURABLE = new Set<string>(['running', 'paused']);

/** Single-sample requests in flight at once during a sweep. */
const SWEEP_CONCURRENCY = 4;

/** How long a batch waits for the rest of its daemon cycle's samples. */
const FIRST_CPU_WINDOW_MS = 40;

interface Stream {
	abort: AbortController;
	previous?: StatsSample;
	history: StatsHistory;
}

/** Streams stats for the wanted containers only. */
export class StatsStore extends Store<StatsState> {
	private readonly streams = new Map<string, Stream>();
	private readonly pending = new Map<string, ContainerStats>();
	private readonly publishIntervalMs: number;
	private readonly historyLength: number;
	private readonly sweepIntervalMs: number;
	private publishTimer?: NodeJS.Timeout;
	private lastPublish = 0;
	private stopped = false;
	/** Whether a CPU figure has been published yet (see schedulePublish). */
	private cpuShown = false;
	/** The containers asked for by `want`, kept while disconnected to reopen them after. */
	private wanted = new Set<string>();
	/** Whether the source's connection is up (always, without a source). */
	private connected = true;
	/** Ids the source's list shows running; undefined without a source. */
	private measurable?: ReadonlySet<string>;
	private unsubscribeSource?: () => void;

	constructor(
		private readonly engine: Engine,
		options: StatsStoreOptions = {},
	) {
		super({byId: new Map(), version: 0});
		this.publishIntervalMs = options.publishIntervalMs ?? 1000;
		this.historyLength = options.historyLength ?? 300;
		this.sweepIntervalMs = options.sweepIntervalMs ?? 10_000;
		const source = options.source;
		if (source) {
			this.connected = false;
			this.unsubscribeSource = source.subscribe(() => this.follow(source));
			this.follow(source);
		}
	}

	/**
	 * Keep the figures true to the source. When the connection is lost, every stream is closed and
	 * every figure dropped at once: they describe a daemon porthole no longer sees (the header's
	 * totals showed a restarted daemon's old CPU and memory with nothing running). When it is back,
	 * the wanted containers the new list shows running are streamed again and measured anew.
	 */
	private follow(source: StatsSource): void {
		if (this.stopped) return;
		const {connection, containers} = source.getSnapshot();
		if (connection !== 'connected') {
			if (!this.connected) return;
			this.connected = false;
			for (const stream of this.streams.values()) stream.abort.abort();
			this.streams.clear();
			this.pending.clear();
			this.swept.clear();
			clearTimeout(this.sweepTimer);
			this.sweepTimer = undefined;
			clearTimeout(this.publishTimer);
			this.publishTimer = undefined;
			if (this.state.byId.size > 0) this.update({byId: new Map(), version: this.state.version + 1});
			return;
		}
		this.measurable = new Set(containers.filter((c) => MEASURABLE.has(c.state)).map((c) => c.id));
		const reconnected = !this.connected;
		this.connected = true;
		this.want(this.wanted);
		if (reconnected && this.sweepIds.length > 0) void this.runSweep();
		if ([...this.state.byId.keys()].some((id) => !this.measurable!.has(id))) this.schedulePublish(false);
	}

	/** Stream exactly these (running) containers: open what is new, close what is no longer wanted. */
	want(ids: Iterable<string>): void {
		if (this.stopped) return;
		this.wanted = new Set(ids);
		if (!this.connected) return;
		const measurable = this.measurable;
		const wanted = measurable ? new Set([...this.wanted].filter((id) => measurable.has(id))) : this.wanted;
		let closed = false;
		for (const [id, stream] of this.streams) {
			if (!wanted.has(id)) {
				stream.abort.abort();
				this.streams.delete(id);
				this.pending.delete(id);
				closed = true;
			}
		}
		for (const id of wanted) if (!this.streams.has(id)) this.open(id);
		// The closed ones' figures go with the next batch (publish drops what is no longer measured).
		if (closed) this.schedulePublish(false);
	}

	/**
	 * Containers to measure slowly although they are not on screen (sorting by CPU or memory needs
	 * a figure for every row). A sweep of single samples every `sweepIntervalMs`, a few at a time,
	 * costs the daemon far less than a stream each (ENGINE-FACTS.md). Empty stops the sweep.
	 */
	sweep(ids: Iterable<string>): void {
		this.sweepIds = [...ids];
		clearTimeout(this.sweepTimer);
		this.sweepTimer = undefined;
		if (this.sweepIds.length > 0 && !this.stopped) void this.runSweep();
	}

	private sweepIds: string[] = [];
	private sweepTimer?: NodeJS.Timeout;
	private sweeping = false;

	private async runSweep(): Promise<void> {
		if (this.sweeping || !this.connected) return;
		this.sweeping = true;
		const ids = this.sweepIds.filter((id) => !this.streams.has(id));
		let next = 0;
		const worker = async () => {
			while (next < ids.length && !this.stopped) {
				const id = ids[next]!;
				next += 1;
				try {
					const sample = await this.engine.statsOnce(id);
					if (!this.streams.has(id)) this.swept.set(id, {...figures(sample), throttling: sample.throttling, onlineCpus: sample.onlineCpus, read: sample.read});
				} catch {
					// Stopped or removed meanwhile: the next list refresh drops it from the sweep.
				}
			}
		};
		await Promise.all(Array.from({length: Math.min(SWEEP_CONCURRENCY, ids.length)}, worker));
		this.sweeping = false;
		// Samples read over a connection lost meanwhile are not kept.
		if (!this.connected) this.swept.clear();
		if (this.swept.size > 0) {
			for (const [id, value] of this.swept) this.pending.set(id, value);
			this.swept.clear();
			this.schedulePublish(false);
		}
		if (this.sweepIds.length > 0 && !this.stopped && this.connected) this.sweepTimer = setTimeout(() => void this.runSweep(), this.sweepIntervalMs);
	}

	private readonly swept = new Map<string, ContainerStats>();

	/** History for graphs of one container, while it is streamed. */
	history(id: string): StatsHistory | undefined {
		return this.streams.get(id)?.history;
	}

	/** Close every stream. */
	stop(): void {
		this.stopped = true;
		this.unsubscribeSource?.();
		clearTimeout(this.sweepTimer);
		for (const stream of this.streams.values()) stream.abort.abort();
		this.streams.clear();
		clearTimeout(this.publishTimer);
	}

	private open(id: string): void {
		const abort = new AbortController();
		const length = this.historyLength;
		const stream: Stream = {
			abort,
			history: {
				cpu: new Ring(length),
				mem: new Ring(length),
				netRxRate: new Ring(length),
				netTxRate: new Ring(length),
				blkReadRate: new Ring(length),
				blkWriteRate: new Ring(length),
			},
		};
		this.streams.set(id, stream);
		void (async () => {
			try {
				for await (const sample of this.engine.stats(id, abort.signal)) this.onSample(id, stream, sample);
			} catch {
				// The container went away or stopped: the list refresh decides whether to reopen.
			} finally {
				// A stream that ends by itself (container stopped) is forgotten so a restart reopens it, and
				// its figures go with the next batch: nothing measures them any more.
				if (this.streams.get(id) === stream) {
					this.streams.delete(id);
					this.pending.delete(id);
					this.schedulePublish(false);
				}
			}
		})();
	}

	private onSample(id: string, stream: Stream, sample: StatsSample): void {
		// A sample read before its stream was closed (connection lost, container gone) is stale.
		if (this.streams.get(id) !== stream) return;
		const value = figures(sample);
		const previous = stream.previous;
		const history = stream.history;
		if (value.cpuPercent !== undefined) history.cpu.push(value.cpuPercent);
		history.mem.push(value.memUsage);
		if (previous && sample.read > previous.read) {
			const seconds = (sample.read - previous.read) / 1000;
			const rate = (now: number, before: number) => Math.max(0, (now - before) / seconds);
			history.netRxRate.push(rate(sample.netRx, previous.netRx));
			history.netTxRate.push(rate(sample.netTx, previous.netTx));
			history.blkReadRate.push(rate(sample.blkRead, previous.blkRead));
			history.blkWriteRate.push(rate(sample.blkWrite, previous.blkWrite));
		}
		stream.previous = sample;
		this.pending.set(id, {...value, throttling: sample.throttling, onlineCpus: sample.onlineCpus, read: sample.read});
		this.schedulePublish(value.cpuPercent !== undefined && !this.cpuShown);
	}

	/**
	 * Throttle to one batch per interval. The exception is start-up: the first CPU figures (which
	 * need the daemon's second sample) go out as soon as that cycle's samples are in, instead of
	 * waiting for the next slot, so CPU is on screen about one daemon cycle after start.
	 */
	private schedulePublish(firstCpu: boolean): void {
		if (firstCpu) {
			this.cpuShown = true;
			clearTimeout(this.publishTimer);
			this.publishTimer = setTimeout(() => this.publish(), FIRST_CPU_WINDOW_MS);
			return;
		}
		if (this.publishTimer) return;
		// The daemon's collector delivers one cycle's samples a few ms apart: wait a little after the
		// first of them so a batch holds a whole cycle and rows do not lag docker by one second.
		const since = Date.now() - this.lastPublish;
		this.publishTimer = setTimeout(() => this.publish(), Math.max(FIRST_CPU_WINDOW_MS, this.publishIntervalMs - since));
	}

	private publish(): void {
		this.publishTimer = undefined;
		if (this.stopped) return;
		const byId = new Map(this.state.byId);
		for (const [id, value] of this.pending) byId.set(id, value);
		// Forget figures of containers neither streamed nor swept, or no longer running, so the map
		// stays bounded and no total counts a container that is gone.
		const swept = new Set(this.sweepIds);
		let dropped = false;
		for (const id of byId.keys()) {
			const measured = this.streams.has(id) || this.pending.has(id) || swept.has(id);
			if (!measured || (this.measurable && !this.measurable.has(id))) {
				byId.delete(id);
				dropped = true;
			}
		}
		if (this.pending.size === 0 && !dropped) return;
		this.pending.clear();
		this.lastPublish = Date.now();
		this.update({byId, version: this.state.version + 1});
	}
}
