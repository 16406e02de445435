/** Two header lines: where we are connected, and what the daemon holds. */
import {Box, Text} from 'ink';
import type {EndpointInfo, EngineInfo} from '../engine/types.js';
import type {Run} from '../present/fit.js';
import {headerLine1, headerLine2, type HeaderStyle} from '../present/header.js';
import type {StatsFigures} from '../present/stats.js';
import {theme} from './theme.js';

interface HeaderProps {
	endpoint: EndpointInfo;
	info?: EngineInfo;
	/** Figures of the containers being measured, for the host totals. */
	stats: ReadonlyMap<string, StatsFigures>;
	readOnly: boolean;
	shown: number;
	total: number;
	all: boolean;
	sortTitle: string;
	reverse: boolean;
	/** The kind shown when not containers ("images"). */
	what?: string;
	/** A view that is not a list ("disk usage"). */
	view?: string;
	/** Terminal columns: both lines are built to fit them. */
	width: number;
}

const STYLES: Record<HeaderStyle, {color: string | undefined; bold?: boolean}> = {
	brand: {color: theme.accent, bold: true},
	warning: {color: theme.warning},
	muted: {color: theme.muted},
	ok: {color: theme.ok},
};

/** One line of styled runs. They already fit; `truncate` is only a safety net. */
function Line({runs}: {runs: ReadonlyArray<Run<HeaderStyle>>}) {
	return (
		<Text wrap="truncate">
			{runs.map((run, index) => (
				<Text key={index} {...(run.style ? STYLES[run.style] : {})}>
					{run.text}
				</Text>
			))}
		</Text>
	);
}

/** Endpoint, versions, platform, host totals; container counts by state, images; what the list shows. */
export function Header({endpoint, info, stats, readOnly, shown, total, all, sortTitle, reverse, what, view, width}: HeaderProps) {
	return (
		<Box flexDirection="column" flexShrink={0}>
			<Line runs={headerLine1({endpoint, info, stats, readOnly}, width)} />
			<Line runs={headerLine2({info, shown, total, all, sortTitle, reverse, ...(what ? {what} : {}), ...(view ? {view} : {})}, width)} />
		</Box>
	);
}
