/**
 * A drop-in replacement for Ink's `build/output.js` (the class that turns a frame's write
 * operations into screen text), swapped in by the bundler (scripts/build.mjs). Same operations,
 * same result, byte for byte (test/unit/ink-output.test.ts compares it with Ink's own class on
 * random frames); what changes is the cost of a frame that looks like the previous one.
 *
 * Why: Ink builds a fresh grid of one object per screen cell (with its own `styles` array) for
 * every frame, tokenises every line of text anew, and its caches live for one frame only. At
 * 160×50 that is 8,000 cells and all the tokenising again once a second for a stats refresh
 * that changed a few numbers, and 20 times a second in a log flood: the benchmark's profiles put
 * Ink's output at over half of porthole's CPU and half of its allocation (issues 3, 4).
 *
 * What is different here:
 * - Tokenised lines, line splits and clipped slices are memoised across frames in a two-frame
 *   cache (what the last frame used stays, the rest is dropped), so memory follows the screen.
 * - A write is first recorded per row as (column, text after clipping and transformers); a row
 *   whose recorded writes equal a row of the previous frame reuses that row's text. Ink's cell
 *   logic only runs for rows that changed, and it is Ink's logic: rows never affect each other.
 * - Empty cells share one blank cell object (cells are replaced, never changed in place).
 * - Plain text (plain-text.ts: ASCII and characters that behave like it), bare or coloured with
 *   SGR sequences, skips the tokenizer (it segments graphemes one by one): each character is one
 *   cell, each SGR sequence gives the tokens the tokenizer gives for that sequence alone, which is
 *   what the tokenizer returns for such text.
 *
 * Two smaller swaps live beside this file: string-width.ts and sanitize-ansi.ts.
 */
import {styledCharsFromTokens, styledCharsToString, tokenize, type StyledChar} from '@alcalzone/ansi-tokenize';
import {FrameCache, rotateFrameCaches} from './frame-cache.js';
import {isPlain, sgrAt} from './plain-text.js';
import stringWidth from './string-width.js';
import widestLine from 'widest-line';

/** Ink's text transformer: (line, line index within the write) → line. */
type OutputTransformer = (line: string, index: number) => string;

type Clip = {
	x1: number | undefined;
	x2: number | undefined;
	y1: number | undefined;
	y2: number | undefined;
};

type Operation = {type: 'write'; x: number; y: number; text: string; transformers: OutputTransformer[]} | {type: 'clip'; clip: Clip} | {type: 'unclip'};

const styledCharsCache = new FrameCache<StyledChar[]>();
const linesCache = new FrameCache<string[]>();
const widestCache = new FrameCache<number>();
const sliceCache = new FrameCache<string>();
const rowCache = new FrameCache<string>();

const IGNORABLE = /^\p{Default_Ignorable_Code_Point}+$/u;

/** The tokenizer's tokens for one SGR sequence (compound ones split), memoised: there are few. */
const sgrTokens = new Map<string, ReturnType<typeof tokenize>>();

/**
 * The tokenizer's result for plain text with SGR sequences (isPlain), without segmenting
 * graphemes: an SGR sequence gives the tokens the tokenizer gives for it alone, every other
 * character is one narrow cell.
 */
function tokenizePlainWithSgr(line: string): ReturnType<typeof tokenize> {
	const tokens: ReturnType<typeof tokenize> = [];
	for (let index = 0; index < line.length; ) {
		if (line.charCodeAt(index) === 0x1b) {
			const code = sgrAt(line, index);
			let codeTokens = sgrTokens.get(code);
			if (!codeTokens) {
				if (sgrTokens.size >= 1000) sgrTokens.clear(); // true colours could be many
				sgrTokens.set(code, (codeTokens = tokenize(code)));
			}
			tokens.push(...codeTokens);
			index += code.length;
		} else {
			tokens.push({type: 'char', value: line[index]!, fullWidth: false});
			index += 1;
		}
	}
	return tokens;
}

/** Styled characters of a line, as Ink computes them. Shared: callers must not change them. */
function styledChars(line: string): StyledChar[] {
	let cached = styledCharsCache.get(line);
	if (cached === undefined) {
		if (isPlain(line, {newlines: true})) {
			// What the tokenizer gives for such text, without segmenting graphemes.
			cached = [];
			for (let index = 0; index < line.length; index++) cached.push({type: 'char', value: line[index]!, fullWidth: false, styles: []});
		} else if (isPlain(line, {newlines: true, sgr: true})) {
			cached = styledCharsFromTokens(tokenizePlainWithSgr(line));
		} else {
			cached = styledCharsFromTokens(tokenize(line)).filter((character) => !IGNORABLE.test(character.value));
		}
		styledCharsCache.set(line, cached);
	}
	return cached;
}

