/**
 * Column layout for any kind's table (resources/kind.ts columns): which columns a width shows and
 * how wide each is. Columns are kept in `keep` order while their minimum widths fit; each then grows
 * toward what its content needs (measured over the whole list, so widths do not jump as rows
 * scroll), up to its maximum. The containers table keeps its own tuned layout (present/columns.ts).
 */
import type {CellContext, KindColumn} from '../resources/kind.js';
import {COLUMN_GAP, GUTTER} from './columns.js';
import {displayWidth} from './text.js';

/** A column with its width decided. */
export interface LaidColumn<Row> {
	id: string;
	title: string;
	width: number;
	cut: 'end' | 'middle';
	align?: 'right';
	cell: (row: Row, context: CellContext) => string;
}

/** Rows measured for natural widths: enough to be representative, bounded for big lists. */
const MEASURED_ROWS = 2000;

/** Lay out `columns` for `width` terminal columns over `rows`. */
export function layoutTable<Row>(columns: ReadonlyArray<KindColumn<Row>>, rows: readonly Row[], width: number, context: CellContext): Array<LaidColumn<Row>> {
	const available = width - GUTTER;
	const byKeep = [...columns].sort((a, b) => a.keep - b.keep);
	const chosen: Array<KindColumn<Row>> = [];
	let used = 0;
	for (const column of byKeep) {
		const extra = (chosen.length > 0 ? COLUMN_GAP : 0) + column.min;
		if (used + extra > available && column.keep > 1) break;
		chosen.push(column);
		used += extra;
	}
	const sample = rows.length > MEASURED_ROWS ? rows.slice(0, MEASURED_ROWS) : rows;
	const natural = new Map<string, number>();
	for (const column of chosen) {
		let widest = displayWidth(column.title);
		for (const row of sample) {
			widest = Math.max(widest, displayWidth(column.cell(row, context)));
			if (widest >= column.max) break;
		}
		natural.set(column.id, Math.max(column.min, Math.min(column.max, widest)));
	}
	// Rather than squeeze the other columns' texts, porthole's own extra columns (keep > 5) give way;
	// the docker command's columns stay and share the width: at 80 columns an image's CONTAINERS
	// count goes before its repository is cut, and CREATED stays as `docker images` has it.
	const span = () => chosen.reduce((sum, column) => sum + natural.get(column.id)!, 0) + COLUMN_GAP * Math.max(0, chosen.length - 1);
	while (span() > available && chosen.length > 2 && chosen.at(-1)!.keep > 5) {
		const dropped = chosen.pop()!;
		used -= COLUMN_GAP + dropped.min;
	}
	const shown = columns.filter((column) => chosen.includes(column));
	const widths = new Map(shown.map((column) => [column.id, column.min]));
	let spare = available - used;
	// Grow a column at a time, most important first, so one long text does not take it all.
	for (let grown = true; grown && spare > 0; ) {
		grown = false;
		for (const column of chosen) {
			const current = widths.get(column.id)!;
			if (spare > 0 && current < natural.get(column.id)!) {
				widths.set(column.id, current + 1);
				spare -= 1;
				grown = true;
			}
		}
	}
	return shown.map((column) => ({id: column.id, title: column.title, width: widths.get(column.id)!, cut: column.cut ?? 'end', align: column.align, cell: column.cell}));
}
