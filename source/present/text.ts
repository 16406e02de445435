/**
 * Display-width helpers: terminal columns, not string length, decide whether a cell fits
 * (CJK and emoji take two columns, combining marks none). Inputs are expected to be sanitised
 * already (see sanitize.ts): string-width skips escape sequences, so raw container text would be
 * measured narrower than a terminal would draw it.
 */

import stringWidth from 'string-width';

const graphemes = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/** Terminal columns a string occupies (wide CJK and emoji count 2, combining marks 0). */
export function displayWidth(s: string): number {
	return stringWidth(s);
}

/**
 * Cuts a string to at most `width` columns, ending with `ellipsis` when something was cut.
 * Cuts only between grapheme clusters, so a surrogate pair, an emoji ZWJ sequence or a letter
 * with its combining marks is kept whole or dropped whole.
 */
export function truncateToWidth(s: string, width: number, ellipsis = '…'): string {
	if (displayWidth(s) <= width) return s;
	if (width <= 0) return '';
	const ellipsisWidth = displayWidth(ellipsis);
	// An ellipsis wider than the room would itself overflow: cut without one.
	if (ellipsisWidth > width) return truncateToWidth(s, width, '');
	return leadingColumns(segmentsOf(s), width - ellipsisWidth).text + ellipsis;
}

/** The grapheme clusters of `s`, read lazily (a long string cut short is not segmented whole). */
function* segmentsOf(s: string): Generator<string> {
	for (const {segment} of graphemes.segment(s)) yield segment;
}

/** The longest run of whole graphemes from the start that fits `room` columns, and its width. */
function leadingColumns(segments: Iterable<string>, room: number): {text: string; used: number} {
	let used = 0;
	let text = '';
	for (const segment of segments) {
		const w = displayWidth(segment);
		if (used + w > room) break;
		used += w;
		text += segment;
	}
	return {text, used};
}

/**
 * Cuts a string to at most `width` columns by replacing its middle with `ellipsis`, keeping
 * more of the end than of the start (for an endpoint the end names the socket file or host).
 * Whole graphemes only, as truncateToWidth.
 */
export function truncateMiddle(s: string, width: number, ellipsis = '…'): string {
	if (displayWidth(s) <= width) return s;
	if (width <= 0) return '';
	const ellipsisWidth = displayWidth(ellipsis);
	if (ellipsisWidth > width) return truncateToWidth(s, width, '');
	const room = width - ellipsisWidth;
	const segments = [...segmentsOf(s)];
	const {text: head, used: headWidth} = leadingColumns(segments, Math.floor(room * 0.4));
	let used = headWidth;
	// The end gets the rest of the room, including whatever a wide character left unused at the start.
	let tail = '';
	for (let index = segments.length - 1; index >= 0; index--) {
		const w = displayWidth(segments[index]!);
		if (used + w > room) break;
		used += w;
		tail = segments[index]! + tail;
	}
	return head + ellipsis + tail;
}

/** Truncates then pads with spaces on the right to exactly `width` columns (for table cells). */
export function padEndToWidth(s: string, width: number): string {
	const cut = truncateToWidth(s, width);
	return cut + ' '.repeat(Math.max(0, width - displayWidth(cut)));
}

/** Truncates then pads with spaces on the left to exactly `width` columns (right-aligned numbers). */
export function padStartToWidth(s: string, width: number): string {
	const cut = truncateToWidth(s, width);
	return ' '.repeat(Math.max(0, width - displayWidth(cut))) + cut;
}

/**
 * Drops the first `skip` columns of a string (for horizontal scrolling), whole graphemes only;
 * returns the rest and how many columns were dropped (a wide character straddling the edge is
 * dropped whole, so the count can exceed `skip` by one).
 */
export function dropColumns(s: string, skip: number): {rest: string; dropped: number} {
	if (skip <= 0) return {rest: s, dropped: 0};
	let dropped = 0;
	let index = 0;
	for (const {segment} of graphemes.segment(s)) {
		if (dropped >= skip) break;
		dropped += displayWidth(segment);
		index += segment.length;
	}
	return {rest: s.slice(index), dropped};
}
