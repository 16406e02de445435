import {describe, expect, it} from 'vitest';
import {fakeContainer} from '../../source/engine/fake.js';
import {layoutColumns} from '../../source/present/columns.js';

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
