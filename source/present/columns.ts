/**
 * The container table's columns: which fit the terminal, how wide each is, and the text of each
 * cell.
 *
 * Which columns show depends on the terminal's width only, never on the data: each column claims
 * a fixed width while columns are chosen, so a status text that changes length ("Restarting (1)
 * 2 seconds ago" ↔ "Up Less than a second") cannot push a column in and out every few seconds.
 * Columns give way in a fixed order as the terminal narrows; at 80 columns NAMES, STATUS, CPU %,
 * MEM USAGE / LIMIT and IMAGE stay (the five essentials shrink to fit; names and images too long
 * are cut in the middle, keeping what tells them apart).
 * STATUS and CREATED have fixed widths (a text longer than that, e.g. the first second after an
 * exit, is cut with "…"); the identity columns (NAMES, IMAGE, PORTS, COMMAND) take their content's
 * width, which changes only when containers come and go; width left over goes to the columns cut
 * short of their content first, then to STATUS and CREATED up to their longest texts, then NAMES.
 */
import type {ContainerStateDetail, ContainerSummary} from '../engine/types.js';
import {commandText, createdText, imageText, namesText, portsText, shortId, statusText} from './containers.js';
import {type StatsFigures, statsTexts} from './stats.js';
import {displayWidth} from './text.js';

/** Column identifiers: docker ps order, then docker stats figures, NAMES last as in docker ps. */
export type ColumnId =
	| 'id'
	| 'image'
	| 'command'
	| 'created'
	| 'status'
	| 'ports'
	| 'cpu'
	| 'memUsage'
	| 'memPercent'
	| 'netIO'
	| 'blockIO'
	| 'pids'
	| 'names';

/** What a cell may draw from besides the summary. */
export interface CellContext {
	detail?: ContainerStateDetail;
	/** Latest stats; only running containers on screen have them. */
	stats?: StatsFigures;
	now: number;
}

/**
 * Stats text for a running (or paused) container; blank for stopped ones (as docker stats omits
 * them) and for restarting ones: between two runs there is no process, and the daemon's zeros
 * ("0B / 0B") read as a measurement.
 */
function statsCell(pick: keyof ReturnType<typeof statsTexts>) {
	return (c: ContainerSummary, ctx: CellContext) => {
		// The inspect detail is what STATUS shows, and fresher than the list: follow it when there.
		const live = ctx.detail ? ctx.detail.running && !ctx.detail.restarting : c.state === 'running' || c.state === 'paused';
		if (!live) return '';
		// A sample with no memory limit at all has no cgroup behind it (a container between two runs
		// of a restart loop, caught as it starts): its zeros are not figures.
		return statsTexts(ctx.stats && ctx.stats.memLimit > 0 ? ctx.stats : undefined)[pick];
	};
}

/** A column's rules. */
interface ColumnSpec {
	id: ColumnId;
	title: string;
	/** Narrowest it may be squeezed to (essential columns on narrow terminals). */
	min: number;
	/** Width claimed while columns are chosen: data never changes which columns fit. */
	claim: number;
	/** Widest it gets from left-over width (content is measured up to this). */
	full: number;
	/** Lower drops later. */
	keep: number;
	/** Width follows the content (names, image, ports, command): it changes only with the containers. */
	content?: boolean;
	/**
	 * Where a text too long is cut: names and images in the middle, keeping what tells rows apart
	 * ("shop-api-1" vs "shop-api-2", the image's tag); the rest at the end.
	 */
	cut?: 'middle';
	cell: (c: ContainerSummary, ctx: CellContext) => string;
}

