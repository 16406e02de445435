// The inspect summary and JSON view, on inspect JSON recorded from a real dockerd 20.10
// (test/unit/fixtures/inspect-*.json): every item of the list, secrets masked in both
// views until revealed, and no control character from container text on the way out.
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {DEFAULT_SECRET_KEYS, argvText, inspectSummary, isSecretKey, maskedInspectJson, type InspectSection} from '../../source/present/inspect.js';

/** A recorded `GET /containers/{id}/json`, fresh for each use. */
function fixture(name: string): Record<string, any> {
	return JSON.parse(readFileSync(new URL(`fixtures/inspect-${name}.json`, import.meta.url), 'utf8')) as Record<string, any>;
}

/** Ten minutes after the fixtures were recorded. */
const NOW = Date.parse('2026-11-22T14:28:02.171Z');

function section(sections: InspectSection[], title: string): Record<string, string> {
	const found = sections.find(entry => entry.section === title);
	if (!found) throw new Error(`no section ${title}`);
	return Object.fromEntries(found.rows);
}

/** Any C0/C1 control, DEL, ESC or bidi control in the text. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('isSecretKey', () => {
	it.each([
		['DB_PASSWORD', true],
		['db_password', true],
		['MYSQL_ROOT_PASSWD', true],
		['PWD', true], // the shell's working directory: masked on purpose (safe side)
		['OLDPWD', true],
		['AWS_SECRET_ACCESS_KEY', true],
		['GITHUB_TOKEN', true],
		['api_key', true],
		['SSH_AUTH_SOCK', true],
		['GOOGLE_APPLICATION_CREDENTIALS', true],
		['PATH', false],
		['HOME', false],
		['HOSTNAME', false],
		['NORMAL', false],
	])('%s → %s', (key, secret) => {
		expect(isSecretKey(key)).toBe(secret);
	});

	it('takes a custom list, case-insensitively', () => {
		expect(isSecretKey('PATH', ['path'])).toBe(true);
		expect(isSecretKey('DB_PASSWORD', ['TOKEN'])).toBe(false);
		expect(isSecretKey('ANYTHING', [])).toBe(false);
		expect(DEFAULT_SECRET_KEYS).toEqual(['PASSWORD', 'PASSWD', 'PWD', 'SECRET', 'TOKEN', 'KEY', 'CREDENTIAL', 'AUTH']);
	});
});

describe('inspectSummary', () => {
	const rich = fixture('rich');
	const summary = inspectSummary(rich, {reveal: false, nowMs: NOW});

	it('has a section for each part of the issue, in a stable order', () => {
		expect(summary.map(entry => entry.section)).toEqual([
			'Container',
			'State',
			'Health',
			'Restart policy & limits',
			'Ports',
			'Mounts',
			'Networks',
			'Environment',
			'Labels',
		]);
	});

	it('shows image, entrypoint, command and creation time', () => {
		const container = section(summary, 'Container');
		expect(container['Name']).toBe('fx-rich');
		expect(container['Image']).toBe('porthole-test/busybox:latest');
		expect(container['Image ID']).toBe(rich['Image']);
		expect(container['Entrypoint']).toBe('/bin/sh');
		expect(container['Command']).toBe('-c "while true; do echo tick; sleep 1; done"');
		expect(container['Working dir']).toBe('/data');
		expect(container['Created']).toBe('2026-11-22T14:18:02.171Z (10 minutes ago)');
	});

	it('shows the state of a running container without an exit code', () => {
		const state = section(summary, 'State');
		expect(state['Status']).toBe('running');
		expect(state['Exit code']).toBeUndefined();
		expect(state['OOM killed']).toBe('no');
		expect(state['Restart count']).toBe('0');
		expect(state['PID']).toBe(String(rich['State']['Pid']));
		expect(state['Started']).toBe('2026-11-22T14:18:02.919Z (9 minutes ago)'); // 9 min 59 s: go-units truncates
	});

	it('shows the exit code with its meaning and the OOM kill of a stopped container', () => {
		const state = section(inspectSummary(fixture('oom'), {reveal: false, nowMs: NOW}), 'State');
		expect(state['Status']).toBe('exited');
		expect(state['Exit code']).toBe('137 — killed by SIGKILL (often the OOM killer, or docker kill / stop timeout)');
		expect(state['OOM killed']).toBe('yes');
		expect(state['Finished']).toMatch(/^2026-11-22T14:18:03\.739Z \(\d+ minutes ago\)$/);
		const created = section(inspectSummary(fixture('created'), {reveal: false, nowMs: NOW}), 'State');
		expect(created['Started']).toBe('never');
	});

	it('shows health with the check and the last probe outputs', () => {
		const health = summary.find(entry => entry.section === 'Health')!.rows;
		expect(health[0]).toEqual(['Status', 'healthy']);
		expect(health[1]).toEqual(['Failing streak', '0']);
		expect(health[2]).toEqual(['Check', '"echo probe ok; echo second line"']);
		const probes = health.slice(3);
		expect(probes.length).toBe(rich['State']['Health']['Log'].length);
		for (const [time, result] of probes) {
			expect(time).toMatch(/^2026-11-22T14:18:\d\d\.\d{3}Z \(\d+ minutes ago\)$/);
			expect(result).toBe('exit 0: probe ok↵second line');
		}
		const unhealthy = inspectSummary(fixture('unhealthy'), {reveal: false, nowMs: NOW}).find(entry => entry.section === 'Health')!.rows;
		expect(unhealthy[0]).toEqual(['Status', 'unhealthy']);
		expect(unhealthy.at(-1)![1]).toBe('exit 1: probe failed: connection refused');
	});

	it('shows the restart policy and CPU, memory and PID limits', () => {
		expect(section(summary, 'Restart policy & limits')).toEqual({
			'Restart policy': 'on-failure (max 3 retries)',
			CPU: '0.5 CPU',
			Memory: '64MiB',
			'Memory + swap': '128MiB',
			PIDs: '100',
		});
		const plain = section(inspectSummary(fixture('loop'), {reveal: false, nowMs: NOW}), 'Restart policy & limits');
		expect(plain).toEqual({'Restart policy': 'always', CPU: 'no limit', Memory: 'no limit', PIDs: 'no limit'});
	});

	it('shows ports in a stable order, live or as configured', () => {
		expect(summary.find(entry => entry.section === 'Ports')!.rows).toEqual([['80/tcp', '127.0.0.1:18081 (configured; not active now)']]);
		expect(inspectSummary(fixture('ports'), {reveal: false, nowMs: NOW}).find(entry => entry.section === 'Ports')!.rows).toEqual([
			['53/udp', '127.0.0.1:18083'],
			['80/tcp', '127.0.0.1:18082'],
			['9000/tcp', 'exposed, not published'],
		]);
		expect(inspectSummary(fixture('oom'), {reveal: false, nowMs: NOW}).find(entry => entry.section === 'Ports')!.rows).toEqual([['', 'none']]);
	});

	it('shows mounts with type, source, destination and read-write', () => {
		expect(summary.find(entry => entry.section === 'Mounts')!.rows).toEqual([
			['/data', 'volume fx-data (/tmp/pe-act/data/volumes/fx-data/_data) · read-write'],
			['/host', 'bind /tmp/fx-host · read-only'],
			['/scratch', 'tmpfs size=1m · read-write'],
		]);
	});

	it('shows networks with IP, gateway and aliases', () => {
		const networks = section(summary, 'Networks');
		expect(networks['Mode']).toBe('fx-net');
		expect(networks['fx-net']).toBe('IP 172.25.0.2/16 · gateway 172.25.0.1 · aliases db, primary, 94b099a34165 · MAC 02:42:ac:19:00:02');
	});

	it('says a container on --network none has no network, running or not; "not running" only when it is not', () => {
		for (const name of ['loop', 'oom']) {
			expect(section(inspectSummary(fixture(name), {reveal: false, nowMs: NOW}), 'Networks')).toEqual({Mode: 'none', none: 'no network (loopback only)'});
		}
		expect(fixture('loop').State.Running).toBe(true);
		const stopped = fixture('ports');
		stopped.State = {...stopped.State, Running: false, Status: 'exited'};
		for (const network of Object.values(stopped.NetworkSettings.Networks) as any[]) network.IPAddress = '';
		const networks = section(inspectSummary(stopped, {reveal: false, nowMs: NOW}), 'Networks');
		expect(Object.keys(networks)).toHaveLength(2);
		expect(Object.values(networks)[1]).toMatch(/^no IP \(not running\)/);
	});

	it('masks secret environment values until revealed', () => {
		expect(summary.find(entry => entry.section === 'Environment')!.rows).toEqual([
			['NORMAL', 'plain'],
			['WEIRD', 'ared'], // the colour sequence is gone
			['EMPTY', ''], // nothing to hide
			['DB_PASSWORD', '••••'],
			['API_TOKEN', '••••'],
			['AWS_SECRET_ACCESS_KEY', '••••'],
			['PATH', '/bin'],
		]);
		const revealed = section(inspectSummary(rich, {reveal: true, nowMs: NOW}), 'Environment');
		expect(revealed['DB_PASSWORD']).toBe('hunter2');
		expect(revealed['API_TOKEN']).toBe('abc123');
		const custom = section(inspectSummary(rich, {reveal: false, secretKeys: ['NORMAL'], nowMs: NOW}), 'Environment');
		expect(custom['NORMAL']).toBe('••••');
	});

	it.each([[['URL']], [['PASSWORD', 'TOKEN']], [[]]])('keeps the built-in secret words when the config names %j', (secretKeys) => {
		// The config adds words: a list that left out SECRET or KEY showed AWS_SECRET_ACCESS_KEY in clear.
		const env = section(inspectSummary(rich, {reveal: false, secretKeys, nowMs: NOW}), 'Environment');
		expect(env['DB_PASSWORD']).toBe('••••');
		expect(env['API_TOKEN']).toBe('••••');
		expect(env['AWS_SECRET_ACCESS_KEY']).toBe('••••');
		expect(env['PATH']).toBe('/bin');
		const json = maskedInspectJson(rich, {reveal: false, secretKeys});
		expect(json).not.toContain('hunter2');
		expect(json).not.toContain('abc123');
	});

	it('masks the password of a URL in any value until revealed, in both views', () => {
		const data = fixture('rich');
		data.Config.Env = [...data.Config.Env, 'DATABASE_URL=postgres://admin:s3cr3t@db/app', 'UPSTREAM=https://example.org/x?y=1'];
		data.Config.Labels = {...data.Config.Labels, 'backup.target': 'mysql://root:p4ss@backup:3306/db'};
		data.Config.Cmd = ['sh', '-c', 'exec app --db redis://:r3dis@cache:6379/0'];
		const summary = inspectSummary(data, {reveal: false, nowMs: NOW});
		expect(section(summary, 'Environment')['DATABASE_URL']).toBe('postgres://admin:••••@db/app');
		expect(section(summary, 'Environment')['UPSTREAM']).toBe('https://example.org/x?y=1');
		expect(section(summary, 'Labels')['backup.target']).toBe('mysql://root:••••@backup:3306/db');
		expect(section(summary, 'Container')['Command']).toBe('sh -c "exec app --db redis://:••••@cache:6379/0"');
		const json = maskedInspectJson(data, {reveal: false});
		for (const secret of ['s3cr3t', 'p4ss', 'r3dis']) expect(json).not.toContain(secret);
		expect(json).toContain('postgres://admin:••••@db/app');
		const revealed = inspectSummary(data, {reveal: true, nowMs: NOW});
		expect(section(revealed, 'Environment')['DATABASE_URL']).toBe('postgres://admin:s3cr3t@db/app');
		expect(maskedInspectJson(data, {reveal: true})).toContain('mysql://root:p4ss@backup:3306/db');
	});

	it('sanitises labels and every other value', () => {
		// U+009B is a C1 CSI: with the 'b' it makes a whole (removed) sequence, as a terminal would read it.
		expect(section(summary, 'Labels')).toEqual({c1: 'a', 'com.example.team': 'core', evil: 'xy', 'porthole.test': '1'});
		for (const name of ['rich', 'oom', 'loop', 'unhealthy', 'created', 'ports']) {
			for (const {section: title, rows} of inspectSummary(fixture(name), {reveal: true, nowMs: NOW})) {
				expect(title).not.toMatch(UNSAFE);
				for (const [key, value] of rows) {
					expect(key).not.toMatch(UNSAFE);
					expect(value).not.toMatch(UNSAFE);
				}
			}
		}
	});

	it('does not change the inspect it is given', () => {
		const before = JSON.stringify(rich);
		inspectSummary(rich, {reveal: false, nowMs: NOW});
		maskedInspectJson(rich, {reveal: false});
		expect(JSON.stringify(rich)).toBe(before);
	});
});

describe('maskedInspectJson', () => {
	const rich = fixture('rich');

	it('is the full inspect as 2-space JSON with secret values masked', () => {
		const text = maskedInspectJson(rich, {reveal: false});
		expect(text).not.toContain('hunter2');
		expect(text).not.toContain('abc123');
		expect(text).not.toContain('s3cr3t');
		expect(text).toContain('    "Env": [\n      "NORMAL=plain",');
		const parsed = JSON.parse(text) as Record<string, any>;
		expect(parsed['Config']['Env']).toEqual(['NORMAL=plain', 'WEIRD=a\u001b[31mred', 'EMPTY=', 'DB_PASSWORD=••••', 'API_TOKEN=••••', 'AWS_SECRET_ACCESS_KEY=••••', 'PATH=/bin']);
		// Everything else is the daemon's JSON, unchanged.
		expect({...parsed, Config: {...parsed['Config'], Env: rich['Config']['Env']}}).toEqual(rich);
	});

	it('shows the secrets when revealed', () => {
		const parsed = JSON.parse(maskedInspectJson(rich, {reveal: true})) as Record<string, any>;
		expect(parsed).toEqual(rich);
	});

	it('prints no control character, yet keeps hostile values intact as JSON escapes', () => {
		const text = maskedInspectJson(rich, {reveal: true});
		for (const line of text.split('\n')) expect(line).not.toMatch(UNSAFE);
		expect(text).toContain('"evil": "x\\u001b]0;pwned\\u0007y"');
		expect(text).toContain('"c1": "a\\u009bb"');
		const parsed = JSON.parse(text) as Record<string, any>;
		expect(parsed['Config']['Labels']['evil']).toBe('x\u001b]0;pwned\u0007y');
		expect(parsed['Config']['Labels']['c1']).toBe('a\u009bb');
		const keys = maskedInspectJson({'k\u202eey': 'v\u2028al\u007f'}, {reveal: false});
		expect(keys).toBe('{\n  "k\\u202eey": "v\\u2028al\\u007f"\n}');
	});
});

describe('argvText', () => {
	it.each([
		[['/bin/sh', '-c', 'echo hi'], '/bin/sh -c "echo hi"'],
		[['nginx', '-g', 'daemon off;'], 'nginx -g "daemon off;"'],
		['a string', 'a string'],
		[null, ''],
	])('%j → %s', (argv, text) => {
		expect(argvText(argv)).toBe(text);
	});
});
