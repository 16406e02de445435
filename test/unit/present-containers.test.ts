import {describe, expect, it} from 'vitest';
import type {ContainerStateDetail, ContainerSummary, PortMapping} from '../../source/engine/types.js';
import {
	commandText,
	createdText,
	exitCodeOf,
	goQuote,
	healthOf,
	humanDuration,
	imageText,
	namesText,
	portsText,
	shortId,
	statusText,
} from '../../source/present/containers.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

const NOW = Date.UTC(2024, 5, 15, 12, 0, 0);
const ZERO_TIME = '0001-01-01T00:00:00Z';
const ago = (ms: number): string => new Date(NOW - ms).toISOString();

function summary(overrides: Partial<ContainerSummary> = {}): ContainerSummary {
	return {
		id: 'a'.repeat(64),
		names: ['web'],
		image: 'nginx',
		imageId: `sha256:${'b'.repeat(64)}`,
		command: '',
		created: Math.floor(NOW / 1000),
		state: 'running',
		status: '',
		ports: [],
		labels: {},
		mounts: [],
		networks: {},
		...overrides,
	};
}

function detail(overrides: Partial<ContainerStateDetail> = {}): ContainerStateDetail {
	return {
		running: false,
		paused: false,
		restarting: false,
		dead: false,
		removing: false,
		oomKilled: false,
		exitCode: 0,
		startedAt: ZERO_TIME,
		finishedAt: ZERO_TIME,
		restartCount: 0,
		limits: {nanoCpus: 0, cpuQuota: 0, cpuPeriod: 0, memory: 0},
		...overrides,
	};
}

describe('humanDuration (go-units TestHumanDuration)', () => {
	it.each<[string, number]>([
		['Less than a second', 450],
		['1 second', 1 * SECOND],
		['45 seconds', 45 * SECOND],
		['46 seconds', 46 * SECOND],
		['59 seconds', 59 * SECOND],
		['About a minute', 60 * SECOND],
		['About a minute', 1 * MINUTE],
		['3 minutes', 3 * MINUTE],
		['35 minutes', 35 * MINUTE],
		['35 minutes', 35 * MINUTE + 40 * SECOND],
		['45 minutes', 45 * MINUTE],
		['45 minutes', 45 * MINUTE + 40 * SECOND],
		['46 minutes', 46 * MINUTE],
		['59 minutes', 59 * MINUTE],
		['About an hour', 1 * HOUR],
		['About an hour', 1 * HOUR + 29 * MINUTE],
		['2 hours', 1 * HOUR + 31 * MINUTE],
		['2 hours', 1 * HOUR + 59 * MINUTE],
		['3 hours', 3 * HOUR],
		['3 hours', 3 * HOUR + 29 * MINUTE],
		['4 hours', 3 * HOUR + 31 * MINUTE],
		['4 hours', 3 * HOUR + 59 * MINUTE],
		['4 hours', 3 * HOUR + 60 * MINUTE],
		['24 hours', 24 * HOUR],
		['36 hours', 1 * DAY + 12 * HOUR],
		['2 days', 2 * DAY],
		['7 days', 7 * DAY],
		['13 days', 13 * DAY + 5 * HOUR],
		['2 weeks', 2 * WEEK],
		['2 weeks', 2 * WEEK + 4 * DAY],
		['3 weeks', 3 * WEEK],
		['4 weeks', 4 * WEEK],
		['4 weeks', 4 * WEEK + 3 * DAY],
		['4 weeks', 1 * MONTH],
		['6 weeks', 1 * MONTH + 2 * WEEK],
		['2 months', 2 * MONTH],
		['2 months', 2 * MONTH + 2 * WEEK],
		['3 months', 3 * MONTH],
		['3 months', 3 * MONTH + 1 * WEEK],
		['5 months', 5 * MONTH + 2 * WEEK],
		['13 months', 13 * MONTH],
		['23 months', 23 * MONTH],
		['24 months', 24 * MONTH],
		['2 years', 24 * MONTH + 2 * WEEK],
		['3 years', 3 * YEAR + 2 * MONTH],
		// Clock skew: a creation time in the future.
		['Less than a second', -5 * SECOND],
	])('%s (%i ms)', (expected, ms) => {
		expect(humanDuration(ms)).toBe(expected);
	});
});

