/**
 * The live container list: mirrors the daemon through `/events`, with a slow safety poll,
 * reconnects with backoff when the daemon goes away, and re-syncs fully when it is back.
 *
 * Cost model (see ENGINE-FACTS.md): one `/containers/json` per burst of events (at most one per
 * `minRefreshGapMs`), one per safety poll, never overlapping; `/containers/{id}/json` only for rows
 * on screen, once, and again after an event for that container.
 */
import {EngineError} from '../engine/errors.js';
import type {ContainerFilters, ContainerStateDetail, ContainerSummary, EndpointInfo, Engine, EngineEvent, EngineInfo} from '../engine/types.js';
import {asEngineError, type ConnectionStatus, HostSession, LOST, type SessionOptions} from '../hosts/session.js';
import {Store} from './emitter.js';

export type {ConnectionStatus} from '../hosts/session.js';

/**
 * Snapshot of the container list. The connection fields and `info` mirror the host session's, so
 * one snapshot drives the list, the header and the banner.
 */
export interface ContainersState {
	connection: ConnectionStatus;
	/** Why the daemon is unreachable, when disconnected. */
	connectionError?: EngineError;
	/** When the next reconnect attempt happens (ms epoch), while disconnected. */
	retryAt?: number;
	info?: EngineInfo;
	/** Rows as the daemon returned them for the current `all` + `filters`. */
	containers: readonly ContainerSummary[];
	/**
	 * Every container, unfiltered (`docker ps -a`): who uses an image, a volume or a network must not
	 * depend on the containers view's filter. The same list as `containers` when that is unfiltered.
	 */
	everything: readonly ContainerSummary[];
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

/** Tunables, mostly for tests (the session's apply when the store makes its own session). */
export interface ContainersStoreOptions extends SessionOptions {
	all?: boolean;
	filters?: ContainerFilters;
	/** Safety poll period; events do the real work. */
	pollIntervalMs?: number;
	/** A burst of events causes at most one list refresh per this many ms. */
	minRefreshGapMs?: number;
}

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
	/** The host session this list belongs to: its connection, facts and event stream. */
	readonly session: HostSession;
	/** Whether this store made its session (and so starts and stops it). */
	private readonly ownsSession: boolean;
	private readonly pollIntervalMs: number;
	private readonly minRefreshGapMs: number;
	private readonly now: () => number;
	private pollTimer?: NodeJS.Timeout;
	private refreshTimer?: NodeJS.Timeout;
	private refreshing = false;
	private refreshQueued = false;
	private lastRefreshAt = 0;
	private visible = new Set<string>();
	private inspecting = new Set<string>();
	/**
	 * Inspects in flight when a state event for their container arrived. Such an answer may describe
	 * the state before the event: it is dropped and asked again, or a container just stopped could
	 * keep a detail saying it runs (and `u` would refuse to start it).
	 */
	private staleInspects = new Set<string>();
	private started = false;
	private readonly unsubscribers: Array<() => void> = [];

	/** Give it an engine (it makes its own session) or the host's session (shared with other kinds). */
	constructor(engineOrSession: Engine | HostSession, options: ContainersStoreOptions = {}) {
		super({
			connection: 'connecting',
			containers: [],
			everything: [],
			details: new Map(),
			syncedAt: 0,
			all: options.all ?? true,
			filters: options.filters ?? {},
		});
		this.ownsSession = !(engineOrSession instanceof HostSession);
		this.session = engineOrSession instanceof HostSession ? engineOrSession : new HostSession(engineOrSession, options);
		this.pollIntervalMs = options.pollIntervalMs ?? 10_000;
		this.minRefreshGapMs = options.minRefreshGapMs ?? 100;
		this.now = options.now ?? Date.now;
	}

	/** The engine of this list's host. */
	get engine(): Engine {
		return this.session.engine;
	}

	/** Where the host is, as the header and banner say it. */
	get endpoint(): EndpointInfo {
		return this.session.engine.endpoint;
	}

	private get signal(): AbortSignal {
		return this.session.signal;
	}

	/**
	 * Connect, load the list and follow events. Resolves after the first attempt, connected or not
	 * (a daemon that does not answer makes that the engine's answer timeout); the screen does not
	 * wait for it (cli.tsx), so keys work while the daemon is silent.
	 */
	async start(): Promise<void> {
		if (this.started) return;
		this.started = true;
		this.unsubscribers.push(
			this.session.subscribe(() => this.followSession()),
			this.session.onEvent((event) => this.onEngineEvent(event)),
			this.session.addSync((signal) => this.sync(signal)),
		);
		this.followSession();
		if (this.ownsSession) await this.session.start();
	}

