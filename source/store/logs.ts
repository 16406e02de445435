/**
 * The lines of one logs view: a single container or several merged by timestamp. Lines are read
 * with timestamps, sanitised by the one sanitiser, kept in a bounded buffer (by count and by
 * size), and handed to React in batches every 50 ms, so a container writing 10,000 lines a
 * second costs twenty small updates a second, not ten thousand.
 *
 * When a followed container stops, a marker line says how; when it starts again (restart
 * policy, or someone ran `docker start`), following resumes from just after the last line seen.
 */
import type {Engine, EngineEvent, LogsOptions} from '../engine/types.js';
import {type LogTime, resumeAfter, timeAtOrBefore} from '../present/logs.js';
import type {StyleSpan} from '../present/sanitize.js';
import {type TimedLine, TimestampedLines} from './log-lines.js';
import {Store} from './emitter.js';

/** One line in the view. */
export interface LogLine {
	/** Arrival order, unique in the view. */
	readonly seq: number;
	readonly time?: LogTime;
	readonly stream: 'stdout' | 'stderr' | 'marker';
	/** Index into the view's targets (for the name prefix and its colour). */
	readonly source: number;
	readonly text: string;
	readonly spans?: StyleSpan[];
}

/**
 * A line in the buffer. Its time and text are not strings of their own: they sit in one string
 * shared by the lines of its batch, and are cut out when read. In a flood every buffered line
 * lives about a second, long enough for V8 to move it to the old generation, where the heap then
 * grows until the next full collection; a line as one small object and ~100 bytes of a shared
 * string is about 150 bytes, against 224 for an object with two strings of its own.
 */
class StoredLine implements LogLine {
	constructor(
		readonly seq: number,
		private readonly batch: string,
		private readonly textStart: number,
		private readonly end: number,
		/** Time length (7 bits), stream (2 bits), source (the rest): one small integer, not three fields. */
		private readonly meta: number,
	) {}

	get time(): LogTime | undefined {
		const length = this.meta & 0x7f;
		return length > 0 ? this.batch.slice(this.textStart - length, this.textStart) : undefined;
	}

	get text(): string {
		return this.batch.slice(this.textStart, this.end);
	}

	get stream(): LogLine['stream'] {
		return STREAMS[(this.meta >> 7) & 3]!;
	}

	get source(): number {
		return this.meta >>> 9;
	}

	get spans(): StyleSpan[] | undefined {
		return undefined;
	}

	/** The text's length, without cutting it out. */
	get length(): number {
		return this.end - this.textStart;
	}
}

/** A stored line with colours (rare: only lines that had SGR colours keep spans). */
class StyledStoredLine extends StoredLine {
	constructor(seq: number, batch: string, textStart: number, end: number, meta: number, private readonly styleSpans: StyleSpan[]) {
		super(seq, batch, textStart, end, meta);
	}

	override get spans(): StyleSpan[] | undefined {
		return this.styleSpans;
	}
}

const STREAMS = ['stdout', 'stderr', 'marker'] as const;

/** Any character beyond Latin-1 makes a whole string two bytes a character: such lines batch apart. */
const WIDE = /[^\x00-\xff]/;

/**
 * The batch's lines as stored lines: one string for the one-byte lines and one for the others,
 * each line's time (if any) right before its text.
 */
function storeBatch(lines: readonly PendingLine[]): StoredLine[] {
	const narrow: string[] = [];
	const wide: string[] = [];
	let narrowLength = 0;
	let wideLength = 0;
	const places: Array<{wide: boolean; textStart: number; end: number; meta: number}> = [];
	for (const line of lines) {
		// Docker's stamps are at most 35 characters; the length must fit 7 bits (see StoredLine).
		const time = line.time && line.time.length <= 0x7f ? line.time : '';
		const isWide = WIDE.test(line.text) || WIDE.test(time);
		const parts = isWide ? wide : narrow;
		const start = isWide ? wideLength : narrowLength;
		parts.push(time, line.text);
		const end = start + time.length + line.text.length;
		places.push({wide: isWide, textStart: start + time.length, end, meta: time.length | (STREAMS.indexOf(line.stream) << 7) | (line.source << 9)});
		if (isWide) wideLength = end;
		else narrowLength = end;
	}
	const narrowBatch = narrow.join('');
	const wideBatch = wide.join('');
	return lines.map((line, index) => {
		const place = places[index]!;
		const batch = place.wide ? wideBatch : narrowBatch;
		return line.spans ? new StyledStoredLine(line.seq, batch, place.textStart, place.end, place.meta, line.spans) : new StoredLine(line.seq, batch, place.textStart, place.end, place.meta);
	});
}

