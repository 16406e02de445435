/**
 * THE sanitiser for text that comes from containers (names, commands, labels, env, image names,
 * log lines, process lists). Whatever a container writes, nothing that leaves this module can
 * make the terminal do anything but print: no C0/C1 control, no DEL, no escape sequence, no
 * bidi override/isolate, no lone surrogate.
 *
 * Design choices (kept in one place so they are applied the same way everywhere):
 * - C0 controls and DEL become their Unicode control pictures (U+2400+n, U+2421): a reader can
 *   tell a backspace (␈) from a bell (␇) when investigating a hostile container, and the pictures
 *   are one column wide and cannot be mistaken for ASCII. C1 controls (U+0080–U+009F) have no
 *   pictures, so they become U+FFFD '�', as do bidi overrides/isolates and lone surrogates.
 * - A lone ESC (not starting a recognisable sequence) becomes '␛' so the attempt stays visible;
 *   complete sequences are removed without a trace, as a terminal would not print them either.
 * - Single-line fields: TAB → one space; CR, LF and CRLF → '↵' (a space would make "a\nb" read as
 *   "a b", hiding that the value spans lines).
 * - Streams (logs): lines end at LF, every CR is dropped (a trailing CR of CRLF and a bare CR
 *   that would overwrite the line alike), tabs expand to tab stops. An unterminated OSC/DCS/…
 *   string is dropped up to its terminator — or up to the next LF, so that one hostile line
 *   cannot swallow the rest of the log. In single-line fields it is dropped to the end.
 * - The parser is a byte-exact state machine fed incrementally, so a sequence or a UTF-8
 *   character split across chunk boundaries is handled exactly like an unsplit one.
 */

import {StringDecoder} from 'node:string_decoder';
import stringWidth from 'string-width';

/** A run of a sanitised line drawn with one style; colours are names or hex that Ink accepts. */
export interface StyleSpan {
	/** UTF-16 index into `text` where the run starts (inclusive). */
	start: number;
	/** UTF-16 index into `text` where the run ends (exclusive). */
	end: number;
	fg?: string;
	bg?: string;
	bold?: boolean;
	dim?: boolean;
	italic?: boolean;
	underline?: boolean;
	inverse?: boolean;
}

/** One complete log line, safe to print, with its SGR colours turned into spans. */
export interface SanitizedLine {
	text: string;
	/** Present only when the line has styled runs (and colours were kept). */
	spans?: StyleSpan[];
}

/** Options for a log stream sanitiser. */
export interface StreamSanitizerOptions {
	/** Parse SGR colours into spans (default true); when false SGR is dropped like any escape. */
	keepColor?: boolean;
	/** Tab stops every this many columns (default 8). */
	tabWidth?: number;
	/** Longest line kept, in UTF-16 units (default 65536); the rest is counted, never buffered. */
	maxLineLength?: number;
}

/** An incremental sanitiser for a container's output stream. */
export interface StreamSanitizer {
	/** Feed raw bytes; returns the lines completed by them (possibly none). */
	push(chunk: Buffer): SanitizedLine[];
	/** Flush: decodes any dangling partial character as U+FFFD and returns the last line, if any. */
	end(): SanitizedLine[];
}

/** What a replaced C1 control, bidi override or lone surrogate looks like. */
export const REPLACEMENT = '\uFFFD';
/** What a line break inside a single-line field looks like. */
export const LINE_BREAK_MARK = '↵';

type Style = Omit<StyleSpan, 'start' | 'end'>;

const GROUND = 0;
const ESC = 1;
const ESC_INTERMEDIATE = 2;
const CSI = 3;
const STRING = 4;
const STRING_ESC = 5;

/** CSI parameter text kept for SGR parsing; longer parameter lists are consumed but ignored. */
const MAX_CSI_PARAMS = 256;

const DEFAULT_MAX_LINE = 65_536;
const DEFAULT_TAB_WIDTH = 8;

/**
 * Runs of UTF-16 units that need no attention: everything except C0, DEL, C1, bidi
 * overrides/isolates and surrogates (pairs take the slow path; a /u regex would be twice as slow).
 */
const SAFE_RUN = /[^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]+/y;

const BASIC_COLORS = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'] as const;
const CUBE_LEVELS = [0, 95, 135, 175, 215, 255] as const;

function hex2(n: number): string {
	return n.toString(16).padStart(2, '0');
}

function rgbHex(r: number, g: number, b: number): string {
	return `#${hex2(r)}${hex2(g)}${hex2(b)}`;
}

