/**
 * The lines of one logs view: a single container or several merged by timestamp. Lines are read
 * with timestamps, sanitised by the one sanitiser, kept in a bounded buffer (by count and by
 * size), and handed to React in batches every 50 ms, so a container writing 10,000 lines a
 * second costs twenty small updates a second, not ten thousand.
 *
 * When a followed container stops, a marker line says how; when it starts again (restart
 * policy, or someone ran `docker start`), following resumes from just after the last line seen.
 */
import {ANSWER_TIMEOUT_MS, type Engine, type EngineEvent, type LogsOptions} from '../engine/types.js';
import {type LogTime, resumeAfter, timeAtOrBefore} from '../present/logs.js';
import {LogBuffer, type LogLine} from './log-buffer.js';
import {type TimedLine, TimestampedLines} from './log-lines.js';
import {Store} from './emitter.js';

export type {LogLine, LogList} from './log-buffer.js';

/** A container whose logs are shown. */
export interface LogTarget {
	id: string;
	name: string;
}

/** Per-target state, for the status line. */
export type TargetStatus = 'loading' | 'following' | 'ended' | 'stopped' | 'error';

/** Snapshot of a logs view. */
export interface LogsState {
	/**
	 * The buffer (off the heap: see log-buffer.ts). It is changed in place (appended, trimmed at
	 * the front), never by its readers. The snapshot object is new on every change, so memoise on
	 * the snapshot, not on the buffer.
	 */
	lines: LogBuffer;
	/** Lines received so far, including those evicted from the buffer. */
	received: number;
	/** Lines dropped from the front of the buffer to keep it bounded. */
	evicted: number;
	status: readonly TargetStatus[];
	error?: string;
	/**
	 * Some target's read has had no answer from the daemon for `noAnswerMs`: the view says so
	 * rather than "Loading…" for ever. The read is not abandoned: a slow or paused daemon that
	 * answers later is read as usual, and this goes back to false.
	 */
	noAnswer?: boolean;
}

/** What to read and how much to keep. */
export interface LogsStoreOptions extends Omit<LogsOptions, 'follow'> {
	follow?: boolean;
	/** Lines kept per target (default 10,000). */
	maxLines?: number;
	/** Characters kept in all, whatever the line count (default 32 M), so long lines stay bounded. */
	maxChars?: number;
	/** Keep SGR colours as styles (default true). */
	keepColor?: boolean;
	/** Batch period (default 50 ms). */
	flushMs?: number;
	/** Display limit for one line (default 64 KiB); longer lines are truncated with a marker. */
	maxLineLength?: number;
	/** How long a read may go unanswered before `noAnswer` is set (default: the engine's answer timeout). */
	noAnswerMs?: number;
}

interface Reader {
	/** Sets `noAnswer` when the daemon has not answered this read in time. */
	noAnswerTimer?: NodeJS.Timeout;
	abort: AbortController;
	streams: Record<'stdout' | 'stderr', TimestampedLines>;
}

/** Reads, merges and bounds the logs of one or more containers. */
export class LogsStore extends Store<LogsState> {
	private readonly readers: Array<Reader | undefined>;
	/** Lines read and not yet in the buffer (they live one batch period). */
	private pending: LogLine[] = [];
	private flushTimer?: NodeJS.Timeout;
	private seq = 0;
	private chars = 0;
	private stopped = false;
	/** The buffer a paused view reads (see hold). */
	private held?: LogBuffer;
	private readonly maxLines: number;
	private readonly maxChars: number;
	private readonly flushMs: number;

	constructor(
		private readonly engine: Engine,
		readonly targets: readonly LogTarget[],
		readonly options: LogsStoreOptions,
	) {
		super({lines: new LogBuffer(), received: 0, evicted: 0, status: targets.map(() => 'loading')});
		this.readers = targets.map(() => undefined);
		this.maxLines = (options.maxLines ?? 10_000) * Math.max(1, targets.length);
		this.maxChars = options.maxChars ?? 32 * 1024 * 1024;
		this.flushMs = options.flushMs ?? 50;
	}

	/** Start reading every target. */
	start(): void {
		this.targets.forEach((_, index) => this.open(index, {tail: this.options.tail, since: this.options.since, until: this.options.until}));
	}

	/**
	 * While held (a view is paused on this buffer), dropping old lines the first time makes a new
	 * buffer and leaves the held one as it is, so the paused view keeps the lines it shows; the new
	 * buffer is trimmed in place as usual (no copy per batch; see LogsState.lines).
	 */
	hold(on: boolean): void {
		this.held = on ? this.state.lines : undefined;
	}

	/** Stop every stream and timer. */
	stop(): void {
		this.stopped = true;
		for (const reader of this.readers) {
			reader?.abort.abort();
			clearTimeout(reader?.noAnswerTimer);
		}
		clearTimeout(this.flushTimer);
	}

