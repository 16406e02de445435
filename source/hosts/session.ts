/**
 * A host session: porthole's one relationship with one Docker engine. It owns the connection
 * (connect, heartbeat, backoff and reconnect), the engine facts the header shows (/version +
 * /info), and the ONE `/events` stream of the host, which every store of every kind subscribes to
 * instead of opening its own. Stores register a sync step; on every (re)connect the session follows
 * events first, then runs every step, so nothing between a list and the subscription is missed, and
 * the host counts as connected once all of them have their data.
 *
 * Many hosts at once (issue 14) is a map of sessions; nothing here assumes there is only one.
 */
import {setMaxListeners} from 'node:events';
import {EngineError} from '../engine/errors.js';
import type {Engine, EngineEvent, EngineInfo} from '../engine/types.js';
import {Store} from '../store/emitter.js';

/** Connection as the header and banner show it. */
export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

/** What the session knows of its host. */
export interface SessionState {
	connection: ConnectionStatus;
	/** Why the daemon is unreachable, when disconnected. */
	connectionError?: EngineError;
	/** When the next reconnect attempt happens (ms epoch), while disconnected. */
	retryAt?: number;
	info?: EngineInfo;
}

/** Tunables, mostly for tests. */
export interface SessionOptions {
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

/** A store's part of a (re)connect: load its data; throw an EngineError when the daemon is lost. */
export type SyncStep = (signal: AbortSignal) => Promise<void>;

/** Errors that mean the daemon is lost (rather than refusing one request). */
export const LOST = new Set<EngineError['code']>(['unreachable', 'not-responding', 'permission']);

/** Any thrown value as an EngineError (unknown failures count as `fallback`). */
export function asEngineError(error: unknown, fallback: EngineError['code'] = 'engine'): EngineError {
	return error instanceof EngineError ? error : new EngineError(fallback, String(error));
}

/** One engine's connection, facts and event stream. */
export class HostSession extends Store<SessionState> {
	private readonly backoffMinMs: number;
	private readonly backoffMaxMs: number;
	private readonly heartbeatMs: number;
	private readonly now: () => number;
	private backoffMs: number;
	private readonly lifetime = HostSession.lifetimeController();
	private eventsAbort?: AbortController;
	private retryTimer?: NodeJS.Timeout;
	private heartbeatTimer?: NodeJS.Timeout;
	private started = false;
	private connecting?: Promise<void>;
	private readonly eventListeners = new Set<(event: EngineEvent) => void>();
	private readonly syncSteps = new Set<SyncStep>();

	/**
	 * One signal for every request of the session's life. Each request in flight listens on it, and
	 * inspecting the rows on screen makes dozens at once. Node 22 allows that; Node 20 (unsupported,
	 * but it runs) prints a MaxListenersExceededWarning past 10 listeners, on stderr, in the middle
	 * of the screen. The listeners go when their requests end.
	 */
	private static lifetimeController(): AbortController {
		const controller = new AbortController();
		setMaxListeners(0, controller.signal);
		return controller;
	}

	constructor(
		readonly engine: Engine,
		options: SessionOptions = {},
	) {
		super({connection: 'connecting'});
		this.backoffMinMs = options.backoffMinMs ?? 500;
		this.backoffMaxMs = options.backoffMaxMs ?? 10_000;
		this.backoffMs = this.backoffMinMs;
		this.heartbeatMs = options.heartbeatMs ?? 2000;
		this.now = options.now ?? Date.now;
	}

	/** Aborts when the session stops: for every request made on its behalf. */
	get signal(): AbortSignal {
		return this.lifetime.signal;
	}

	/**
	 * Connect, run the sync steps and follow events. Resolves after the first attempt, connected or
	 * not (a daemon that does not answer makes that the engine's answer timeout).
	 */
	async start(): Promise<void> {
		if (this.started) return this.connecting;
		this.started = true;
		this.connecting = this.connect();
		return this.connecting;
	}

	/** Stop every timer and stream. */
	stop(): void {
		this.lifetime.abort();
		this.eventsAbort?.abort();
		clearTimeout(this.retryTimer);
		clearTimeout(this.heartbeatTimer);
	}

	/** Listen to every engine event of this host (one /events stream serves everyone). */
	onEvent = (listener: (event: EngineEvent) => void): (() => void) => {
		this.eventListeners.add(listener);
		return () => {
			this.eventListeners.delete(listener);
		};
	};

	/**
	 * Add a store's sync step: run on every (re)connect, and at once when the session is already
	 * connected (a kind opened later). Returns the removal.
	 */
	addSync(step: SyncStep): () => void {
		this.syncSteps.add(step);
		if (this.state.connection === 'connected') {
			step(this.signal).catch((error: unknown) => {
				const engineError = asEngineError(error, 'unreachable');
				if (LOST.has(engineError.code)) this.lost(engineError);
			});
		}
		return () => {
			this.syncSteps.delete(step);
		};
	}

	/** Re-read /version + /info (the header's counts), e.g. with a list refresh. */
	async refreshInfo(): Promise<void> {
		const info = await this.engine.info(this.signal);
		this.update({info});
	}

	/** A store's request found the daemon gone: show it and start reconnecting. */
	lost(error: EngineError): void {
		if (this.lifetime.signal.aborted || this.state.connection === 'disconnected') return;
		this.onDisconnect(error);
	}

	private async connect(): Promise<void> {
		if (this.lifetime.signal.aborted) return;
		try {
			const info = await this.engine.info(this.lifetime.signal);
			this.backoffMs = this.backoffMinMs;
			// Events first, so nothing between a list and the subscription is missed.
			this.followEvents();
			const steps = [...this.syncSteps];
			await Promise.all(steps.map((step) => step(this.lifetime.signal)));
			// A store added while these ran (a kind opened during a reconnect) is loaded too.
			const added = [...this.syncSteps].filter((step) => !steps.includes(step));
			await Promise.all(added.map((step) => step(this.lifetime.signal)));
			this.update({connection: 'connected', connectionError: undefined, retryAt: undefined, info});
			this.scheduleHeartbeat();
		} catch (error) {
			if (this.lifetime.signal.aborted) return;
			this.onDisconnect(asEngineError(error, 'unreachable'));
		}
	}

	private followEvents(): void {
		this.eventsAbort?.abort();
		const abort = new AbortController();
		this.eventsAbort = abort;
		void (async () => {
			try {
				for await (const event of this.engine.events(abort.signal)) for (const listener of this.eventListeners) listener(event);
				if (!abort.signal.aborted) this.onDisconnect(new EngineError('unreachable', `Lost the event stream from ${this.engine.endpoint.url}.`));
			} catch (error) {
				if (abort.signal.aborted) return;
				this.onDisconnect(asEngineError(error, 'unreachable'));
			}
		})();
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
					const engineError = asEngineError(error, 'unreachable');
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
