/**
 * Ink's `sanitize-ansi.js` with a shortcut: text without control characters (other than tabs and
 * newlines) has nothing to strip, and plain text (plain-text.ts) coloured with SGR sequences
 * keeps all of them where they are, so either is returned as it is. Ink runs this on every text node whenever it
 * lays out or draws it (squash-text-nodes.js); its own fast path still ran a Unicode
 * `\p{Control}` replace over every string. Swapped in by scripts/build.mjs; same result for
 * every input (test/unit/ink-output.test.ts).
 */
import sanitizeAnsiOriginal from '../../node_modules/ink/build/sanitize-ansi.js';
import {isPlain} from './plain-text.js';

/** No C0 control but tab and newline, no DEL, no C1 (so no escape sequence either). */
const NO_CONTROLS = /^[^\x00-\x08\x0b-\x1f\x7f-\x9f]*$/;

/** Ink's sanitizeAnsi. */
export default function sanitizeAnsi(text: string): string {
	// Plain text with SGR sequences (no combining marks for Ink to move a sequence past): kept as it is.
	return NO_CONTROLS.test(text) || isPlain(text, {newlines: true, tabs: true, sgr: true}) ? text : sanitizeAnsiOriginal(text);
}