/** xterm's 256-colour palette: 16 named colours, a 6×6×6 cube and a 24-step grey ramp. */
function paletteColor(index: number): string | undefined {
	if (!Number.isInteger(index) || index < 0 || index > 255) return undefined;
	if (index < 8) return BASIC_COLORS[index];
	if (index < 16) return `${BASIC_COLORS[index - 8]}Bright`;
	if (index < 232) {
		const n = index - 16;
		return rgbHex(CUBE_LEVELS[Math.floor(n / 36)]!, CUBE_LEVELS[Math.floor(n / 6) % 6]!, CUBE_LEVELS[n % 6]!);
	}
	const grey = 8 + (index - 232) * 10;
	return rgbHex(grey, grey, grey);
}

function channel(s: string | undefined): number | undefined {
	if (s === undefined || s === '') return undefined;
	const n = Number.parseInt(s, 10);
	return Number.isNaN(n) ? undefined : Math.min(255, Math.max(0, n));
}

function rgbColor(r: string | undefined, g: string | undefined, b: string | undefined): string | undefined {
	const [rr, gg, bb] = [channel(r), channel(g), channel(b)];
	if (rr === undefined || gg === undefined || bb === undefined) return undefined;
	return rgbHex(rr, gg, bb);
}

function sameStyle(a: Style, b: Style): boolean {
	return (
		a.fg === b.fg &&
		a.bg === b.bg &&
		a.bold === b.bold &&
		a.dim === b.dim &&
		a.italic === b.italic &&
		a.underline === b.underline &&
		a.inverse === b.inverse
	);
}

function isPlain(s: Style): boolean {
	return (
		s.fg === undefined &&
		s.bg === undefined &&
		s.bold === undefined &&
		s.dim === undefined &&
		s.italic === undefined &&
		s.underline === undefined &&
		s.inverse === undefined
	);
}

/** Sets or (for undefined/false) removes one attribute, so styles stay comparable field by field. */
function setAttribute<K extends keyof Style>(style: Style, key: K, value: Style[K] | undefined): void {
	if (value === undefined || value === false) delete style[key];
	else style[key] = value;
}

/** Applies one SGR parameter list (the text between `ESC [` and `m`) to a style. */
function applySgr(style: Style, params: string): Style {
	let next: Style = {...style};
	const set = <K extends keyof Style>(key: K, value: Style[K] | undefined): void => setAttribute(next, key, value);
	const fields = params.split(';');
	for (let k = 0; k < fields.length; k++) {
		const field = fields[k]!;
		if (field.includes(':')) {
			// ITU T.416 colon form: 38:5:n, 38:2:[colourspace]:r:g:b, 4:n (underline style).
			const sub = field.split(':');
			const code = Number.parseInt(sub[0]!, 10);
			if (code === 38 || code === 48) {
				let color: string | undefined;
				if (sub[1] === '5') color = paletteColor(Number.parseInt(sub[2] ?? '', 10));
				else if (sub[1] === '2') color = sub.length >= 6 ? rgbColor(sub[3], sub[4], sub[5]) : rgbColor(sub[2], sub[3], sub[4]);
				if (color !== undefined) set(code === 38 ? 'fg' : 'bg', color);
			} else if (code === 4) {
				set('underline', sub[1] !== '0');
			}
			continue;
		}
		const code = field === '' ? 0 : Number.parseInt(field, 10);
		if (Number.isNaN(code)) continue;
		if (code === 38 || code === 48) {
			// Semicolon form: 38;5;n and 38;2;r;g;b consume the following fields.
			let color: string | undefined;
			if (fields[k + 1] === '5') {
				color = paletteColor(Number.parseInt(fields[k + 2] ?? '', 10));
				k += 2;
			} else if (fields[k + 1] === '2') {
				color = rgbColor(fields[k + 2], fields[k + 3], fields[k + 4]);
				k += 4;
			}
			if (color !== undefined) set(code === 38 ? 'fg' : 'bg', color);
			continue;
		}
		if (code === 0) next = {};
		else if (code === 1) set('bold', true);
		else if (code === 2) set('dim', true);
		else if (code === 3) set('italic', true);
		else if (code === 4 || code === 21) set('underline', true);
		else if (code === 7) set('inverse', true);
		else if (code === 22) {
			set('bold', false);
			set('dim', false);
		} else if (code === 23) set('italic', false);
		else if (code === 24) set('underline', false);
		else if (code === 27) set('inverse', false);
		else if (code >= 30 && code <= 37) set('fg', BASIC_COLORS[code - 30]);
		else if (code === 39) set('fg', undefined);
		else if (code >= 40 && code <= 47) set('bg', BASIC_COLORS[code - 40]);
		else if (code === 49) set('bg', undefined);
		else if (code >= 90 && code <= 97) set('fg', `${BASIC_COLORS[code - 90]!}Bright`);
		else if (code >= 100 && code <= 107) set('bg', `${BASIC_COLORS[code - 100]!}Bright`);
		// Everything else (blink, conceal, strike, fonts…) is ignored: concealed text stays visible.
	}
	return next;
}

