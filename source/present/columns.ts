/**
 * The container table's columns: which fit the terminal, how wide each is, and the text of each
 * cell. Columns give way in a fixed order as the terminal narrows (COMMAND first, NAMES last), so
 * 80 columns keep what matters at 3 a.m.: name, status, image, id.
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
		if (c.state !== 'running' && c.state !== 'paused') return '';
		return statsTexts(ctx.stats)[pick];
	};
}

/** A column's rules. */
interface ColumnSpec {
	id: ColumnId;
	title: string;
	/** Narrowest useful width. */
	min: number;
	/** Widest it ever gets (content is measured up to this). */
	max: number;
	/** Lower drops later. */
	keep: number;
	/** Takes left-over width. */
	grow?: boolean;
	/** Sample text used to size the column when no rows are there to measure (stats arrive later). */
	typical?: string;
	/**
	 * Width the column claims while columns are being chosen; it grows to its natural width
	 * only from what is left over. Keeps a rare long text ("Restarting (1) Less than a second
	 * ago", a dozen ports) from pushing whole columns off narrower terminals.
	 */
	soft?: number;
	cell: (c: ContainerSummary, ctx: CellContext) => string;
}

const SPECS: readonly ColumnSpec[] = [
	{id: 'id', title: 'CONTAINER ID', min: 12, max: 12, keep: 6, cell: (c) => shortId(c.id)},
	{id: 'image', title: 'IMAGE', min: 10, max: 40, soft: 30, keep: 5, grow: true, cell: (c) => imageText(c)},
	{id: 'command', title: 'COMMAND', min: 12, max: 40, soft: 22, keep: 13, cell: (c) => commandText(c.command)},
	{id: 'created', title: 'CREATED', min: 14, max: 22, keep: 11, cell: (c, ctx) => createdText(c.created, ctx.now)},
	{id: 'status', title: 'STATUS', min: 14, max: 44, soft: 26, keep: 2, cell: (c, ctx) => statusText(c, ctx.detail, ctx.now)},
	{id: 'ports', title: 'PORTS', min: 12, max: 120, soft: 80, keep: 8, grow: true, cell: (c) => portsText(c.ports)},
	{id: 'cpu', title: 'CPU %', min: 7, max: 8, keep: 3, typical: '1234.56%', cell: statsCell('cpu')},
	{id: 'memUsage', title: 'MEM USAGE / LIMIT', min: 17, max: 21, keep: 4, typical: '999.9MiB / 23.54GiB', cell: statsCell('memUsage')},
	{id: 'memPercent', title: 'MEM %', min: 6, max: 7, keep: 7, typical: '10.00%', cell: statsCell('memPercent')},
	{id: 'netIO', title: 'NET I/O', min: 15, max: 19, keep: 10, typical: '123.4MB / 456.7kB', cell: statsCell('netIO')},
	{id: 'blockIO', title: 'BLOCK I/O', min: 15, max: 19, keep: 12, typical: '123.4MB / 456.7kB', cell: statsCell('blockIO')},
	{id: 'pids', title: 'PIDS', min: 4, max: 5, keep: 9, cell: statsCell('pids')},
	{id: 'names', title: 'NAMES', min: 10, max: 40, soft: 24, keep: 1, grow: true, cell: (c) => namesText(c)},
];

/**
 * Measured cell widths, per container object (the store hands out new objects only when the
 * daemon's data changed), per state detail and per minute (time texts change with the clock).
 * Typing in the filter re-lays the table on every key; measuring each cell of 1,000 rows with
 * string-width every time was most of that key's cost.
 */
const widthCache = new WeakMap<ContainerSummary, {detail?: ContainerStateDetail; minute: number; widths: Map<ColumnId, number>}>();

