// The detail pane's graphs are scaled so that small values look small: memory against its limit
// (or the host's memory), CPU against the CPU limit or the cores available, rates with a floor.
import {afterEach, describe, expect, it} from 'vitest';
import {fakeContainer} from '../../source/engine/fake.js';
import type {ContainerStateDetail} from '../../source/engine/types.js';
import {Ring} from '../../source/store/ring.js';
import type {ContainerStats, StatsHistory} from '../../source/store/stats.js';
import {DetailPane} from '../../source/ui/DetailPane.js';
import {renderApp} from '../helpers/render.js';

const GiB = 1024 ** 3;
const unmounts: Array<() => void> = [];
afterEach(() => {
	for (const unmount of unmounts.splice(0)) unmount();
});

function ring(values: number[]): Ring {
	const r = new Ring(300);
	for (const value of values) r.push(value);
	return r;
}

const detail = (limits: Partial<ContainerStateDetail['limits']> = {}): ContainerStateDetail => ({
	running: true,
	paused: false,
	restarting: false,
	dead: false,
	removing: false,
	oomKilled: false,
	exitCode: 0,
	startedAt: new Date().toISOString(),
	finishedAt: '0001-01-01T00:00:00Z',
	restartCount: 0,
	limits: {nanoCpus: 0, cpuQuota: 0, cpuPeriod: 0, memory: 0, ...limits},
});

async function pane(history: Partial<Record<keyof StatsHistory, number[]>>, stats: Partial<ContainerStats>, limits?: Partial<ContainerStateDetail['limits']>, state: 'running' | 'restarting' = 'running') {
	const container = fakeContainer({name: 'web', state});
	const full: StatsHistory = {cpu: ring([]), mem: ring([]), netRxRate: ring([]), netTxRate: ring([]), blkReadRate: ring([]), blkWriteRate: ring([])};
	for (const [key, values] of Object.entries(history)) full[key as keyof StatsHistory] = ring(values);
	const figures: ContainerStats = {cpuPercent: 0, memUsage: 0, memLimit: 23.54 * GiB, memPercent: 0, netRx: 0, netTx: 0, blkRead: 0, blkWrite: 0, pids: 1, throttling: {periods: 0, throttledPeriods: 0, throttledTime: 0}, onlineCpus: 2, read: Date.now(), ...stats};
	const app = renderApp(<DetailPane container={container} detail={detail(limits)} stats={figures} history={full} width={120} height={11} now={Date.now()} />, {columns: 120, rows: 12});
	unmounts.push(() => app.unmount());
	await app.waitForFrame((frame) => frame.includes('web'));
	return app.lastFrame().split('\n');
}

/** The graph at the end of the line that starts with `label` (after the border). */
const graph = (lines: string[], label: string) => /([▁▂▃▄▅▆▇█]+)\s*│?$/.exec(lines.find((line) => line.startsWith(`│${label}`)) ?? '')?.[1] ?? '';

describe('DetailPane graphs', () => {
	it('draws near-zero memory without a limit as near-zero bars, not full height', async () => {
		const lines = await pane({mem: Array(20).fill(464 * 1024)}, {memUsage: 464 * 1024, memPercent: 0.002});
		expect(lines.find((line) => line.includes('MEM'))).toContain('464KiB / 23.54GiB (no limit)');
		expect(graph(lines, 'MEM ')).toMatch(/^▁{20}$/);
	});

	it('draws memory against its limit', async () => {
		const lines = await pane({mem: [...Array(10).fill(128 * 1024 ** 2), ...Array(10).fill(256 * 1024 ** 2)]}, {memUsage: 256 * 1024 ** 2, memLimit: 256 * 1024 ** 2, memPercent: 100}, {memory: 256 * 1024 ** 2});
		expect(graph(lines, 'MEM ')).toBe('▄'.repeat(10) + '█'.repeat(10));
	});

	it('draws CPU against the cores available when there is no limit, and against the limit when set', async () => {
		// One core busy of two: half height, not full (it was scaled to the largest value shown).
		const noLimit = await pane({cpu: Array(10).fill(0.5).concat(Array(10).fill(100))}, {cpuPercent: 100, onlineCpus: 2});
		expect(graph(noLimit, 'CPU ')).toBe('▁'.repeat(10) + '▄'.repeat(10));
		const limited = await pane({cpu: Array(20).fill(25)}, {cpuPercent: 25, onlineCpus: 2}, {nanoCpus: 0.5e9});
		expect(graph(limited, 'CPU ')).toBe('▄'.repeat(20));
	});

	it('draws a trickle of network bytes as a trickle', async () => {
		const lines = await pane({netRxRate: Array(20).fill(40)}, {});
		expect(graph(lines, 'NET ')).toMatch(/^▁{20}$/);
	});

	it('shows no figures for a restarting container between runs', async () => {
		const lines = await pane({mem: [0, 0]}, {memUsage: 0, memLimit: 0}, {}, 'restarting');
		expect(lines.join('\n')).toContain('Not running: no live figures.');
		expect(lines.join('\n')).not.toContain('0B / 0B');
	});
});
