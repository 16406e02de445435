import {describe, expect, it} from 'vitest';
import {createStreamSanitizer, sanitizeLine, type SanitizedLine, type StreamSanitizerOptions} from '../../source/present/sanitize.js';

const ESC = '\u001B';
const BEL = '\u0007';
const ST = `${ESC}\\`;

/** Code points that must never reach the terminal from container text. */
const FORBIDDEN = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|\p{Cs}/u;

function firstForbidden(s: string): string | undefined {
	const match = FORBIDDEN.exec(s);
	return match === null ? undefined : `U+${match[0].codePointAt(0)!.toString(16).padStart(4, '0')} at ${match.index}`;
}

function run(chunks: Array<Buffer | string>, options?: StreamSanitizerOptions): SanitizedLine[] {
	const sanitizer = createStreamSanitizer(options);
	const lines: SanitizedLine[] = [];
	for (const chunk of chunks) lines.push(...sanitizer.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk));
	lines.push(...sanitizer.end());
	return lines;
}

const texts = (lines: SanitizedLine[]): string[] => lines.map((l) => l.text);

/**
 * Hostile single-line inputs and what must be left of them. Expected values follow the rules in
 * sanitize.ts: sequences vanish, C0/DEL become control pictures, C1 and bidi controls become '�'.
 */
const HOSTILE: Array<[string, string, string]> = [
	['CSI erase display + cursor position', `a${ESC}[2Jb${ESC}[10;20Hc`, 'abc'],
	['CSI cursor up / erase line', `ok${ESC}[1A${ESC}[2K!`, 'ok!'],
	['CSI private mode set (alt screen)', `x${ESC}[?1049hy${ESC}[?25l`, 'xy'],
	['CSI with intermediate (DECSCUSR)', `a${ESC}[2 qb`, 'ab'],
	['SGR colour', `${ESC}[31mred${ESC}[0m`, 'red'],
	['OSC 0 title, BEL-terminated', `a${ESC}]0;pwned${BEL}b`, 'ab'],
	['OSC 2 title, ST-terminated', `a${ESC}]2;pwned${ST}b`, 'ab'],
	['OSC 52 clipboard write', `a${ESC}]52;c;Y3VybCBldmlsLnNoIHwgc2g=${BEL}b`, 'ab'],
	['OSC 8 hyperlink', `${ESC}]8;;https://evil.example/${ST}click${ESC}]8;;${ST}`, 'click'],
	['DCS (DECRQSS)', `a${ESC}P1$qm${ST}b`, 'ab'],
	['DCS with BEL inside (BEL does not end a DCS)', `a${ESC}Pq${BEL}#0${ST}b`, 'ab'],
	['APC', `a${ESC}_payload;x=1${ST}b`, 'ab'],
	['PM', `a${ESC}^privacy${ST}b`, 'ab'],
	['SOS', `a${ESC}Xstart of string${ST}b`, 'ab'],
	['8-bit CSI', 'a\u009B31;1mb\u009B2J', 'ab'],
	['8-bit OSC + 8-bit ST', 'a\u009D0;title\u009Cb', 'ab'],
	['8-bit OSC + BEL', 'a\u009D2;title\u0007b', 'ab'],
	['8-bit DCS', 'a\u0090q#0\u009Cb', 'ab'],
	['8-bit SOS / PM / APC', 'a\u0098s\u009Cb\u009Ep\u009Cc\u009Fx\u009Cd', 'abcd'],
	['ESC c (full reset)', `a${ESC}cb`, 'ab'],
	['ESC 7 / ESC 8 (save/restore cursor)', `a${ESC}7b${ESC}8c`, 'abc'],
	['ESC ( B / ESC ( 0 charset designation', `a${ESC}(0b${ESC}(Bc`, 'abc'],
	['ESC # 8 (screen alignment)', `a${ESC}#8b`, 'ab'],
	['ESC inside OSC ends it and starts a CSI', `a${ESC}]0;t${ESC}[31mb`, 'ab'],
	['CAN cancels an OSC', `a${ESC}]0;x\u0018b`, 'ab'],
	['unterminated OSC drops to the end', `a${ESC}]0;title and everything after`, 'a'],
	['unterminated DCS drops to the end', `a${ESC}Pqqq`, 'a'],
	['unterminated CSI at the end', `a${ESC}[12;`, 'a'],
	['lone ESC at the end', `abc${ESC}`, 'abc\u241B'],
	['ESC before a non-sequence character', `a${ESC}\u00E9b`, 'a\u241B\u00E9b'],
	['ESC ESC [ m', `a${ESC}${ESC}[mb`, 'a\u241Bb'],
	['CSI aborted by a control', `a${ESC}[31\u0008b`, 'a\u2408b'],
	['BEL', `a${BEL}b`, 'a\u2407b'],
	['backspaces overwriting text', 'rm -rf /\u0008\u0008\u0008\u0008\u0008\u0008\u0008\u0008ls', 'rm -rf /\u2408\u2408\u2408\u2408\u2408\u2408\u2408\u2408ls'],
	['NUL', 'a\u0000b', 'a\u2400b'],
	['VT / FF', 'a\u000Bb\u000Cc', 'a\u240Bb\u240Cc'],
	['DEL', 'a\u007Fb', 'a\u2421b'],
	['stray C1 (NEL, ST)', 'a\u0085b\u009Cc', 'a\uFFFDb\uFFFDc'],
	['bidi override (Trojan Source)', 'invoice\u202Egpj.exe', 'invoice\uFFFDgpj.exe'],
	['bidi embeddings + isolates', '\u202Aa\u202B\u202C\u2066b\u2067\u2068\u2069', '\uFFFDa\uFFFD\uFFFD\uFFFDb\uFFFD\uFFFD\uFFFD'],
	['lone surrogates', 'a\uD800b\uDC00c', 'a\uFFFDb\uFFFDc'],
	['tab', 'a\tb', 'a b'],
	['LF', 'a\nb', 'a↵b'],
	['CRLF is one break', 'a\r\nb', 'a↵b'],
	['bare CR', 'a\rb', 'a↵b'],
	['blank line', 'a\n\nb', 'a↵↵b'],
	['CSI aborted by LF keeps the break', `a${ESC}[31\nb`, 'a↵b'],
	['plain Unicode survives', 'naïve 日本語 😀 e\u0301 👨‍👩‍👧', 'naïve 日本語 😀 e\u0301 👨‍👩‍👧'],
	['control pictures typed literally stay text', '␛[31m', '␛[31m'],
];

