/**
 * The `docker ps` columns, computed exactly as the docker CLI computes them, so porthole and
 * `docker ps` never disagree. Ported from docker/cli `cli/command/formatter/container.go` and
 * `displayutils.go`, docker/go-units `duration.go`, moby `daemon/container/state.go` and
 * `health.go`, distribution/reference (image names) and Go's `strconv.Quote`. Every string that
 * came from the daemon goes through sanitizeLine on the way out.
 */

import stringWidth from 'string-width';
import type {ContainerStateDetail, ContainerSummary, HealthStatus, PortMapping} from '../engine/types.js';
import {sanitizeLine} from './sanitize.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** go-units `HumanDuration`: the "About a minute" / "3 hours" / "2 weeks" wording of docker. */
export function humanDuration(ms: number): string {
	// Go converts float durations to int by truncation toward zero.
	const seconds = Math.trunc(ms / SECOND);
	if (!(seconds >= 1)) return 'Less than a second';
	if (seconds === 1) return '1 second';
	if (seconds < 60) return `${seconds} seconds`;
	const minutes = Math.trunc(ms / MINUTE);
	if (minutes === 1) return 'About a minute';
	if (minutes < 60) return `${minutes} minutes`;
	const hours = Math.trunc(ms / HOUR + 0.5);
	if (hours === 1) return 'About an hour';
	if (hours < 48) return `${hours} hours`;
	if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
	if (hours < 24 * 30 * 2) return `${Math.trunc(Math.trunc(hours / 24) / 7)} weeks`;
	if (hours < 24 * 365 * 2) return `${Math.trunc(Math.trunc(hours / 24) / 30)} months`;
	// Years use the unrounded hours, as go-units does.
	return `${Math.trunc(Math.trunc(Math.trunc(ms / HOUR) / 24) / 365)} years`;
}

/** The CREATED column (`RunningFor`): "2 minutes ago", measured on this machine's clock like the CLI. */
export function createdText(createdUnixSeconds: number, nowMs: number): string {
	return `${humanDuration(nowMs - createdUnixSeconds * SECOND)} ago`;
}

/** Go's zero `time.Time` ("0001-01-01T00:00:00Z") as epoch milliseconds: "never happened". */
const GO_ZERO_TIME_MS = -62_135_596_800_000;
/** Go's longest `time.Duration` (2^63-1 ns) in ms: `Time.Sub` saturates there. */
const GO_MAX_DURATION_MS = 9_223_372_036_854.775;

/** Parses a daemon timestamp; undefined for Go's zero time (or anything unparsable). */
function parseDaemonTime(iso: string): number | undefined {
	const ms = Date.parse(iso);
	if (Number.isNaN(ms) || ms === GO_ZERO_TIME_MS) return undefined;
	return ms;
}

function healthString(health: HealthStatus): string {
	// moby's Health.String(): only "starting" needs a prefix to be understood.
	return health === 'starting' ? 'health: starting' : health;
}

/**
 * The STATUS column. With the inspected state this recomputes moby's `State.String()` for
 * `nowMs`, so "Up 5 minutes" keeps ticking between list refreshes; without it, the daemon's text.
 */
export function statusText(summary: ContainerSummary, detail: ContainerStateDetail | undefined, nowMs: number): string {
	if (detail === undefined) return sanitizeLine(summary.status);
	const started = parseDaemonTime(detail.startedAt);
	const finished = parseDaemonTime(detail.finishedAt);
	// Go subtracts even a zero time (year 1, e.g. a container started outside docker): saturated.
	const since = (t: number | undefined): string => humanDuration(Math.min(nowMs - (t ?? GO_ZERO_TIME_MS), GO_MAX_DURATION_MS));
	if (detail.running) {
		if (detail.paused) return `Up ${since(started)} (Paused)`;
		if (detail.restarting) return `Restarting (${detail.exitCode}) ${since(finished)} ago`;
		if (detail.health !== undefined) return `Up ${since(started)} (${healthString(detail.health)})`;
		return `Up ${since(started)}`;
	}
	if (detail.removing) return 'Removal In Progress';
	if (detail.dead) return 'Dead';
	if (started === undefined) return 'Created';
	if (finished === undefined) return '';
	return `Exited (${detail.exitCode}) ${since(finished)} ago`;
}

/**
 * Health from the daemon's status text, the CLI's fallback for APIs before 1.52: the text after
 * the first "(" up to a final ")", without a "health: " prefix.
 */
