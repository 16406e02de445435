/** `docker top` for the selected container, refreshed every 2 s while shown. */
import {Box, Text} from 'ink';
import type React from 'react';
import type {ContainerSummary} from '../engine/types.js';
import {namesText} from '../present/containers.js';
import {processRows, type ProcessSort} from '../present/processes.js';
import {padEndToWidth} from '../present/text.js';
import type {ProcessesState} from '../store/processes.js';
import {theme} from './theme.js';

interface ProcessesPaneProps {
	container: ContainerSummary | undefined;
	state: ProcessesState;
	sort: ProcessSort;
	width: number;
	height: number;
}

/** Processes pane, exactly `height` lines tall. */
export function ProcessesPane({container, state, sort, width, height}: ProcessesPaneProps) {
	const inner = width - 2;
	const body: React.ReactElement[] = [];
	const title = (
		<Text key="title" wrap="truncate">
			<Text bold color={theme.accent}>
				Processes
			</Text>
			{container ? ` in ${namesText(container)}` : ''}
			<Text color={theme.muted}>
				{`  ·  sorted by ${sort === 'cpu' ? '%CPU' : sort === 'mem' ? '%MEM' : 'PID'}`}
				{state.fallback ? '  ·  host ps took no -o arguments: daemon default columns' : ''}
			</Text>
		</Text>
	);
	body.push(title);
	if (!container || container.state !== 'running') {
		body.push(
			<Text key="none" color={theme.muted}>
				{container?.state === 'paused' ? 'Paused: processes are frozen.' : 'Not running: no processes.'}
			</Text>,
		);
	} else if (state.error) {
		body.push(
			<Text key="error" color={theme.error} wrap="truncate">
				{state.error}
			</Text>,
		);
	} else if (!state.list) {
		body.push(
			<Text key="loading" color={theme.muted}>
				Loading…
			</Text>,
		);
	} else {
		const {titles, rows} = processRows(state.list, sort);
		// Every column but the last (the command) gets its widest cell; the command takes the rest.
		const widths = titles.map((t, i) => (i === titles.length - 1 ? 0 : Math.max(t.length, ...rows.map((r) => (r[i] ?? '').length))));
		const line = (cells: string[]) =>
			cells.map((cell, i) => (i === cells.length - 1 ? cell : padEndToWidth(cell, widths[i]!) + ' ')).join(' ');
		body.push(
			<Text key="head" bold wrap="truncate">
				{line(titles)}
			</Text>,
		);
		for (const [index, row] of rows.slice(0, Math.max(0, height - 4)).entries())
			body.push(
				<Text key={index} wrap="truncate">
					{line(row)}
				</Text>,
			);
		if (rows.length > height - 4 && height > 4) body[body.length - 1] = <Text key="more" color={theme.muted}>{`… ${rows.length - (height - 5)} more`}</Text>;
	}
	return (
		<Box flexDirection="column" height={height} width={inner + 2} flexShrink={0} borderStyle="single" borderColor={theme.muted} overflow="hidden">
			{body.slice(0, Math.max(0, height - 2))}
		</Box>
	);
}
