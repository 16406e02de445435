import {describe, expect, it} from 'vitest';
import {BINDINGS} from '../../source/keymap/keymap.js';
import {helpLayout, helpLines, OTHER_VIEWS_NOTE} from '../../source/present/help.js';

describe('help', () => {
	it('lists the current view first, then the keys that work everywhere, then the rest', () => {
		const titles = (first: Parameters<typeof helpLines>[1]) => helpLines(BINDINGS, first).filter((line) => line.kind === 'title').map((line) => line.text);
		expect(titles('logs').slice(0, 2)).toEqual(['Logs', 'Everywhere']);
		expect(titles('containers').slice(0, 3)).toEqual(['Container list', 'Everywhere', 'Every list (containers, images, volumes, networks)']);
		expect(titles('doc').slice(0, 2)).toEqual(['Inspect, diff, what happened', 'Everywhere']);
		// Every binding exactly once, dangerous ones marked.
		const rows = helpLines(BINDINGS, 'list').filter((line) => line.kind === 'row');
		expect(rows).toHaveLength(BINDINGS.length);
		expect(rows.filter((row) => row.dangerous).map((row) => row.text)).toEqual(BINDINGS.filter((b) => b.dangerous).map((b) => b.title));
	});

	it('shows only the current view\'s keys when asked, and says where the others are', () => {
		const lines = helpLines(BINDINGS, ['logs', 'prompt', 'confirm'], {only: true});
		const titles = lines.filter((line) => line.kind === 'title').map((line) => line.text);
		expect(titles).toEqual(['Logs', 'Everywhere', 'Logs prompts', 'Questions', 'This help']);
		expect(lines.at(-1)!.text).toBe(OTHER_VIEWS_NOTE);
		expect(lines.some((line) => line.text === 'Stop (10 s grace, then SIGKILL, as docker stop)')).toBe(false);
	});

	it.each([
		{width: 78, room: 19, columns: 1},
		{width: 118, room: 30, columns: 2},
		{width: 158, room: 43, columns: 3},
		{width: 198, room: 55, columns: 4},
	])('at $width columns uses $columns column(s), keeps every line, and never ends a column on a section title', ({width, room, columns}) => {
		const lines = helpLines(BINDINGS, 'list');
		const layout = helpLayout(lines, width, room);
		expect(layout.columns.length).toBeLessThanOrEqual(columns);
		expect(layout.columns.flat()).toEqual(lines);
		for (const column of layout.columns.slice(0, -1)) expect(column.at(-1)!.kind).toBe('row');
		expect(layout.columnWidth * layout.columns.length).toBeLessThanOrEqual(width);
	});

	it('shows the current view\'s keys and the global ones on the first screen at 160×48, and scrolls by rows at 80×24', () => {
		const lines = helpLines(BINDINGS, 'containers');
		const layout = helpLayout(lines, 158, 43);
		// Every line of the first sections (the view's, Everywhere, every list's) is in the first 43 rows of a column.
		const firstScreen = layout.columns.flatMap((column) => column.slice(0, 43));
		const leading = lines.slice(0, lines.findIndex((line, index) => index > 0 && line.kind === 'title' && line.text === 'Logs'));
		expect(leading.length).toBeGreaterThan(30);
		for (const line of leading) expect(firstScreen).toContain(line);
		expect(helpLayout(lines, 78, 19).rows).toBe(lines.length);
	});
});
