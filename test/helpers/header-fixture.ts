/** A daemon of 100 running containers of which 45 are measured: the header then says "(45/100 running measured)". */
import type {EngineInfo} from '../../source/engine/types.js';
import type {StatsFigures} from '../../source/present/stats.js';

const GiB = 1024 ** 3;

export const info: EngineInfo = {
	serverVersion: '20.10.24',
	apiVersion: '1.41',
	os: 'linux',
	arch: 'amd64',
	kernelVersion: '6.1.0',
	ncpu: 2,
	memTotal: 7.8 * GiB,
	containers: 103,
	containersRunning: 100,
	containersPaused: 0,
	containersStopped: 3,
	images: 12,
	name: 'host',
};

/** 45 of the 100 running containers measured. */
export const stats = new Map<string, StatsFigures>(
	Array.from({length: 45}, (_, i) => [
		`c${i}`,
		{cpuPercent: 0.3, memUsage: 20 * 1024 ** 2, memLimit: GiB, memPercent: 2, netRx: 0, netTx: 0, blkRead: 0, blkWrite: 0, pids: 1},
	]),
);

/** What line 1 shows as the host totals for these figures. */
export const TOTALS = 'CPU 13.5% of 200% · MEM 900MiB of 7.8GiB';
