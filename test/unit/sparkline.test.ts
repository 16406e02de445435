import {describe, expect, it} from 'vitest';
import {graphTops, RATE_GRAPH_FLOOR, rateTop, sparkline} from '../../source/present/sparkline.js';

describe('graph scales', () => {
	it('scale CPU to the limit, else to every core available; memory to its limit', () => {
		expect(graphTops({cpuLimitCores: 0.5, onlineCpus: 8, memLimit: 1024})).toEqual({cpu: 50, mem: 1024});
		expect(graphTops({cpuLimitCores: undefined, onlineCpus: 8, memLimit: 1024})).toEqual({cpu: 800, mem: 1024});
		// A sample without online_cpus still scales to one core, never to the largest value.
		expect(graphTops({cpuLimitCores: undefined, onlineCpus: 0, memLimit: 0})).toEqual({cpu: 100, mem: undefined});
	});

	it('never let a trickle fill a rate graph', () => {
		expect(rateTop([40, 12, 3])).toBe(RATE_GRAPH_FLOOR);
		expect(rateTop([5e6, 1e6])).toBe(5e6);
		expect(sparkline([40, 12, 3], 3, rateTop([40, 12, 3]))).toBe('▁▁▁');
		expect(sparkline([5e6, 2.5e6], 2, rateTop([5e6, 2.5e6]))).toBe('█▄');
	});
});
