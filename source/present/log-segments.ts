/** Splits a log line into styled runs: its own SGR colours overlaid with search-match highlights. */
import type {StyleSpan} from './sanitize.js';

/** A run of text drawn with one style. */
export interface Segment {
	text: string;
	style?: Omit<StyleSpan, 'start' | 'end'>;
	match?: boolean;
}

/**
 * Cut `text` at every span and match boundary; each piece carries the span's style (when colour
 * is on) and whether it is inside a match.
 */
export function segmentLine(text: string, spans: readonly StyleSpan[] | undefined, matches: ReadonlyArray<[number, number]>, color: boolean): Segment[] {
	const usedSpans = color && spans ? spans : [];
	if (usedSpans.length === 0 && matches.length === 0) return [{text}];
	const cuts = new Set<number>([0, text.length]);
	for (const span of usedSpans) {
		cuts.add(Math.max(0, Math.min(text.length, span.start)));
		cuts.add(Math.max(0, Math.min(text.length, span.end)));
	}
	for (const [start, end] of matches) {
		cuts.add(start);
		cuts.add(end);
	}
	const points = [...cuts].sort((a, b) => a - b);
	const segments: Segment[] = [];
	for (let i = 0; i < points.length - 1; i += 1) {
		const start = points[i]!;
		const end = points[i + 1]!;
		if (end <= start) continue;
		const span = usedSpans.find((s) => s.start <= start && s.end >= end);
		const match = matches.some(([a, b]) => a <= start && b >= end);
		const {start: _s, end: _e, ...style} = span ?? {start: 0, end: 0};
		segments.push({text: text.slice(start, end), ...(span ? {style} : {}), ...(match ? {match} : {})});
	}
	return segments;
}
