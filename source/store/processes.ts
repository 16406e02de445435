/**
 * `docker top` for the selected running container while the processes pane is visible: polled
 * every 2 s through the API (there is no push for it). The ps arguments ask for PID, PPID, USER,
 * %CPU, %MEM, elapsed time and the full command; when the host's ps rejects them (busybox or
 * Windows hosts), fall back to the daemon's default columns and say so.
 */
import {EngineError} from '../engine/errors.js';
import type {Engine, ProcessList} from '../engine/types.js';
import {Store} from './emitter.js';

/** ps arguments for the processes pane. */
export const PS_ARGS = '-o pid,ppid,user,pcpu,pmem,etime,args';

/** Snapshot of the processes pane's data. */
export interface ProcessesState {
	id?: string;
	list?: ProcessList;
	error?: string;
	/** True when the host's ps rejected PS_ARGS and the daemon's defaults are shown. */
	fallback: boolean;
	loading: boolean;
}

/** Polls `top` for one container at a time. */
export class ProcessesStore extends Store<ProcessesState> {
	private timer?: NodeJS.Timeout;
	private abort?: AbortController;
	private useDefaults = false;

	constructor(
		private readonly engine: Engine,
		private readonly intervalMs = 2000,
	) {
		super({fallback: false, loading: false});
	}

	/** Watch this container (undefined stops polling). */
	watch(id: string | undefined): void {
		if (id === this.state.id && (this.timer || !id)) return;
		this.stopPolling();
		this.update({id, list: undefined, error: undefined, loading: Boolean(id)});
		if (id) void this.poll(id);
	}

	/** Stop polling. */
	stop(): void {
		this.stopPolling();
	}

	private stopPolling(): void {
		clearTimeout(this.timer);
		this.timer = undefined;
		this.abort?.abort();
	}

	private async poll(id: string): Promise<void> {
		const abort = new AbortController();
		this.abort = abort;
		try {
			let list: ProcessList;
			try {
				list = await this.engine.top(id, this.useDefaults ? undefined : PS_ARGS, abort.signal);
			} catch (error) {
				// The host's ps did not take our arguments: the daemon answers 500 with ps's message.
				if (this.useDefaults || !(error instanceof EngineError) || error.code !== 'engine') throw error;
				this.useDefaults = true;
				list = await this.engine.top(id, undefined, abort.signal);
			}
			if (abort.signal.aborted || this.state.id !== id) return;
			this.update({list, error: undefined, fallback: this.useDefaults, loading: false});
		} catch (error) {
			if (abort.signal.aborted || this.state.id !== id) return;
			this.update({error: error instanceof Error ? error.message : String(error), loading: false});
		}
		if (this.state.id === id && !abort.signal.aborted) this.timer = setTimeout(() => void this.poll(id), this.intervalMs);
	}
}
