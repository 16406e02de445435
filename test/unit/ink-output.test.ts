// porthole's Output (source/ink/output.ts) must write exactly what Ink's own Output writes, for any
// frame, including frames that repeat or nearly repeat the one before (its caches live across
// frames). Random frames from a seeded generator: styled text, wide and zero-width characters,
// newlines, writes off every edge, nested clips, transformers that depend on the line index. The two
// smaller swaps (string-width, Ink's text sanitiser) are compared with the originals the same way.
import {describe, expect, it} from 'vitest';
import inkMeasureText from '../../node_modules/ink/build/measure-text.js';
import inkSanitizeAnsi from '../../node_modules/ink/build/sanitize-ansi.js';
import InkOutput from '../../node_modules/ink/build/output.js';
import originalStringWidth from 'string-width';
import measureText from '../../source/ink/measure-text.js';
import Output from '../../source/ink/output.js';
import sanitizeAnsi from '../../source/ink/sanitize-ansi.js';
import stringWidth from '../../source/ink/string-width.js';

type Transformer = (line: string, index: number) => string;
type Op = {type: 'write'; x: number; y: number; text: string; transformers: Transformer[]} | {type: 'clip'; clip: {x1?: number; x2?: number; y1?: number; y2?: number}} | {type: 'unclip'};
type Frame = {width: number; height: number; ops: Op[]};

