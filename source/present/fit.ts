/**
 * Fits a line made of parts into a width by construction: while the line is too wide, the least
 * important part shown is shortened (through its shorter forms, then cut in the middle if it
 * allows that) or dropped. A line that fits is never truncated by Ink, which otherwise re-cuts
 * an overlong line on every frame (and cuts off whatever is at its end, however important).
 */
import {displayWidth, truncateMiddle, truncateToWidth} from './text.js';

/** A run of text in one style; the style is a name the view maps to colours. */
export interface Run<Style extends string = string> {
	text: string;
	style?: Style;
}

/** One part of a line, in display order. */
export interface LinePart<Style extends string = string> {
	/** Forms from fullest to shortest (at least one), each a list of runs. */
	forms: ReadonlyArray<ReadonlyArray<Run<Style>>>;
	/** Importance, 0 the most: the part with the highest rank gives way first (the later one on a tie). */
	rank: number;
	/** Text put before the part when a part before it is shown (e.g. two spaces). */
	gap?: string;
	/**
	 * At its shortest form the part may be cut in the middle, keeping start and end, down to
	 * this many columns before it is dropped. The form is cut as one run, in its first run's style.
	 */
	middleCutMin?: number;
}

interface PartState<Style extends string> {
	part: LinePart<Style>;
	form: number;
	/** Columns of a middle cut, once one is made. */
	cut?: number;
	shown: boolean;
	/** Columns of the part as it stands, gap not included. */
	width: number;
}

function textOf(runs: ReadonlyArray<Run>): string {
	return runs.map((run) => run.text).join('');
}

function runsOf<Style extends string>(state: PartState<Style>): ReadonlyArray<Run<Style>> {
	const runs = state.part.forms[state.form]!;
	if (state.cut === undefined) return runs;
	return [{text: truncateMiddle(textOf(runs), state.cut), style: runs[0]?.style}];
}

/** The line as runs, gaps included: `parts` shortened and dropped until it is at most `width` columns. */
export function fitParts<Style extends string>(parts: ReadonlyArray<LinePart<Style>>, width: number): Run<Style>[] {
	const states: PartState<Style>[] = parts.map((part) => ({part, form: 0, shown: true, width: displayWidth(textOf(part.forms[0]!))}));
	// Only the part that changed is measured again at each step.
	const lineWidth = () => {
		let sum = 0;
		let first = true;
		for (const state of states) {
			if (!state.shown) continue;
			if (!first && state.part.gap) sum += displayWidth(state.part.gap);
			sum += state.width;
			first = false;
		}
		return sum;
	};
	let over = lineWidth() - width;
	while (over > 0) {
		const shown = states.filter((state) => state.shown);
		// The last part standing is never dropped: it is cut at the end below.
		if (shown.length <= 1) break;
		const victim = shown.reduce((least, state) => (state.part.rank >= least.part.rank ? state : least));
		const {part} = victim;
		if (victim.form < part.forms.length - 1) {
			victim.form++;
			victim.width = displayWidth(textOf(part.forms[victim.form]!));
		} else if (part.middleCutMin !== undefined && victim.width > part.middleCutMin) {
			// Cut just enough, but not below the minimum (the next step drops it if that is not enough).
			victim.cut = Math.max(part.middleCutMin, victim.width - over);
			victim.width = displayWidth(textOf(runsOf(victim)));
		} else {
			victim.shown = false;
		}
		over = lineWidth() - width;
	}
	const runs: Run<Style>[] = [];
	for (const state of states) {
		if (!state.shown) continue;
		if (runs.length > 0 && state.part.gap) runs.push({text: state.part.gap});
		runs.push(...runsOf(state));
	}
	return over > 0 ? cutRuns(runs, width) : runs;
}

/** Runs cut at the end to `width` columns, the run that crosses the edge ending with "…". */
function cutRuns<Style extends string>(runs: ReadonlyArray<Run<Style>>, width: number): Run<Style>[] {
	const out: Run<Style>[] = [];
	if (width <= 0) return out;
	let room = width;
	for (const [index, run] of runs.entries()) {
		const runWidth = displayWidth(run.text);
		const last = index === runs.length - 1;
		// A run that fits exactly is only kept whole when nothing follows it; otherwise the "…" must go in it.
		if (runWidth < room || (last && runWidth <= room)) {
			out.push(run);
			room -= runWidth;
			continue;
		}
		// room >= 1 here, since only runs narrower than the room are kept whole before the last one.
		out.push({...run, text: truncateToWidth(run.text, room - 1, '') + '…'});
		break;
	}
	return out;
}
