/**
 * `string-width` with a shortcut: printable ASCII is one column per character. The bundler
 * (scripts/build.mjs) hands this module to every importer of the top-level `string-width`
 * (Ink, widest-line, wrap-ansi, cli-truncate, porthole). Ink measures every changed text node
 * on every frame; almost all of porthole's text is ASCII, and string-width's general path
 * (grapheme segmentation, East Asian width, emoji tests) cost ~6 % of porthole's CPU with 100
 * containers streaming stats. Same result for every input (test/unit/ink-output.test.ts).
 */
import stringWidthOriginal from 'string-width';

/** Printable ASCII only: no controls, no escapes, nothing wide or zero-width. */
export const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

type Options = Parameters<typeof stringWidthOriginal>[1];

/** Display width in terminal columns, as string-width computes it. */
export default function stringWidth(text: string, options?: Options): number {
	return typeof text === 'string' && PRINTABLE_ASCII.test(text) ? text.length : stringWidthOriginal(text, options);
}