// STATUS: 28 fits "Restarting (1) 12 seconds ago"; 40 is moby's longest ("Up Less than a second
// (health: starting)"). CREATED: 14 fits "2 minutes ago", 18 "About a minute ago" (only "Less
// than a second ago", for a second, is longer). The stats columns claim what docker stats'
// figures usually take on a host with GiB of memory ("123.4MB / 4.5kB" for I/O).
const SPECS: readonly ColumnSpec[] = [
	{id: 'id', title: 'CONTAINER ID', min: 12, claim: 12, full: 12, keep: 6, cell: (c) => shortId(c.id)},
	{id: 'image', title: 'IMAGE', min: 10, claim: 16, full: 40, keep: 5, content: true, cut: 'middle', cell: (c) => imageText(c)},
	{id: 'command', title: 'COMMAND', min: 12, claim: 22, full: 40, keep: 10, content: true, cell: (c) => commandText(c.command)},
	{id: 'created', title: 'CREATED', min: 14, claim: 14, full: 18, keep: 7, cell: (c, ctx) => createdText(c.created, ctx.now)},
	{id: 'status', title: 'STATUS', min: 14, claim: 28, full: 40, keep: 2, cell: (c, ctx) => statusText(c, ctx.detail, ctx.now)},
	{id: 'ports', title: 'PORTS', min: 12, claim: 16, full: 120, keep: 9, content: true, cell: (c) => portsText(c.ports)},
	{id: 'cpu', title: 'CPU %', min: 7, claim: 7, full: 8, keep: 3, cell: statsCell('cpu')},
	{id: 'memUsage', title: 'MEM USAGE / LIMIT', min: 19, claim: 19, full: 19, keep: 4, cell: statsCell('memUsage')},
	{id: 'memPercent', title: 'MEM %', min: 6, claim: 6, full: 7, keep: 8, cell: statsCell('memPercent')},
	{id: 'netIO', title: 'NET I/O', min: 15, claim: 15, full: 19, keep: 12, cell: statsCell('netIO')},
	{id: 'blockIO', title: 'BLOCK I/O', min: 15, claim: 15, full: 19, keep: 13, cell: statsCell('blockIO')},
	{id: 'pids', title: 'PIDS', min: 4, claim: 4, full: 5, keep: 11, cell: statsCell('pids')},
	{id: 'names', title: 'NAMES', min: 10, claim: 20, full: 40, keep: 1, content: true, cut: 'middle', cell: (c) => namesText(c)},
];

/**
 * Measured cell widths, per container object (the store hands out new objects only when the
 * daemon's data changed) and per state detail. Typing in the filter re-lays the table on every
 * key; measuring each cell of 1,000 rows with string-width every time was most of that key's cost.
 */
const widthCache = new WeakMap<ContainerSummary, {detail?: ContainerStateDetail; widths: Map<ColumnId, number>}>();

function cellWidth(spec: ColumnSpec, c: ContainerSummary, detail: ContainerStateDetail | undefined, now: number): number {
	let entry = widthCache.get(c);
	if (!entry || entry.detail !== detail) {
		entry = {detail, widths: new Map()};
		widthCache.set(c, entry);
	}
	let width = entry.widths.get(spec.id);
	if (width === undefined) {
		width = displayWidth(spec.cell(c, {now, detail}));
		entry.widths.set(spec.id, width);
	}
	return width;
}

/** A column as laid out for the current width. */
export interface Column {
	id: ColumnId;
	title: string;
	width: number;
	cut: 'end' | 'middle';
	cell: ColumnSpec['cell'];
}

/** Columns with `keep` up to this are shown on every terminal wide enough for their minimums. */
export const ESSENTIAL = 5;
/**
 * How essential columns give up width on a narrow terminal, in this order: STATUS first (to 22,
 * "Exited (0) 2 hours ago"), IMAGE, then NAMES only after STATUS has given up more; names are
 * what tell rows apart.
 */
const SQUEEZE: ReadonlyArray<[ColumnId, number]> = [
	['status', 22],
	['image', 10],
	['status', 20],
	['names', 16],
	['status', 14],
	['names', 10],
];

/** Space between columns. */
export const COLUMN_GAP = 2;
/** Width of the mark/selection gutter at the left of every row. */
export const GUTTER = 2;

/**
 * Which columns a terminal `width` columns wide shows: the width alone decides. The essential
 * columns come first (squeezed to their minimums if need be, the least important dropped when
 * even those do not fit), then the others in `keep` order at their claimed widths while they fit,
 * so a wider terminal shows every column a narrower one does.
 */