describe('createdText (RunningFor)', () => {
	it.each<[string, number, string]>([
		['65 s ago, as in TestContainerPsContext', NOW - 65 * SECOND, 'About a minute ago'],
		['a day ago, as in TestContainerContextWrite', NOW - DAY, '24 hours ago'],
		['a year ago, as in TestContainerBackCompat', NOW - YEAR, '12 months ago'],
		['just now', NOW, 'Less than a second ago'],
	])('%s', (_name, createdMs, expected) => {
		expect(createdText(Math.floor(createdMs / 1000), NOW)).toBe(expected);
	});
});

describe('statusText (moby State.String)', () => {
	it.each<[string, Partial<ContainerStateDetail>, string]>([
		['running', {running: true, startedAt: ago(5 * MINUTE)}, 'Up 5 minutes'],
		['just started', {running: true, startedAt: ago(300)}, 'Up Less than a second'],
		['running, nanosecond timestamp', {running: true, startedAt: new Date(NOW - 2 * HOUR).toISOString().replace('.000Z', '.123456789Z')}, 'Up 2 hours'],
		['paused', {running: true, paused: true, startedAt: ago(2 * HOUR)}, 'Up 2 hours (Paused)'],
		['paused wins over health', {running: true, paused: true, health: 'healthy', startedAt: ago(2 * HOUR)}, 'Up 2 hours (Paused)'],
		['restarting, timed from FinishedAt', {running: true, restarting: true, exitCode: 1, startedAt: ago(HOUR), finishedAt: ago(4 * SECOND)}, 'Restarting (1) 4 seconds ago'],
		['healthy', {running: true, health: 'healthy', startedAt: ago(3 * MINUTE)}, 'Up 3 minutes (healthy)'],
		['health starting', {running: true, health: 'starting', startedAt: ago(3 * SECOND)}, 'Up 3 seconds (health: starting)'],
		['unhealthy', {running: true, health: 'unhealthy', startedAt: ago(MINUTE)}, 'Up About a minute (unhealthy)'],
		['running wins over removal', {running: true, removing: true, startedAt: ago(10 * SECOND)}, 'Up 10 seconds'],
		['removal in progress', {removing: true, startedAt: ago(HOUR), finishedAt: ago(MINUTE)}, 'Removal In Progress'],
		['removal wins over dead', {removing: true, dead: true}, 'Removal In Progress'],
		['dead', {dead: true, startedAt: ago(HOUR), finishedAt: ago(MINUTE)}, 'Dead'],
		['created: never started', {}, 'Created'],
		['exited', {exitCode: 3, startedAt: ago(HOUR), finishedAt: ago(5 * MINUTE)}, 'Exited (3) 5 minutes ago'],
		['exited, OOM-killed: same wording', {exitCode: 137, oomKilled: true, startedAt: ago(3 * DAY), finishedAt: ago(2 * DAY)}, 'Exited (137) 2 days ago'],
		['started but FinishedAt zero: empty, as moby says', {startedAt: ago(HOUR)}, ''],
		['running with zero StartedAt: Go saturates the duration', {running: true}, 'Up 292 years'],
	])('%s', (_name, state, expected) => {
		expect(statusText(summary(), detail(state), NOW)).toBe(expected);
	});

	it('without detail, shows the daemon text, sanitised', () => {
		expect(statusText(summary({status: 'Up 5 minutes\u001B[2J\u202E'}), undefined, NOW)).toBe('Up 5 minutes\uFFFD');
	});
});

