/**
 * Where buffered log lines live: off the JavaScript heap.
 *
 * In a flood (10,000 lines a second into a 10,000-line buffer) every line lives about a second:
 * long enough for V8 to promote it to the old generation, where the heap then grows until the
 * next full collection. Measured in the benchmark, that promotion was about half of porthole's
 * memory growth in a flood, and on a busy machine V8 lets the old generation grow further before
 * collecting, which took the growth past its 50 MB budget. So a buffered line is not an object:
 * its text and time are bytes in a 64 KiB chunk (Buffers, outside the heap, reused once all their
 * lines are gone), and its other fields are slots in typed arrays used as a ring. A LogLine object
 * is made only when something reads a line: the rows on screen, a search, a save.
 *
 * Lines are addressed by index (0 = oldest kept). Dropping old lines shifts every index, so
 * anything that must find a line again (the paused view's top line, the current search hit)
 * keeps its `seq`, which never changes.
 */
import type {StyleSpan} from '../present/sanitize.js';
import type {LogTime} from '../present/logs.js';

/** One line, as read from the buffer (a new object each time; compare lines by seq). */
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

/** Lines the logs pane can read by index: the buffer, or the lines of it matching a filter. */
export interface LogList extends Iterable<LogLine> {
	readonly length: number;
	/** The line at `index` (negative counts from the end, as Array.at); undefined out of range. */
	at(index: number): LogLine | undefined;
	seq(index: number): number;
	text(index: number): string;
	stream(index: number): LogLine['stream'];
}

const STREAMS = ['stdout', 'stderr', 'marker'] as const;
/** Any character beyond Latin-1: the line is stored as UTF-16 (two bytes a character), else Latin-1 (one). */
const WIDE = /[^\x00-\xff]/;
const CHUNK_BYTES = 64 * 1024;
/** Lines bigger than this get a chunk of their own (not reused), so chunks are not left mostly empty. */
const OWN_CHUNK_BYTES = CHUNK_BYTES / 4;
/** Free chunks kept for reuse (2 MiB); more are left to the collector. */
const POOL_MAX = 32;
const MIN_SLOTS = 1024;

// meta: time length (7 bits; Docker's stamps are at most 35 characters), stream (2 bits), wide (1 bit), source (the rest).
const TIME_BITS = 0x7f;
const STREAM_SHIFT = 7;
const WIDE_BIT = 1 << 9;
const SOURCE_SHIFT = 10;

/** The lines of one logs view, oldest first, bounded by the store that fills it. */
export class LogBuffer implements LogList {
	// The ring of line slots: line `index` is slot (head + index) & (capacity - 1).
	private capacity = 0;
	private head = 0;
	private count = 0;
	private seqs = new Float64Array(0);
	private chunkIds = new Uint32Array(0);
	private offsets = new Uint32Array(0);
	/** Text length in characters (the time's is in meta). */
	private lengths = new Uint32Array(0);
	private metas = new Uint32Array(0);
	/** Colours of the few lines that have them, by seq. */
	private readonly styles = new Map<number, StyleSpan[]>();

	private readonly chunks: Array<Buffer | undefined> = [];
	/** Lines stored in each chunk; at zero the chunk is freed (unless it is still being written). */
	private readonly chunkLines: number[] = [];
	private readonly freeIds: number[] = [];
	private readonly pool: Buffer[] = [];
	private writeId = -1;
	private writeAt = 0;
	/** Lines dropped from the front over the buffer's life (a copy starts with its original's). */
	dropped = 0;

	/** A buffer holding `lines` (for tests and small views). */
	static of(lines: Iterable<LogLine>): LogBuffer {
		const buffer = new LogBuffer();
		for (const line of lines) buffer.insert(line);
		return buffer;
	}

	get length(): number {
		return this.count;
	}

	/** Store a line at `index` (default: the end). Text and time are copied into a chunk. */
	insert(line: LogLine, index = this.count): void {
		if (this.count === this.capacity) this.grow();
		const time = line.time && line.time.length <= TIME_BITS ? line.time : '';
		const wide = WIDE.test(line.text) || WIDE.test(time);
		const encoding = wide ? 'utf16le' : 'latin1';
		const bytes = (time.length + line.text.length) * (wide ? 2 : 1);
		const id = this.reserve(bytes);
		const chunk = this.chunks[id]!;
		const offset = id === this.writeId ? this.writeAt - bytes : 0;
		const textAt = offset + chunk.write(time, offset, encoding);
		chunk.write(line.text, textAt, encoding);
		// Make room at `index` by moving the later lines one slot on (merging: usually none or a few).
		for (let at = this.count; at > index; at -= 1) this.move(this.slot(at - 1), this.slot(at));
		const slot = this.slot(index);
		this.seqs[slot] = line.seq;
		this.chunkIds[slot] = id;
		this.offsets[slot] = offset;
		this.lengths[slot] = line.text.length;
		this.metas[slot] = time.length | (STREAMS.indexOf(line.stream) << STREAM_SHIFT) | (wide ? WIDE_BIT : 0) | (line.source << SOURCE_SHIFT);
		if (line.spans) this.styles.set(line.seq, line.spans);
		this.count += 1;
	}

