/**
 * Crash forensics: for an exited, dead or restarting container, the answer to "what happened" on
 * one screen — exit code and what it usually means, the OOM killer, restarts, when it ran and for
 * how long, the daemon's error, the health checks, and the last lines it wrote.
 *
 * Rows are [label, value]; a row with a label and an empty value is a heading, a row with an empty
 * label is a line under the heading before it (log lines, probe outputs). Everything is sanitised.
 */
import {humanDuration} from './containers.js';
import {exitCodeMeaning} from './limits.js';
import {probeRows, restartPolicyText, timeText} from './inspect.js';
import {sanitizeLine} from './sanitize.js';
import {bytesSize} from './stats.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- inspect JSON is untyped daemon data */

/** States forensics answer for. */
const APPLICABLE = new Set(['exited', 'dead', 'restarting']);

const GO_ZERO_TIME_MS = -62_135_596_800_000;

function parseTime(value: unknown): number | undefined {
	const ms = Date.parse(String(value ?? ''));
	return Number.isNaN(ms) || ms <= GO_ZERO_TIME_MS ? undefined : ms;
}

/** What an OOM kill (or its absence) says, with the memory limit when one was set. */
function oomText(oomKilled: boolean, memoryLimit: number): string {
	const limit = memoryLimit > 0 ? `memory limit was ${bytesSize(memoryLimit)}` : 'no memory limit was set';
	if (oomKilled) return memoryLimit > 0 ? `yes — the kernel's OOM killer ended it; ${limit}` : `yes — the kernel's OOM killer ended it (${limit}: the host ran out of memory)`;
	return `no (${limit})`;
}

/**
 * "What happened" rows for an exited, dead or restarting container; `{notApplicable}` with the
 * reason for any other state. `lastLogLines`: the container's last lines before it stopped
 * (raw; sanitised here).
 */
export function forensics(inspect: Record<string, unknown>, lastLogLines: string[], nowMs: number = Date.now()): Array<[string, string]> | {notApplicable: string} {
	const data = inspect as Record<string, any>;
	const state = (data.State ?? {}) as Record<string, any>;
	const status = String(state.Status ?? '');
	const name = sanitizeLine(String(data.Name ?? '').replace(/^\//, '') || String(data.Id ?? '').slice(0, 12));
	// A container whose command could not be started stays "created", with the exit code and the
	// runtime's error (e.g. 127 and "executable file not found"): that is a crash worth explaining.
	const failedToStart = status === 'created' && (Number(state.ExitCode ?? 0) !== 0 || String(state.Error ?? '') !== '');
	if (!APPLICABLE.has(status) && !failedToStart) {
		if (status === 'created') return {notApplicable: `${name} was created but never started: nothing has happened to it yet.`};
		return {notApplicable: `${name} is ${sanitizeLine(status) || 'in an unknown state'}: it has not stopped, so there is no crash to explain. This view is for exited, dead or restarting containers.`};
	}

	const rows: Array<[string, string]> = [];
	const exitCode = Number(state.ExitCode ?? 0);
	rows.push(['Status', sanitizeLine(status)]);
	rows.push(['Exit code', `${exitCode} — ${exitCodeMeaning(exitCode)}`]);
	rows.push(['OOM killed', oomText(Boolean(state.OOMKilled), Number(data.HostConfig?.Memory ?? 0))]);
	rows.push(['Restarts', `${Number(data.RestartCount ?? 0)} · restart policy ${sanitizeLine(restartPolicyText(data.HostConfig?.RestartPolicy))}`]);
	rows.push(['Started', sanitizeLine(timeText(state.StartedAt, nowMs))]);
	rows.push(['Finished', sanitizeLine(timeText(state.FinishedAt, nowMs))]);
	const started = parseTime(state.StartedAt);
	const finished = parseTime(state.FinishedAt);
	if (started !== undefined && finished !== undefined && finished >= started) {
		const ms = finished - started;
		rows.push(['Ran for', ms < 1000 ? `${ms} ms` : humanDuration(ms)]);
	}
	if (state.Error) rows.push(['Error', sanitizeLine(String(state.Error))]);

	const health = state.Health as Record<string, any> | undefined | null;
	if (health && typeof health === 'object') {
		rows.push(['Health', `${sanitizeLine(String(health.Status ?? ''))} (failing streak ${Number(health.FailingStreak ?? 0)})`]);
		const probes = probeRows(health, nowMs);
		if (probes.length > 0) {
			rows.push(['Health checks', '']);
			for (const [time, result] of probes) rows.push(['', `${time}  ${result}`]);
		}
	}

	rows.push(['Last lines before it stopped', '']);
	if (lastLogLines.length === 0) rows.push(['', '(no output)']);
	for (const line of lastLogLines) rows.push(['', sanitizeLine(line)]);
	return rows;
}
