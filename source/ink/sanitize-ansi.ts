/**
 * Ink's `sanitize-ansi.js` with a shortcut: text of printable ASCII, tabs and newlines has
 * nothing to strip, so it is returned as it is. Ink runs this on every text node whenever it
 * lays out or draws it (squash-text-nodes.js); its own fast path still ran a Unicode
 * `\p{Control}` replace over every string. Swapped in by scripts/build.mjs; same result for
 * every input (test/unit/ink-output.test.ts).
 */
import sanitizeAnsiOriginal from '../../node_modules/ink/build/sanitize-ansi.js';

const PLAIN = /^[\x20-\x7e\t\n]*$/;

/** Ink's sanitizeAnsi. */
export default function sanitizeAnsi(text: string): string {
	return PLAIN.test(text) ? text : sanitizeAnsiOriginal(text);
}