	/** Drop the `n` oldest lines, freeing chunks no line uses any more. */
	dropOldest(n: number): void {
		const drop = Math.min(n, this.count);
		for (let index = 0; index < drop; index += 1) {
			const slot = this.slot(index);
			const id = this.chunkIds[slot]!;
			this.chunkLines[id]! -= 1;
			if (this.chunkLines[id] === 0 && id !== this.writeId) this.release(id);
			if (this.styles.size > 0) this.styles.delete(this.seqs[slot]!);
		}
		this.head = this.capacity === 0 ? 0 : (this.head + drop) & (this.capacity - 1);
		this.count -= drop;
		this.dropped += drop;
	}

	/** A new buffer with the lines from `index` on (this one is left as it is). */
	copyFrom(index: number): LogBuffer {
		const copy = new LogBuffer();
		const from = Math.max(0, Math.min(index, this.count));
		for (let at = from; at < this.count; at += 1) copy.insert(this.at(at)!);
		copy.dropped = this.dropped + from;
		return copy;
	}

	at(index: number): LogLine | undefined {
		const at = index < 0 ? this.count + index : index;
		if (at < 0 || at >= this.count) return undefined;
		const slot = this.slot(at);
		const meta = this.metas[slot]!;
		const seq = this.seqs[slot]!;
		const line: {-readonly [K in keyof LogLine]: LogLine[K]} = {seq, stream: STREAMS[(meta >> STREAM_SHIFT) & 3]!, source: meta >>> SOURCE_SHIFT, text: this.text(at)};
		const time = this.time(at);
		if (time !== undefined) line.time = time;
		const spans = this.styles.size > 0 ? this.styles.get(seq) : undefined;
		if (spans) line.spans = spans;
		return line;
	}

	seq(index: number): number {
		return this.has(index) ? this.seqs[this.slot(index)]! : Number.NaN;
	}

	stream(index: number): LogLine['stream'] {
		return this.has(index) ? STREAMS[(this.metas[this.slot(index)]! >> STREAM_SHIFT) & 3]! : 'marker';
	}

	text(index: number): string {
		if (!this.has(index)) return '';
		const slot = this.slot(index);
		const meta = this.metas[slot]!;
		const unit = meta & WIDE_BIT ? 2 : 1;
		const start = this.offsets[slot]! + (meta & TIME_BITS) * unit;
		return this.chunks[this.chunkIds[slot]!]!.toString(unit === 2 ? 'utf16le' : 'latin1', start, start + this.lengths[slot]! * unit);
	}

	time(index: number): LogTime | undefined {
		if (!this.has(index)) return undefined;
		const slot = this.slot(index);
		const meta = this.metas[slot]!;
		const length = meta & TIME_BITS;
		if (length === 0) return undefined;
		const unit = meta & WIDE_BIT ? 2 : 1;
		const start = this.offsets[slot]!;
		return this.chunks[this.chunkIds[slot]!]!.toString(unit === 2 ? 'utf16le' : 'latin1', start, start + length * unit);
	}

	/** Text length in characters, without reading the text. */
	textLength(index: number): number {
		return this.has(index) ? this.lengths[this.slot(index)]! : 0;
	}

	*[Symbol.iterator](): Iterator<LogLine> {
		for (let index = 0; index < this.count; index += 1) yield this.at(index)!;
	}

	/** Whether `index` is a line now (a view may ask with an index from before a batch). */
	private has(index: number): boolean {
		return index >= 0 && index < this.count;
	}

	private slot(index: number): number {
		return (this.head + index) & (this.capacity - 1);
	}

	private move(from: number, to: number): void {
		this.seqs[to] = this.seqs[from]!;
		this.chunkIds[to] = this.chunkIds[from]!;
		this.offsets[to] = this.offsets[from]!;
		this.lengths[to] = this.lengths[from]!;
		this.metas[to] = this.metas[from]!;
	}

