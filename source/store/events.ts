/**
 * The events view's model: the host session's one live `/events` stream (opening the view adds no
 * connection) plus one finite backlog request at open, merged in time order without duplicates
 * where the two overlap, bounded, filtered with `docker events --filter` semantics on this side,
 * pausable, and announced at most once per batch interval however fast events come.
 */
import type {EventFilters} from '../engine/system-api.js';
import type {EngineEvent} from '../engine/types.js';
import {eventsSince, matchesEventFilters, parseEventFilters} from '../present/events.js';
import {Store} from './emitter.js';

/** How many events the view keeps (the newest); older ones are dropped. */
export const EVENTS_LIMIT = 5000;
/** At most one notification per this many ms under an event flood. */
export const EVENTS_BATCH_MS = 75;

/** Where the store's events come from. */
export interface EventsSources {
	/** The host session's live stream: `(listener) => unsubscribe`. */
	subscribe: (listener: (event: EngineEvent) => void) => () => void;
	/**
	 * One finite read of the past (`engine.system.events({since, until, signal})`): `since` and
	 * `until` are Docker's time values (Unix seconds).
	 */
	loadBacklog: (since: string, until: string, signal: AbortSignal) => AsyncIterable<EngineEvent>;
}

/** Tuning for tests and callers. */
export interface EventsStoreOptions {
	limit?: number;
	batchMs?: number;
	/** The clock (ms since the epoch); tests fake it. */
	now?: () => number;
}

/** Snapshot of the events view. */
export interface EventsState {
	/** Bumped on every notification: key renders on it. */
	version: number;
	/** The events shown: time order (oldest first), filtered, frozen while paused. */
	events: readonly EngineEvent[];
	/** Events kept, before filtering (at most the limit). */
	kept: number;
	/** Events dropped because the limit was reached. */
	dropped: number;
	paused: boolean;
	/** Events that arrived (and pass the filters) since pausing: counted, not shown. */
	pending: number;
	/** The backlog request is running. */
	loading: boolean;
	/** Why the backlog could not be read (the live stream goes on). */
	error?: string;
	/** The backlog's start as typed ("10m", an RFC 3339 time, …). */
	since: string;
	/** The filter text in force, and its parsed filters. */
	filterText: string;
	filters: EventFilters;
	/** Why the last filter text was refused (the previous filters stay). */
	filterError?: string;
	/** Whether the store is open (subscribed). */
	open: boolean;
}

interface Entry {
	event: EngineEvent;
	/** Arrival order: ties in time keep it, and pause hides what came after it. */
	seq: number;
	key: string;
}

/**
 * Identity of an event across the two sources. The time is the double both sources agree on
 * (the backlog keeps exact digits, the session's stream may not).
 */
function keyOf(event: EngineEvent): string {
	const attributes = Object.keys(event.attributes)
		.sort()
		.map((key) => `${key}=${event.attributes[key]}`)
		.join('\u0000');
	return [event.timeNano, event.type, event.action, event.actorId || event.id, attributes].join('\u0001');
}

/** The events view's store: `open()` it when the view opens, `close()` it when it closes. */
export class EventsStore extends Store<EventsState> {
	private entries: Entry[] = [];
	private keys = new Set<string>();
	private seq = 0;
	private droppedSinceFlush = 0;
	private pausedAt = Number.POSITIVE_INFINITY;
	private unsubscribe?: () => void;
	private backlog?: AbortController;
	private timer?: NodeJS.Timeout;
	private readonly limit: number;
	private readonly batchMs: number;
	private readonly now: () => number;

	constructor(
		private readonly sources: EventsSources,
		options: EventsStoreOptions = {},
	) {
		super({version: 0, events: [], kept: 0, dropped: 0, paused: false, pending: 0, loading: false, since: '', filterText: '', filters: {}, open: false});
		this.limit = options.limit ?? EVENTS_LIMIT;
		this.batchMs = options.batchMs ?? EVENTS_BATCH_MS;
		this.now = options.now ?? Date.now;
	}

	/**
	 * Start: subscribe to the live stream, then read the backlog from `since` (default 10 minutes)
	 * up to now. Opening again reloads the backlog (e.g. with another since); events kept stay.
	 * Returns an error text when `since` is not a time.
	 */
	open(since = ''): string | undefined {
		const nowMs = this.now();
		const parsed = eventsSince(since, nowMs);
		if (!parsed.ok) return parsed.error;
		this.unsubscribe ??= this.sources.subscribe((event) => this.add(event));
		this.backlog?.abort();
		const abort = new AbortController();
		this.backlog = abort;
		this.update({since, loading: true, error: undefined, open: true, version: this.state.version + 1});
		void this.load(parsed.value, (nowMs / 1000).toFixed(3), abort);
		return undefined;
	}