/** A line read but not yet in the buffer. */
interface PendingLine {
	seq: number;
	time?: LogTime;
	stream: 'stdout' | 'stderr' | 'marker';
	source: number;
	text: string;
	spans?: StyleSpan[];
}

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
	 * The buffer. It is changed in place (appended, trimmed at the front) rather than copied on
	 * every batch: copying 10,000 references 20 times a second in a flood made arrays that lived
	 * just long enough to be promoted, and the heap grew. The snapshot object is new on every
	 * change, so memoise on the snapshot, not on this array.
	 */
	lines: readonly LogLine[];
	/** Lines received so far, including those evicted from the buffer. */
	received: number;
	/** Lines dropped from the front of the buffer to keep it bounded. */
	evicted: number;
	status: readonly TargetStatus[];
	error?: string;
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
}

interface Reader {
	abort: AbortController;
	streams: Record<'stdout' | 'stderr', TimestampedLines>;
}

/** Reads, merges and bounds the logs of one or more containers. */
export class LogsStore extends Store<LogsState> {
	private readonly readers: Array<Reader | undefined>;
	private pending: PendingLine[] = [];
	private flushTimer?: NodeJS.Timeout;
	private seq = 0;
	private chars = 0;
	private stopped = false;
	/** The buffer array a paused view reads (see hold). */
	private held?: readonly LogLine[];
	private readonly maxLines: number;
	private readonly maxChars: number;
	private readonly flushMs: number;

	constructor(
		private readonly engine: Engine,
		readonly targets: readonly LogTarget[],
		readonly options: LogsStoreOptions,
	) {
		super({lines: [], received: 0, evicted: 0, status: targets.map(() => 'loading')});
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
	 * buffer array and leaves the held one as it is, so the paused view keeps the lines it shows;
	 * the new array is trimmed in place as usual (no copy per batch; see LogsState.lines).
	 */
	hold(on: boolean): void {
		this.held = on ? this.state.lines : undefined;
	}

	/** Stop every stream and timer. */
	stop(): void {
		this.stopped = true;
		for (const reader of this.readers) reader?.abort.abort();
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
		this.update({status: next});
	}

	private scheduleFlush(): void {
		if (this.flushTimer || this.stopped) return;
		this.flushTimer = setTimeout(() => this.flush(), this.flushMs);
	}

	/** Move pending lines into the buffer (in time order when merging) and trim it. */
	private flush(): void {
		this.flushTimer = undefined;
		if (this.pending.length === 0) return;
		const incoming = storeBatch(this.pending);
		this.pending = [];
		// Only this store fills the buffer, with StoredLines.
		const lines = this.state.lines as StoredLine[];
		const merged = this.targets.length > 1;
		for (const line of incoming) {
			this.chars += line.length;
			if (!merged || !line.time || lines.length === 0) {
				lines.push(line);
				continue;
			}
			// Insert by time: usually at the end, so search backwards from there.
			let at = lines.length;
			while (at > 0) {
				const before = lines[at - 1]!.time;
				if (!before || timeAtOrBefore(before, line.time)) break;
				at -= 1;
			}
			lines.splice(at, 0, line);
		}
		let evicted = 0;
		while (lines.length - evicted > this.maxLines || (this.chars > this.maxChars && lines.length - evicted > 1)) {
			this.chars -= lines[evicted]!.length;
			evicted += 1;
		}
		let kept = lines;
		if (evicted > 0) {
			// Only the held array is left alone; once moved on, the new one is trimmed in place again.
			if (lines === this.held) kept = lines.slice(evicted);
			else lines.splice(0, evicted);
		}
		this.update({
			lines: kept,
			received: this.state.received + incoming.length,
			evicted: this.state.evicted + evicted,
		});
	}
}
