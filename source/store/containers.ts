/**
 * The live container list: mirrors the daemon through `/events`, with a slow safety poll,
 * reconnects with backoff when the daemon goes away, and re-syncs fully when it is back.
 *
 * Cost model (see ENGINE-FACTS.md): one `/containers/json` per burst of events (at most one per
 * `minRefreshGapMs`), one per safety poll, never overlapping; `/containers/{id}/json` only for rows
 * on screen, once, and again after an event for that container.
 */
import {setMaxListeners} from 'node:events';
import {EngineError} from '../engine/errors.js';
import type {ContainerFilters, ContainerStateDetail, ContainerSummary, Engine, EngineEvent, EngineInfo} from '../engine/types.js';
import {Store} from './emitter.js';

/** Connection as the header and banner show it. */
export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

/** Snapshot of the container list. */
export interface ContainersState {
	connection: ConnectionStatus;
	/** Why the daemon is unreachable, when disconnected. */
	connectionError?: EngineError;
	/** When the next reconnect attempt happens (ms epoch), while disconnected. */
	retryAt?: number;
	info?: EngineInfo;
	/** Rows as the daemon returned them for the current `all` + `filters`. */
	containers: readonly ContainerSummary[];
	/** State details for rows that have been on screen. */
	details: ReadonlyMap<string, ContainerStateDetail>;
	/** When `containers` was last read from the daemon (ms epoch); 0 before the first read. */
	syncedAt: number;
	all: boolean;
	filters: ContainerFilters;
	/** The daemon's answer to the last filter change when it refused it (the list is unchanged). */
	filterError?: string;
	/** A transient error from a refresh that did not lose the connection. */
	refreshError?: string;
}

/** Tunables, mostly for tests. */
export interface ContainersStoreOptions {
	all?: boolean;
	filters?: ContainerFilters;
	/** Safety poll period; events do the real work. */
	pollIntervalMs?: number;
	/** A burst of events causes at most one list refresh per this many ms. */
	minRefreshGapMs?: number;
	/** Reconnect backoff bounds. */
	backoffMinMs?: number;
	backoffMaxMs?: number;
	/**
	 * While connected, the daemon is pinged this often (default 2 s): an idle event stream says
	 * nothing when the daemon stops answering (SIGSTOP, a wedged dockerd, a proxy holding the
	 * connection), and the engine's answer timeout on the ping turns silence into 'not-responding'.
	 */
	heartbeatMs?: number;
	now?: () => number;
}

/** Errors that mean the daemon is lost (rather than refusing one request). */
const LOST = new Set<EngineError['code']>(['unreachable', 'not-responding', 'permission']);

/** Events after which a container's cached state detail is stale. */
const DETAIL_EVENTS = /^(start|restart|die|kill|stop|pause|unpause|oom|health_status|rename|update|destroy)/;
/** Events that change what `/containers/json` returns (exec_*, attach, top, resize … do not). */
const LIST_EVENTS = /^(create|start|restart|die|kill|stop|pause|unpause|oom|health_status|rename|update|destroy|rm)/;

/** Stringify filters canonically so equal filter sets compare equal. */
export function filtersKey(filters: ContainerFilters): string {
	return JSON.stringify(
		Object.keys(filters)
			.sort()
			.map((key) => [key, [...(filters[key] ?? [])].sort()]),
	);
}

/** Live mirror of the daemon's containers. */
export class ContainersStore extends Store<ContainersState> {
	private readonly pollIntervalMs: number;
	private readonly minRefreshGapMs: number;
	private readonly backoffMinMs: number;
	private readonly backoffMaxMs: number;
	private readonly now: () => number;
	private lifetime = ContainersStore.lifetimeController();
	private eventsAbort?: AbortController;
	private pollTimer?: NodeJS.Timeout;
	private refreshTimer?: NodeJS.Timeout;
	private retryTimer?: NodeJS.Timeout;
	private heartbeatTimer?: NodeJS.Timeout;
	private readonly heartbeatMs: number;
	private refreshing = false;
	private refreshQueued = false;
	private lastRefreshAt = 0;
	private backoffMs: number;
	private visible = new Set<string>();
	private inspecting = new Set<string>();
	/**
	 * Inspects in flight when a state event for their container arrived. Such an answer may describe
	 * the state before the event: it is dropped and asked again, or a container just stopped could
	 * keep a detail saying it runs (and `u` would refuse to start it).
	 */
	private staleInspects = new Set<string>();
	private started = false;
	private eventListeners = new Set<(event: EngineEvent) => void>();

