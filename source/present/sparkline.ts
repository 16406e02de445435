/** Block-character sparklines for the detail pane's history graphs. */

const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/**
 * The newest `width` values as a sparkline, right-aligned (padding on the left while history is
 * short). Scaled to `max` when given (e.g. 100 % of a limit), else to the largest value shown.
 */
export function sparkline(values: readonly number[], width: number, max?: number): string {
	if (width <= 0) return '';
	const shown = values.slice(-width);
	const top = max ?? Math.max(0, ...shown);
	const line = shown
		.map((value) => {
			if (!(top > 0) || value <= 0) return BLOCKS[0]!;
			const index = Math.min(BLOCKS.length - 1, Math.max(0, Math.ceil((value / top) * BLOCKS.length) - 1));
			return BLOCKS[index]!;
		})
		.join('');
	return ' '.repeat(width - shown.length) + line;
}

/**
 * Rates below this never fill a graph: scaled to their own maximum, an idle container's few bytes
 * a second drew full-height bars. 1 MB/s (decimal, as the rates are printed).
 */
export const RATE_GRAPH_FLOOR = 1_000_000;

/** What the detail pane's graphs are scaled to, so that small values look small. */
export interface GraphTops {
	/** CPU %: the CPU limit, else every core the container can use (100 % per core). */
	cpu: number;
	/** Bytes: the memory limit, else what the daemon reports as the limit (the host's memory). */
	mem: number | undefined;
}

/** Tops of the CPU and memory graphs: against the limit or what is available, never the largest value shown. */
export function graphTops({cpuLimitCores, onlineCpus, memLimit}: {cpuLimitCores: number | undefined; onlineCpus: number; memLimit: number}): GraphTops {
	return {cpu: (cpuLimitCores ?? Math.max(1, onlineCpus)) * 100, mem: memLimit > 0 ? memLimit : undefined};
}

/** Top of a rate graph: the largest rate shown, but at least RATE_GRAPH_FLOOR. */
export function rateTop(values: readonly number[]): number {
	return Math.max(RATE_GRAPH_FLOOR, ...values);
}