describe('sanitizeLine', () => {
	it.each(HOSTILE)('%s', (_name, input, expected) => {
		const out = sanitizeLine(input);
		expect(out).toBe(expected);
		expect(firstForbidden(out)).toBeUndefined();
		expect(out).not.toContain(ESC);
	});

	it('keeps very long plain input whole', () => {
		const long = 'x'.repeat(200_000);
		expect(sanitizeLine(long)).toBe(long);
	});
});

describe('createStreamSanitizer: lines', () => {
	it.each<[string, string[], string[]]>([
		['LF ends lines, the last one comes at end()', ['one\ntwo\nthree'], ['one', 'two', 'three']],
		['CRLF: the CR is stripped', ['a\r\nb\r\n'], ['a', 'b']],
		['a bare CR is dropped, never overwrites', ['50%\r75%\r100%\n'], ['50%75%100%']],
		['empty lines are kept', ['a\n\n\nb\n'], ['a', '', '', 'b']],
		['no trailing empty line after a final LF', ['a\n'], ['a']],
		['a line made only of escapes at the end is not emitted', ['a\n\u001B[0m'], ['a']],
		['CRLF split across chunks', ['a\r', '\nb\n'], ['a', 'b']],
		['lone ESC at end of stream', ['x\u001B'], ['x\u241B']],
		['unterminated OSC ends at LF, not at end of input', [`a${ESC}]0;hide\nvisible\n`], ['a', 'visible']],
		['unterminated APC ends at LF', [`${ESC}_junk\nnext`], ['', 'next']],
		['C0 controls become pictures', ['\u0000\u0007\u0008\u001A\n'], ['\u2400\u2407\u2408\u241A']],
	])('%s', (_name, chunks, expected) => {
		expect(texts(run(chunks))).toEqual(expected);
	});

	it.each<[string, string, number | undefined, string]>([
		['to the next multiple of 8', 'a\tb', undefined, `a${' '.repeat(7)}b`],
		['a full stop adds a whole tab', 'abcdefgh\tx', undefined, `abcdefgh${' '.repeat(8)}x`],
		['consecutive tabs', '\t\tx', undefined, `${' '.repeat(16)}x`],
		['custom tab width', 'ab\tc\td', 4, 'ab  c   d'],
		['wide CJK counts two columns', '日本\tx', undefined, `日本${' '.repeat(4)}x`],
		['emoji counts two columns', '😀\tx', undefined, `😀${' '.repeat(6)}x`],
		['escapes take no column', `${ESC}[31mab${ESC}[0m\tc`, undefined, `ab${' '.repeat(6)}c`],
	])('tab expansion: %s', (_name, input, tabWidth, expected) => {
		const [line] = run([`${input}\n`], tabWidth === undefined ? {} : {tabWidth});
		expect(line?.text).toBe(expected);
	});
});