	/**
	 * One signal for every request of the store's life. Each request in flight listens on it (the
	 * HTTP request, and docker-modem's response stream until it ends), and inspecting the rows on
	 * screen makes dozens at once. Node 22 allows that; Node 20 (unsupported, but it runs) prints a
	 * MaxListenersExceededWarning past 10 listeners, on stderr, in the middle of the screen. The
	 * listeners go when their requests end.
	 */
	private static lifetimeController(): AbortController {
		const controller = new AbortController();
		setMaxListeners(0, controller.signal);
		return controller;
	}

	constructor(
		readonly engine: Engine,
		options: ContainersStoreOptions = {},
	) {
		super({
			connection: 'connecting',
			containers: [],
			details: new Map(),
			syncedAt: 0,
			all: options.all ?? true,
			filters: options.filters ?? {},
		});
		this.pollIntervalMs = options.pollIntervalMs ?? 10_000;
		this.minRefreshGapMs = options.minRefreshGapMs ?? 100;
		this.backoffMinMs = options.backoffMinMs ?? 500;
		this.backoffMaxMs = options.backoffMaxMs ?? 10_000;
		this.backoffMs = this.backoffMinMs;
		this.heartbeatMs = options.heartbeatMs ?? 2000;
		this.now = options.now ?? Date.now;
	}

	/**
	 * Connect, load the list and follow events. Resolves after the first attempt, connected or not
	 * (a daemon that does not answer makes that the engine's answer timeout); the screen does not
	 * wait for it (cli.tsx), so keys work while the daemon is silent.
	 */
	async start(): Promise<void> {
		if (this.started) return;
		this.started = true;
		await this.connect();
	}

	/** Stop every timer and stream. */
	stop(): void {
		this.lifetime.abort();
		this.eventsAbort?.abort();
		clearInterval(this.pollTimer);
		clearTimeout(this.refreshTimer);
		clearTimeout(this.retryTimer);
		clearTimeout(this.heartbeatTimer);
	}

	/** Show all containers (`docker ps -a`) or running ones only. */
	async setAll(all: boolean): Promise<void> {
		if (all === this.state.all) return;
		const previous = this.state.all;
		this.update({all});
		const ok = await this.refresh();
		if (!ok && this.state.connection === 'connected') this.update({all: previous});
	}

	/**
	 * Apply `docker ps --filter` filters through the daemon, so their semantics are docker's own.
	 * When the daemon refuses them, keep the previous filters and list and record its message.
	 */
	async setFilters(filters: ContainerFilters): Promise<boolean> {
		if (filtersKey(filters) === filtersKey(this.state.filters)) {
			if (this.state.filterError) this.update({filterError: undefined});
			return true;
		}
		try {
			const containers = await this.engine.listContainers({all: this.state.all, filters, signal: this.lifetime.signal});
			this.update({filters, containers, syncedAt: this.now(), filterError: undefined, details: this.detailsAgreeingWith(containers)});
			return true;
		} catch (error) {
			const engineError = error instanceof EngineError ? error : new EngineError('engine', String(error));
			if (engineError.code === 'bad-request' || engineError.code === 'engine' || engineError.code === 'not-found') {
				this.update({filterError: engineError.message});
			} else {
				this.onDisconnect(engineError);
			}
			return false;
		}
	}

	/** Tell the store which containers are on screen, so only their details are fetched. */
	setVisible(ids: Iterable<string>): void {
		this.visible = new Set(ids);
		this.fetchMissingDetails();
	}

	/** Listen to every engine event this store receives (one /events stream serves everyone). */
	onEvent = (listener: (event: EngineEvent) => void): (() => void) => {
		this.eventListeners.add(listener);
		return () => {
			this.eventListeners.delete(listener);
		};
	};

	/** Force a list refresh now (e.g. after an action), coalesced with any in flight. */
	requestRefresh(): void {
		this.scheduleRefresh(0);
	}