	/** React to the engine's events: exit markers and resuming after a restart. */
	handleEvent(event: EngineEvent): void {
		if (event.type !== 'container' || this.stopped) return;
		const index = this.targets.findIndex((target) => target.id === event.id);
		if (index < 0) return;
		if (event.action === 'die') {
			const code = event.attributes.exitCode ?? '?';
			const when = new Date(event.timeNano / 1e6).toISOString().replace('T', ' ').slice(0, 19);
			this.marker(index, `■ ${this.targets[index]!.name} exited with code ${code} at ${when} UTC`);
			this.setStatus(index, 'stopped');
		} else if (event.action === 'start' && this.following && !this.readers[index]) {
			const last = this.lastTime(index);
			this.marker(index, `▶ ${this.targets[index]!.name} started again; following`);
			this.open(index, {tail: last ? 'all' : 0, since: last ? resumeAfter(last) : undefined});
		}
	}

	private get following(): boolean {
		return (this.options.follow ?? true) && this.options.until === undefined;
	}

	private lastTime(index: number): LogTime | undefined {
		return this.lastTimes[index];
	}

	private lastTimes: Array<LogTime | undefined> = [];

	private open(index: number, range: Pick<LogsOptions, 'tail' | 'since' | 'until'>): void {
		const target = this.targets[index]!;
		const abort = new AbortController();
		const lines = () => new TimestampedLines({keepColor: this.options.keepColor ?? true, maxLineLength: this.options.maxLineLength ?? 65_536});
		const reader: Reader = {abort, streams: {stdout: lines(), stderr: lines()}};
		this.readers[index] = reader;
		this.setStatus(index, 'loading');
		reader.noAnswerTimer = setTimeout(() => {
			if (!this.stopped && this.readers[index] === reader && this.state.status[index] === 'loading') this.update({noAnswer: true});
		}, this.options.noAnswerMs ?? ANSWER_TIMEOUT_MS);
		void (async () => {
			let ended: TargetStatus = 'ended';
			try {
				let first = true;
				for await (const chunks of this.engine.logs(target.id, {...range, follow: this.following}, abort.signal)) {
					if (first) {
						first = false;
						this.setStatus(index, this.following ? 'following' : 'ended');
					}
					for (const chunk of chunks) for (const line of reader.streams[chunk.stream].push(chunk.data, chunk.framed ?? false)) this.addLine(index, chunk.stream, line);
				}
				for (const stream of ['stdout', 'stderr'] as const) for (const line of reader.streams[stream].end()) this.addLine(index, stream, line);
			} catch (error) {
				ended = 'error';
				if (!abort.signal.aborted) this.update({error: `${target.name}: ${error instanceof Error ? error.message : String(error)}`});
			} finally {
				clearTimeout(reader.noAnswerTimer);
				if (this.readers[index] === reader) this.readers[index] = undefined;
				if (!abort.signal.aborted && this.state.status[index] !== 'stopped') this.setStatus(index, ended);
				this.scheduleFlush();
			}
		})();
	}

	private addLine(source: number, stream: 'stdout' | 'stderr', line: TimedLine): void {
		if (line.time) this.lastTimes[source] = line.time;
		this.seq += 1;
		this.pending.push({seq: this.seq, time: line.time, stream, source, text: line.text, spans: line.spans});
		this.scheduleFlush();
	}

	private marker(source: number, text: string): void {
		this.seq += 1;
		this.pending.push({seq: this.seq, time: this.lastTimes[source], stream: 'marker', source, text});
		this.scheduleFlush();
	}

	private setStatus(index: number, status: TargetStatus): void {
		if (this.state.status[index] === status) return;
		const next = [...this.state.status];
		next[index] = status;
		clearTimeout(status === 'loading' ? undefined : this.readers[index]?.noAnswerTimer);
		this.update({status: next, ...(this.state.noAnswer && !next.includes('loading') ? {noAnswer: false} : {})});
	}

	private scheduleFlush(): void {
		if (this.flushTimer || this.stopped) return;
		this.flushTimer = setTimeout(() => this.flush(), this.flushMs);
	}

	/** Move pending lines into the buffer (in time order when merging) and trim it. */
	private flush(): void {
		this.flushTimer = undefined;
		if (this.pending.length === 0) return;
		const incoming = this.pending;
		this.pending = [];
		const lines = this.state.lines;
		const merged = this.targets.length > 1;
		for (const line of incoming) {
			this.chars += line.text.length;
			// Merging: insert by time, usually at the end, so search backwards from there.
			let at = lines.length;
			if (merged && line.time) {
				while (at > 0) {
					const before = lines.time(at - 1);
					if (!before || timeAtOrBefore(before, line.time)) break;
					at -= 1;
				}
			}
			lines.insert(line, at);
		}
		let evicted = 0;
		while (lines.length - evicted > this.maxLines || (this.chars > this.maxChars && lines.length - evicted > 1)) {
			this.chars -= lines.textLength(evicted);
			evicted += 1;
		}
		let kept = lines;
		if (evicted > 0) {
			// Only the held buffer is left alone; once moved on, the new one is trimmed in place again.
			if (lines === this.held) kept = lines.copyFrom(evicted);
			else lines.dropOldest(evicted);
		}
		this.update({
			lines: kept,
			received: this.state.received + incoming.length,
			evicted: this.state.evicted + evicted,
		});
	}
}