describe('createStreamSanitizer: truncation', () => {
	it('cuts a long line with a marker counting what was dropped', () => {
		expect(texts(run(['0123456789ABCDEF\nnext\n'], {maxLineLength: 10}))).toEqual([
			'0123456789 … [truncated 6 chars]',
			'next',
		]);
	});

	it('does not mark a line of exactly the maximum', () => {
		expect(texts(run(['0123456789\n'], {maxLineLength: 10}))).toEqual(['0123456789']);
	});

	it('never splits a surrogate pair at the cut', () => {
		const [line] = run(['abc😀def\n'], {maxLineLength: 4});
		expect(line?.text).toBe('abc … [truncated 5 chars]');
	});

	it('keeps only maxLineLength of a 20 MB line without a newline, and counts the rest', () => {
		const sanitizer = createStreamSanitizer();
		const chunk = Buffer.alloc(64 * 1024, 'x');
		let lines: SanitizedLine[] = [];
		for (let i = 0; i < 320; i++) lines = lines.concat(sanitizer.push(chunk));
		expect(lines).toEqual([]);
		lines = lines.concat(sanitizer.push(Buffer.from('\nafter\n')));
		const total = 320 * 64 * 1024;
		expect(texts(lines)).toEqual([`${'x'.repeat(65_536)} … [truncated ${total - 65_536} chars]`, 'after']);
		expect(sanitizer.end()).toEqual([]);
	});

	it('truncates the last line at end() too', () => {
		expect(texts(run(['abcdef'], {maxLineLength: 3}))).toEqual(['abc … [truncated 3 chars]']);
	});
});

describe('createStreamSanitizer: UTF-8', () => {
	it.each<[string, number[][], string[]]>([
		['invalid byte 0xff', [[0x61, 0xff, 0x62, 0x0a]], ['a\uFFFDb']],
		['0xc3 alone before ASCII', [[0xc3, 0x41, 0x0a]], ['\uFFFDA']],
		['0xc3 alone at the end of the stream', [[0x61, 0xc3]], ['a\uFFFD']],
		['truncated 3-byte sequence at the end', [[0x61, 0xe2, 0x82]], ['a\uFFFD']],
		['UTF-8 encoded surrogate', [[0xed, 0xa0, 0x80, 0x0a]], ['\uFFFD\uFFFD\uFFFD']],
		['4-byte emoji split into single bytes', [[0x61], [0xf0], [0x9f], [0x98], [0x80], [0x62]], ['a😀b']],
		['4-byte emoji split 2+2', [[0xf0, 0x9f], [0x98, 0x80, 0x0a]], ['😀']],
		['C1 CSI as UTF-8 (c2 9b) split between its bytes', [[0x61, 0xc2], [0x9b, 0x33, 0x31, 0x6d, 0x62]], ['ab']],
	])('%s', (_name, chunks, expected) => {
		expect(texts(run(chunks.map((c) => Buffer.from(c))))).toEqual(expected);
	});
});