	/** Stop every timer and stream. */
	stop(): void {
		for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
		if (this.ownsSession) this.session.stop();
		clearInterval(this.pollTimer);
		clearTimeout(this.refreshTimer);
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
			const {containers, everything} = await this.listBoth(this.state.all, filters, this.signal);
			this.update({filters, containers, everything, syncedAt: this.now(), filterError: undefined, details: this.detailsAgreeingWith(containers)});
			return true;
		} catch (error) {
			const engineError = asEngineError(error);
			if (engineError.code === 'bad-request' || engineError.code === 'engine' || engineError.code === 'not-found') {
				this.update({filterError: engineError.message});
			} else {
				this.session.lost(engineError);
			}
			return false;
		}
	}

	/** Tell the store which containers are on screen, so only their details are fetched. */
	setVisible(ids: Iterable<string>): void {
		this.visible = new Set(ids);
		this.fetchMissingDetails();
	}

	/** Listen to every engine event of this host (the session's one /events stream serves everyone). */
	onEvent = (listener: (event: EngineEvent) => void): (() => void) => this.session.onEvent(listener);

	/** Force a list refresh now (e.g. after an action), coalesced with any in flight. */
	requestRefresh(): void {
		this.scheduleRefresh(0);
	}

	/** The list the view asks for, and every container (a second request only when the first is filtered). */
	private async listBoth(all: boolean, filters: ContainerFilters, signal: AbortSignal): Promise<{containers: ContainerSummary[]; everything: ContainerSummary[]}> {
		const containers = await this.engine.listContainers({all, filters, signal});
		const whole = all && Object.keys(filters).length === 0;
		return {containers, everything: whole ? containers : await this.engine.listContainers({all: true, signal})};
	}

	/** Mirror the session's connection and facts; start or stop the safety poll with it. */
	private followSession(): void {
		const {connection, connectionError, retryAt, info} = this.session.getSnapshot();
		const was = this.state.connection;
		if (connection === was && connectionError === this.state.connectionError && retryAt === this.state.retryAt && info === this.state.info) return;
		this.update({connection, connectionError, retryAt, info});
		if (connection === 'connected' && was !== 'connected') {
			clearInterval(this.pollTimer);
			this.pollTimer = setInterval(() => this.scheduleRefresh(0), this.pollIntervalMs);
			this.pollTimer.unref?.();
			this.fetchMissingDetails();
		}
		if (connection !== 'connected') {
			clearInterval(this.pollTimer);
			clearTimeout(this.refreshTimer);
			this.refreshTimer = undefined;
		}
	}

	/** The list's part of a (re)connect: the whole list again, and no stale details. */
	private async sync(signal: AbortSignal): Promise<void> {
		let containers: ContainerSummary[];
		let everything: ContainerSummary[];
		try {
			({containers, everything} = await this.listBoth(this.state.all, this.state.filters, signal));
		} catch (error) {
			// The daemon answered /info, so a failing filtered list means it refused the filters
			// (e.g. `before=` naming no container is a 404 or 500, not a lost connection).
			const engineError = asEngineError(error);
			if (Object.keys(this.state.filters).length === 0 || LOST.has(engineError.code)) throw engineError;
			this.update({filters: {}, filterError: engineError.message});
			({containers, everything} = await this.listBoth(this.state.all, {}, signal));
		}
		this.lastRefreshAt = this.now();
		this.update({containers, everything, details: new Map(), syncedAt: this.now(), refreshError: undefined});
		this.fetchMissingDetails();
	}

	private onEngineEvent(event: EngineEvent): void {
		if (event.type !== 'container') {
			// Image events change the header's image count; a network connect or disconnect changes
			// the containers' networks (which the networks view reads from this list).
			if (event.type === 'image' || (event.type === 'network' && /^(connect|disconnect)/.test(event.action))) this.scheduleRefresh(this.minRefreshGapMs);
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
			const [{containers, everything}] = await Promise.all([this.listBoth(this.state.all, this.state.filters, this.signal), this.session.refreshInfo()]);
			this.update({containers, everything, syncedAt: this.now(), refreshError: undefined, details: this.detailsAgreeingWith(containers)});
			this.fetchMissingDetails();
			return true;
		} catch (error) {
			const engineError = asEngineError(error);
			if (LOST.has(engineError.code)) this.session.lost(engineError);
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
				.inspectState(id, this.signal)
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
