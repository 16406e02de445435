// CPU and memory of processes, straight from /proc: utime + stime + cutime + cstime (fields 14–17
// of /proc/<pid>/stat, in clock ticks) and VmRSS / VmHWM from /proc/<pid>/status.
import {execFileSync} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';

/** Clock ticks per second (getconf CLK_TCK). */
export const CLK_TCK = (() => {
	try {
		return Number(execFileSync('getconf', ['CLK_TCK'], {encoding: 'utf8'}).trim()) || 100;
	} catch {
		return 100;
	}
})();

/** Parsed /proc/<pid>/stat, or undefined when the process is gone. */
export function stat(pid) {
	let text;
	try {
		text = readFileSync(`/proc/${pid}/stat`, 'utf8');
	} catch {
		return undefined;
	}
	// comm (field 2) may hold spaces and parentheses: split after the last ')'.
	const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
	// rest[0] is field 3 (state); field k is rest[k - 3].
	return {
		ppid: Number(rest[1]),
		utime: Number(rest[11]),
		stime: Number(rest[12]),
		cutime: Number(rest[13]),
		cstime: Number(rest[14]),
	};
}

/** `pid` and all its live descendants. */
export function tree(pid) {
	const children = new Map();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		const s = stat(entry);
		if (!s) continue;
		if (!children.has(s.ppid)) children.set(s.ppid, []);
		children.get(s.ppid).push(Number(entry));
	}
	const out = [];
	const queue = [pid];
	while (queue.length) {
		const p = queue.shift();
		out.push(p);
		for (const c of children.get(p) ?? []) queue.push(c);
	}
	return out;
}

/**
 * CPU time in seconds of these processes, children included: live ones count their own time plus
 * the time of children they have reaped (cutime/cstime), so nothing is counted twice.
 * Returns a map pid → seconds, so a difference can skip processes that came or went.
 */
export function cpuSeconds(pids) {
	const out = new Map();
	for (const pid of pids) {
		const s = stat(pid);
		if (s) out.set(pid, (s.utime + s.stime + s.cutime + s.cstime) / CLK_TCK);
	}
	return out;
}

/** CPU seconds spent between two `cpuSeconds` readings (processes new in `after` count in full). */
export function cpuDelta(before, after) {
	let total = 0;
	for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
	return total;
}

/** Resident memory of the processes in bytes: {rss, hwm} (hwm = peak RSS, summed). */
export function memory(pids) {
	let rss = 0;
	let hwm = 0;
	for (const pid of pids) {
		let text;
		try {
			text = readFileSync(`/proc/${pid}/status`, 'utf8');
		} catch {
			continue;
		}
		rss += Number(/VmRSS:\s+(\d+)/.exec(text)?.[1] ?? 0) * 1024;
		hwm += Number(/VmHWM:\s+(\d+)/.exec(text)?.[1] ?? 0) * 1024;
	}
	return {rss, hwm};
}

/** CPU % of one core (100 = one core busy) of a process tree over [start, end] readings. */
export function percentOfCore(cpuSecondsSpent, wallSeconds) {
	return (cpuSecondsSpent / wallSeconds) * 100;
}