describe('createStreamSanitizer: every sequence split at every byte', () => {
	const samples = HOSTILE.filter(([, input]) => !input.includes('\n') && !input.includes('\r') && !/\p{Cs}/u.test(input));
	it.each(samples)('%s', (_name, input) => {
		const bytes = Buffer.from(input, 'utf8');
		const whole = texts(run([bytes]));
		for (const line of whole) expect(firstForbidden(line)).toBeUndefined();
		for (let cut = 1; cut < bytes.length; cut++) {
			const split = texts(run([bytes.subarray(0, cut), bytes.subarray(cut)]));
			expect(split, `split at byte ${cut}`).toEqual(whole);
		}
	});

	it('agrees with sanitizeLine on single-line input (tabs aside)', () => {
		for (const [, input] of samples) {
			if (input.includes('\t')) continue;
			expect(texts(run([input])).join('')).toBe(sanitizeLine(input));
		}
	});
});

describe('createStreamSanitizer: colours', () => {
	it('turns SGR into spans and keeps the text clean', () => {
		const [line] = run([`${ESC}[31mred${ESC}[0m plain ${ESC}[1;38;5;208mo${ESC}[m\n`]);
		expect(line).toEqual({
			text: 'red plain o',
			spans: [
				{start: 0, end: 3, fg: 'red'},
				{start: 10, end: 11, bold: true, fg: '#ff8700'},
			],
		});
	});

	it.each<[string, string, Record<string, unknown>]>([
		['basic fg', '31', {fg: 'red'}],
		['basic bg', '44', {bg: 'blue'}],
		['bright fg', '91', {fg: 'redBright'}],
		['bright bg', '100', {bg: 'blackBright'}],
		['256: standard', '38;5;1', {fg: 'red'}],
		['256: bright', '38;5;9', {fg: 'redBright'}],
		['256: cube', '38;5;208', {fg: '#ff8700'}],
		['256: cube blue', '48;5;21', {bg: '#0000ff'}],
		['256: grey ramp start', '38;5;232', {fg: '#080808'}],
		['256: grey ramp end', '38;5;255', {fg: '#eeeeee'}],
		['truecolor', '38;2;255;0;128', {fg: '#ff0080'}],
		['truecolor bg', '48;2;1;2;3', {bg: '#010203'}],
		['colon truecolor with colourspace', '38:2::1:2:3', {fg: '#010203'}],
		['colon truecolor without colourspace', '38:2:1:2:3', {fg: '#010203'}],
		['colon 256', '38:5:208', {fg: '#ff8700'}],
		['attributes', '1;2;3;4;7', {bold: true, dim: true, italic: true, underline: true, inverse: true}],
		['22 clears bold and dim', '1;2;22;3', {italic: true}],
		['23/24/27 clear', '3;4;7;23;24;27;1', {bold: true}],
		['39/49 restore default colours', '31;42;39;49;1', {bold: true}],
		['reset in the middle', '31;0;32', {fg: 'green'}],
		['4:0 is no underline', '4;4:0;1', {bold: true}],
		['concealed text stays visible', '8;31', {fg: 'red'}],
	])('SGR %s', (_name, params, style) => {
		const [line] = run([`${ESC}[${params}mX\n`]);
		expect(line).toEqual({text: 'X', spans: [{start: 0, end: 1, ...style}]});
	});

	it('plain SGR reset and empty params produce no span', () => {
		expect(run([`${ESC}[31m${ESC}[mX${ESC}[1m${ESC}[0mY\n`])).toEqual([{text: 'XY'}]);
	});

	it('carries the style across lines like a terminal', () => {
		expect(run([`${ESC}[32mone\ntwo${ESC}[0m\nthree\n`])).toEqual([
			{text: 'one', spans: [{start: 0, end: 3, fg: 'green'}]},
			{text: 'two', spans: [{start: 0, end: 3, fg: 'green'}]},
			{text: 'three'},
		]);
	});

	it('merges adjacent runs of the same style', () => {
		expect(run([`${ESC}[31ma${ESC}[31mb${ESC}[1m${ESC}[22mc\n`])).toEqual([{text: 'abc', spans: [{start: 0, end: 3, fg: 'red'}]}]);
	});

	it('ignores private CSI … m (xterm modifyOtherKeys) and CSI with intermediates', () => {
		expect(run([`${ESC}[>4;1mX${ESC}[1 mY\n`])).toEqual([{text: 'XY'}]);
	});

	it('drops SGR without spans when keepColor is false', () => {
		expect(run([`${ESC}[1;31mred${ESC}[0m\n`], {keepColor: false})).toEqual([{text: 'red'}]);
	});

	it('clips spans at the truncation point', () => {
		const [line] = run([`ab${ESC}[31mcdefgh\n`], {maxLineLength: 4});
		expect(line).toEqual({text: 'abcd … [truncated 4 chars]', spans: [{start: 2, end: 4, fg: 'red'}]});
	});

	it('parses SGR split at every byte', () => {
		const input = Buffer.from(`a${ESC}[38;2;10;20;30mb${ESC}[0mc\n`);
		const expected = [{text: 'abc', spans: [{start: 1, end: 2, fg: '#0a141e'}]}];
		for (let cut = 1; cut < input.length; cut++) {
			expect(run([input.subarray(0, cut), input.subarray(cut)]), `split at ${cut}`).toEqual(expected);
		}
	});
});

