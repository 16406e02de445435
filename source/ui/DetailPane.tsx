/**
 * The selected container's live figures with history graphs, limit-aware: CPU as a share of its
 * CPU limit with throttling, memory against its limit (warning colour at ≥ 90 %), "no limit"
 * said plainly, OOMKilled and restart count from inspect.
 */
import {Box, Text} from 'ink';
import type {ContainerStateDetail, ContainerSummary} from '../engine/types.js';
import {namesText, shortId, statusText} from '../present/containers.js';
import {cpuLimitCores} from '../present/limits.js';
import {graphTops, rateTop, sparkline} from '../present/sparkline.js';
import {bytesSize, humanSize} from '../present/stats.js';
import {displayWidth, padEndToWidth} from '../present/text.js';
import type {ContainerStats, StatsHistory} from '../store/stats.js';
import {theme} from './theme.js';

interface DetailPaneProps {
	container: ContainerSummary | undefined;
	detail: ContainerStateDetail | undefined;
	stats: ContainerStats | undefined;
	history: StatsHistory | undefined;
	width: number;
	height: number;
	now: number;
}

const LABEL_WIDTH = 46;

function GraphLine({label, text, values, width, max, color}: {label: string; text: string; values: number[]; width: number; max?: number; color?: string}) {
	// The figures keep their full text; the graph takes what is left of the line.
	const textWidth = Math.max(LABEL_WIDTH - 6, displayWidth(text) + 2);
	const graphWidth = Math.max(0, width - 6 - textWidth - 2);
	return (
		<Text wrap="truncate">
			<Text bold>{label.padEnd(6)}</Text>
			<Text color={color}>{padEndToWidth(text, textWidth)}</Text>
			{graphWidth > 4 ? <Text color={color ?? theme.accent}>{sparkline(values, graphWidth, max)}</Text> : null}
		</Text>
	);
}

/** Detail pane, exactly `height` lines tall. */
export function DetailPane({container, detail, stats, history, width, height, now}: DetailPaneProps) {
	if (!container) {
		return (
			<Box height={height} flexShrink={0} borderStyle="single" borderColor={theme.muted}>
				<Text color={theme.muted}>No container selected.</Text>
			</Box>
		);
	}
	// A restarting container has no process between runs: its zeros are not figures.
	const running = container.state === 'running' || container.state === 'paused';
	const inner = width - 2;
	const cpuLimit = detail ? cpuLimitCores(detail.limits) : undefined;
	const memLimitSet = detail ? detail.limits.memory > 0 : false;
	const minutes = Math.round(Math.min(history?.cpu.length ?? 0, inner) / 60);
	const lines = [];
	lines.push(
		<Text key="title" wrap="truncate">
			<Text bold color={theme.accent}>
				{namesText(container)}
			</Text>
			{'  '}
			{shortId(container.id)}
			{'  '}
			{statusText(container, detail, now)}
			<Text color={theme.muted}>
				{detail ? `  ·  restarts ${detail.restartCount}  ·  OOMKilled ${detail.oomKilled ? 'yes' : 'no'}` : ''}
				{history && history.cpu.length > 1 ? `  ·  graphs: last ${minutes > 0 ? `${minutes} min` : `${history.cpu.length} s`}` : ''}
			</Text>
		</Text>,
	);
	if (!running) {
		lines.push(
			<Text key="stopped" color={theme.muted}>
				Not running: no live figures.
			</Text>,
		);
	} else if (!stats) {
		lines.push(
			<Text key="wait" color={theme.muted}>
				Waiting for the first stats sample…
			</Text>,
		);
	} else {
		const cpu = stats.cpuPercent;
		let cpuText = cpu === undefined ? '--' : `${cpu.toFixed(2)}%`;
		if (cpu !== undefined && cpuLimit !== undefined) cpuText += `  ${(cpu / 100).toFixed(2)} of ${cpuLimit.toFixed(2)} CPU`;
		else if (detail && cpuLimit === undefined) cpuText += '  no CPU limit';
		const throttle = stats.throttling;
		if (throttle.throttledPeriods > 0) cpuText += `  throttled ${throttle.throttledPeriods}/${throttle.periods} (${(throttle.throttledTime / 1e9).toFixed(1)}s)`;
		// Scaled to the limit or to what is available, so near-zero use draws near-zero bars.
		const tops = graphTops({cpuLimitCores: cpuLimit, onlineCpus: stats.onlineCpus, memLimit: stats.memLimit});
		const cpuMax = tops.cpu;
		const cpuHot = cpu !== undefined && cpuLimit !== undefined && cpu / 100 >= cpuLimit * 0.9;
		lines.push(<GraphLine key="cpu" label="CPU" text={cpuText} values={history?.cpu.last(inner) ?? []} width={inner} max={cpuMax} color={cpuHot ? theme.warning : undefined} />);
		const memText = `${bytesSize(stats.memUsage)} / ${memLimitSet ? bytesSize(stats.memLimit) : `${bytesSize(stats.memLimit)} (no limit)`}  ${stats.memPercent.toFixed(2)}%`;
		const memHot = memLimitSet && stats.memPercent >= 90;
		lines.push(
			<GraphLine key="mem" label="MEM" text={memText} values={history?.mem.last(inner) ?? []} width={inner} max={tops.mem} color={memHot ? theme.error : undefined} />,
		);
		const rx = history?.netRxRate.last(1)[0] ?? 0;
		const tx = history?.netTxRate.last(1)[0] ?? 0;
		lines.push(<GraphLine key="netrx" label="NET" text={`rx ${humanSize(rx)}/s  (total ${humanSize(stats.netRx)})`} values={history?.netRxRate.last(inner) ?? []} width={inner} max={rateTop(history?.netRxRate.last(inner) ?? [])} />);
		lines.push(<GraphLine key="nettx" label="" text={`tx ${humanSize(tx)}/s  (total ${humanSize(stats.netTx)})`} values={history?.netTxRate.last(inner) ?? []} width={inner} max={rateTop(history?.netTxRate.last(inner) ?? [])} />);
		const br = history?.blkReadRate.last(1)[0] ?? 0;
		const bw = history?.blkWriteRate.last(1)[0] ?? 0;
		lines.push(<GraphLine key="blkr" label="BLOCK" text={`read ${humanSize(br)}/s  (total ${humanSize(stats.blkRead)})`} values={history?.blkReadRate.last(inner) ?? []} width={inner} max={rateTop(history?.blkReadRate.last(inner) ?? [])} />);
		lines.push(<GraphLine key="blkw" label="" text={`write ${humanSize(bw)}/s  (total ${humanSize(stats.blkWrite)})`} values={history?.blkWriteRate.last(inner) ?? []} width={inner} max={rateTop(history?.blkWriteRate.last(inner) ?? [])} />);
		lines.push(
			<Text key="pids" wrap="truncate">
				<Text bold>{'PIDS'.padEnd(6)}</Text>
				{stats.pids}
				<Text color={theme.muted}>{memLimitSet ? '' : '   memory: no limit set'}{cpuLimit === undefined ? '   cpu: no limit set' : ''}</Text>
			</Text>,
		);
	}
	return (
		<Box flexDirection="column" height={height} flexShrink={0} borderStyle="single" borderColor={theme.muted} overflow="hidden">
			{lines.slice(0, Math.max(0, height - 2))}
		</Box>
	);
}