describe('healthOf / exitCodeOf', () => {
	it.each<[string, string | undefined]>([
		['Up 3 minutes (healthy)', 'healthy'],
		['Up 3 seconds (health: starting)', 'starting'],
		['Up 1 minute (unhealthy)', 'unhealthy'],
		['Up 2 hours (Paused)', undefined],
		['Up 5 minutes', undefined],
		['Exited (0) 5 minutes ago', undefined],
		['Restarting (1) 4 seconds ago', undefined],
		['', undefined],
	])('healthOf(%j)', (status, expected) => {
		expect(healthOf(summary({status}))).toBe(expected);
	});

	it.each<[string, number | undefined]>([
		['Exited (0) 2 hours ago', 0],
		['Exited (137) 5 minutes ago', 137],
		['Exited (-1) 5 minutes ago', -1],
		['Restarting (1) 4 seconds ago', 1],
		['Up 5 minutes', undefined],
		['Created', undefined],
		['Dead', undefined],
	])('exitCodeOf(%j)', (status, expected) => {
		expect(exitCodeOf(summary({status}))).toBe(expected);
	});
});

/** PortSummary as written in docker/cli's TestDisplayablePorts (IP "" = not published). */
const p = (privatePort: number, type: string, ip?: string, publicPort?: number): PortMapping => ({
	privatePort,
	type,
	...(ip === undefined ? {} : {ip}),
	...(publicPort === undefined ? {} : {publicPort}),
});

describe('portsText (docker/cli TestDisplayablePorts)', () => {
	it.each<[string, PortMapping[], string]>([
		['exposed tcp', [p(9988, 'tcp')], '9988/tcp'],
		['exposed udp', [p(9988, 'udp')], '9988/udp'],
		['IP without public port', [p(9988, 'tcp', '0.0.0.0')], '0.0.0.0:0->9988/tcp'],
		['IPv6 without public port', [p(9988, 'tcp', '::')], '[::]:0->9988/tcp'],
		['public port without IP is shown as exposed', [p(9988, 'tcp', undefined, 8899)], '9988/tcp'],
		['published to another port', [p(9988, 'tcp', '4.3.2.1', 8899)], '4.3.2.1:8899->9988/tcp'],
		['published to another port, IPv6', [p(9988, 'tcp', '::1', 8899)], '[::1]:8899->9988/tcp'],
		['published to the same port', [p(9988, 'tcp', '4.3.2.1', 9988)], '4.3.2.1:9988->9988/tcp'],
		['published to the same port, IPv6', [p(9988, 'tcp', '::1', 9988)], '[::1]:9988->9988/tcp'],
		['duplicates stay', [p(9988, 'udp'), p(9988, 'udp')], '9988/udp, 9988/udp'],
		['same-port range', [p(9998, 'udp', '1.2.3.4', 9998), p(9999, 'udp', '1.2.3.4', 9999)], '1.2.3.4:9998-9999->9998-9999/udp'],
		['same-port range, IPv6', [p(9998, 'udp', '::1', 9998), p(9999, 'udp', '::1', 9999)], '[::1]:9998-9999->9998-9999/udp'],
		[
			'different-port mappings are not grouped',
			[p(9998, 'udp', '1.2.3.4', 8887), p(9999, 'udp', '1.2.3.4', 8888)],
			'1.2.3.4:8887->9998/udp, 1.2.3.4:8888->9999/udp',
		],
		[
			'different-port mappings are not grouped, IPv6',
			[p(9998, 'udp', '::1', 8887), p(9999, 'udp', '::1', 8888)],
			'[::1]:8887->9998/udp, [::1]:8888->9999/udp',
		],
		['exposed range', [p(9998, 'udp'), p(9999, 'udp')], '9998-9999/udp'],
		['host mappings come last', [p(6677, 'tcp', '1.2.3.4', 7766), p(9988, 'udp', undefined, 8899)], '9988/udp, 1.2.3.4:7766->6677/tcp'],
		[
			'sorted by container port, then IP (IPv4 before IPv6), then protocol',
			[p(9988, 'udp', '1.2.3.4', 8899), p(9988, 'tcp', '1.2.3.4', 8899), p(2233, 'tcp', '4.3.2.1', 3322), p(2233, 'tcp', '::1', 3322)],
			'4.3.2.1:3322->2233/tcp, [::1]:3322->2233/tcp, 1.2.3.4:8899->9988/tcp, 1.2.3.4:8899->9988/udp',
		],
		[
			'mixed exposed and published',
			[p(9988, 'udp', undefined, 8899), p(6677, 'tcp', '1.2.3.4', 7766), p(2233, 'tcp', '4.3.2.1', 3322)],
			'9988/udp, 4.3.2.1:3322->2233/tcp, 1.2.3.4:7766->6677/tcp',
		],
		[
			'the big one',
			[
				p(80, 'tcp'),
				p(1024, 'tcp'),
				p(80, 'udp'),
				p(1024, 'udp'),
				p(1024, 'tcp', '1.1.1.1', 80),
				p(1024, 'udp', '1.1.1.1', 80),
				p(80, 'tcp', '1.1.1.1', 1024),
				p(80, 'udp', '1.1.1.1', 1024),
				p(1024, 'tcp', '2.1.1.1', 80),
				p(1024, 'udp', '2.1.1.1', 80),
				p(80, 'tcp', '2.1.1.1', 1024),
				p(80, 'udp', '2.1.1.1', 1024),
				p(12345, 'sctp'),
			],
			'80/tcp, 80/udp, 1024/tcp, 1024/udp, 12345/sctp, 1.1.1.1:1024->80/tcp, 1.1.1.1:1024->80/udp, 2.1.1.1:1024->80/tcp, 2.1.1.1:1024->80/udp, 1.1.1.1:80->1024/tcp, 1.1.1.1:80->1024/udp, 2.1.1.1:80->1024/tcp, 2.1.1.1:80->1024/udp',
		],
		['no ports', [], ''],
	])('%s', (_name, ports, expected) => {
		expect(portsText(ports)).toBe(expected);
		// Sorting makes the input order irrelevant.
		expect(portsText([...ports].reverse())).toBe(expected);
	});
});