export function healthOf(summary: ContainerSummary): HealthStatus | undefined {
	const open = summary.status.indexOf('(');
	if (open === -1) return undefined;
	let health = summary.status.slice(open + 1);
	if (!health.endsWith(')')) return undefined;
	health = health.slice(0, -1);
	if (health.startsWith('health: ')) health = health.slice('health: '.length);
	return health === 'healthy' || health === 'unhealthy' || health === 'starting' ? health : undefined;
}

/**
 * Last exit code from the daemon's status text: "Exited (N) …", and also "Restarting (N) …",
 * whose number is the exit code of the run that just ended.
 */
export function exitCodeOf(summary: ContainerSummary): number | undefined {
	const match = /^(?:Exited|Restarting) \((-?\d+)\)/.exec(summary.status);
	return match === null ? undefined : Number(match[1]);
}

// ---------------------------------------------------------------------------------------------
// Ports

interface ParsedIp {
	/** 32 for IPv4, 128 for IPv6; netip orders IPv4 before IPv6. */
	bits: number;
	bytes: number[];
	zone: string;
	/** netip.Addr.String(): canonical form. */
	text: string;
}

function parseIpv4(s: string): number[] | undefined {
	const parts = s.split('.');
	if (parts.length !== 4) return undefined;
	const bytes: number[] = [];
	for (const part of parts) {
		// netip rejects leading zeros and anything but 1–3 decimal digits.
		if (!/^(?:0|[1-9]\d{0,2})$/.test(part)) return undefined;
		const n = Number(part);
		if (n > 255) return undefined;
		bytes.push(n);
	}
	return bytes;
}

