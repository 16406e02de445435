/** Two header lines: where we are connected, and what the daemon holds. */
import {Box, Text} from 'ink';
import type {EndpointInfo, EngineInfo} from '../engine/types.js';
import {sanitizeLine} from '../present/sanitize.js';
import {bytesSize, type StatsFigures} from '../present/stats.js';
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
}

/** Endpoint, versions, platform; container counts by state, images; what the list shows. */
export function Header({endpoint, info, stats, readOnly, shown, total, all, sortTitle, reverse}: HeaderProps) {
	const where = endpoint.context ? `${endpoint.context} (${endpoint.url})` : endpoint.url;
	// Host totals over the containers measured (running ones on screen); docker stats' CPU % is
	// per core, so the host's capacity is NCPU × 100 %.
	let cpu = 0;
	let memory = 0;
	for (const figures of stats.values()) {
		cpu += figures.cpuPercent ?? 0;
		memory += figures.memUsage;
	}
	const measured = stats.size;
	return (
		<Box flexDirection="column" flexShrink={0}>
			<Text wrap="truncate">
				<Text bold color={theme.accent}>
					porthole
				</Text>
				{readOnly ? <Text color={theme.warning}> [read-only]</Text> : null}
				{'  '}
				{sanitizeLine(where)}
				{info ? (
					<Text color={theme.muted}>
						{'  '}Docker {sanitizeLine(info.serverVersion)} (API {sanitizeLine(info.apiVersion)}) {sanitizeLine(info.os)}/
						{sanitizeLine(info.arch)}
					</Text>
				) : null}
				{info && measured > 0 ? (
					<Text>
						{'   '}CPU {cpu.toFixed(1)}% of {info.ncpu * 100}% · MEM {bytesSize(memory)} of {bytesSize(info.memTotal)}
						<Text color={theme.muted}>{measured < info.containersRunning ? ` (${measured} of ${info.containersRunning} running measured)` : ''}</Text>
					</Text>
				) : null}
			</Text>
			<Text wrap="truncate">
				{info ? (
					<>
						<Text color={theme.ok}>{info.containersRunning} running</Text>
						{' · '}
						<Text color={theme.warning}>{info.containersPaused} paused</Text>
						{' · '}
						<Text>{info.containersStopped} stopped</Text>
						{' · '}
						<Text>
							{info.images} image{info.images === 1 ? '' : 's'}
						</Text>
					</>
				) : (
					<Text color={theme.muted}>…</Text>
				)}
				<Text color={theme.muted}>
					{'   '}showing {shown}
					{shown === total ? '' : ` of ${total}`} {all ? '(all)' : '(running)'} · sort: {sortTitle} {reverse ? '↑' : '↓'}
				</Text>
			</Text>
		</Box>
	);
}