/** The widest line's width (widest-line: the same per-line string-width maximum Ink computes), memoised for clipped writes. */
function widestOf(text: string): number {
	return widestCache.get(text) ?? widestCache.set(text, widestLine(text));
}

/** A write's text split at newlines, each line re-serialised from its styled characters (as Ink). */
function linesOf(text: string): string[] {
	let cached = linesCache.get(text);
	if (cached === undefined && isPlain(text, {newlines: true})) cached = linesCache.set(text, text.split('\n'));
	if (cached === undefined) {
		const characterLines: StyledChar[][] = [[]];
		for (const character of styledChars(text)) {
			if (character.value === '\n') characterLines.push([]);
			else characterLines.at(-1)!.push(character);
		}
		cached = linesCache.set(text, characterLines.map((line) => styledCharsToString(line)));
	}
	return cached;
}

const blankCell = (cell: StyledChar): StyledChar => ({...cell, value: ' ', fullWidth: false});

/** The cell every row starts with; shared because cells are replaced, never changed. */
const BLANK: StyledChar = Object.freeze({type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([]) as unknown as StyledChar['styles']}) as StyledChar;

const intersectBound = (a: number | undefined, b: number | undefined, tighter: (a: number, b: number) => number): number | undefined => {
	if (a === undefined) return b;
	return b === undefined ? a : tighter(a, b);
};

const isClipEmpty = (clip: Clip): boolean => (clip.x1 !== undefined && clip.x2 !== undefined && clip.x1 >= clip.x2) || (clip.y1 !== undefined && clip.y2 !== undefined && clip.y1 >= clip.y2);

const intersectClips = (outer: Clip | undefined, inner: Clip): Clip => {
	if (!outer) return inner;
	return {
		x1: intersectBound(outer.x1, inner.x1, Math.max),
		x2: intersectBound(outer.x2, inner.x2, Math.min),
		y1: intersectBound(outer.y1, inner.y1, Math.max),
		y2: intersectBound(outer.y2, inner.y2, Math.min),
	};
};

/** One row's writes in order: column, then the final text (after clipping and transformers). */
type RowWrites = Array<number | string>;

/** Ink's cell logic for one row: place each write's characters over blank cells, then serialise. */
function composeRow(rowWidth: number, writes: RowWrites): string {
	// One array reused for every row, unless a write starts left of the row: Ink then sets
	// negative indexes, which are properties that would outlive the row.
	let reuse = true;
	for (let index = 0; index < writes.length; index += 2) {
		const x = writes[index] as number;
		if (!Number.isInteger(x) || x < 0) reuse = false;
	}
	const currentLine: StyledChar[] = reuse ? rowScratch : [];
	currentLine.length = 0;
	for (let x = 0; x < rowWidth; x++) currentLine.push(BLANK);
	for (let index = 0; index < writes.length; index += 2) {
		const characters = styledChars(writes[index + 1] as string);
		if (characters.length === 0) continue;
		let offsetX = writes[index] as number;
		if (currentLine[offsetX]?.value === '' && offsetX > 0 && stringWidth(currentLine[offsetX - 1]?.value ?? '') > 1) {
			currentLine[offsetX - 1] = blankCell(currentLine[offsetX - 1]!);
		}
		for (const character of characters) {
			currentLine[offsetX] = character;
			const characterWidth = Math.max(1, stringWidth(character.value));
			if (characterWidth > 1) {
				for (let offset = 1; offset < characterWidth; offset++) {
					currentLine[offsetX + offset] = {type: 'char', value: offsetX < 0 ? ' ' : '', fullWidth: false, styles: character.styles};
				}
			}
			offsetX += characterWidth;
		}
		if (currentLine[offsetX]?.value === '') currentLine[offsetX] = blankCell(currentLine[offsetX]!);
	}
	let dense = true;
	for (let x = 0; x < currentLine.length && dense; x++) dense = currentLine[x] !== undefined;
	const text = styledCharsToString(dense ? currentLine : currentLine.filter((item) => item !== undefined)).trimEnd();
	currentLine.length = 0;
	return text;
}

