/** The processes pane's rows: `docker top` output, sanitised and sortable by CPU or memory. */
import type {ProcessList} from '../engine/types.js';
import {sanitizeLine} from './sanitize.js';

/** Sort orders of the processes pane. */
export const PROCESS_SORTS = ['cpu', 'mem', 'pid'] as const;
/** A processes sort order. */
export type ProcessSort = (typeof PROCESS_SORTS)[number];

function columnIndex(titles: readonly string[], ...names: string[]): number {
	return titles.findIndex((title) => names.includes(title.toUpperCase()));
}

/** Titles and rows, sanitised, sorted (highest CPU / memory first; PID ascending). */
export function processRows(list: ProcessList, sort: ProcessSort): {titles: string[]; rows: string[][]} {
	const titles = list.titles.map(sanitizeLine);
	const rows = list.processes.map((row) => row.map(sanitizeLine));
	const index = sort === 'cpu' ? columnIndex(titles, '%CPU', 'C') : sort === 'mem' ? columnIndex(titles, '%MEM', 'RSS', 'VSZ') : columnIndex(titles, 'PID');
	if (index >= 0) {
		const value = (row: string[]) => Number.parseFloat(row[index] ?? '') || 0;
		const pidIndex = columnIndex(titles, 'PID');
		const pid = (row: string[]) => Number.parseInt(row[pidIndex] ?? '', 10) || 0;
		// Highest first; ties in PID order so rows do not jump between refreshes.
		rows.sort(sort === 'pid' ? (a, b) => value(a) - value(b) : (a, b) => value(b) - value(a) || pid(a) - pid(b));
	}
	return {titles, rows};
}
