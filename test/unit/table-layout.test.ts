import {describe, expect, it} from 'vitest';
import {layoutTable} from '../../source/present/table-layout.js';
import type {KindColumn} from '../../source/resources/kind.js';

type Row = {name: string; tag: string; count: number};
const columns: ReadonlyArray<KindColumn<Row>> = [
	{id: 'name', title: 'NAME', min: 10, max: 40, keep: 1, cell: (row) => row.name},
	{id: 'tag', title: 'TAG', min: 3, max: 20, keep: 2, cell: (row) => row.tag},
	{id: 'count', title: 'CONTAINERS', min: 10, max: 10, keep: 6, cell: (row) => String(row.count)},
];
const rows: Row[] = [{name: 'registry.example/team/service-name', tag: 'latest', count: 3}];
const context = {now: 0, containers: []};

describe('layoutTable', () => {
	it.each([
		// Wide: every column at its content's width.
		{width: 80, ids: ['name', 'tag', 'count'], nameWidth: 34},
		// Narrow: the least important column gives way before the name is cut.
		{width: 52, ids: ['name', 'tag'], nameWidth: 34},
		// Narrower still: the essential columns share what there is.
		{width: 30, ids: ['name', 'tag'], nameWidth: 20},
	])('at $width columns shows $ids', ({width, ids, nameWidth}) => {
		const laid = layoutTable(columns, rows, width, context);
		expect(laid.map((column) => column.id)).toEqual(ids);
		expect(laid.find((column) => column.id === 'name')!.width).toBe(nameWidth);
		const span = laid.reduce((sum, column) => sum + column.width, 0) + 2 * (laid.length - 1) + 2;
		expect(span).toBeLessThanOrEqual(width);
	});
});
