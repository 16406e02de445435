/**
 * `docker stats` figures, computed and printed exactly as the docker CLI does
 * (cli/command/container/stats_helpers.go and formatter/stats.go, go-units size.go).
 */
import type {StatsSample} from '../engine/types.js';

/** Figures of one sample, as numbers. */
export interface StatsFigures {
	/** CPU % as docker stats shows it (100 = one core busy); undefined until two samples exist. */
	cpuPercent?: number;
	/** Memory used without inactive file cache, the limit, and their ratio in %. */
	memUsage: number;
	memLimit: number;
	memPercent: number;
	netRx: number;
	netTx: number;
	blkRead: number;
	blkWrite: number;
	pids: number;
}

/** CPU % from a sample and the daemon's previous one: Δcontainer ÷ Δsystem × online CPUs × 100. */
export function cpuPercent(sample: StatsSample): number | undefined {
	if (sample.preSystemCpu === 0 && sample.preCpuTotal === 0) return undefined;
	const cpuDelta = sample.cpuTotal - sample.preCpuTotal;
	const systemDelta = sample.systemCpu - sample.preSystemCpu;
	if (systemDelta > 0 && cpuDelta > 0) return (cpuDelta / systemDelta) * sample.onlineCpus * 100;
	return 0;
}

/** Memory usage without cache: `usage` minus `total_inactive_file` (cgroup v1) or `inactive_file` (v2). */
export function memUsageNoCache(sample: StatsSample): number {
	const v1 = sample.memStats.total_inactive_file;
	if (v1 !== undefined && v1 < sample.memUsage) return sample.memUsage - v1;
	const v2 = sample.memStats.inactive_file ?? 0;
	if (v2 < sample.memUsage) return sample.memUsage - v2;
	return sample.memUsage;
}

/** All figures of a sample. */
export function figures(sample: StatsSample): StatsFigures {
	const memUsage = memUsageNoCache(sample);
	return {
		cpuPercent: cpuPercent(sample),
		memUsage,
		memLimit: sample.memLimit,
		memPercent: sample.memLimit !== 0 ? (memUsage / sample.memLimit) * 100 : 0,
		netRx: sample.netRx,
		netTx: sample.netTx,
		blkRead: sample.blkRead,
		blkWrite: sample.blkWrite,
		pids: sample.pids,
	};
}

/** Go's `%.{precision}g`: shortest form with that many significant digits, no trailing zeros. */
export function goG(value: number, precision: number): string {
	if (value === 0) return '0';
	const rounded = Number(value.toPrecision(precision));
	const exp = rounded === 0 ? 0 : Math.floor(Math.log10(Math.abs(rounded)));
	if (exp < -4 || exp >= precision) {
		const [mantissa = '0', power = '0'] = rounded.toExponential(precision - 1).split('e');
		const trimmed = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
		const sign = power.startsWith('-') ? '-' : '+';
		const digits = power.replace(/^[+-]/, '').padStart(2, '0');
		return `${trimmed}e${sign}${digits}`;
	}
	const fixed = rounded.toFixed(Math.max(0, precision - 1 - exp));
	return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

const BINARY = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'];
const DECIMAL = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];

function customSize(size: number, base: number, units: string[], precision: number): string {
	let index = 0;
	while (size >= base && index < units.length - 1) {
		size /= base;
		index += 1;
	}
	return goG(size, precision) + units[index];
}

/** go-units `BytesSize`: binary units, 4 significant digits ("620KiB", "23.54GiB"). */
export function bytesSize(size: number): string {
	return customSize(size, 1024, BINARY, 4);
}

/** go-units `HumanSizeWithPrecision(size, 3)`: decimal units ("572B", "1.2kB", "35.4MB"). */
export function humanSize(size: number): string {
	return customSize(size, 1000, DECIMAL, 3);
}

/** The texts of the `docker stats` columns. */
export interface StatsTexts {
	cpu: string;
	memUsage: string;
	memPercent: string;
	netIO: string;
	blockIO: string;
	pids: string;
}

/** Format figures as `docker stats` prints them; "--" where a figure is not known yet. */
export function statsTexts(value: StatsFigures | undefined): StatsTexts {
	if (!value) return {cpu: '--', memUsage: '-- / --', memPercent: '--', netIO: '-- / --', blockIO: '-- / --', pids: '--'};
	return {
		cpu: value.cpuPercent === undefined ? '--' : `${value.cpuPercent.toFixed(2)}%`,
		memUsage: `${bytesSize(value.memUsage)} / ${bytesSize(value.memLimit)}`,
		memPercent: `${value.memPercent.toFixed(2)}%`,
		netIO: `${humanSize(value.netRx)} / ${humanSize(value.netTx)}`,
		blockIO: `${humanSize(value.blkRead)} / ${humanSize(value.blkWrite)}`,
		pids: String(value.pids),
	};
}
