/**
 * `docker inspect` for people: a summary in sections, and the full JSON with secrets masked.
 * Every value in the inspect JSON is container text (env, labels, commands, health output…), so
 * everything that leaves this module is sanitised, in the JSON view too.
 *
 * Secrets: an environment variable whose key contains one of the secret words (case-insensitive
 * substring) has its value shown as •••• in both views until the caller passes `reveal`. The
 * default list is the issue's, on the safe side: `KEY` also masks e.g. KEYBOARD_LAYOUT, `AUTH`
 * masks AUTHOR, and `PWD` masks the shell's working directory (PWD, OLDPWD) — better a harmless
 * value hidden than a password shown. The config's `secretKeys` add words to this list; they
 * never replace it (a list of one word would otherwise show every password in clear).
 *
 * Credentials inside values are masked too, wherever inspect shows them (env, labels, commands,
 * the JSON): the password of a URL's userinfo (`postgres://admin:s3cr3t@db/app` →
 * `postgres://admin:••••@db/app`), whatever the variable is called (DATABASE_URL has no secret word).
 */
import {bytesSize} from './stats.js';
import {humanDuration} from './containers.js';
import {cpuLimitCores, exitCodeMeaning} from './limits.js';
import {sanitizeLine} from './sanitize.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- inspect JSON is untyped daemon data */

/** Words that make an environment variable's value secret (case-insensitive substrings of its key). */
export const DEFAULT_SECRET_KEYS: readonly string[] = ['PASSWORD', 'PASSWD', 'PWD', 'SECRET', 'TOKEN', 'KEY', 'CREDENTIAL', 'AUTH'];

/** What a masked value is shown as. */
export const SECRET_MASK = '••••';

/** Options of the inspect views. */
export interface InspectOptions {
	/** Show secret values as they are. */
	reveal: boolean;
	/** Extra secret words from the config, added to DEFAULT_SECRET_KEYS. */
	secretKeys?: readonly string[] | undefined;
	/** Clock for "… ago" (ms epoch); Date.now() when absent. */
	nowMs?: number | undefined;
}

/** One section of the summary: a title and key/value rows, all sanitised. */
export interface InspectSection {
	section: string;
	rows: Array<[string, string]>;
}

/** True when an environment variable named `key` holds a secret by the `list` of words. */
export function isSecretKey(key: string, list: readonly string[] = DEFAULT_SECRET_KEYS): boolean {
	const upper = key.toUpperCase();
	return list.some(word => word !== '' && upper.includes(word.toUpperCase()));
}

/** The secret words in force: the built-in ones plus the configured extras. */
export function secretWords(extra: readonly string[] | undefined): readonly string[] {
	return extra && extra.length > 0 ? [...DEFAULT_SECRET_KEYS, ...extra] : DEFAULT_SECRET_KEYS;
}

/**
 * `scheme://user:password@` in any text: the password is group 2. The user and host stay (they
 * say which account and where, and are not secret); an `@` inside the password ends it early only
 * when the password itself is unescaped, which RFC 3986 forbids.
 */