/**
 * The shared state machine. In 'line' mode it builds one string (line breaks become '↵');
 * in 'stream' mode it cuts lines at LF and can keep SGR colours as spans.
 */
class Scanner {
	private state = GROUND;
	private stringIsOsc = false;
	private csiParams = '';
	private csiIntermediate = false;
	private afterCr = false;

	private text = '';
	/** UTF-16 units discarded from the current line after truncation; -1 while not truncated. */
	private dropped = -1;
	private tabIndex = 0;
	private tabColumn = 0;

	private style: Style = {};
	private spanStart = 0;
	private spans: StyleSpan[] = [];

	readonly lines: SanitizedLine[] = [];

	constructor(
		private readonly stream: boolean,
		private readonly keepColor: boolean,
		private readonly tabWidth: number,
		private readonly maxLineLength: number,
	) {}

	feed(s: string): void {
		let i = 0;
		while (i < s.length) {
			if (this.state === GROUND) {
				SAFE_RUN.lastIndex = i;
				const run = SAFE_RUN.exec(s);
				if (run !== null) {
					this.afterCr = false;
					this.emit(run[0]);
					i += run[0].length;
					continue;
				}
			}
			const cp = s.codePointAt(i)!;
			i += cp > 0xffff ? 2 : 1;
			this.step(cp);
		}
	}

	/** Ends the input: a pending lone ESC is shown, any other unfinished sequence is dropped. */
	finish(): void {
		if (this.state === ESC) this.emit('\u241B');
		this.state = GROUND;
		if (this.stream && (this.text.length > 0 || this.dropped >= 0)) this.endLine();
	}

	/** The single-line result. */
	result(): string {
		return this.text;
	}

	private step(cp: number): void {
		switch (this.state) {
			case GROUND: {
				this.ground(cp);
				return;
			}
			case ESC: {
				if (cp === 0x5b) this.startCsi();
				else if (cp === 0x5d) this.startString(true);
				else if (cp === 0x50 || cp === 0x58 || cp === 0x5e || cp === 0x5f) this.startString(false);
				else if (cp >= 0x20 && cp <= 0x2f) this.state = ESC_INTERMEDIATE;
				else if (cp >= 0x30 && cp <= 0x7e) this.state = GROUND; // two-byte sequence: ESC c, ESC 7, ESC =…
				else {
					// Not a sequence: show the ESC, then treat the character on its own.
					this.state = GROUND;
					this.emit('\u241B');
					this.ground(cp);
				}
				return;
			}
			case ESC_INTERMEDIATE: {
				if (cp >= 0x20 && cp <= 0x2f) return;
				this.state = GROUND;
				if (cp < 0x30 || cp > 0x7e) this.ground(cp); // aborted: drop it, keep the character
				return;
			}
			case CSI: {
				if (cp >= 0x30 && cp <= 0x3f) {
					if (this.csiParams.length < MAX_CSI_PARAMS) this.csiParams += String.fromCharCode(cp);
				} else if (cp >= 0x20 && cp <= 0x2f) {
					this.csiIntermediate = true;
				} else if (cp >= 0x40 && cp <= 0x7e) {
					this.state = GROUND;
					if (cp === 0x6d && this.stream && this.keepColor && !this.csiIntermediate && !/^[<=>?]/.test(this.csiParams)) {
						this.setStyle(applySgr(this.style, this.csiParams));
					}
				} else {
					// Anything else cannot be part of a CSI: abandon it and handle the character.
					this.state = GROUND;
					this.ground(cp);
				}
				return;
			}
			case STRING: {
				if ((cp === 0x07 && this.stringIsOsc) || cp === 0x9c || cp === 0x18 || cp === 0x1a) this.state = GROUND;
				else if (cp === 0x1b) this.state = STRING_ESC;
				else if (cp === 0x0a && this.stream) {
					this.state = GROUND;
					this.ground(cp);
				}
				return;
			}
			case STRING_ESC: {
				// ESC \ is ST; any other ESC also ends the string (as in a terminal) and starts anew.
				this.state = cp === 0x5c ? GROUND : ESC;
				if (cp !== 0x5c) this.step(cp);
				return;
			}
			default:
		}
	}

