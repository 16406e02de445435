/**
 * Turns one stream of Docker's timestamped log output into sanitised lines, each with the time
 * the daemon gave its first piece. The daemon stamps every *message*: a line, or each 16 KiB
 * piece of a longer one. So stamps are taken off per message before the sanitiser sees the bytes
 * — never mid-line text — and a continued line keeps the time of its first piece.
 */
import {type LogTime, parseStamp} from '../present/logs.js';
import {createStreamSanitizer, type SanitizedLine, type StreamSanitizer, type StreamSanitizerOptions} from '../present/sanitize.js';

/** A finished line and its time. */
export interface TimedLine extends SanitizedLine {
	time?: LogTime;
}

/** Longest timestamp prefix Docker writes ("2026-11-22T13:49:24.065690876Z " is 31 bytes). */
const MAX_STAMP = 40;
const SPACE = 0x20;
const NEWLINE = 0x0a;
const NEWLINE_BYTE = Buffer.from('\n');

/** The first space within a stamp's longest length, or -1 (a loop: no subarray per line). */
function stampSpace(data: Buffer): number {
	for (let index = 0; index < MAX_STAMP && index < data.length; index++) if (data[index] === SPACE) return index;
	return -1;
}

/** Parse a stamp at the start of `data`: its time and where the content starts. */
function stamp(data: Buffer): {time?: LogTime; contentStart: number} {
	const space = stampSpace(data);
	if (space < 0) return {contentStart: 0};
	const time = parseStamp(data.toString('latin1', 0, space));
	return time ? {time, contentStart: space + 1} : {contentStart: 0};
}

/** One stream's lines (stdout or stderr of one container). */
export class TimestampedLines {
	private readonly sanitizer: StreamSanitizer;
	/** Times of lines started and not finished yet, oldest first. */
	private readonly starts: Array<LogTime | undefined> = [];
	private atLineStart = true;
	private lastTime?: LogTime;
	/** Raw (TTY) mode: bytes at a line start waiting for the rest of their stamp. */
	private carry: Buffer = Buffer.alloc(0);

	constructor(options: StreamSanitizerOptions) {
		this.sanitizer = createStreamSanitizer(options);
	}

	/** Feed a chunk as the engine gives it. */
	push(data: Buffer, framed: boolean): TimedLine[] {
		return framed ? this.pushMessage(data) : this.pushRaw(data);
	}

	/** Lines still open at the end of the stream. */
	end(): TimedLine[] {
		const rest = this.carry.length > 0 ? this.feed(this.carry) : [];
		this.carry = Buffer.alloc(0);
		return [...rest, ...this.timed(this.sanitizer.end())];
	}

	/** One daemon message: a stamp, then content (a line, or a piece of one). */
	private pushMessage(data: Buffer): TimedLine[] {
		const {time, contentStart} = stamp(data);
		if (time) this.lastTime = time;
		return this.feed(data.subarray(contentStart));
	}

	/** Raw TTY output: a stamp after every newline, chunks cut anywhere. */
	private pushRaw(data: Buffer): TimedLine[] {
		const out: TimedLine[] = [];
		let input = this.carry.length > 0 ? Buffer.concat([this.carry, data]) : data;
		this.carry = Buffer.alloc(0);
		while (input.length > 0) {
			if (this.atLineStart) {
				if (stampSpace(input) < 0 && input.length < MAX_STAMP) {
					this.carry = Buffer.from(input);
					break;
				}
				const {time, contentStart} = stamp(input);
				if (time) this.lastTime = time;
				input = input.subarray(contentStart);
			}
			const newline = input.indexOf(NEWLINE);
			const piece = newline < 0 ? input : input.subarray(0, newline + 1);
			out.push(...this.feed(piece));
			input = input.subarray(piece.length);
		}
		return out;
	}

	/**
	 * Give content to the sanitiser, noting when a line starts, and time the lines it finishes.
	 * A line's text goes in without its newline, which follows on its own: the sanitiser's text is
	 * then the decoded string itself rather than a slice of it (a slice keeps its parent alive,
	 * and every line of a flood is kept a while).
	 */
	private feed(content: Buffer): TimedLine[] {
		const lines: TimedLine[] = [];
		let start = 0;
		while (start < content.length) {
			if (this.atLineStart) this.starts.push(this.lastTime);
			const newline = content.indexOf(NEWLINE, start);
			const end = newline < 0 ? content.length : newline;
			if (end > start) for (const line of this.timed(this.sanitizer.push(content.subarray(start, end)))) lines.push(line);
			if (newline >= 0) for (const line of this.timed(this.sanitizer.push(NEWLINE_BYTE))) lines.push(line);
			this.atLineStart = newline >= 0;
			start = newline < 0 ? end : newline + 1;
		}
		return lines;
	}

	private timed(lines: SanitizedLine[]): TimedLine[] {
		// The sanitiser's line objects are new and ours: time them in place (no copy per line).
		for (const line of lines as TimedLine[]) line.time = this.starts.length > 0 ? this.starts.shift() : this.lastTime;
		return lines;
	}
}
