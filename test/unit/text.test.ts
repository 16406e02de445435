import {describe, expect, it} from 'vitest';
import {displayWidth, padEndToWidth, padStartToWidth, truncateToWidth} from '../../source/present/text.js';

const FAMILY = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}'; // 👨‍👩‍👧, one grapheme of 5 code points
const E_ACUTE = 'e\u0301'; // e + combining acute accent

describe('displayWidth', () => {
	it.each<[string, string, number]>([
		['empty', '', 0],
		['ASCII', 'abc', 3],
		['CJK ideographs are wide', '日本語', 6],
		['Hangul syllables are wide', '한국', 4],
		['fullwidth Latin is wide', 'ＡＢ', 4],
		['halfwidth katakana is narrow', 'ｱｲ', 2],
		['emoji is wide', '😀', 2],
		['ZWJ family is one wide cluster', FAMILY, 2],
		['flag (regional indicators) is one wide cluster', '🇫🇷', 2],
		['combining mark takes no column', E_ACUTE, 1],
		['mixed', `a日${E_ACUTE}😀`, 6],
		['control pictures are narrow', '␛␀', 2],
	])('%s', (_name, s, width) => {
		expect(displayWidth(s)).toBe(width);
	});
});

describe('truncateToWidth', () => {
	it.each<[string, string, number, string | undefined, string]>([
		['fits: unchanged', 'abc', 3, undefined, 'abc'],
		['ASCII cut with ellipsis', 'hello world', 5, undefined, 'hell…'],
		['zero width', 'abcd', 0, undefined, ''],
		['negative width', 'abcd', -3, undefined, ''],
		['width 1 is just the ellipsis', 'abcd', 1, undefined, '…'],
		['CJK: exact fit with ellipsis', '日本語', 5, undefined, '日本…'],
		['CJK: a wide char that would straddle is dropped', '日本語', 4, undefined, '日…'],
		['emoji never split', '😀😀😀', 4, undefined, '😀…'],
		['emoji: room for nothing but the ellipsis', '😀😀', 2, undefined, '…'],
		['combining mark stays with its letter', `${E_ACUTE}${E_ACUTE}${E_ACUTE}`, 2, undefined, `${E_ACUTE}…`],
		['ZWJ sequence kept whole or dropped whole', `${FAMILY}xy`, 3, undefined, `${FAMILY}…`],
		['ZWJ sequence that does not fit is dropped whole', `${FAMILY}xy`, 2, undefined, '…'],
		['custom ellipsis', 'abcdef', 5, '...', 'ab...'],
		['empty ellipsis', 'abcdef', 4, '', 'abcd'],
		['ellipsis wider than the room is left out', 'abcdef', 2, '...', 'ab'],
	])('%s', (_name, s, width, ellipsis, expected) => {
		const out = ellipsis === undefined ? truncateToWidth(s, width) : truncateToWidth(s, width, ellipsis);
		expect(out).toBe(expected);
		expect(displayWidth(out)).toBeLessThanOrEqual(Math.max(0, width));
		expect(out).not.toMatch(/\p{Cs}/u); // no half of a surrogate pair
	});
});

describe('padEndToWidth / padStartToWidth', () => {
	it.each<[string, number, string]>([
		['ab', 4, 'ab  '],
		['abcd', 4, 'abcd'],
		['abcdef', 4, 'abc…'],
		['日本語', 5, '日本…'],
		['日本語', 4, '日… '],
		['😀', 3, '😀 '],
		[E_ACUTE, 3, `${E_ACUTE}  `],
		['', 2, '  '],
	])('padEnd(%j, %i)', (s, width, expected) => {
		const out = padEndToWidth(s, width);
		expect(out).toBe(expected);
		expect(displayWidth(out)).toBe(width);
	});

	it.each<[string, number, string]>([
		['42', 5, '   42'],
		['日本', 5, ' 日本'],
		['123456', 4, '123…'],
		['日本語', 4, ' 日…'],
	])('padStart(%j, %i)', (s, width, expected) => {
		const out = padStartToWidth(s, width);
		expect(out).toBe(expected);
		expect(displayWidth(out)).toBe(width);
	});
});
