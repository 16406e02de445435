/**
 * "Plain" text for the Ink swaps' shortcuts: printable ASCII plus other characters that behave
 * like it — each is one grapheme on its own whatever stands next to it, one column wide, not
 * ignorable, no control — such as `·`, `›`, `…`, `↓`, `●`, `│` and accented letters. For such
 * text the tokenizer gives one unstyled, narrow cell per character and string-width one column
 * per character. Whether a character qualifies is asked of the tokenizer, the segmenter and
 * string-width themselves, once per character, so the shortcuts cannot disagree with them.
 */
import {tokenize} from '@alcalzone/ansi-tokenize';
import stringWidthOriginal from 'string-width';

const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
const graphemes = (text: string) => [...segmenter.segment(text)].length;
const SPECIAL = /[\p{M}\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/** Answers per UTF-16 code unit at or above U+00A0. */
const known = new Map<number, boolean>();

/** Whether a character beyond ASCII is one narrow cell that never joins a neighbour. */
export function isNarrowSingle(code: number): boolean {
	let answer = known.get(code);
	if (answer === undefined) {
		const c = String.fromCharCode(code);
		answer = false;
		if (code >= 0xa0 && (code < 0xd800 || code > 0xdfff) && !SPECIAL.test(c)) {
			const tokens = tokenize(c);
			const token = tokens[0];
			answer =
				tokens.length === 1 &&
				token?.type === 'char' &&
				token.value === c &&
				!token.fullWidth &&
				stringWidthOriginal(c) === 1 &&
				graphemes(c + 'a') === 2 &&
				graphemes('a' + c) === 2 &&
				graphemes(c + c) === 2;
		}
		known.set(code, answer);
	}
	return answer;
}

const SGR = /\x1b\[[0-9;]*m/y;

/**
 * Whether `text` is plain: every character printable ASCII or a narrow single (and `\n` when
 * `newlines`, `\t` when `tabs`), with complete SGR sequences (`ESC [ digits/semicolons m`) allowed when `sgr`.
 */
export function isPlain(text: string, {newlines = false, tabs = false, sgr = false}: {newlines?: boolean; tabs?: boolean; sgr?: boolean} = {}): boolean {
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code >= 0x20 && code <= 0x7e) continue;
		if (code === 0x0a && newlines) continue;
		if (code === 0x09 && tabs) continue;
		if (code === 0x1b && sgr) {
			SGR.lastIndex = index;
			const match = SGR.exec(text);
			if (!match) return false;
			index += match[0].length - 1;
			continue;
		}
		if (code < 0xa0 || !isNarrowSingle(code)) return false;
	}
	return true;
}

/** The SGR sequence at `index` of text that isPlain accepted with `sgr`. */
export function sgrAt(text: string, index: number): string {
	SGR.lastIndex = index;
	return SGR.exec(text)![0];
}
