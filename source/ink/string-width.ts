/**
 * `string-width` with a shortcut: plain text (plain-text.ts) is one column per character. The bundler
 * (scripts/build.mjs) hands this module to every importer of the top-level `string-width`
 * (Ink, widest-line, wrap-ansi, cli-truncate, porthole). Ink measures every changed text node
 * on every frame; almost all of porthole's text is ASCII, and string-width's general path
 * (grapheme segmentation, East Asian width, emoji tests) cost ~6 % of porthole's CPU with 100
 * containers streaming stats. Other text is memoised (a screen's texts repeat from frame to
 * frame). Same result for every input (test/unit/ink-output.test.ts).
 */
import stringWidthOriginal from 'string-width';
import {isPlain} from './plain-text.js';

/** Printable ASCII only: no controls, no escapes, nothing wide or zero-width. */
export const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

type Options = Parameters<typeof stringWidthOriginal>[1];

/** Widths of other text, by options; emptied when it grows past CACHE_LIMIT (texts on screen repeat). */
const cached = new Map<string, Map<string, number>>();
const CACHE_LIMIT = 5000;
let cachedCount = 0;

/** Display width in terminal columns, as string-width computes it. */
export default function stringWidth(text: string, options?: Options): number {
	if (typeof text !== 'string') return stringWidthOriginal(text, options);
	if (PRINTABLE_ASCII.test(text) || ((options?.ambiguousIsNarrow ?? true) && isPlain(text))) return text.length;
	const optionsKey = options ? `${options.ambiguousIsNarrow ?? ''}|${options.countAnsiEscapeCodes ?? ''}` : '';
	let byText = cached.get(optionsKey);
	if (!byText) cached.set(optionsKey, (byText = new Map()));
	let width = byText.get(text);
	if (width === undefined) {
		if (cachedCount >= CACHE_LIMIT) {
			cached.clear();
			cached.set(optionsKey, (byText = new Map()));
			cachedCount = 0;
		}
		width = stringWidthOriginal(text, options);
		byText.set(text, width);
		cachedCount += 1;
	}
	return width;
}
