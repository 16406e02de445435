/**
 * Ink's `sanitize-ansi.js` with a shortcut: text without control characters (other than tabs and
 * newlines) has nothing to strip, and ASCII text coloured with plain SGR sequences keeps all of
 * them where they are, so either is returned as it is. Ink runs this on every text node whenever it
 * lays out or draws it (squash-text-nodes.js); its own fast path still ran a Unicode
 * `\p{Control}` replace over every string. Swapped in by scripts/build.mjs; same result for
 * every input (test/unit/ink-output.test.ts).
 */
import sanitizeAnsiOriginal from '../../node_modules/ink/build/sanitize-ansi.js';

/** No C0 control but tab and newline, no DEL, no C1 (so no escape sequence either). */
const NO_CONTROLS = /^[^\x00-\x08\x0b-\x1f\x7f-\x9f]*$/;
/** Printable ASCII, tabs, newlines and plain SGR sequences: Ink keeps every sequence where it is. */
const ASCII_WITH_SGR = /^(?:[\x20-\x7e\t\n]|\x1b\[[0-9;]*m)*$/;

/** Ink's sanitizeAnsi. */
export default function sanitizeAnsi(text: string): string {
	return NO_CONTROLS.test(text) || ASCII_WITH_SGR.test(text) ? text : sanitizeAnsiOriginal(text);
}
