/** The table of any kind: only the visible slice is rendered, rows memoised by key. */
import {Box, Text} from 'ink';
import {memo} from 'react';
import {COLUMN_GAP} from '../present/columns.js';
import type {LaidColumn} from '../present/table-layout.js';
import {padEndToWidth, padStartToWidth, truncateMiddle, truncateToWidth} from '../present/text.js';
import type {CellContext} from '../resources/kind.js';
import {theme} from './theme.js';

const GAP = ' '.repeat(COLUMN_GAP);

/** Column titles of a kind's table. */
export function ResourceTableHeader<Row>({columns}: {columns: ReadonlyArray<LaidColumn<Row>>}) {
	const text = columns.map((column) => (column.align === 'right' ? padStartToWidth(column.title, column.width) : padEndToWidth(column.title, column.width))).join(GAP);
	return (
		<Text bold wrap="truncate">
			{'  '}
			{text}
		</Text>
	);
}

interface RowProps<Row> {
	row: Row;
	columns: ReadonlyArray<LaidColumn<Row>>;
	context: CellContext;
	selected: boolean;
	marked: boolean;
	stale: boolean;
}

/** The text of one row's cells, fitted to their widths. */
export function rowText<Row>(row: Row, columns: ReadonlyArray<LaidColumn<Row>>, context: CellContext): string {
	return columns
		.map((column) => {
			const cell = column.cell(row, context);
			const cut = column.cut === 'middle' ? truncateMiddle(cell, column.width) : truncateToWidth(cell, column.width);
			return column.align === 'right' ? padStartToWidth(cut, column.width) : padEndToWidth(cut, column.width);
		})
		.join(GAP);
}

const ResourceRow = memo(function ResourceRow<Row>({row, columns, context, selected, marked, stale}: RowProps<Row>) {
	return (
		<Text wrap="truncate" inverse={selected} dimColor={stale}>
			{selected ? '›' : ' '}
			{marked ? <Text color={theme.warning}>●</Text> : ' '}
			{rowText(row, columns, context)}
		</Text>
	);
}) as <Row>(props: RowProps<Row>) => React.JSX.Element;

interface TableProps<Row> {
	rows: readonly Row[];
	rowKey: (row: Row) => string;
	columns: ReadonlyArray<LaidColumn<Row>>;
	context: CellContext;
	top: number;
	height: number;
	selectedIndex: number;
	marked: ReadonlySet<string>;
	stale: boolean;
	emptyText: string;
}

/** The visible window of a kind's list, exactly `height` lines tall. */
export function ResourceTable<Row>({rows, rowKey, columns, context, top, height, selectedIndex, marked, stale, emptyText}: TableProps<Row>) {
	const slice = rows.slice(top, top + height);
	return (
		<Box flexDirection="column" height={height} flexShrink={0}>
			{slice.length === 0 ? (
				<Text color={theme.muted}>{'  ' + emptyText}</Text>
			) : (
				slice.map((row, offset) => {
					const key = rowKey(row);
					return <ResourceRow key={key} row={row} columns={columns} context={context} selected={top + offset === selectedIndex} marked={marked.has(key)} stale={stale} />;
				})
			)}
		</Box>
	);
}