export function chooseColumns(width: number): ColumnId[] {
	const available = width - GUTTER;
	const byKeep = [...SPECS].sort((a, b) => a.keep - b.keep);
	const essential = byKeep.filter((spec) => spec.keep <= ESSENTIAL);
	const span = (specs: readonly ColumnSpec[], size: (spec: ColumnSpec) => number) => specs.reduce((sum, spec) => sum + size(spec), 0) + COLUMN_GAP * Math.max(0, specs.length - 1);
	while (essential.length > 1 && span(essential, (spec) => spec.min) > available) essential.pop();
	const chosen = new Set(essential.map((spec) => spec.id));
	let used = span(essential, (spec) => spec.claim);
	for (const spec of byKeep) {
		if (chosen.has(spec.id) || spec.keep <= ESSENTIAL) continue;
		// The first that does not fit ends the choice: a smaller, later one filling the gap would
		// show at one width and vanish at a wider one.
		if (used + COLUMN_GAP + spec.claim > available) break;
		chosen.add(spec.id);
		used += COLUMN_GAP + spec.claim;
	}
	return SPECS.filter((spec) => chosen.has(spec.id)).map((spec) => spec.id);
}

/**
 * Lay out columns for `width` terminal columns. The set of columns comes from the width alone
 * (chooseColumns); `sample` rows (the whole list) give the identity columns their width, so
 * columns do not jump as rows scroll or as a status text changes.
 */
export function layoutColumns(
	width: number,
	sample: readonly ContainerSummary[],
	now: number,
	details: ReadonlyMap<string, ContainerStateDetail> = new Map(),
): Column[] {
	const available = width - GUTTER;
	const columns = chooseColumns(width).map((id) => ({spec: SPECS.find((spec) => spec.id === id)!, width: 0}));
	// What the identity columns' content needs (title included), up to their full width.
	const natural = new Map<ColumnId, number>();
	for (const {spec} of columns) {
		if (!spec.content) continue;
		let widest = displayWidth(spec.title);
		for (const c of sample) {
			widest = Math.max(widest, cellWidth(spec, c, details.get(c.id), now));
			if (widest >= spec.full) break;
		}
		natural.set(spec.id, Math.max(spec.min, Math.min(spec.full, widest)));
	}
	// Essential identity columns (NAMES, IMAGE) start whole and are squeezed below if need be; the
	// others start at their claim at most and grow from what is left.
	for (const column of columns) {
		const {spec} = column;
		column.width = !spec.content ? spec.claim : spec.keep <= ESSENTIAL ? natural.get(spec.id)! : Math.min(spec.claim, natural.get(spec.id)!);
	}
	let spare = available - columns.reduce((sum, column) => sum + column.width, 0) - COLUMN_GAP * Math.max(0, columns.length - 1);
	// Too narrow for the claims: the essential columns give up width, step by step.
	for (const [id, floor] of SQUEEZE) {
		const column = columns.find((entry) => entry.spec.id === id);
		if (spare >= 0 || !column || column.width <= floor) continue;
		const given = Math.min(-spare, column.width - floor);
		column.width -= given;
		spare += given;
	}
	// Left-over width, a column at a time so one long text does not take it all: first to identity
	// columns cut short of their content, then to the fixed ones up to their longest texts.
	const grow = (wanted: (column: (typeof columns)[number]) => number) => {
		for (let grown = true; grown && spare > 0; ) {
			grown = false;
			for (const column of [...columns].sort((a, b) => a.spec.keep - b.spec.keep)) {
				if (spare > 0 && column.width < wanted(column)) {
					column.width += 1;
					spare -= 1;
					grown = true;
				}
			}
		}
	};
	grow((column) => (column.spec.content ? natural.get(column.spec.id)! : column.width));
	// STATUS and CREATED to their longest texts, before the figures get room for rare long ones.
	grow((column) => (column.spec.id === 'status' || column.spec.id === 'created' ? column.spec.full : column.width));
	grow((column) => (column.spec.content ? column.width : column.spec.full));
	// The rest to NAMES (the last column, as in docker ps), so the table spans the terminal.
	const last = columns.find((column) => column.spec.id === 'names') ?? columns.at(-1);
	if (last && spare > 0) last.width += spare;
	return columns.map(({spec, width: w}) => ({id: spec.id, title: spec.title, width: w, cut: spec.cut ?? 'end', cell: spec.cell}));
}
