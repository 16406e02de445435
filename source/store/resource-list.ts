/**
 * The live list of one kind on one host, for every kind but containers' extras: read through the
 * kind's declaration, re-read (coalesced) after the host session's events that concern the kind,
 * re-synced on every reconnect, with a slow safety re-read. Filters go to the daemon, so their
 * semantics are docker's own; a refused filter keeps the list and says why.
 *
 * Cost: nothing at all until the kind is first shown (the stores are made on demand); then one
 * list request per burst of relevant events (at most one per `minRefreshGapMs`), never overlapping.
 */
import {filtersKey} from './containers.js';
import {Store} from './emitter.js';
import {asEngineError, type HostSession, LOST} from '../hosts/session.js';
import type {ListQuery, ResourceKind} from '../resources/kind.js';

/** A kind's list, as the view shows it. */
export interface ResourceListState<Row> {
	rows: readonly Row[];
	/** When the rows were read (ms epoch); 0 before the first answer. */
	syncedAt: number;
	query: ListQuery;
	/** The daemon refused the last filters: its words (the list is the previous one). */
	filterError?: string;
	/** A refresh failed without losing the connection. */
	refreshError?: string;
}

/** Tunables, for tests. */
export interface ResourceListOptions {
	minRefreshGapMs?: number;
	/** The safety re-read; events do the real work. */
	pollIntervalMs?: number;
	now?: () => number;
}

/** One kind's rows on one host. */
export class ResourceListStore<Row> extends Store<ResourceListState<Row>> {
	private readonly minRefreshGapMs: number;
	private readonly pollIntervalMs: number;
	private readonly now: () => number;
	private refreshTimer?: NodeJS.Timeout;
	private pollTimer?: NodeJS.Timeout;
	private refreshing = false;
	private refreshQueued = false;
	private lastRefreshAt = 0;
	private readonly unsubscribers: Array<() => void> = [];

	constructor(
		readonly session: HostSession,
		readonly kind: ResourceKind<Row>,
		options: ResourceListOptions = {},
	) {
		const toggles = new Set((kind.toggles ?? []).filter((toggle) => toggle.initial).map((toggle) => toggle.id));
		super({rows: [], syncedAt: 0, query: {filters: {}, toggles}});
		this.minRefreshGapMs = options.minRefreshGapMs ?? 100;
		this.pollIntervalMs = options.pollIntervalMs ?? 30_000;
		this.now = options.now ?? Date.now;
	}

	/** Follow the session: read now when connected, again on each reconnect and after its events. */
	start(): void {
		if (this.unsubscribers.length > 0) return;
		this.unsubscribers.push(
			this.session.onEvent((event) => {
				if (this.kind.refreshOn(event)) this.scheduleRefresh(this.minRefreshGapMs);
			}),
			this.session.addSync((signal) => this.sync(signal)),
		);
		this.pollTimer = setInterval(() => this.scheduleRefresh(0), this.pollIntervalMs);
		this.pollTimer.unref?.();
	}

	/** Stop following. */
	stop(): void {
		for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
		clearTimeout(this.refreshTimer);
		clearInterval(this.pollTimer);
	}

	/** Re-read now (after an action), coalesced with one in flight. */
	requestRefresh(): void {
		this.scheduleRefresh(0);
	}

	/** Turn a toggle (`-a`, `--digests`) on or off and re-read. */
	async toggle(id: string): Promise<void> {
		const toggles = new Set(this.state.query.toggles);
		if (toggles.has(id)) toggles.delete(id);
		else toggles.add(id);
		await this.setQuery({...this.state.query, toggles});
	}

	/** Apply daemon filters; when refused, keep the list and say why. Returns whether they apply. */
	async setFilters(filters: Record<string, string[]>): Promise<boolean> {
		if (filtersKey(filters) === filtersKey(this.state.query.filters)) {
			if (this.state.filterError) this.update({filterError: undefined});
			return true;
		}
		return this.setQuery({...this.state.query, filters});
	}

	private async setQuery(query: ListQuery): Promise<boolean> {
		try {
			const rows = await this.kind.list(this.session.engine, query, this.session.signal);
			this.update({rows, query, syncedAt: this.now(), filterError: undefined, refreshError: undefined});
			return true;
		} catch (error) {
			const engineError = asEngineError(error);
			if (LOST.has(engineError.code)) this.session.lost(engineError);
			else if (engineError.code !== 'aborted') this.update({filterError: engineError.message});
			return false;
		}
	}

	private async sync(signal: AbortSignal): Promise<void> {
		let rows: Row[];
		try {
			rows = await this.kind.list(this.session.engine, this.state.query, signal);
		} catch (error) {
			// The daemon answers, so a failing filtered list means it refused the filters.
			const engineError = asEngineError(error);
			if (Object.keys(this.state.query.filters).length === 0 || LOST.has(engineError.code)) throw engineError;
			const query = {...this.state.query, filters: {}};
			this.update({query, filterError: engineError.message});
			rows = await this.kind.list(this.session.engine, query, signal);
		}
		this.lastRefreshAt = this.now();
		this.update({rows, syncedAt: this.now(), refreshError: undefined});
	}

	private scheduleRefresh(gapMs: number): void {
		if (this.session.getSnapshot().connection !== 'connected' || this.refreshTimer) return;
		const wait = Math.max(0, this.lastRefreshAt + gapMs - this.now());
		this.refreshTimer = setTimeout(() => {
			this.refreshTimer = undefined;
			void this.refresh();
		}, wait);
	}

	private async refresh(): Promise<void> {
		if (this.refreshing) {
			this.refreshQueued = true;
			return;
		}
		this.refreshing = true;
		this.lastRefreshAt = this.now();
		try {
			const rows = await this.kind.list(this.session.engine, this.state.query, this.session.signal);
			this.update({rows, syncedAt: this.now(), refreshError: undefined});
		} catch (error) {
			const engineError = asEngineError(error);
			if (LOST.has(engineError.code)) this.session.lost(engineError);
			else if (engineError.code !== 'aborted') this.update({refreshError: engineError.message});
		} finally {
			this.refreshing = false;
			if (this.refreshQueued) {
				this.refreshQueued = false;
				this.scheduleRefresh(this.minRefreshGapMs);
			}
		}
	}
}