const URL_USERINFO = /([a-z][a-z0-9+.-]*:\/\/[^\s/?#@:]*):([^\s/?#@]*)@/gi;

/** The text with the password of every URL's userinfo masked. */
export function maskUrlCredentials(text: string): string {
	return text.replace(URL_USERINFO, (_match, head: string, password: string) => (password === '' ? `${head}:@` : `${head}:${SECRET_MASK}@`));
}

/** Splits a `KEY=value` environment entry (an entry without '=' has an empty value). */
function splitEnv(entry: string): [string, string] {
	const index = entry.indexOf('=');
	return index < 0 ? [entry, ''] : [entry.slice(0, index), entry.slice(index + 1)];
}

/** The entry with its value masked when its key is secret (empty values stay empty: nothing to hide). */
function maskEnv(entry: string, options: InspectOptions): string {
	if (options.reveal) return entry;
	const [key, value] = splitEnv(entry);
	return value !== '' && isSecretKey(key, secretWords(options.secretKeys)) ? `${key}=${SECRET_MASK}` : maskUrlCredentials(entry);
}

const GO_ZERO_TIME_MS = -62_135_596_800_000;

function parseTime(value: unknown): number | undefined {
	const ms = Date.parse(String(value ?? ''));
	return Number.isNaN(ms) || ms <= GO_ZERO_TIME_MS ? undefined : ms;
}

/** "2024-06-15T12:00:00.123Z (5 minutes ago)"; "never" for Docker's zero time. */
export function timeText(value: unknown, nowMs: number): string {
	const ms = parseTime(value);
	if (ms === undefined) return 'never';
	const iso = new Date(ms).toISOString();
	return nowMs >= ms ? `${iso} (${humanDuration(nowMs - ms)} ago)` : iso;
}

/** Shell-like display of an argv: words with spaces or quotes are quoted. */
export function argvText(argv: unknown): string {
	if (!Array.isArray(argv)) return typeof argv === 'string' ? argv : '';
	return argv.map(word => (/^[\w@%+=:,./-]+$/.test(String(word)) ? String(word) : JSON.stringify(String(word)))).join(' ');
}

function s(value: unknown): string {
	return sanitizeLine(value === undefined || value === null ? '' : String(value));
}

function record(value: unknown): Record<string, any> {
	return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, any>) : {};
}

/** Port keys ("80/tcp") in numeric order, then by protocol, so rows never jump. */
function comparePorts(a: string, b: string): number {
	const [pa = '0', ta = ''] = a.split('/');
	const [pb = '0', tb = ''] = b.split('/');
	return Number.parseInt(pa, 10) - Number.parseInt(pb, 10) || ta.localeCompare(tb);
}

function portRows(inspect: Record<string, any>): Array<[string, string]> {
	const live = record(inspect.NetworkSettings?.Ports);
	const configured = record(inspect.HostConfig?.PortBindings);
	const exposed = record(inspect.Config?.ExposedPorts);
	// A stopped container (or one on an internal network) has no live mappings: show the configured ones.
	const hasLive = Object.values(live).some(bindings => Array.isArray(bindings) && bindings.length > 0);
	const source = hasLive ? live : configured;
	const keys = [...new Set([...Object.keys(source), ...Object.keys(exposed), ...Object.keys(live)])].sort(comparePorts);
	return keys.map(key => {
		const bindings = Array.isArray(source[key]) ? (source[key] as any[]) : [];
		if (bindings.length === 0) return [s(key), 'exposed, not published'];
		const text = bindings.map(binding => `${binding.HostIp || '0.0.0.0'}:${binding.HostPort || '(random)'}`).join(', ');
		return [s(key), s(hasLive ? text : `${text} (configured; not active now)`)];
	});
}

function mountRows(inspect: Record<string, any>): Array<[string, string]> {
	const rows: Array<[string, string]> = [];
	for (const mount of Array.isArray(inspect.Mounts) ? (inspect.Mounts as any[]) : []) {
		const type = String(mount.Type ?? '');
		const source = type === 'volume' ? `${mount.Name ?? ''} (${mount.Source ?? ''})` : String(mount.Source ?? '');
		rows.push([s(mount.Destination), s(`${type} ${source} · ${mount.RW ? 'read-write' : 'read-only'}`)]);
	}
	for (const [destination, options] of Object.entries(record(inspect.HostConfig?.Tmpfs))) {
		rows.push([s(destination), s(`tmpfs${options ? ` ${String(options)}` : ''} · read-write`)]);
	}
	return rows.sort((a, b) => a[0].localeCompare(b[0]));
}

function networkRows(inspect: Record<string, any>): Array<[string, string]> {
	const rows: Array<[string, string]> = [['Mode', s(inspect.HostConfig?.NetworkMode)]];
	const running = Boolean(record(inspect.State).Running);
	for (const [name, network] of Object.entries(record(inspect.NetworkSettings?.Networks)).sort(([a], [b]) => a.localeCompare(b))) {
		const parts: string[] = [];
		if (network?.IPAddress) parts.push(`IP ${network.IPAddress}/${network.IPPrefixLen ?? ''}`);
		// "none" and "host" never give the container an address of its own, running or not.
		else if (name === 'none') parts.push('no network (loopback only)');
		else if (name === 'host') parts.push("the host's network (no IP of its own)");
		else parts.push(running ? 'no IP' : 'no IP (not running)');
		if (network?.GlobalIPv6Address) parts.push(`IPv6 ${network.GlobalIPv6Address}/${network.GlobalIPv6PrefixLen ?? ''}`);
		if (network?.Gateway) parts.push(`gateway ${network.Gateway}`);
		const aliases = Array.isArray(network?.Aliases) ? (network.Aliases as unknown[]).map(String) : [];
		if (aliases.length > 0) parts.push(`aliases ${aliases.join(', ')}`);
		if (network?.MacAddress) parts.push(`MAC ${network.MacAddress}`);
		rows.push([s(name), s(parts.join(' · '))]);
	}
	return rows;
}

/** "on-failure (max 3 retries)", "always", "no". */
export function restartPolicyText(policy: unknown): string {
	const { Name: name, MaximumRetryCount: max } = record(policy);
	if (!name) return 'no';
	return name === 'on-failure' && Number(max) > 0 ? `on-failure (max ${Number(max)} retries)` : String(name);
}

function limitRows(inspect: Record<string, any>): Array<[string, string]> {
	const host = record(inspect.HostConfig);
	const cores = cpuLimitCores({
		nanoCpus: Number(host.NanoCpus ?? 0),
		cpuQuota: Number(host.CpuQuota ?? 0),
		cpuPeriod: Number(host.CpuPeriod ?? 0),
		memory: Number(host.Memory ?? 0),
	});
	const rows: Array<[string, string]> = [['CPU', cores === undefined ? 'no limit' : `${Number(cores.toFixed(3))} CPU`]];
	if (host.CpusetCpus) rows.push(['CPU set', s(host.CpusetCpus)]);
	if (Number(host.CpuShares) > 0) rows.push(['CPU shares', String(host.CpuShares)]);
	const memory = Number(host.Memory ?? 0);
	rows.push(['Memory', memory > 0 ? bytesSize(memory) : 'no limit']);
	const swap = Number(host.MemorySwap ?? 0);
	if (memory > 0 && swap !== 0) rows.push(['Memory + swap', swap < 0 ? 'unlimited swap' : bytesSize(swap)]);
	if (Number(host.MemoryReservation) > 0) rows.push(['Memory reservation', bytesSize(Number(host.MemoryReservation))]);
	const pids = Number(host.PidsLimit ?? 0);
	rows.push(['PIDs', pids > 0 ? String(pids) : 'no limit']);
	return rows;
}

/** Health probe results, oldest first: "exit 1: probe failed" with the output on one line. */
export function probeRows(health: unknown, nowMs: number): Array<[string, string]> {
	const log = Array.isArray(record(health).Log) ? (record(health).Log as any[]) : [];
	return log.map(probe => {
		const output = String(probe?.Output ?? '').replace(/\s+$/, '');
		return [s(timeText(probe?.Start, nowMs)), s(`exit ${probe?.ExitCode ?? '?'}${output ? `: ${output}` : ''}`)];
	});
}

/** The summary of a container's inspect, in sections; secret env values masked unless `reveal`. */
export function inspectSummary(inspect: Record<string, unknown>, options: InspectOptions): InspectSection[] {
	const data = inspect as Record<string, any>;
	const nowMs = options.nowMs ?? Date.now();
	const config = record(data.Config);
	const state = record(data.State);
	const sections: InspectSection[] = [];

	sections.push({
		section: 'Container',
		rows: [
			['Name', s(String(data.Name ?? '').replace(/^\//, ''))],
			['ID', s(data.Id)],
			['Image', s(config.Image)],
			['Image ID', s(data.Image)],
			['Entrypoint', s(argvText(config.Entrypoint) || '(none)')],
			['Command', s(argvText(config.Cmd) || '(none)')],
			...(config.WorkingDir ? [['Working dir', s(config.WorkingDir)] as [string, string]] : []),
			...(config.User ? [['User', s(config.User)] as [string, string]] : []),
			['Created', s(timeText(data.Created, nowMs))],
		],
	});

	const status = String(state.Status ?? '');
	const exitCode = Number(state.ExitCode ?? 0);
	const stateRows: Array<[string, string]> = [['Status', s(status)]];
	if (status !== 'running' && status !== 'created' && status !== 'paused') stateRows.push(['Exit code', s(`${exitCode} — ${exitCodeMeaning(exitCode)}`)]);
	stateRows.push(['OOM killed', state.OOMKilled ? 'yes' : 'no']);
	stateRows.push(['Restart count', String(Number(data.RestartCount ?? 0))]);
	stateRows.push(['Started', s(timeText(state.StartedAt, nowMs))]);
	if (status !== 'running' && status !== 'paused') stateRows.push(['Finished', s(timeText(state.FinishedAt, nowMs))]);
	if (state.Error) stateRows.push(['Error', s(state.Error)]);
	if (Number(state.Pid) > 0) stateRows.push(['PID', String(state.Pid)]);
	sections.push({section: 'State', rows: stateRows});

	if (state.Health !== undefined && state.Health !== null) {
		const health = record(state.Health);
		const test = record(config.Healthcheck).Test;
		sections.push({
			section: 'Health',
			rows: [
				['Status', s(health.Status)],
				['Failing streak', String(Number(health.FailingStreak ?? 0))],
				...(Array.isArray(test) ? [['Check', s(argvText(test.slice(test[0] === 'CMD-SHELL' || test[0] === 'CMD' ? 1 : 0)))] as [string, string]] : []),
				...probeRows(health, nowMs),
			],
		});
	}

	sections.push({section: 'Restart policy & limits', rows: [['Restart policy', s(restartPolicyText(data.HostConfig?.RestartPolicy))], ...limitRows(data)]});

	const ports = portRows(data);
	sections.push({section: 'Ports', rows: ports.length > 0 ? ports : [['', 'none']]});
	const mounts = mountRows(data);
	sections.push({section: 'Mounts', rows: mounts.length > 0 ? mounts : [['', 'none']]});
	sections.push({section: 'Networks', rows: networkRows(data)});

	const env = Array.isArray(config.Env) ? (config.Env as unknown[]).map(String) : [];
	sections.push({
		section: 'Environment',
		rows: env.length > 0 ? env.map(entry => splitEnv(maskEnv(entry, options))).map(([key, value]) => [s(key), s(value)]) : [['', 'none']],
	});

	const labels = Object.entries(record(config.Labels)).sort(([a], [b]) => a.localeCompare(b));
	sections.push({section: 'Labels', rows: labels.length > 0 ? labels.map(([key, value]) => [s(key), s(value)]) : [['', 'none']]});
	// A URL with a password can be anywhere: a label, the command, a health probe's output.
	if (options.reveal) return sections;
	return sections.map(({section, rows}) => ({section, rows: rows.map(([key, value]) => [key, maskUrlCredentials(value)])}));
}

/** A copy of JSON data with URL passwords masked in every string (keys included: labels are keys too). */
function maskUrlsDeep(value: unknown): any {
	if (typeof value === 'string') return maskUrlCredentials(value);
	if (Array.isArray(value)) return value.map(maskUrlsDeep);
	if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [maskUrlCredentials(key), maskUrlsDeep(item)]));
	return value;
}

/**
 * Characters JSON.stringify leaves raw but a terminal may act on (DEL, C1 controls, bidi
 * overrides/isolates, line/paragraph separators): written as \u escapes, which keeps the JSON
 * valid and equal in meaning. C0 controls and lone surrogates are escaped by JSON.stringify itself.
 */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * The full inspect as pretty JSON (2 spaces), with secret env values masked unless `reveal`.
 * Safe to print as is: unsafe characters are \u-escaped and every line passes the sanitiser.
 */
export function maskedInspectJson(inspect: Record<string, unknown>, options: InspectOptions): string {
	const config = record(inspect.Config);
	const withEnv = Array.isArray(config.Env)
		? {...inspect, Config: {...config, Env: (config.Env as unknown[]).map(entry => (typeof entry === 'string' ? maskEnv(entry, options) : entry))}}
		: inspect;
	const masked = options.reveal ? withEnv : maskUrlsDeep(withEnv);
	const json = JSON.stringify(masked, null, 2).replace(UNSAFE_IN_JSON, char => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
	return json
		.split('\n')
		.map(line => sanitizeLine(line))
		.join('\n');
}
