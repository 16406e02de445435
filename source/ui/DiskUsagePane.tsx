/** The disk usage view: `docker system df`'s table, the line selected, and whether it is measuring. */
import {Box, Text} from 'ink';
import {DF_COLUMNS, type DfRow} from '../present/disk-usage.js';
import {humanDuration} from '../present/containers.js';
import {padEndToWidth} from '../present/text.js';
import {theme} from './theme.js';
import type {DiskUsageState} from './use-disk-usage.js';

const WIDTHS = [16, 8, 8, 12, 16];

/** The table and a state line, `height` lines tall. */
export function DiskUsagePane({state, rows, now, height}: {state: DiskUsageState; rows: readonly DfRow[]; now: number; height: number}) {
	const measuring = state.measuringSince !== undefined;
	const age = state.measuredAt === undefined ? 'never measured' : `measured ${humanDuration(now - state.measuredAt).toLowerCase()} ago`;
	const line = measuring ? `Measuring… ${Math.floor((now - state.measuringSince!) / 1000)} s (the daemon walks every layer and volume; Esc stops)` : (state.error ?? age);
	return (
		<Box flexDirection="column" height={height} flexShrink={0}>
			<Text bold wrap="truncate">
				{'  ' + DF_COLUMNS.map((title, index) => padEndToWidth(title, WIDTHS[index]!)).join('  ')}
			</Text>
			{rows.map((row, index) => (
				<Text key={row.kind} wrap="truncate" inverse={index === state.line}>
					{(index === state.line ? '› ' : '  ') + [row.type, row.total, row.active, row.size, row.reclaimable].map((cell, column) => padEndToWidth(cell, WIDTHS[column]!)).join('  ')}
				</Text>
			))}
			<Text> </Text>
			<Text wrap="truncate" color={measuring ? theme.accent : state.error ? theme.error : theme.muted}>
				{'  ' + line}
			</Text>
		</Box>
	);
}
