// Crash forensics on inspect JSON recorded from a real dockerd 20.10 (test/unit/fixtures):
// an OOM kill, a restart loop, a container that went unhealthy and exited, and the states
// forensics do not apply to.
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {forensics} from '../../source/present/forensics.js';

function fixture(name: string): Record<string, any> {
	return JSON.parse(readFileSync(new URL(`fixtures/inspect-${name}.json`, import.meta.url), 'utf8')) as Record<string, any>;
}

/** Ten minutes after the fixtures were recorded. */
const NOW = Date.parse('2026-11-22T14:28:03.739Z');

function rowsOf(result: ReturnType<typeof forensics>): Array<[string, string]> {
	if (!Array.isArray(result)) throw new Error(`not applicable: ${result.notApplicable}`);
	return result;
}

function field(rows: Array<[string, string]>, label: string): string | undefined {
	return rows.find(([key]) => key === label)?.[1];
}

/** The lines under a heading row (label set, value empty), up to the next labelled row. */
function under(rows: Array<[string, string]>, heading: string): string[] {
	const start = rows.findIndex(([key, value]) => key === heading && value === '');
	if (start < 0) return [];
	const out: string[] = [];
	for (const [key, value] of rows.slice(start + 1)) {
		if (key !== '') break;
		out.push(value);
	}
	return out;
}

describe('forensics', () => {
	it('explains an OOM kill: exit 137, the OOM killer, the memory limit, times and last lines', () => {
		const rows = rowsOf(forensics(fixture('oom'), ['allocating'], NOW));
		expect(field(rows, 'Status')).toBe('exited');
		expect(field(rows, 'Exit code')).toBe('137 — killed by SIGKILL (often the OOM killer, or docker kill / stop timeout)');
		expect(field(rows, 'OOM killed')).toBe("yes — the kernel's OOM killer ended it; memory limit was 8MiB");
		expect(field(rows, 'Restarts')).toBe('0 · restart policy no');
		expect(field(rows, 'Started')).toBe('2026-11-22T14:18:03.461Z (10 minutes ago)');
		expect(field(rows, 'Finished')).toBe('2026-11-22T14:18:03.739Z (10 minutes ago)');
		expect(field(rows, 'Ran for')).toBe('278 ms');
		expect(field(rows, 'Error')).toBeUndefined();
		expect(field(rows, 'Health')).toBeUndefined();
		expect(under(rows, 'Last lines before it stopped')).toEqual(['allocating']);
	});

	it('explains a restart loop: the restart count and policy', () => {
		const rows = rowsOf(forensics(fixture('loop'), ['starting', 'boom'], NOW));
		expect(field(rows, 'Status')).toBe('restarting');
		expect(field(rows, 'Exit code')).toBe('3 — application error');
		expect(field(rows, 'OOM killed')).toBe('no (no memory limit was set)');
		expect(field(rows, 'Restarts')).toBe('8 · restart policy always');
		expect(under(rows, 'Last lines before it stopped')).toEqual(['starting', 'boom']);
	});

	it('shows the health-check log of a container that went unhealthy, and sanitises its last lines', () => {
		const rows = rowsOf(forensics(fixture('unhealthy'), ['serving', 'fatal: \u001b[2J\u001b]0;owned\u0007giving up\r'], NOW));
		expect(field(rows, 'Exit code')).toBe('1 — application error');
		expect(field(rows, 'Ran for')).toBe('6 seconds');
		expect(field(rows, 'Health')).toBe('unhealthy (failing streak 5)');
		const probes = under(rows, 'Health checks');
		expect(probes).toHaveLength(5);
		for (const probe of probes) expect(probe).toMatch(/^2026-11-22T14:18:\d\d\.\d{3}Z \(\d+ minutes ago\)  exit 1: probe failed: connection refused$/);
		expect(under(rows, 'Last lines before it stopped')).toEqual(['serving', 'fatal: giving up↵']);
		for (const [key, value] of rows) expect(`${key}${value}`).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
	});

	it.each([
		[126, '126 — command cannot be executed (permission or not executable)'],
		[127, '127 — command not found'],
		[143, '143 — terminated by SIGTERM (docker stop)'],
		[0, '0 — success'],
	])('gives the meaning of exit code %i', (code, text) => {
		const inspect = fixture('oom');
		inspect['State'] = {...inspect['State'], ExitCode: code, OOMKilled: false};
		expect(field(rowsOf(forensics(inspect, [], NOW)), 'Exit code')).toBe(text);
	});

	it('reports a dead container with the daemon’s error, an OOM kill without a limit, and no output', () => {
		const inspect = fixture('oom');
		inspect['State'] = {...inspect['State'], Status: 'dead', Dead: true, Error: 'driver failed: \u001b[31mdevice busy'};
		inspect['HostConfig'] = {...inspect['HostConfig'], Memory: 0};
		const rows = rowsOf(forensics(inspect, [], NOW));
		expect(field(rows, 'Status')).toBe('dead');
		expect(field(rows, 'Error')).toBe('driver failed: device busy');
		expect(field(rows, 'OOM killed')).toBe("yes — the kernel's OOM killer ended it (no memory limit was set: the host ran out of memory)");
		expect(under(rows, 'Last lines before it stopped')).toEqual(['(no output)']);
	});

	it('does not apply to running or never-started containers', () => {
		expect(forensics(fixture('rich'), [], NOW)).toEqual({
			notApplicable: 'fx-rich is running: it has not stopped, so there is no crash to explain. This view is for exited, dead or restarting containers.',
		});
		expect(forensics(fixture('created'), [], NOW)).toEqual({notApplicable: 'fx-created was created but never started: nothing has happened to it yet.'});
		const paused = fixture('rich');
		paused['State'] = {...paused['State'], Status: 'paused'};
		expect(forensics(paused, [], NOW)).toMatchObject({notApplicable: expect.stringContaining('is paused')});
	});
});
