import {describe, expect, it} from 'vitest';
import {toStatsSample} from '../../source/engine/docker.js';
import {bytesSize, cpuPercent, figures, goG, humanSize, memUsageNoCache, statsTexts} from '../../source/present/stats.js';

// Recorded from Docker 20.10 on cgroup v1 (these machines), trimmed to the fields used.
const cgroupV1 = {
	read: '2026-11-22T13:49:24.065690876Z',
	preread: '2026-11-22T13:49:23.061890321Z',
	pids_stats: {current: 2},
	blkio_stats: {
		io_service_bytes_recursive: [
			{major: 8, minor: 0, op: 'Read', value: 4096},
			{major: 8, minor: 0, op: 'Write', value: 1048576},
			{major: 8, minor: 0, op: 'Sync', value: 1052672},
			{major: 8, minor: 0, op: 'Total', value: 1052672},
		],
	},
	cpu_stats: {
		cpu_usage: {total_usage: 436583038, percpu_usage: [231558027, 205025011]},
		system_cpu_usage: 1113180000000,
		online_cpus: 2,
		throttling_data: {periods: 10, throttled_periods: 4, throttled_time: 123456},
	},
	precpu_stats: {cpu_usage: {total_usage: 435598121}, system_cpu_usage: 1111200000000, online_cpus: 2},
	memory_stats: {usage: 839680, stats: {total_inactive_file: 12288, inactive_file: 4096, cache: 0}, limit: 25276510208},
	networks: {eth0: {rx_bytes: 572, tx_bytes: 0}, eth1: {rx_bytes: 1000, tx_bytes: 250}},
};

// Recorded shape of Docker 24 on cgroup v2: no percpu_usage, no total_* keys.
const cgroupV2 = {
	read: '2026-01-02T03:04:05.5Z',
	preread: '2026-01-02T03:04:04.5Z',
	pids_stats: {current: 7, limit: 4096},
	blkio_stats: {io_service_bytes_recursive: [{major: 259, minor: 0, op: 'read', value: 2048000}, {major: 259, minor: 0, op: 'write', value: 512}]},
	cpu_stats: {cpu_usage: {total_usage: 12_000_000_000}, system_cpu_usage: 500_000_000_000, online_cpus: 4},
	precpu_stats: {cpu_usage: {total_usage: 11_000_000_000}, system_cpu_usage: 496_000_000_000, online_cpus: 4},
	memory_stats: {usage: 36_700_160, stats: {inactive_file: 5_242_880, active_anon: 31_000_000}, limit: 67_108_864},
	networks: {eth0: {rx_bytes: 1_234_567, tx_bytes: 89_012}},
};

describe('docker stats figures', () => {
	it('cgroup v1: CPU, memory without total_inactive_file, block and net sums, pids', () => {
		const sample = toStatsSample(cgroupV1);
		// (436583038 − 435598121) / (1113180000000 − 1111200000000) × 2 × 100
		expect(cpuPercent(sample)).toBeCloseTo(((436583038 - 435598121) / 1980000000) * 2 * 100, 10);
		expect(memUsageNoCache(sample)).toBe(839680 - 12288);
		const value = figures(sample);
		expect(value).toMatchObject({netRx: 1572, netTx: 250, blkRead: 4096, blkWrite: 1048576, pids: 2});
		expect(sample.throttling).toEqual({periods: 10, throttledPeriods: 4, throttledTime: 123456});
		expect(statsTexts(value)).toEqual({
			cpu: '0.10%',
			memUsage: '808KiB / 23.54GiB',
			memPercent: '0.00%',
			netIO: '1.57kB / 250B',
			blockIO: '4.1kB / 1.05MB',
			pids: '2',
		});
	});

	it('cgroup v2: memory minus inactive_file, one busy core of four reads 100 %', () => {
		const sample = toStatsSample(cgroupV2);
		expect(cpuPercent(sample)).toBeCloseTo(100, 10);
		expect(memUsageNoCache(sample)).toBe(36_700_160 - 5_242_880);
		expect(statsTexts(figures(sample))).toEqual({
			cpu: '100.00%',
			memUsage: '30MiB / 64MiB',
			memPercent: '46.88%',
			netIO: '1.23MB / 89kB',
			blockIO: '2.05MB / 512B',
			pids: '7',
		});
	});

	it('has no CPU figure on the first sample of a stream (empty precpu)', () => {
		const sample = toStatsSample({...cgroupV1, precpu_stats: {cpu_usage: {total_usage: 0}, throttling_data: {}}});
		expect(cpuPercent(sample)).toBeUndefined();
		expect(statsTexts(figures(sample)).cpu).toBe('--');
	});

	it('uses the length of percpu_usage when online_cpus is missing', () => {
		const raw = structuredClone(cgroupV1) as any;
		delete raw.cpu_stats.online_cpus;
		expect(toStatsSample(raw).onlineCpus).toBe(2);
	});
});

describe('go-units sizes', () => {
	it.each([
		[0, '0B'],
		[1023, '1023B'],
		[1024, '1KiB'],
		[634880, '620KiB'],
		[25276510208, '23.54GiB'],
		[1048575, '1024KiB'],
	])('BytesSize(%d) = %s', (size, text) => expect(bytesSize(size)).toBe(text));

	it.each([
		[0, '0B'],
		[572, '572B'],
		[999, '999B'],
		[1000, '1kB'],
		[1572, '1.57kB'],
		[999_600, '1e+03kB'],
		[35_400_000, '35.4MB'],
	])('HumanSizeWithPrecision(%d, 3) = %s', (size, text) => expect(humanSize(size)).toBe(text));

	it.each([
		[23.5378, 4, '23.54'],
		[100, 3, '100'],
		[0.000012345, 3, '1.23e-05'],
		[1234.5, 3, '1.23e+03'],
	])('%%.%dg', (value, precision, text) => expect(goG(value, precision)).toBe(text));
});
