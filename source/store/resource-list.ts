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
	/** Bumped by every read; an answer is kept only when its read is the latest. */
	private generation = 0;
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
		await this.setQuery({...this.state.query, toggles}, {full: true});
	}

	/** Apply daemon filters; when refused, keep the list and say why. Returns whether they apply. */
	async setFilters(filters: Record<string, string[]>): Promise<boolean> {
		if (filtersKey(filters) === filtersKey(this.state.query.filters)) {
			if (this.state.filterError) this.update({filterError: undefined});
			return true;
		}
		return this.setQuery({...this.state.query, filters}, {full: false});
	}

	/**
	 * The query a re-read uses: without the slow toggles (volume sizes walk the disk), which are
	 * measured when turned on and carried over to the rows of later reads (kind.carry), never
	 * repeated by events, polls or reconnects.
	 */
	private cheap(query: ListQuery): ListQuery {
		const slow = (this.kind.toggles ?? []).filter((toggle) => toggle.slow).map((toggle) => toggle.id);
		if (!slow.some((id) => query.toggles.has(id))) return query;
		return {...query, toggles: new Set([...query.toggles].filter((id) => !slow.includes(id)))};
	}

	/** Rows of a cheap read, with what the previous rows measured slowly carried over. */
	private carried(rows: Row[]): Row[] {
		const carry = this.kind.carry;
		if (!carry || this.cheap(this.state.query) === this.state.query) return rows;
		const previous = new Map(this.state.rows.map((row) => [this.kind.key(row), row]));
		return rows.map((row) => {
			const before = previous.get(this.kind.key(row));
			return before === undefined ? row : carry(before, row);
		});
	}

	/**
	 * One read of the list. Reads can overlap (a toggle while an event's refresh is out): each gets a
	 * generation, and only the latest one's answer is kept, so the query shown is the rows' query.
	 */
	private async read(query: ListQuery, signal: AbortSignal, {full}: {full: boolean}): Promise<{rows: Row[]; latest: boolean}> {
		const generation = ++this.generation;
		const rows = await this.kind.list(this.session.engine, full ? query : this.cheap(query), signal);
		return {rows: full ? rows : this.carried(rows), latest: generation === this.generation};
	}

	private async setQuery(query: ListQuery, how: {full: boolean}): Promise<boolean> {
		const before = this.state.query;
		// The wanted query at once: a second key press builds on it, not on the answer still out.
		this.update({query});
		try {
			const {rows, latest} = await this.read(query, this.session.signal, how);
			if (latest) this.update({rows, syncedAt: this.now(), filterError: undefined, refreshError: undefined});
			return true;
		} catch (error) {
			const engineError = asEngineError(error);
			if (this.state.query === query) this.update({query: before});
			if (LOST.has(engineError.code)) this.session.lost(engineError);
			else if (engineError.code !== 'aborted') this.update({filterError: engineError.message});
			return false;
		}
	}

	/**
	 * The list's part of a (re)connect. Only a lost daemon fails it: a kind the daemon refuses to list
	 * (a 500 on /images/json) shows its error and must not take the whole host down with it.
	 */
	private async sync(signal: AbortSignal): Promise<void> {
		try {
			let rows: Row[];
			try {
				({rows} = await this.read(this.state.query, signal, {full: false}));
			} catch (error) {
				// The daemon answers, so a failing filtered list means it refused the filters.
				const engineError = asEngineError(error);
				if (Object.keys(this.state.query.filters).length === 0 || LOST.has(engineError.code)) throw engineError;
				const query = {...this.state.query, filters: {}};
				this.update({query, filterError: engineError.message});
				({rows} = await this.read(query, signal, {full: false}));
			}
			this.lastRefreshAt = this.now();
			this.update({rows, syncedAt: this.now(), refreshError: undefined});
		} catch (error) {
			const engineError = asEngineError(error);
			if (LOST.has(engineError.code)) throw engineError;
			if (engineError.code !== 'aborted') this.update({refreshError: engineError.message, syncedAt: this.now()});
		}
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
			const {rows, latest} = await this.read(this.state.query, this.session.signal, {full: false});
			if (latest) this.update({rows, syncedAt: this.now(), refreshError: undefined});
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