	private async connect(): Promise<void> {
		if (this.lifetime.signal.aborted) return;
		try {
			const info = await this.engine.info(this.lifetime.signal);
			this.backoffMs = this.backoffMinMs;
			// Events first, so nothing between the list and the subscription is missed.
			this.followEvents();
			let containers: ContainerSummary[];
			try {
				containers = await this.engine.listContainers({all: this.state.all, filters: this.state.filters, signal: this.lifetime.signal});
			} catch (error) {
				// The daemon answered /info, so a failing filtered list means it refused the filters
				// (e.g. `before=` naming no container is a 404 or 500, not a lost connection).
				const engineError = error instanceof EngineError ? error : new EngineError('engine', String(error));
				if (Object.keys(this.state.filters).length === 0 || LOST.has(engineError.code)) throw engineError;
				this.update({filters: {}, filterError: engineError.message});
				containers = await this.engine.listContainers({all: this.state.all, signal: this.lifetime.signal});
			}
			this.lastRefreshAt = this.now();
			this.update({
				connection: 'connected',
				connectionError: undefined,
				retryAt: undefined,
				info,
				containers,
				details: new Map(),
				syncedAt: this.now(),
				refreshError: undefined,
			});
			this.fetchMissingDetails();
			clearInterval(this.pollTimer);
			this.pollTimer = setInterval(() => this.scheduleRefresh(0), this.pollIntervalMs);
			this.pollTimer.unref?.();
			this.scheduleHeartbeat();
		} catch (error) {
			if (this.lifetime.signal.aborted) return;
			const engineError = error instanceof EngineError ? error : new EngineError('unreachable', String(error));
			this.onDisconnect(engineError);
		}
	}

	private followEvents(): void {
		this.eventsAbort?.abort();
		const abort = new AbortController();
		this.eventsAbort = abort;
		void (async () => {
			try {
				for await (const event of this.engine.events(abort.signal)) this.onEngineEvent(event);
				if (!abort.signal.aborted) this.onDisconnect(new EngineError('unreachable', `Lost the event stream from ${this.engine.endpoint.url}.`));
			} catch (error) {
				if (abort.signal.aborted) return;
				this.onDisconnect(error instanceof EngineError ? error : new EngineError('unreachable', String(error)));
			}
		})();
	}

	private onEngineEvent(event: EngineEvent): void {
		for (const listener of this.eventListeners) listener(event);
		if (event.type !== 'container') {
			// Image events change the header's image count.
			if (event.type === 'image') this.scheduleRefresh(this.minRefreshGapMs);
			return;
		}
		if (DETAIL_EVENTS.test(event.action)) {
			if (this.inspecting.has(event.id)) this.staleInspects.add(event.id);
			if (this.state.details.has(event.id)) {
				const details = new Map(this.state.details);
				details.delete(event.id);
				this.update({details});
			}
		}
		if (LIST_EVENTS.test(event.action)) this.scheduleRefresh(this.minRefreshGapMs);
	}

	private scheduleRefresh(gapMs: number): void {
		if (this.state.connection !== 'connected' || this.refreshTimer) return;
		const wait = Math.max(0, this.lastRefreshAt + gapMs - this.now());
		this.refreshTimer = setTimeout(() => {
			this.refreshTimer = undefined;
			void this.refresh();
		}, wait);
	}

	/** Re-read the list (and header counts). Overlapping calls coalesce into one more run. */
	private async refresh(): Promise<boolean> {
		if (this.refreshing) {
			this.refreshQueued = true;
			return true;
		}
		this.refreshing = true;
		this.lastRefreshAt = this.now();
		try {
			const [containers, info] = await Promise.all([
				this.engine.listContainers({all: this.state.all, filters: this.state.filters, signal: this.lifetime.signal}),
				this.engine.info(this.lifetime.signal),
			]);
			this.update({containers, info, syncedAt: this.now(), refreshError: undefined, details: this.detailsAgreeingWith(containers)});
			this.fetchMissingDetails();
			return true;
		} catch (error) {
			const engineError = error instanceof EngineError ? error : new EngineError('engine', String(error));
			if (LOST.has(engineError.code)) this.onDisconnect(engineError);
			else if (engineError.code !== 'aborted') this.update({refreshError: engineError.message});
			return false;
		} finally {
			this.refreshing = false;
			if (this.refreshQueued) {
				this.refreshQueued = false;
				this.scheduleRefresh(this.minRefreshGapMs);
			}
		}
	}