function cellWidth(spec: ColumnSpec, c: ContainerSummary, detail: ContainerStateDetail | undefined, now: number, minute: number): number {
	let entry = widthCache.get(c);
	if (!entry || entry.detail !== detail || entry.minute !== minute) {
		entry = {detail, minute, widths: new Map()};
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
	cell: ColumnSpec['cell'];
}

/** Columns with `keep` up to this shrink to their minimum instead of being dropped. */
const ESSENTIAL = 3;

/** Minimum widths (with gaps) of the essential columns after `keep`, reserved while fitting. */
function remainingEssentialMin(keep: number): number {
	return SPECS.filter((spec) => spec.keep > keep && spec.keep <= ESSENTIAL).reduce((sum, spec) => sum + spec.min + COLUMN_GAP, 0);
}

/** Space between columns. */
export const COLUMN_GAP = 2;
/** Width of the mark/selection gutter at the left of every row. */
export const GUTTER = 2;

/**
 * Lay out columns for `width` terminal columns. `sample` rows (e.g. the whole list) give each
 * column its natural width, capped at its max, so columns do not jump as rows scroll.
 */
export function layoutColumns(
	width: number,
	sample: readonly ContainerSummary[],
	now: number,
	details: ReadonlyMap<string, ContainerStateDetail> = new Map(),
): Column[] {
	const available = width - GUTTER;
	// Natural widths: the widest content of each column in the sample (title included).
	const natural = new Map<ColumnId, number>();
	const minute = Math.floor(now / 60_000);
	for (const spec of SPECS) {
		let widest = Math.max(displayWidth(spec.title), spec.typical ? displayWidth(spec.typical) : 0);
		if (spec.id === 'id') widest = 12;
		else if (!spec.typical) {
			for (const c of sample) {
				widest = Math.max(widest, cellWidth(spec, c, details.get(c.id), now, minute));
				if (widest >= spec.max) break;
			}
		}
		// Time texts grow within the minute the layout is kept for ("Up 9 seconds" → "Up 59 seconds").
		if (spec.id === 'status' || spec.id === 'created') widest += 1;
		natural.set(spec.id, Math.min(spec.max, Math.max(spec.min, widest)));
	}
	// Take columns in `keep` order at their natural width while they fit; the first few (names,
	// status, CPU) may shrink to their minimum rather than go. Dropping a column is better than
	// truncating every column into uselessness.
	const chosen = new Map<ColumnId, number>();
	let used = 0;
	for (const spec of [...SPECS].sort((a, b) => a.keep - b.keep)) {
		const gap = chosen.size > 0 ? COLUMN_GAP : 0;
		const naturalWidth = Math.min(natural.get(spec.id)!, spec.soft ?? Infinity);
		if (used + gap + naturalWidth <= available) {
			chosen.set(spec.id, naturalWidth);
			used += gap + naturalWidth;
		} else if (spec.keep <= ESSENTIAL && used + gap + spec.min <= available) {
			const width = available - used - gap - remainingEssentialMin(spec.keep);
			const fitted = Math.max(spec.min, Math.min(naturalWidth, width));
			chosen.set(spec.id, fitted);
			used += gap + fitted;
		}
	}
	// A column of lesser rank gives way while an essential one (names, status, CPU) is cut short of
	// its content; other columns share what is left over instead.
	const specOf = (id: ColumnId) => SPECS.find((spec) => spec.id === id)!;
	for (;;) {
		const spareNow = available - used;
		const short = [...chosen].filter(([id, w]) => specOf(id).keep <= ESSENTIAL && w < natural.get(id)!);
		const deficit = short.reduce((sum, [id, w]) => sum + natural.get(id)! - w, 0);
		if (deficit <= spareNow || short.length === 0) break;
		const bestShort = Math.min(...short.map(([id]) => specOf(id).keep));
		const victim = [...chosen.keys()].map(specOf).filter((spec) => spec.keep > ESSENTIAL && spec.keep > bestShort).sort((a, b) => b.keep - a.keep)[0];
		if (!victim) break;
		used -= chosen.get(victim.id)! + COLUMN_GAP;
		chosen.delete(victim.id);
	}
	const columns = SPECS.filter((spec) => chosen.has(spec.id)).map((spec) => ({spec, width: chosen.get(spec.id)!}));
	// Left-over width first goes to columns cut short of their natural width, then
	// to the last growing column (NAMES), so the table spans the terminal.
	let spare = available - used;
	// Shared a column at a time, so one long text does not take it all.
	for (let grown = true; grown && spare > 0; ) {
		grown = false;
		for (const column of [...columns].sort((a, b) => a.spec.keep - b.spec.keep)) {
			if (spare > 0 && column.width < natural.get(column.spec.id)!) {
				column.width += 1;
				spare -= 1;
				grown = true;
			}
		}
	}
	const growers = columns.filter((column) => column.spec.grow);
	const last = growers.at(-1) ?? columns.at(-1);
	if (last && spare > 0) last.width += spare;
	return columns.map(({spec, width}) => ({id: spec.id, title: spec.title, width, cell: spec.cell}));
}
