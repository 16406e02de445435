/** The virtualised container list: only the visible slice is rendered, rows memoised by id. */
import {Box, Text} from 'ink';
import {memo} from 'react';
import type {ContainerStateDetail, ContainerSummary} from '../engine/types.js';
import {type Column, COLUMN_GAP} from '../present/columns.js';
import type {StatsFigures} from '../present/stats.js';
import {padEndToWidth, truncateMiddle} from '../present/text.js';
import {stateColor, theme} from './theme.js';

const GAP = ' '.repeat(COLUMN_GAP);

/** Column titles. */
export function TableHeader({columns}: {columns: readonly Column[]}) {
	const text = columns.map((column) => padEndToWidth(column.title, column.width)).join(GAP);
	return (
		<Text bold wrap="truncate">
			{'  '}
			{text}
		</Text>
	);
}

interface RowProps {
	container: ContainerSummary;
	detail: ContainerStateDetail | undefined;
	stats: StatsFigures | undefined;
	columns: readonly Column[];
	selected: boolean;
	marked: boolean;
	stale: boolean;
	now: number;
}

/** One container row; text is sanitised by the presenters before it gets here. */
export const ContainerRow = memo(function ContainerRow({container, detail, stats, columns, selected, marked, stale, now}: RowProps) {
	const context = {detail, stats, now};
	// Plain cells are joined into strings and only the status cell gets its own <Text>: three text
	// nodes a row instead of one per column keeps Ink's layout and diffing work per frame small.
	let before = selected ? '›' : ' ';
	let status = '';
	let after = '';
	let seenStatus = false;
	columns.forEach((column, index) => {
		const cell = column.cell(container, context);
		const text = (index > 0 ? GAP : '') + padEndToWidth(column.cut === 'middle' ? truncateMiddle(cell, column.width) : cell, column.width);
		if (column.id === 'status') {
			seenStatus = true;
			status = text;
		} else if (seenStatus) after += text;
		else before += text;
	});
	const color = !stale ? stateColor(container.state, status.trim()) : undefined;
	return (
		<Text wrap="truncate" inverse={selected} dimColor={stale}>
			{before.slice(0, 1)}
			{marked ? <Text color={theme.warning}>●</Text> : ' '}
			{before.slice(1)}
			<Text color={color}>{status}</Text>
			{after}
		</Text>
	);
});

interface TableProps {
	rows: readonly ContainerSummary[];
	details: ReadonlyMap<string, ContainerStateDetail>;
	stats: ReadonlyMap<string, StatsFigures>;
	columns: readonly Column[];
	top: number;
	height: number;
	selectedIndex: number;
	marked: ReadonlySet<string>;
	stale: boolean;
	now: number;
	emptyText: string;
}

/** The visible window of the list, exactly `height` lines tall. */
export function ContainerTable({rows, details, stats, columns, top, height, selectedIndex, marked, stale, now, emptyText}: TableProps) {
	const slice = rows.slice(top, top + height);
	return (
		<Box flexDirection="column" height={height} flexShrink={0}>
			{slice.length === 0 ? (
				<Text color={theme.muted}>{'  ' + emptyText}</Text>
			) : (
				slice.map((container, offset) => (
					<ContainerRow
						key={container.id}
						container={container}
						detail={details.get(container.id)}
						stats={stats.get(container.id)}
						columns={columns}
						selected={top + offset === selectedIndex}
						marked={marked.has(container.id)}
						stale={stale}
						now={now}
					/>
				))
			)}
		</Box>
	);
}