const rowScratch: StyledChar[] = [];

/** A row's identity for the row cache: width and every write, lengths included so keys cannot collide. */
function rowKey(rowWidth: number, writes: RowWrites): string {
	let key = String(rowWidth);
	for (let index = 0; index < writes.length; index += 2) {
		const text = writes[index + 1] as string;
		key += `|${writes[index] as number}:${text.length}:${text}`;
	}
	return key;
}

/** Ink's Output, same interface. */
export default class Output {
	width: number;
	height: number;
	private readonly operations: Operation[] = [];

	constructor(options: {width: number; height: number}) {
		this.width = options.width;
		this.height = options.height;
		rotateFrameCaches();
	}

	write(x: number, y: number, text: string, options: {transformers: OutputTransformer[]}): void {
		if (text === '') return;
		this.operations.push({type: 'write', x, y, text, transformers: options.transformers});
	}

	clip(clip: Clip): void {
		this.operations.push({type: 'clip', clip});
	}

	unclip(): void {
		this.operations.push({type: 'unclip'});
	}

	sliceLineToColumns(line: string, from: number, to: number): string {
		if (from >= to) return '';
		// Plain text: one column per character, nothing to re-serialise.
		if (Number.isInteger(from) && Number.isInteger(to) && isPlain(line)) return line.slice(from, to);
		const key = `${from}:${to}:${line}`;
		let cached = sliceCache.get(key);
		if (cached === undefined) {
			const result: StyledChar[] = [];
			let column = 0;
			for (const character of styledChars(line)) {
				const characterWidth = stringWidth(character.value);
				const start = column;
				column += characterWidth;
				if (column <= from) continue;
				if (start >= to) break;
				result.push(characterWidth > 1 && (start < from || column > to) ? blankCell(character) : character);
			}
			cached = sliceCache.set(key, styledCharsToString(result));
		}
		return cached;
	}

	get(): {output: string; height: number} {
		const rows: RowWrites[] = [];
		for (let y = 0; y < this.height; y++) rows.push([]);
		const clips: Clip[] = [];
		for (const operation of this.operations) {
			if (operation.type === 'clip') clips.push(intersectClips(clips.at(-1), operation.clip));
			else if (operation.type === 'unclip') clips.pop();
			else this.record(rows, operation, clips.at(-1));
		}
		const output: string[] = [];
		for (const writes of rows) {
			const key = rowKey(this.width, writes);
			output.push(rowCache.get(key) ?? rowCache.set(key, composeRow(this.width, writes)));
		}
		return {output: output.join('\n'), height: output.length};
	}

	/** Ink's applyWriteOperation up to the point where characters are placed: clip, transform, record. */
	private record(rows: RowWrites[], operation: Extract<Operation, {type: 'write'}>, clip: Clip | undefined): void {
		const {text, transformers} = operation;
		let {x, y} = operation;
		let lines = linesOf(text);
		if (clip) {
			if (isClipEmpty(clip)) return;
			const shouldClipHorizontally = typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
			const shouldClipVertically = typeof clip.y1 === 'number' && typeof clip.y2 === 'number';
			if (shouldClipHorizontally) {
				const widest = widestOf(text);
				if (x + widest < clip.x1! || x > clip.x2!) return;
			}
			if (shouldClipVertically) {
				if (y + lines.length < clip.y1! || y > clip.y2!) return;
			}
			if (shouldClipHorizontally) {
				lines = lines.map((line) => {
					const from = x < clip.x1! ? clip.x1! - x : 0;
					const lineWidth = stringWidth(line);
					const to = x + lineWidth > clip.x2! ? clip.x2! - x : lineWidth;
					return this.sliceLineToColumns(line, from, to);
				});
				if (x < clip.x1!) x = clip.x1!;
			}
			if (shouldClipVertically) {
				const from = y < clip.y1! ? clip.y1! - y : 0;
				const to = y + lines.length > clip.y2! ? clip.y2! - y : lines.length;
				lines = lines.slice(from, to);
				if (y < clip.y1!) y = clip.y1!;
			}
		}
		for (let index = 0; index < lines.length; index++) {
			const row = rows[y + index];
			if (!row) continue;
			let line = lines[index]!;
			for (const transformer of transformers) line = transformer(line, index + y - operation.y);
			row.push(x, line);
		}
	}
}