describe('portsText (what `docker run -p` produces on a dual-stack daemon)', () => {
	it.each<[string, PortMapping[], string]>([
		['-p 8080:80', [p(80, 'tcp', '0.0.0.0', 8080), p(80, 'tcp', '::', 8080)], '0.0.0.0:8080->80/tcp, [::]:8080->80/tcp'],
		['-p 80:80', [p(80, 'tcp', '::', 80), p(80, 'tcp', '0.0.0.0', 80)], '0.0.0.0:80->80/tcp, [::]:80->80/tcp'],
		[
			'-p 8000-8002:8000-8002',
			[8000, 8001, 8002].flatMap((n) => [p(n, 'tcp', '0.0.0.0', n), p(n, 'tcp', '::', n)]),
			'0.0.0.0:8000-8002->8000-8002/tcp, [::]:8000-8002->8000-8002/tcp',
		],
		[
			'-p 8000-8001:80-81 is listed one by one',
			[p(80, 'tcp', '0.0.0.0', 8000), p(81, 'tcp', '0.0.0.0', 8001)],
			'0.0.0.0:8000->80/tcp, 0.0.0.0:8001->81/tcp',
		],
		['-p 127.0.0.1:5432:5432 with EXPOSE 5432', [p(5432, 'tcp', '127.0.0.1', 5432)], '127.0.0.1:5432->5432/tcp'],
		['a gap splits a range', [p(80, 'tcp'), p(81, 'tcp'), p(83, 'tcp')], '80-81/tcp, 83/tcp'],
		['IPv6 is shown in canonical form', [p(80, 'tcp', '2001:0db8:0:0:0:0:0:1', 8080)], '[2001:db8::1]:8080->80/tcp'],
		['IPv4-mapped IPv6', [p(80, 'tcp', '::ffff:10.0.0.1', 8080)], '[::ffff:10.0.0.1]:8080->80/tcp'],
		['hostile protocol text is sanitised', [p(80, 'tcp\u001B]0;x\u0007')], '80/tcp'],
	])('%s', (_name, ports, expected) => {
		expect(portsText(ports)).toBe(expected);
	});
});