	/**
	 * The stored details, less those the new list contradicts (the list says exited, the detail
	 * running, or the other way round); fetchMissingDetails asks for those again. One of the two is
	 * older: usually the detail, inspected between a stop's `kill` and `die` events and answered
	 * before `die` arrived, where the list was read after the stop returned. Until the new answer,
	 * the row's actions follow the list, as its STATUS column does.
	 */
	private detailsAgreeingWith(containers: readonly ContainerSummary[]): ReadonlyMap<string, ContainerStateDetail> {
		let details: Map<string, ContainerStateDetail> | undefined;
		for (const c of containers) {
			const detail = this.state.details.get(c.id);
			if (!detail || !contradicts(c.state, detail)) continue;
			details ??= new Map(this.state.details);
			details.delete(c.id);
		}
		return details ?? this.state.details;
	}

	private fetchMissingDetails(): void {
		if (this.state.connection !== 'connected') return;
		const present = new Set(this.state.containers.map((c) => c.id));
		for (const id of this.visible) {
			if (!present.has(id) || this.state.details.has(id) || this.inspecting.has(id)) continue;
			this.inspecting.add(id);
			let stale = false;
			this.engine
				.inspectState(id, this.lifetime.signal)
				.then((detail) => {
					stale = this.staleInspects.has(id);
					if (stale) return;
					const details = new Map(this.state.details);
					details.set(id, detail);
					// Drop details of containers that are gone, so the map stays bounded.
					for (const key of details.keys()) if (!present.has(key) && !this.visible.has(key)) details.delete(key);
					this.update({details});
				})
				.catch(() => {
					// Gone between list and inspect: the next list refresh removes the row.
				})
				.finally(() => {
					this.inspecting.delete(id);
					this.staleInspects.delete(id);
					if (stale) this.fetchMissingDetails();
				});
		}
	}

	/** Ping the daemon after a pause, one ping at a time, while connected. */
	private scheduleHeartbeat(): void {
		clearTimeout(this.heartbeatTimer);
		// Stopped means stopped: a ping in flight at stop() fails as 'aborted' and must not re-arm.
		const live = () => !this.lifetime.signal.aborted && this.state.connection === 'connected';
		this.heartbeatTimer = setTimeout(() => {
			if (!live()) return;
			this.engine.ping(this.lifetime.signal).then(
				() => {
					if (live()) this.scheduleHeartbeat();
				},
				(error: unknown) => {
					const engineError = error instanceof EngineError ? error : new EngineError('unreachable', String(error));
					if (LOST.has(engineError.code)) this.onDisconnect(engineError);
					else if (live()) this.scheduleHeartbeat();
				},
			);
		}, this.heartbeatMs);
		this.heartbeatTimer.unref?.();
	}

	private onDisconnect(error: EngineError): void {
		if (this.lifetime.signal.aborted) return;
		this.eventsAbort?.abort();
		clearInterval(this.pollTimer);
		clearTimeout(this.refreshTimer);
		this.refreshTimer = undefined;
		clearTimeout(this.retryTimer);
		clearTimeout(this.heartbeatTimer);
		// A daemon that does not answer has already cost the answer timeout: try again soon, without
		// growing the wait, so porthole is back within moments of the daemon answering again.
		const delay = error.code === 'not-responding' ? this.backoffMinMs : this.backoffMs;
		if (error.code !== 'not-responding') this.backoffMs = Math.min(this.backoffMaxMs, this.backoffMs * 2);
		this.update({connection: 'disconnected', connectionError: error, retryAt: this.now() + delay});
		this.retryTimer = setTimeout(() => void this.connect(), delay);
	}
}

/** Whether an inspect detail says something else than the list's state (restarting and the rest: no judgement). */
function contradicts(state: ContainerSummary['state'], detail: ContainerStateDetail): boolean {
	switch (state) {
		case 'running':
			return !detail.running || detail.paused;
		case 'paused':
			return !detail.paused;
		case 'exited':
		case 'created':
			return detail.running;
		default:
			return false;
	}
}