	/** Stop: unsubscribe, cancel the backlog, stop notifying. The events stay for a reopen. */
	close(): void {
		this.unsubscribe?.();
		this.unsubscribe = undefined;
		this.backlog?.abort();
		this.backlog = undefined;
		clearTimeout(this.timer);
		this.timer = undefined;
		this.update({open: false, loading: false, version: this.state.version + 1});
	}

	/** Forget every event (the view's "clear"). */
	clear(): void {
		this.entries = [];
		this.keys.clear();
		this.publish({dropped: 0});
	}

	/**
	 * Filter with `docker events --filter` text (`type=container event=start`). Invalid text is
	 * refused with the error in `filterError`, keeping the filters in force; returns that error.
	 */
	setFilter(text: string): string | undefined {
		const parsed = parseEventFilters(text);
		if (!parsed.ok) {
			this.update({filterError: parsed.error, version: this.state.version + 1});
			return parsed.error;
		}
		this.publish({filterText: text, filters: parsed.filters, filterError: undefined});
		return undefined;
	}

	/** Freeze what is shown; new events are counted in `pending`. */
	pause(): void {
		if (this.state.paused) return;
		this.pausedAt = this.seq;
		this.publish({paused: true});
	}

	/** Show everything again, including what came while paused. */
	resume(): void {
		if (!this.state.paused) return;
		this.pausedAt = Number.POSITIVE_INFINITY;
		this.publish({paused: false});
	}

	/** Pause or resume. */
	togglePause(): void {
		if (this.state.paused) this.resume();
		else this.pause();
	}

	private async load(since: string, until: string, abort: AbortController): Promise<void> {
		try {
			for await (const event of this.sources.loadBacklog(since, until, abort.signal)) {
				if (abort.signal.aborted) return;
				this.add(event);
			}
			if (abort.signal.aborted) return;
			this.publish({loading: false});
		} catch (error) {
			if (abort.signal.aborted) return;
			this.publish({loading: false, error: error instanceof Error ? error.message : String(error)});
		}
	}

	/** Keep one event in time order, unless it is already kept; notify in the next batch. */
	private add(event: EngineEvent): void {
		const key = keyOf(event);
		if (this.keys.has(key)) return;
		this.seq += 1;
		const entry: Entry = {event, seq: this.seq, key};
		const last = this.entries.at(-1);
		if (last === undefined || last.event.timeNano <= event.timeNano) {
			this.entries.push(entry);
		} else {
			// Backlog events are older than live ones: the first later event is where it goes.
			let low = 0;
			let high = this.entries.length;
			while (low < high) {
				const middle = (low + high) >>> 1;
				if (this.entries[middle]!.event.timeNano <= event.timeNano) low = middle + 1;
				else high = middle;
			}
			this.entries.splice(low, 0, entry);
		}
		this.keys.add(key);
		let dropped = 0;
		while (this.entries.length > this.limit) {
			this.keys.delete(this.entries.shift()!.key);
			dropped += 1;
		}
		this.droppedSinceFlush += dropped;
		this.schedule();
	}

	private schedule(): void {
		if (this.timer !== undefined) return;
		this.timer = setTimeout(() => {
			this.timer = undefined;
			this.publish({});
		}, this.batchMs);
	}

	/** Recompute what is shown and notify once. */
	private publish(patch: Partial<EventsState>): void {
		const filters = patch.filters ?? this.state.filters;
		const paused = patch.paused ?? this.state.paused;
		const unfiltered = Object.keys(filters).length === 0;
		const shown: EngineEvent[] = [];
		let pending = 0;
		for (const entry of this.entries) {
			if (!unfiltered && !matchesEventFilters(entry.event, filters)) continue;
			if (paused && entry.seq > this.pausedAt) pending += 1;
			else shown.push(entry.event);
		}
		// While paused, arrivals only count; the shown list changes through filters, clear, or the
		// bound dropping its oldest events.
		const dropped = (patch.dropped ?? this.state.dropped) + this.droppedSinceFlush;
		this.droppedSinceFlush = 0;
		this.update({...patch, events: shown, pending, kept: this.entries.length, dropped, version: this.state.version + 1});
	}
}
