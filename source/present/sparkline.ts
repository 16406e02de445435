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
