/**
 * What the list shows of the store's containers: free-text match, sort order and a selection
 * that follows a container by id, plus the scroll window. Pure functions; no React.
 */
import type {ContainerSummary} from '../engine/types.js';
import type {ResourceKind} from '../resources/kind.js';
import {matchesWords} from './filter.js';

/** Columns the sort key cycles through, in order. */
export const SORT_KEYS = ['created', 'name', 'image', 'status', 'cpu', 'mem'] as const;
/** A sort column. */
export type SortKey = (typeof SORT_KEYS)[number];

/** Human names for the sort keys (header and footer). */
export const SORT_TITLES: Record<SortKey, string> = {created: 'created', name: 'name', image: 'image', status: 'status', cpu: 'CPU', mem: 'memory'};

/** The stats figures sorting needs. */
export interface SortFigures {
	cpuPercent?: number;
	memUsage: number;
}

/** State order for the status sort: live first, then the ones needing attention, then the rest. */
const STATE_RANK: Record<string, number> = {running: 0, restarting: 1, paused: 2, removing: 3, created: 4, exited: 5, dead: 6};

/** The primary name of a container. */
export function primaryName(container: ContainerSummary): string {
	return container.names.find((name) => !name.includes('/')) ?? container.names[0] ?? container.id.slice(0, 12);
}

const collator = new Intl.Collator('en', {numeric: true, sensitivity: 'base'});

function byName(a: ContainerSummary, b: ContainerSummary): number {
	return collator.compare(primaryName(a), primaryName(b)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Compare for a sort key in its natural direction: names and images A→Z, status by state rank,
 * created newest first (as `docker ps`), CPU and memory highest first. Ties fall back to name then
 * id, so rows never jump — except for created: `Created` is whole seconds, and the daemon lists
 * containers newest first by their full creation time, which `docker ps` prints as it comes; ties
 * keep the daemon's order (`position`), so containers created in one second read as in docker ps.
 */
function compareBy(key: SortKey, stats: ReadonlyMap<string, SortFigures>, position: (c: ContainerSummary) => number): (a: ContainerSummary, b: ContainerSummary) => number {
	// Containers without figures (stopped, or not measured yet) sort below every measured one.
	const cpu = (c: ContainerSummary) => stats.get(c.id)?.cpuPercent ?? -1;
	const mem = (c: ContainerSummary) => stats.get(c.id)?.memUsage ?? -1;
	switch (key) {
		case 'cpu':
			return (a, b) => cpu(b) - cpu(a) || byName(a, b);
		case 'mem':
			return (a, b) => mem(b) - mem(a) || byName(a, b);
		case 'name':
			return byName;
		case 'image':
			return (a, b) => collator.compare(a.image, b.image) || byName(a, b);
		case 'status':
			return (a, b) => (STATE_RANK[a.state] ?? 9) - (STATE_RANK[b.state] ?? 9) || byName(a, b);
		case 'created':
			return (a, b) => b.created - a.created || position(a) - position(b) || byName(a, b);
	}
}

/** Rows to show: matching the free words, sorted. `containers` is in the daemon's list order. */
export function deriveRows(
	containers: readonly ContainerSummary[],
	words: readonly string[],
	sortKey: SortKey,
	reverse: boolean,
	stats: ReadonlyMap<string, SortFigures> = new Map(),
): ContainerSummary[] {
	const order = new Map(containers.map((c, index) => [c.id, index]));
	const compare = compareBy(sortKey, stats, (c) => order.get(c.id) ?? 0);
	const rows = containers.filter((c) => matchesWords(c, words));
	rows.sort(reverse ? (a, b) => compare(b, a) : compare);
	return rows;
}

/**
 * Index of the selected row: the row with `selectedId` when it is still there, else the row now
 * at the index it had (so removing the selected container selects its neighbour).
 */
export function resolveSelection<Row>(rows: readonly Row[], selectedId: string | undefined, lastIndex: number, key: (row: Row) => string = (row) => (row as {id: string}).id): number {
	if (rows.length === 0) return -1;
	if (selectedId) {
		const index = rows.findIndex((row) => key(row) === selectedId);
		if (index >= 0) return index;
	}
	return Math.max(0, Math.min(lastIndex, rows.length - 1));
}

/** First visible row so that `index` is inside a window of `height` rows, moving as little as possible. */
export function scrollWindow(index: number, top: number, height: number, total: number): number {
	if (height <= 0 || total <= height) return 0;
	let next = top;
	if (index < next) next = index;
	if (index >= next + height) next = index - height + 1;
	return Math.max(0, Math.min(next, total - height));
}

/** Move a selection index by `delta` (clamped), for j/k, PgUp/PgDn, g/G. */
export function moveSelection(index: number, delta: number, total: number): number {
	if (total === 0) return -1;
	return Math.max(0, Math.min(total - 1, index + delta));
}

/**
 * Rows of a kind's list to show: matching every free word (in the kind's `words` text), in the
 * order of one of its sorts; ties keep the daemon's order, so rows never jump between refreshes.
 */
export function deriveKindRows<Row>(kind: ResourceKind<Row>, rows: readonly Row[], words: readonly string[], sortId: string, reverse: boolean): Row[] {
	const sort = kind.sorts.find((entry) => entry.id === sortId) ?? kind.sorts[0];
	const shown = words.length === 0 ? [...rows] : rows.filter((row) => {
		const text = kind.words(row).toLowerCase();
		return words.every((word) => text.includes(word));
	});
	if (!sort) return reverse ? shown.reverse() : shown;
	const order = new Map(rows.map((row, index) => [row, index]));
	const compare = (a: Row, b: Row) => sort.compare(a, b) || (order.get(a) ?? 0) - (order.get(b) ?? 0);
	shown.sort(reverse ? (a, b) => compare(b, a) : compare);
	return shown;
}