/** Deterministic PRNG so a failure is reproducible from its seed. */
function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

/** Bytes that make parsers interesting, mixed with uniformly random ones. */
const INTERESTING = [
	0x1b, 0x1b, 0x5b, 0x5d, 0x50, 0x58, 0x5e, 0x5f, 0x5c, 0x07, 0x9b, 0x9c, 0x9d, 0xc2, 0xc2, 0xe2, 0x80, 0xae, 0xf0, 0x9f,
	0x0a, 0x0d, 0x09, 0x00, 0x08, 0x7f, 0x18, 0x3b, 0x3a, 0x3f, 0x6d, 0x33, 0x31, 0x38, 0x35, 0x32, 0x20, 0x28, 0x61,
];

describe('property: random bytes in random chunks', () => {
	it.each(Array.from({length: 40}, (_, i) => [i + 1]))('seed %i: no forbidden code point, same as unsplit', (seed) => {
		const random = mulberry32(seed);
		const length = 1 + Math.floor(random() * 3000);
		const bytes = Buffer.alloc(length);
		for (let i = 0; i < length; i++) {
			bytes[i] = random() < 0.6 ? INTERESTING[Math.floor(random() * INTERESTING.length)]! : Math.floor(random() * 256);
		}
		const options: StreamSanitizerOptions = {keepColor: random() < 0.7, maxLineLength: random() < 0.3 ? 50 : 65_536};
		const chunks: Buffer[] = [];
		for (let at = 0; at < length; ) {
			const size = 1 + Math.floor(random() * 16);
			chunks.push(bytes.subarray(at, at + size));
			at += size;
		}
		const lines = run(chunks, options);
		for (const line of lines) {
			expect(firstForbidden(line.text), JSON.stringify(line.text)).toBeUndefined();
			let previousEnd = 0;
			for (const span of line.spans ?? []) {
				expect(span.start).toBeGreaterThanOrEqual(previousEnd);
				expect(span.end).toBeGreaterThan(span.start);
				expect(span.end).toBeLessThanOrEqual(line.text.length);
				previousEnd = span.end;
			}
		}
		expect(lines).toEqual(run([bytes], options));
	});

	it.each(Array.from({length: 20}, (_, i) => [i + 100]))('seed %i: sanitizeLine on random code points', (seed) => {
		const random = mulberry32(seed);
		let s = '';
		for (let i = 0; i < 2000; i++) {
			const r = random();
			if (r < 0.4) s += String.fromCharCode(0xd800 + Math.floor(random() * 0x800)); // surrogates, paired or not
			else if (r < 0.8) s += String.fromCharCode(INTERESTING[Math.floor(random() * INTERESTING.length)]!);
			else s += String.fromCharCode(Math.floor(random() * 0x10000));
		}
		expect(firstForbidden(sanitizeLine(s))).toBeUndefined();
	});
});