/** Mulberry32: small, seeded, good enough to vary frames reproducibly. */
function random(seed: number): () => number {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const PIECES = ['a', 'b', 'xyz', ' ', '  ', '界', '😀', 'é', 'e\u0301', '\u200d', '\x1b[1m', '\x1b[22m', '\x1b[31m', '\x1b[39m', '\x1b[42m', '\x1b[49m', '\x1b[7m', '\x1b[27m', '\x1b[0m', '\n', '│', '›', '0.45%', '\x1b]8;;https://x.test\x07', '\x1b]8;;\x07', '\x1b[1;31m', '\x1b[38;5;9m', '\x1b[48;2;1;2;3m', '\x1b[m', '\x1b[', '\x1b[3', 'm', '\x1b[90;1m', '·', '↓', '…', '●', '─', 'ñ', '\u1100', '\u1161', '\u0600', '\u0903', '\u00b7\u0301', '◾', '\u2028'];
const TRANSFORMERS: Transformer[] = [
	(line) => `\x1b[38;5;208m${line}\x1b[39m`,
	(line) => `\x1b[2m\x1b[33m${line}\x1b[39m\x1b[22m`,
	(line) => `\x1b[36m${line}\x1b[39m`,
	(line, index) => (index % 2 ? line.toUpperCase() : line),
	(line) => `\x1b[1m${line}\x1b[22m`,
	(line, index) => `${index}${line}`,
];

function makeFrame(next: () => number): Frame {
	const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
	const pick = <T,>(list: readonly T[]) => list[int(0, list.length - 1)]!;
	const width = int(1, 40);
	const height = int(1, 12);
	const ops: Op[] = [];
	let open = 0;
	for (let i = int(0, 25); i > 0; i--) {
		const roll = next();
		if (roll < 0.12) {
			const bound = (max: number) => (next() < 0.2 ? undefined : int(-3, max + 3));
			ops.push({type: 'clip', clip: {x1: bound(width), x2: bound(width), y1: bound(height), y2: bound(height)}});
			open++;
		} else if (roll < 0.2 && open > 0) {
			ops.push({type: 'unclip'});
			open--;
		} else {
			let text = '';
			for (let n = int(0, 12); n > 0; n--) text += pick(PIECES);
			const transformers = next() < 0.4 ? [pick(TRANSFORMERS), ...(next() < 0.3 ? [pick(TRANSFORMERS)] : [])] : [];
			ops.push({type: 'write', x: int(-4, width + 2), y: int(-3, height + 1), text, transformers});
		}
	}
	return {width, height, ops};
}

function draw(OutputClass: typeof InkOutput | typeof Output, frame: Frame): {output: string; height: number} {
	const output = new OutputClass({width: frame.width, height: frame.height});
	for (const op of frame.ops) {
		if (op.type === 'write') output.write(op.x, op.y, op.text, {transformers: op.transformers});
		else if (op.type === 'clip') output.clip(op.clip as never);
		else output.unclip();
	}
	return output.get();
}

/** The same frame with one write changed or moved: the next frame of a live screen. */
function nudge(frame: Frame, next: () => number): Frame {
	const ops = frame.ops.map((op) => (op.type === 'write' && next() < 0.3 ? {...op, text: op.text + 'Q', x: op.x + (next() < 0.5 ? 1 : 0)} : op));
	return {...frame, ops};
}

describe('porthole Output (replaces Ink output.js in the bundle)', () => {
	it('writes what Ink writes, for 3,000 random frames and their repeats', () => {
		const next = random(20261122);
		for (let i = 0; i < 1000; i++) {
			const frame = makeFrame(next);
			expect(draw(Output, frame)).toEqual(draw(InkOutput, frame));
			// Again: everything now comes from the caches.
			expect(draw(Output, frame)).toEqual(draw(InkOutput, frame));
			const changed = nudge(frame, next);
			expect(draw(Output, changed)).toEqual(draw(InkOutput, changed));
		}
	}, 30_000); // ~3 s alone; a busy machine (the e2e engine, other suites) can take twice the default 5 s

	it('reuses an unchanged row but redraws a row whose write changed', () => {
		const frame = (cpu: string): Frame => ({
			width: 30,
			height: 3,
			ops: [
				{type: 'write', x: 0, y: 0, text: 'web-1  \x1b[32mUp 5 minutes\x1b[39m', transformers: []},
				{type: 'write', x: 22, y: 0, text: cpu, transformers: []},
				{type: 'write', x: 0, y: 1, text: 'db-1   \x1b[31mExited (1)\x1b[39m', transformers: []},
			],
		});
		expect(draw(Output, frame('0.50%')).output).toBe(draw(InkOutput, frame('0.50%')).output);
		const second = draw(Output, frame('12.25%'));
		expect(second).toEqual(draw(InkOutput, frame('12.25%')));
		expect(second.output.split('\n')[0]).toContain('12.25%');
		expect(second.output.split('\n')[1]).toBe('db-1   \x1b[31mExited (1)\x1b[39m');
	});

	it('keeps the interface Ink uses', () => {
		const output = new Output({width: 5, height: 2});
		expect(output.width).toBe(5);
		expect(output.height).toBe(2);
		expect(output.sliceLineToColumns('a界b', 1, 2)).toBe(new InkOutput({width: 5, height: 2}).sliceLineToColumns('a界b', 1, 2));
		expect(output.get()).toEqual({output: '\n', height: 2});
	});
});

describe('string-width, sanitize-ansi and measure-text swaps', () => {
	const SAMPLES = [...PIECES, '\t', '\r', '\r\n', '\x07', '\x7f', '\x9b', '\x1b[2J', '\x1b[10;4H', '\x1b[38:5:9m', '~', 'Ω', '\u00ad', '\ufe0f', '\u0301'];

	it('give the same answers as the originals for random text', () => {
		const next = random(7);
		for (let i = 0; i < 5000; i++) {
			let text = '';
			for (let n = Math.floor(next() * 10); n > 0; n--) text += SAMPLES[Math.floor(next() * SAMPLES.length)];
			expect(stringWidth(text)).toBe(originalStringWidth(text));
			expect(stringWidth(text, {countAnsiEscapeCodes: true})).toBe(originalStringWidth(text, {countAnsiEscapeCodes: true}));
			expect(stringWidth(text, {ambiguousIsNarrow: false})).toBe(originalStringWidth(text, {ambiguousIsNarrow: false}));
			expect(sanitizeAnsi(text)).toBe(inkSanitizeAnsi(text));
			expect(measureText(text)).toEqual(inkMeasureText(text));
			// Asked again within the frame: the cached answer is the same.
			expect(measureText(text)).toEqual(inkMeasureText(text));
		}
	});

	it('take the shortcut for printable ASCII', () => {
		expect(stringWidth('web-1  Up 5 minutes  0.45%')).toBe(26);
		expect(sanitizeAnsi('a\tb\nc')).toBe('a\tb\nc');
		expect(sanitizeAnsi('a\x07b')).toBe(inkSanitizeAnsi('a\x07b'));
	});
});