	private ground(cp: number): void {
		if (cp === 0x0d) {
			if (!this.stream) {
				this.emit(LINE_BREAK_MARK);
				this.afterCr = true;
			}
			return; // streams drop every CR: CRLF's and a bare one that would overwrite the line
		}
		const afterCr = this.afterCr;
		this.afterCr = false;
		if (cp === 0x0a) {
			if (this.stream) this.endLine();
			else if (!afterCr) this.emit(LINE_BREAK_MARK);
		} else if (cp === 0x1b) this.state = ESC;
		else if (cp === 0x9b) this.startCsi();
		else if (cp === 0x9d) this.startString(true);
		else if (cp === 0x90 || cp === 0x98 || cp === 0x9e || cp === 0x9f) this.startString(false);
		else if (cp === 0x09) this.tab();
		else if (cp < 0x20) this.emit(String.fromCharCode(0x2400 + cp));
		else if (cp === 0x7f) this.emit('\u2421');
		else if (
			(cp >= 0x80 && cp <= 0x9f) ||
			(cp >= 0x202a && cp <= 0x202e) ||
			(cp >= 0x2066 && cp <= 0x2069) ||
			(cp >= 0xd800 && cp <= 0xdfff)
		) {
			this.emit(REPLACEMENT);
		} else this.emit(String.fromCodePoint(cp));
	}

	private startCsi(): void {
		this.state = CSI;
		this.csiParams = '';
		this.csiIntermediate = false;
	}

	private startString(osc: boolean): void {
		this.state = STRING;
		this.stringIsOsc = osc;
	}

	private tab(): void {
		if (!this.stream) {
			this.emit(' ');
			return;
		}
		// Column of the cursor, measured incrementally from the previous tab stop.
		const column = this.tabColumn + stringWidth(this.text.slice(this.tabIndex));
		const spaces = this.tabWidth - (column % this.tabWidth);
		this.emit(' '.repeat(spaces));
		this.tabIndex = this.text.length;
		this.tabColumn = column + spaces;
	}

	/** Appends safe text, truncating (and only counting) past maxLineLength. */
	private emit(s: string): void {
		if (this.dropped >= 0) {
			this.dropped += s.length;
			return;
		}
		const room = this.maxLineLength - this.text.length;
		if (s.length <= room) {
			this.text += s;
			return;
		}
		let cut = room;
		const last = s.charCodeAt(cut - 1);
		if (cut > 0 && last >= 0xd800 && last <= 0xdbff) cut--; // never split a surrogate pair
		this.text += s.slice(0, cut);
		this.dropped = s.length - cut;
		this.closeSpan();
	}

	private setStyle(style: Style): void {
		if (sameStyle(style, this.style)) return;
		this.closeSpan();
		this.style = style;
		this.spanStart = this.text.length;
	}

	private closeSpan(): void {
		const end = this.text.length;
		if (end > this.spanStart && !isPlain(this.style)) {
			const previous = this.spans.at(-1);
			if (previous !== undefined && previous.end === this.spanStart && sameStyle(previous, this.style)) {
				previous.end = end;
			} else {
				this.spans.push({start: this.spanStart, end, ...this.style});
			}
		}
		this.spanStart = end;
	}

	private endLine(): void {
		if (this.dropped < 0) this.closeSpan();
		let text = this.text;
		if (this.dropped >= 0) text += ` … [truncated ${this.dropped} chars]`;
		this.lines.push(this.spans.length > 0 ? {text, spans: this.spans} : {text});
		// Colours carry over to the next line, as they do on a terminal.
		this.text = '';
		this.dropped = -1;
		this.tabIndex = 0;
		this.tabColumn = 0;
		this.spans = [];
		this.spanStart = 0;
	}
}

/** Makes untrusted single-line text (a name, label, command, status…) safe to print. */
export function sanitizeLine(s: string): string {
	const scanner = new Scanner(false, false, DEFAULT_TAB_WIDTH, Number.MAX_SAFE_INTEGER);
	scanner.feed(s);
	scanner.finish();
	return scanner.result();
}

/** Creates a sanitiser that turns a container's raw output bytes into safe, complete lines. */
export function createStreamSanitizer(options: StreamSanitizerOptions = {}): StreamSanitizer {
	const tabWidth = Math.max(1, Math.floor(options.tabWidth ?? DEFAULT_TAB_WIDTH));
	const maxLineLength = Math.max(1, Math.floor(options.maxLineLength ?? DEFAULT_MAX_LINE));
	const scanner = new Scanner(true, options.keepColor ?? true, tabWidth, maxLineLength);
	const decoder = new StringDecoder('utf8');
	const take = (): SanitizedLine[] => scanner.lines.splice(0);
	return {
		push(chunk) {
			scanner.feed(decoder.write(chunk));
			return take();
		},
		end() {
			scanner.feed(decoder.end());
			scanner.finish();
			return take();
		},
	};
}