	/** Double the ring (a power of two, so a slot is an AND), oldest line first in the new one. */
	private grow(): void {
		const capacity = Math.max(MIN_SLOTS, this.capacity * 2);
		const order = <T extends Float64Array | Uint32Array>(old: T, fresh: T): T => {
			for (let index = 0; index < this.count; index += 1) fresh[index] = old[this.slot(index)]!;
			return fresh;
		};
		this.seqs = order(this.seqs, new Float64Array(capacity));
		this.chunkIds = order(this.chunkIds, new Uint32Array(capacity));
		this.offsets = order(this.offsets, new Uint32Array(capacity));
		this.lengths = order(this.lengths, new Uint32Array(capacity));
		this.metas = order(this.metas, new Uint32Array(capacity));
		this.head = 0;
		this.capacity = capacity;
	}

	/** A chunk with `bytes` free for one more line: the one being written, a fresh one, or one of its own. */
	private reserve(bytes: number): number {
		if (bytes > OWN_CHUNK_BYTES) {
			const id = this.add(Buffer.allocUnsafeSlow(bytes));
			this.chunkLines[id] = 1;
			return id;
		}
		if (this.writeId < 0 || this.writeAt + bytes > CHUNK_BYTES) {
			const previous = this.writeId;
			this.writeId = this.add(this.pool.pop() ?? Buffer.allocUnsafeSlow(CHUNK_BYTES));
			this.writeAt = 0;
			if (previous >= 0 && this.chunkLines[previous] === 0) this.release(previous);
		}
		this.writeAt += bytes;
		this.chunkLines[this.writeId]! += 1;
		return this.writeId;
	}

	private add(chunk: Buffer): number {
		const id = this.freeIds.pop() ?? this.chunks.length;
		this.chunks[id] = chunk;
		this.chunkLines[id] = 0;
		return id;
	}

	private release(id: number): void {
		const chunk = this.chunks[id]!;
		this.chunks[id] = undefined;
		this.freeIds.push(id);
		if (chunk.length === CHUNK_BYTES && this.pool.length < POOL_MAX) this.pool.push(chunk);
	}
}

/** Lines `start` to `end` (exclusive) as objects: the rows on screen. */
export function linesBetween(list: LogList, start: number, end: number): LogLine[] {
	const lines: LogLine[] = [];
	for (let index = Math.max(0, start); index < Math.min(end, list.length); index += 1) {
		const line = list.at(index);
		// Missing: a filtered list's line dropped from the buffer since the list was made.
		if (line) lines.push(line);
	}
	return lines;
}

/**
 * The lines of a buffer that pass a test (the grep-like filter). Each is kept as its place in the
 * buffer counted from the buffer's first line ever (its `dropped` count plus its index), so lines
 * dropped after the list was made do not shift the ones left; a line dropped since reads as
 * missing. (A merged view's late line inserted before them does shift them by one until the list
 * is made again, on the next batch.)
 */
export class FilteredLogs implements LogList {
	private readonly positions: number[] = [];

	constructor(
		private readonly buffer: LogBuffer,
		keep: (index: number) => boolean,
	) {
		for (let index = 0; index < buffer.length; index += 1) if (keep(index)) this.positions.push(buffer.dropped + index);
	}

	get length(): number {
		return this.positions.length;
	}

	at(index: number): LogLine | undefined {
		const inBuffer = this.index(index < 0 ? this.positions.length + index : index);
		return inBuffer < 0 ? undefined : this.buffer.at(inBuffer);
	}

	seq(index: number): number {
		const inBuffer = this.index(index);
		return inBuffer < 0 ? Number.NaN : this.buffer.seq(inBuffer);
	}

	text(index: number): string {
		const inBuffer = this.index(index);
		return inBuffer < 0 ? '' : this.buffer.text(inBuffer);
	}

	stream(index: number): LogLine['stream'] {
		const inBuffer = this.index(index);
		return inBuffer < 0 ? 'marker' : this.buffer.stream(inBuffer);
	}

	*[Symbol.iterator](): Iterator<LogLine> {
		for (let index = 0; index < this.positions.length; index += 1) {
			const line = this.at(index);
			if (line) yield line;
		}
	}

	/** Where the list's line `index` is in the buffer now; -1 when out of range or dropped since. */
	private index(index: number): number {
		const position = this.positions[index];
		if (position === undefined) return -1;
		const inBuffer = position - this.buffer.dropped;
		return inBuffer >= 0 && inBuffer < this.buffer.length ? inBuffer : -1;
	}
}