describe('goQuote (strconv.Quote)', () => {
	it.each<[string, string, string]>([
		['empty', '', '""'],
		['plain', "sh -c 'ls -la'", `"sh -c 'ls -la'"`],
		['quote and backslash', 'echo "a\\b"', String.raw`"echo \"a\\b\""`],
		['named escapes', '\u0007\b\f\n\r\t\v', String.raw`"\a\b\f\n\r\t\v"`],
		['other C0 and DEL as \\x', '\u0000\u001B[31m\u007F', String.raw`"\x00\x1b[31m\x7f"`],
		['C1 as \\u', '\u009B', String.raw`"\u009b"`],
		['bidi override is not printable', 'a\u202Eb', String.raw`"a\u202eb"`],
		['non-ASCII space is not printable', 'a\u00A0b', String.raw`"a\u00a0b"`],
		['private use is not printable', '\uE000', String.raw`"\ue000"`],
		['astral non-printable as \\U', '\u{E0001}', String.raw`"\U000e0001"`],
		['printable Unicode is kept', 'héllo 日本 😀 e\u0301 …', '"héllo 日本 😀 e\u0301 …"'],
		['lone surrogate is RuneError, which is printable', 'a\uD800', '"a\uFFFD"'],
	])('%s', (_name, input, expected) => {
		expect(goQuote(input)).toBe(expected);
	});
});

describe('commandText (Command)', () => {
	it.each<[string, string, boolean, string]>([
		['CLI test case', "sh -c 'ls -la'", true, `"sh -c 'ls -la'"`],
		['empty command', '', true, '""'],
		['nginx entrypoint, as docker ps shows it', "/docker-entrypoint.sh nginx -g 'daemon off;'", true, '"/docker-entrypoint.…"'],
		['exactly 20 columns is kept', '12345678901234567890', true, '"12345678901234567890"'],
		['21 columns: 19 + …', '123456789012345678901', true, '"1234567890123456789…"'],
		['ellipsis first, then quote: escapes are extra', '/bin/sh -c \'echo "hi"\'', true, String.raw`"/bin/sh -c 'echo \"h…"`],
		['control characters stay escaped text', 'a\nb\u001B[2J', true, String.raw`"a\nb\x1b[2J"`],
		['wide characters count two columns', '日本語日本語日本語日本語', true, '"日本語日本語日本語…"'],
		['non-ASCII narrow text', 'héllo wörld and more stuff', true, '"héllo wörld and mor…"'],
		['no truncation', "/docker-entrypoint.sh nginx -g 'daemon off;'", false, `"/docker-entrypoint.sh nginx -g 'daemon off;'"`],
	])('%s', (_name, command, truncate, expected) => {
		expect(commandText(command, truncate)).toBe(expected);
	});
});

