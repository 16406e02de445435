import {describe, expect, it} from 'vitest';
import {fakeContainer} from '../../source/engine/fake.js';
import {chooseColumns, layoutColumns} from '../../source/present/columns.js';
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

	it('keeps names, status, CPU, memory and image at 80 columns and fits the width exactly', () => {
		const columns = layoutColumns(80, [manyPorts, restarting], now);
		expect(columns.map((c) => c.id)).toEqual(['image', 'status', 'cpu', 'memUsage', 'names']);
		expect(columns.reduce((sum, c) => sum + c.width, 0) + 2 * (columns.length - 1) + 2).toBe(80);
	});

	it('gives left-over width to a name cut short before padding STATUS', () => {
		const longName = fakeContainer({name: 'a-container-with-a-rather-long-name-1'});
		const columns = layoutColumns(200, [longName], now);
		expect(columns.find((c) => c.id === 'names')!.width).toBeGreaterThanOrEqual('a-container-with-a-rather-long-name-1'.length);
	});

	// The same containers as a restart loop goes round: the status text changes length every few seconds.
	const web = fakeContainer({name: 'shop-web-1', image: 'nginx:1.27', command: 'nginx -g daemon off;', ports: [{ip: '0.0.0.0', privatePort: 80, publicPort: 8080, type: 'tcp'}]});
	const db = fakeContainer({name: 'shop-db-1', image: 'postgres:16', status: 'Up About an hour (healthy)'});
	const loop = (state: 'restarting' | 'running', status: string) => [web, db, fakeContainer({id: 'f'.repeat(64), name: 'flaky', state, status})];
	const phases = [
		loop('restarting', 'Restarting (1) Less than a second ago'),
		loop('running', 'Up Less than a second'),
		loop('restarting', 'Restarting (1) 2 seconds ago'),
		loop('running', 'Up 1 second'),
		loop('restarting', 'Restarting (137) 59 seconds ago'),
	];

	it.each([
		[80, ['image', 'status', 'cpu', 'memUsage', 'names']],
		[120, ['id', 'image', 'status', 'cpu', 'memUsage', 'names']],
		[160, ['id', 'image', 'created', 'status', 'ports', 'cpu', 'memUsage', 'memPercent', 'names']],
		[200, ['id', 'image', 'command', 'created', 'status', 'ports', 'cpu', 'memUsage', 'memPercent', 'pids', 'names']],
	])('at %i columns shows the same columns, equally wide, whatever the status texts say', (width, ids) => {
		const layouts = phases.map((rows) => layoutColumns(width, rows, now).map((c) => `${c.id}:${c.width}`));
		for (const layout of layouts) expect(layout).toEqual(layouts[0]);
		expect(layouts[0]!.map((entry) => entry.split(':')[0])).toEqual(ids);
	});

	// The README lists these widths: keep them in step.
	it.each<[number, string]>([
		[70, 'image'],
		[114, 'id'],
		[130, 'created'],
		[138, 'memPercent'],
		[156, 'ports'],
		[180, 'command'],
		[186, 'pids'],
		[203, 'netIO'],
		[220, 'blockIO'],
	])('from %i columns on shows %s (as the README says)', (width, id) => {
		expect(chooseColumns(width)).toContain(id);
		expect(chooseColumns(width - 1)).not.toContain(id);
	});

	it('shows every docker ps column from 200 columns on, and every column from 240', () => {
		expect(layoutColumns(200, [web], now).map((c) => c.id)).toEqual(expect.arrayContaining(psColumns));
		expect(layoutColumns(240, [web], now)).toHaveLength(13);
	});

	it('fits the width exactly at every width from 40 to 320, a wider terminal showing every column a narrower one does', () => {
		let previous: string[] = [];
		for (let width = 40; width <= 320; width++) {
			const columns = layoutColumns(width, [manyPorts, restarting, web], now);
			expect(columns.reduce((sum, c) => sum + c.width, 0) + 2 * (columns.length - 1) + 2, `at ${width}`).toBe(width);
			const ids = columns.map((c) => c.id);
			expect(ids).toContain('names');
			expect(ids, `at ${width}`).toEqual(expect.arrayContaining(previous));
			previous = ids;
		}
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

	it('follow the inspect detail that STATUS shows when the list is behind it', () => {
		const listed = fakeContainer({name: 'flaky', state: 'running'});
		const memUsage = layoutColumns(320, [listed], now).find((col) => col.id === 'memUsage')!;
		const detail = {running: true, paused: false, restarting: true, dead: false, removing: false, oomKilled: false, exitCode: 1, startedAt: '', finishedAt: '', restartCount: 3, limits: {nanoCpus: 0, cpuQuota: 0, cpuPeriod: 0, memory: 0}};
		expect(memUsage.cell(listed, {now, stats: zeros, detail})).toBe('');
		expect(memUsage.cell(listed, {now, stats: {...zeros, memLimit: 1024 ** 3}, detail: {...detail, restarting: false}})).toBe('0B / 1GiB');
	});

	it('show the figures of a running container; "--" for a sample without a cgroup (zero limit), not "0B / 0B"', () => {
		const up = fakeContainer({name: 'up', state: 'running'});
		expect(cells(up)['memUsage']).toBe('-- / --');
		const memUsage = layoutColumns(320, [up], now).find((col) => col.id === 'memUsage')!;
		expect(memUsage.cell(up, {now, stats: {...zeros, memUsage: 2048, memLimit: 1024 ** 3}})).toBe('2KiB / 1GiB');
	});
});
