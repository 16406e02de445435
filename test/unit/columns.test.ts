import {describe, expect, it} from 'vitest';
import {fakeContainer} from '../../source/engine/fake.js';
import {layoutColumns} from '../../source/present/columns.js';
import {figures} from '../../source/present/stats.js';

const now = Date.now();
const manyPorts = fakeContainer({
	name: 'many-ports-container',
	ports: Array.from({length: 8}, (_, i) => ({ip: '127.0.0.1', privatePort: 8000 + i * 7, publicPort: 18000 + i * 13, type: 'tcp'})),
});
const restarting = fakeContainer({name: 'flaky', state: 'restarting', status: 'Restarting (1) Less than a second ago'});
const psColumns = ['id', 'image', 'command', 'created', 'status', 'ports', 'names'];

describe('layoutColumns', () => {
	it('keeps every docker ps column on a wide terminal, however long a port list or status is', () => {
		const ids = layoutColumns(320, [manyPorts, restarting], now).map((c) => c.id);
		for (const id of psColumns) expect(ids).toContain(id);
	});

	it('keeps names, status and CPU at 80 columns and fits the width exactly', () => {
		const columns = layoutColumns(80, [manyPorts, restarting], now);
		const ids = columns.map((c) => c.id);
		expect(ids).toEqual(expect.arrayContaining(['names', 'status', 'cpu']));
		expect(columns.reduce((sum, c) => sum + c.width, 0) + 2 * (columns.length - 1) + 2).toBe(80);
	});

	it('gives a cut-short essential column room before showing minor columns', () => {
		const longName = fakeContainer({name: 'a-container-with-a-rather-long-name-1'});
		const names = layoutColumns(120, [longName], now).find((c) => c.id === 'names');
		expect(names!.width).toBeGreaterThanOrEqual('a-container-with-a-rather-long-name-1'.length);
	});
});

describe('stats cells', () => {
	// What the daemon answers for a container between two runs of its restart loop.
	const zeros = figures({read: 0, preread: 0, cpuTotal: 0, preCpuTotal: 0, systemCpu: 0, preSystemCpu: 0, onlineCpus: 0, memUsage: 0, memLimit: 0, memStats: {}, netRx: 0, netTx: 0, blkRead: 0, blkWrite: 0, pids: 0, throttling: {periods: 0, throttledPeriods: 0, throttledTime: 0}});
	const cells = (c: ReturnType<typeof fakeContainer>) =>
		Object.fromEntries(layoutColumns(320, [c], now).filter((col) => ['cpu', 'memUsage', 'memPercent', 'netIO', 'blockIO', 'pids'].includes(col.id)).map((col) => [col.id, col.cell(c, {now, stats: zeros})]));

	it('are blank for a restarting container, as for a stopped one (no "0B / 0B")', () => {
		expect(cells(restarting)).toEqual({cpu: '', memUsage: '', memPercent: '', netIO: '', blockIO: '', pids: ''});
		expect(cells(fakeContainer({name: 'done', state: 'exited'}))).toEqual({cpu: '', memUsage: '', memPercent: '', netIO: '', blockIO: '', pids: ''});
	});

	it('show the figures of a running container', () => {
		expect(cells(fakeContainer({name: 'up', state: 'running'}))['memUsage']).toBe('0B / 0B');
	});
});