describe('imageText (Image)', () => {
	const digest = 'sha256:a5a665ff33eced1e0803148700880edab4269067ed77e27737a708d0d293fbf5';
	it.each<[string, Partial<ContainerSummary>, boolean, string]>([
		['ubuntu', {image: 'ubuntu'}, true, 'ubuntu'],
		['ubuntu:latest', {image: 'ubuntu:latest'}, true, 'ubuntu:latest'],
		['docker.io/library/ubuntu', {image: 'docker.io/library/ubuntu'}, true, 'ubuntu'],
		['docker.io/library/ubuntu:latest', {image: 'docker.io/library/ubuntu:latest'}, true, 'ubuntu:latest'],
		['tag and digest', {image: `ubuntu:latest@${digest}`}, true, 'ubuntu:latest'],
		['digest only', {image: `ubuntu@${digest}`}, true, 'ubuntu'],
		['canonical with digest', {image: `docker.io/library/ubuntu@${digest}`}, true, 'ubuntu'],
		['canonical with tag and digest', {image: `docker.io/library/ubuntu:latest@${digest}`}, true, 'ubuntu:latest'],
		['very long name', {image: 'verylongimagename'.repeat(7)}, true, 'verylongimagename'.repeat(7)],
		[
			'image is the id',
			{image: 'a5a665ff33eced1e0803148700880edab4', imageId: 'a5a665ff33eced1e0803148700880edab4269067ed77e27737a708d0d293fbf5'},
			true,
			'a5a665ff33ec',
		],
		[
			'image is the id, no-trunc',
			{image: 'a5a665ff33eced1e0803148700880edab4', imageId: 'a5a665ff33eced1e0803148700880edab4269067ed77e27737a708d0d293fbf5'},
			false,
			'a5a665ff33eced1e0803148700880edab4',
		],
		['image is the prefixed id (tag moved)', {image: digest, imageId: digest}, true, 'a5a665ff33ec'],
		['no image', {image: ''}, true, '<no image>'],
		['no-trunc keeps the canonical name (TestContainerBackCompat)', {image: 'docker.io/library/ubuntu'}, false, 'docker.io/library/ubuntu'],
		['Docker Hub user repository', {image: 'docker.io/bitnami/redis:7.2'}, true, 'bitnami/redis:7.2'],
		['legacy index.docker.io', {image: 'index.docker.io/library/nginx:1.27'}, true, 'nginx:1.27'],
		['other registry keeps its domain', {image: `ghcr.io/owner/app:v1@${digest}`}, true, 'ghcr.io/owner/app:v1'],
		['registry with port', {image: 'localhost:5000/team/app:dev'}, true, 'localhost:5000/team/app:dev'],
		['nested library path is not shortened', {image: 'docker.io/library/distros/ubuntu'}, true, 'library/distros/ubuntu'],
		['invalid (uppercase) reference is shown as is', {image: 'Ubuntu:latest'}, true, 'Ubuntu:latest'],
		['hostile image text is sanitised', {image: 'evil\u001B]0;x\u0007:latest'}, true, 'evil:latest'],
	])('%s', (_name, fields, truncate, expected) => {
		expect(imageText(summary(fields), truncate)).toBe(expected);
	});
});

describe('namesText / shortId', () => {
	it.each<[string[], boolean, string]>([
		[['/foobar_baz'], true, 'foobar_baz'],
		[['web'], true, 'web'],
		[['web', 'other/alias'], true, 'web'],
		[['other/alias', 'web'], true, 'web'],
		[['other/alias'], true, ''],
		[['other/alias', 'web'], false, 'other/alias,web'],
		[['/a', '/b/c'], false, 'a,b/c'],
		[['evil\u001B[2J\u202Ename'], true, 'evil\uFFFDname'],
	])('namesText(%j, %s)', (names, truncate, expected) => {
		expect(namesText(summary({names}), truncate)).toBe(expected);
	});

	it.each<[string, string]>([
		['8dfafdbc3a40f3b9c0b41f5b4c5de3a2cbe1e3e5e1e3b2a1f1e2d3c4b5a69788', '8dfafdbc3a40'],
		['sha256:a5a665ff33eced1e0803148700880edab4269067ed77e27737a708d0d293fbf5', 'a5a665ff33ec'],
		['short', 'short'],
	])('shortId(%j)', (id, expected) => {
		expect(shortId(id)).toBe(expected);
	});
});