function parseIpv6(s: string): number[] | undefined {
	let body = s;
	let tail: number[] = [];
	const lastColon = s.lastIndexOf(':');
	if (s.slice(lastColon + 1).includes('.')) {
		// Embedded IPv4 ("::ffff:1.2.3.4"): its two groups go at the end.
		const v4 = parseIpv4(s.slice(lastColon + 1));
		if (v4 === undefined) return undefined;
		tail = [(v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!];
		body = s.slice(0, lastColon + 1);
		if (!body.endsWith('::')) body = body.slice(0, -1);
	}
	const halves = body.split('::');
	if (halves.length > 2) return undefined;
	const groups = (part: string): number[] | undefined => {
		if (part === '') return [];
		const out: number[] = [];
		for (const g of part.split(':')) {
			if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
			out.push(Number.parseInt(g, 16));
		}
		return out;
	};
	const head = groups(halves[0]!);
	const rest = halves.length === 2 ? groups(halves[1]!) : [];
	if (head === undefined || rest === undefined) return undefined;
	const known = head.length + rest.length + tail.length;
	let words: number[];
	if (halves.length === 2) {
		if (known > 7) return undefined;
		words = [...head, ...Array.from({length: 8 - known}, () => 0), ...rest, ...tail];
	} else {
		if (known !== 8) return undefined;
		words = [...head, ...tail];
	}
	return words.flatMap((w) => [w >> 8, w & 0xff]);
}

/** netip's IPv6 text: RFC 5952 (longest run of ≥2 zero groups as "::"), 4-in-6 as dotted quad. */
function formatIpv6(bytes: number[]): string {
	const words = Array.from({length: 8}, (_, i) => (bytes[2 * i]! << 8) | bytes[2 * i + 1]!);
	if (words.slice(0, 5).every((w) => w === 0) && words[5] === 0xffff) {
		return `::ffff:${bytes.slice(12).join('.')}`;
	}
	let bestStart = -1;
	let bestLength = 1;
	for (let i = 0; i < 8; ) {
		if (words[i] !== 0) {
			i++;
			continue;
		}
		let j = i;
		while (j < 8 && words[j] === 0) j++;
		if (j - i > bestLength) {
			bestStart = i;
			bestLength = j - i;
		}
		i = j;
	}
	const hex = (ws: number[]): string => ws.map((w) => w.toString(16)).join(':');
	if (bestStart === -1) return hex(words);
	return `${hex(words.slice(0, bestStart))}::${hex(words.slice(bestStart + bestLength))}`;
}

function parseIp(s: string): ParsedIp | undefined {
	const v4 = parseIpv4(s);
	if (v4 !== undefined) return {bits: 32, bytes: v4, zone: '', text: v4.join('.')};
	const percent = s.indexOf('%');
	const address = percent === -1 ? s : s.slice(0, percent);
	const zone = percent === -1 ? '' : s.slice(percent + 1);
	if (!address.includes(':') || (percent !== -1 && zone === '')) return undefined;
	const v6 = parseIpv6(address);
	if (v6 === undefined) return undefined;
	return {bits: 128, bytes: v6, zone, text: formatIpv6(v6) + (zone === '' ? '' : `%${zone}`)};
}

interface PortEntry {
	/** Undefined when the port is only exposed (the CLI's `!IP.IsValid()`). */
	ip: ParsedIp | undefined;
	privatePort: number;
	publicPort: number;
	type: string;
}

function toEntry(port: PortMapping): PortEntry {
	let ip: ParsedIp | undefined;
	if (port.ip !== undefined && port.ip !== '') {
		// The CLI's JSON decoding would reject an unparsable address; keep it, ordered after IPv6.
		ip = parseIp(port.ip) ?? {bits: 129, bytes: [], zone: port.ip, text: port.ip};
	}
	return {ip, privatePort: port.privatePort, publicPort: port.publicPort ?? 0, type: port.type};
}

function compareIp(a: ParsedIp | undefined, b: ParsedIp | undefined): number {
	// netip.Addr.Compare: the zero Addr first, then by bit length, address bytes, zone.
	const bitsA = a?.bits ?? 0;
	const bitsB = b?.bits ?? 0;
	if (bitsA !== bitsB) return bitsA - bitsB;
	if (a === undefined || b === undefined) return 0;
	for (let i = 0; i < a.bytes.length; i++) {
		if (a.bytes[i] !== b.bytes[i]) return a.bytes[i]! - b.bytes[i]!;
	}
	return a.zone < b.zone ? -1 : a.zone > b.zone ? 1 : 0;
}

function comparePorts(a: PortEntry, b: PortEntry): number {
	if (a.privatePort !== b.privatePort) return a.privatePort - b.privatePort;
	const ip = compareIp(a.ip, b.ip);
	if (ip !== 0) return ip;
	if (a.publicPort !== b.publicPort) return a.publicPort - b.publicPort;
	return a.type < b.type ? -1 : a.type > b.type ? 1 : 0;
}

/** Go's net.JoinHostPort: brackets around hosts that contain a colon (IPv6). */
function joinHostPort(host: string, port: string): string {
	return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function formGroup(key: string, first: number, last: number): string {
	const parts = key.split('/');
	let groupType = parts[0]!;
	let ip = '';
	if (parts.length > 1) {
		ip = parts[0]!;
		groupType = parts[1]!;
	}
	let group = String(first);
	if (first !== last) group = `${group}-${last}`;
	if (ip !== '') group = `${joinHostPort(ip, group)}->${group}`;
	return `${group}/${groupType}`;
}

/**
 * The PORTS column (`DisplayablePorts`): sorted by container port, then host IP (IPv4 before
 * IPv6), host port and protocol; runs of consecutive ports with host port = container port on
 * the same IP/protocol collapse into ranges, exposed-only ports likewise; mappings to a different
 * host port are listed last, one by one. So `-p 80:80` shows "0.0.0.0:80->80/tcp, [::]:80->80/tcp".
 */
export function portsText(ports: PortMapping[]): string {
	const sorted = ports.map(toEntry).sort(comparePorts);
	const groups = new Map<string, {first: number; last: number}>();
	const result: string[] = [];
	const hostMappings: string[] = [];
	for (const port of sorted) {
		const current = port.privatePort;
		let key = port.type;
		if (port.ip !== undefined) {
			if (port.publicPort !== current) {
				hostMappings.push(`${joinHostPort(port.ip.text, String(port.publicPort))}->${port.privatePort}/${port.type}`);
				continue;
			}
			key = `${port.ip.text}/${port.type}`;
		}
		const group = groups.get(key);
		if (group === undefined) {
			groups.set(key, {first: current, last: current}); // Map keeps creation order, as groupMapKeys does
			continue;
		}
		if (current === ((group.last + 1) & 0xffff)) {
			group.last = current;
			continue;
		}
		result.push(formGroup(key, group.first, group.last));
		group.first = current;
		group.last = current;
	}
	for (const [key, group] of groups) result.push(formGroup(key, group.first, group.last));
	result.push(...hostMappings);
	return sanitizeLine(result.join(', '));
}

// ---------------------------------------------------------------------------------------------
// Command

/** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const GO_PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

function hexDigits(n: number, width: number): string {
	return n.toString(16).padStart(width, '0');
}

/** Go's `strconv.Quote` for a well-formed string (JS strings cannot hold invalid UTF-8). */
export function goQuote(s: string): string {
	let out = '"';
	for (const ch of s) {
		let cp = ch.codePointAt(0)!;
		if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd; // a lone surrogate is Go's RuneError
		if (cp === 0x22 || cp === 0x5c) {
			out += `\\${String.fromCodePoint(cp)}`;
			continue;
		}
		const c = String.fromCodePoint(cp);
		if (GO_PRINTABLE.test(c)) {
			out += c;
			continue;
		}
		switch (cp) {
			case 0x07: {
				out += '\\a';
				break;
			}
			case 0x08: {
				out += '\\b';
				break;
			}
			case 0x0c: {
				out += '\\f';
				break;
			}
			case 0x0a: {
				out += '\\n';
				break;
			}
			case 0x0d: {
				out += '\\r';
				break;
			}
			case 0x09: {
				out += '\\t';
				break;
			}
			case 0x0b: {
				out += '\\v';
				break;
			}
			default: {
				if (cp < 0x20 || cp === 0x7f) out += `\\x${hexDigits(cp, 2)}`;
				else if (cp < 0x10000) out += `\\u${hexDigits(cp, 4)}`;
				else out += `\\U${hexDigits(cp, 8)}`;
			}
		}
	}
	return `${out}"`;
}

/** Go's x/text width as the CLI uses it: East Asian Wide/Fullwidth is 2, everything else 1. */
function goCharWidth(ch: string): number {
	return stringWidth(ch) === 2 ? 2 : 1;
}

/** The CLI's `Ellipsis`: cut to a display width, the "…" included; 1 and below get no ellipsis. */
export function goEllipsis(s: string, maxDisplayWidth: number): string {
	if (maxDisplayWidth <= 0) return '';
	const runes = Array.from(s, (ch) => (/^[\uD800-\uDFFF]$/.test(ch) ? '\uFFFD' : ch));
	if (maxDisplayWidth === 1) return runes[0] ?? '';
	if (runes.every((ch) => ch.charCodeAt(0) < 0x80)) {
		if (runes.length <= maxDisplayWidth) return s;
		return `${runes.slice(0, maxDisplayWidth - 1).join('')}…`;
	}
	const display: number[] = [];
	let width = 0;
	for (const ch of runes) {
		width += goCharWidth(ch);
		display.push(width);
	}
	if (width <= maxDisplayWidth) return s;
	for (let i = 0; i < display.length - 1; i++) {
		if (display[i]! <= maxDisplayWidth - 1 && display[i + 1]! > maxDisplayWidth - 1) {
			return `${runes.slice(0, i + 1).join('')}…`;
		}
	}
	return s;
}

/**
 * The COMMAND column: the CLI ellipsises the raw command to 20 columns first and then
 * `strconv.Quote`s it (so the quotes are extra and escapes like \n may push past 20).
 */
export function commandText(command: string, truncate = true): string {
	return sanitizeLine(goQuote(truncate ? goEllipsis(command, 20) : command));
}

// ---------------------------------------------------------------------------------------------
// Image, names, id

/** The CLI's `TruncateID`: drop an "algo:" prefix, keep 12 characters. */
export function shortId(id: string): string {
	const colon = id.indexOf(':');
	return sanitizeLine((colon === -1 ? id : id.slice(colon + 1)).slice(0, 12));
}

// distribution/reference grammar (regexp.go).
const ALPHANUMERIC = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALPHANUMERIC}(?:${SEPARATOR}${ALPHANUMERIC})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN_NAME = `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*`;
const HOST = `(?:${DOMAIN_NAME}|\\[(?:[a-fA-F0-9:]+)\\])`;
const DOMAIN_AND_PORT = `${HOST}(?::[0-9]+)?`;
const REMOTE_NAME = `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const NAME = `(?:${DOMAIN_AND_PORT}/)?${REMOTE_NAME}`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
/** distribution/reference `ReferenceRegexp`: name, tag and digest as groups 1-3. */
export const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
/** distribution/reference `anchoredNameRegexp`: domain and path as groups 1-2. */
export const ANCHORED_NAME = new RegExp(`^(?:(${DOMAIN_AND_PORT})/)?(${REMOTE_NAME})$`);
/** A bare 64-hex image id, which ParseNormalizedNamed refuses as a name. */
export const IDENTIFIER = /^[a-f0-9]{64}$/;
/** Digest algorithms go-digest knows (the CLI links sha256, sha384, sha512) and their lengths. */
export const DIGEST_HEX_LENGTH: Record<string, number> = {sha256: 64, sha384: 96, sha512: 128};

/** A reference split as distribution/reference does (the digest is not kept). */
export interface ParsedReference {
	domain: string;
	path: string;
	tag: string;
}

/** reference.ParseNormalizedNamed; undefined where it returns an error. */
export function parseNormalizedNamed(s: string): ParsedReference | undefined {
	// No valid reference is this long; the guard keeps the regular expressions linear in practice.
	if (IDENTIFIER.test(s) || s.length > 2048) return undefined;
	let domain: string;
	let remainder: string;
	const slash = s.indexOf('/');
	if (slash === -1) {
		domain = 'docker.io';
		remainder = `library/${s}`;
	} else {
		const maybeDomain = s.slice(0, slash);
		const maybeRemainder = s.slice(slash + 1);
		// localhost, anything with "." or ":" (host, IP, port) and uppercase are domains.
		if (maybeDomain === 'localhost' || /[.:]/.test(maybeDomain) || maybeDomain.toLowerCase() !== maybeDomain) {
			[domain, remainder] = [maybeDomain, maybeRemainder];
		} else {
			[domain, remainder] = ['docker.io', s];
		}
		if (domain === 'index.docker.io') domain = 'docker.io';
		if (domain === 'docker.io' && !remainder.includes('/')) remainder = `library/${remainder}`;
	}
	const tagSep = remainder.indexOf(':');
	const remote = tagSep === -1 ? remainder : remainder.slice(0, tagSep);
	if (remote.toLowerCase() !== remote) return undefined;

	const match = REFERENCE.exec(`${domain}/${remainder}`);
	if (match === null) return undefined;
	const name = ANCHORED_NAME.exec(match[1]!);
	const parsed: ParsedReference = {domain: name?.[1] ?? '', path: name?.[2] ?? match[1]!, tag: match[2] ?? ''};
	if (parsed.path.length > 255) return undefined;
	const digest = match[3];
	if (digest !== undefined) {
		const colon = digest.indexOf(':');
		const expected = DIGEST_HEX_LENGTH[digest.slice(0, colon)];
		if (expected === undefined || !new RegExp(`^[a-f0-9]{${expected}}$`).test(digest.slice(colon + 1))) return undefined;
	}
	return parsed;
}

/** reference.FamiliarString without the digest: "docker.io/library/" is what users never type. */
export function familiarString(ref: ParsedReference): string {
	let path = ref.path;
	let domain = ref.domain;
	if (domain === 'docker.io') {
		domain = '';
		if (path.startsWith('library/') && !path.slice('library/'.length).includes('/')) path = path.slice('library/'.length);
	}
	const name = domain === '' ? path : `${domain}/${path}`;
	return ref.tag === '' ? name : `${name}:${ref.tag}`;
}

/**
 * The IMAGE column (`Image()`): the short image id when the container's image is referenced by
 * id (e.g. after its tag moved), otherwise the familiar name with any digest dropped.
 */
export function imageText(summary: Pick<ContainerSummary, 'image' | 'imageId'>, truncate = true): string {
	const image = summary.image;
	if (image === '') return '<no image>';
	if (!truncate) return sanitizeLine(image);
	const short = shortId(summary.imageId);
	if (short === shortId(image)) return short;
	const ref = parseNormalizedNamed(image);
	return sanitizeLine(ref === undefined ? image : familiarString(ref));
}

/**
 * The NAMES column (`Names()`): truncated, the first name that is not a legacy link
 * ("other/alias"); otherwise all names joined with commas.
 */
export function namesText(summary: Pick<ContainerSummary, 'names'>, truncate = true): string {
	const names = summary.names.map((n) => (n.startsWith('/') ? n.slice(1) : n));
	if (truncate) return sanitizeLine(names.find((n) => !n.includes('/')) ?? '');
	return sanitizeLine(names.join(','));
}
