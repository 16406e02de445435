/**
 * `docker events` as the CLI prints it and filters it. The line is ported from docker/cli
 * `cli/command/system/events.go` (`prettyPrintEvent`); the filter grammar from `opts.FilterOpt`;
 * the matching from moby `daemon/events/filter.go` and `api/types/filters` (the daemon's own
 * semantics, applied here to the one shared stream). Daemon text goes through sanitizeLine.
 */
import type {EventFilters} from '../engine/system-api.js';
import type {EngineEvent} from '../engine/types.js';
import {familiarString, parseNormalizedNamed, shortId} from './containers.js';
import {parseTimeArg} from './logs.js';
import {sanitizeLine} from './sanitize.js';

/** `timeNano` as exact decimal digits (the daemon's text when the engine kept it), for order and identity. */
export function eventTimeKey(event: EngineEvent): string {
	if (event.timeNanoText !== undefined) return event.timeNanoText;
	return BigInt(Math.max(0, Math.round(event.timeNano))).toString();
}

/** The actor id `docker events` prints: `Actor.ID`, or the old top-level id. */
function actorIdOf(event: EngineEvent): string {
	return event.actorId === undefined || event.actorId === '' ? event.id : event.actorId;
}

const pad = (value: number | bigint, width: number) => String(value).padStart(width, '0');

/**
 * The CLI's `rfc3339NanoFixed` ("2006-01-02T15:04:05.000000000Z07:00") in this machine's time
 * zone, as `docker events` prints it; '' for an event without a time.
 */
export function eventTime(event: EngineEvent, offsetMinutes?: number): string {
	const nanos = BigInt(eventTimeKey(event));
	if (nanos === 0n) return '';
	const ms = Number(nanos / 1_000_000n);
	const offset = offsetMinutes ?? -new Date(ms).getTimezoneOffset();
	const local = new Date(Number(nanos / 1_000_000_000n) * 1000 + offset * 60_000);
	const zone = offset === 0 ? 'Z' : `${offset < 0 ? '-' : '+'}${pad(Math.trunc(Math.abs(offset) / 60), 2)}:${pad(Math.abs(offset) % 60, 2)}`;
	return (
		`${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1, 2)}-${pad(local.getUTCDate(), 2)}` +
		`T${pad(local.getUTCHours(), 2)}:${pad(local.getUTCMinutes(), 2)}:${pad(local.getUTCSeconds(), 2)}` +
		`.${pad(nanos % 1_000_000_000n, 9)}${zone}`
	);
}

/** Go's sort.Strings order (bytes of UTF-8), which differs from JS order for some non-BMP text. */
function byteOrder(a: string, b: string): number {
	return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** The attributes as `docker events` prints them: "k=v" sorted by key, joined with ", " (sanitised). */
export function eventAttributesText(event: EngineEvent): string {
	return sanitizeLine(
		Object.keys(event.attributes)
			.sort(byteOrder)
			.map((key) => `${key}=${event.attributes[key]}`)
			.join(', '),
	);
}

/**
 * The line plain `docker events` prints: "<time> <type> <action> <actor id> (k=v, …)".
 * offsetMinutes overrides this machine's time zone (tests; UTC is 0).
 */
export function eventLine(event: EngineEvent, offsetMinutes?: number): string {
	const time = eventTime(event, offsetMinutes);
	const attributes = Object.keys(event.attributes).length > 0 ? ` (${eventAttributesText(event)})` : '';
	return sanitizeLine(`${time === '' ? '' : `${time} `}${event.type} ${event.action} ${actorIdOf(event)}`) + attributes;
}

/** The cells of the events view. */
export interface EventColumns {
	/** TIME: as `docker events` prints it. */
	time: string;
	/** TYPE: container, image, network, volume, … */
	type: string;
	/** ACTION: start, die, tag, connect, "health_status: healthy", … */
	action: string;
	/** ACTOR: the name attribute, else the short id. */
	actor: string;
	/** ID: short for 64-hex ids, whole otherwise (volume names, plugin names). */
	id: string;
	/** ATTRIBUTES: "k=v, …" sorted as the CLI sorts them. */
	attributes: string;
}

const HEX_ID = /^(?:[a-z0-9]+:)?[a-f0-9]{64}$/;

/** The events view's columns for one event. */
export function eventColumns(event: EngineEvent, offsetMinutes?: number): EventColumns {
	const actorId = actorIdOf(event);
	const id = HEX_ID.test(actorId) ? shortId(actorId) : sanitizeLine(actorId);
	const name = event.attributes['name'];
	return {
		time: eventTime(event, offsetMinutes),
		type: sanitizeLine(event.type),
		action: sanitizeLine(event.action),
		actor: name !== undefined && name !== '' ? sanitizeLine(name) : id,
		id,
		attributes: eventAttributesText(event),
	};
}

/** The keys `docker events --filter` knows (moby daemon/events/filter.go). */
export const EVENT_FILTER_KEYS = ['type', 'event', 'container', 'image', 'volume', 'network', 'label', 'scope', 'daemon', 'plugin', 'node', 'service', 'config', 'secret'] as const;

const KNOWN_KEYS = new Set<string>(EVENT_FILTER_KEYS);

/** Split filter text into words; "…" and '…' keep spaces inside a value. */
function words(text: string): string[] | undefined {
	const out: string[] = [];
	let current = '';
	let quote: string | undefined;
	let inWord = false;
	for (const ch of text) {
		if (quote !== undefined) {
			if (ch === quote) quote = undefined;
			else current += ch;
		} else if (ch === '"' || ch === "'") {
			quote = ch;
			inWord = true;
		} else if (/\s/.test(ch)) {
			if (inWord) out.push(current);
			current = '';
			inWord = false;
		} else {
			current += ch;
			inWord = true;
		}
	}
	if (quote !== undefined) return undefined;
	if (inWord) out.push(current);
	return out;
}

/**
 * Parse what the user typed into the events filter: `key=value` words as `docker events --filter`
 * takes them (`--filter`/`-f` may be typed too; quotes keep spaces). A word without "=" gets the
 * CLI's error; an unknown key gets the filters package's "Invalid filter 'x'" (the daemon itself
 * silently ignores unknown event filter keys, which would hide a typo).
 */
export function parseEventFilters(text: string): {ok: true; filters: EventFilters} | {ok: false; error: string} {
	const list = words(text);
	if (list === undefined) return {ok: false, error: 'unterminated quote in filter'};
	const filters: EventFilters = {};
	for (const word of list) {
		if (word === '--filter' || word === '-f') continue;
		const value = word.replace(/^(?:--filter=|-f=?)(?=.*=)/, '');
		if (value === '') continue;
		const equals = value.indexOf('=');
		if (equals === -1) return {ok: false, error: 'bad format of filter (expected name=value)'};
		// opts.FilterOpt: the name is lowercased and trimmed, the value trimmed.
		const key = value.slice(0, equals).trim().toLowerCase();
		const entry = value.slice(equals + 1).trim();
		if (!KNOWN_KEYS.has(key)) return {ok: false, error: `Invalid filter '${key}'`};
		const values = (filters[key] ??= []);
		if (!values.includes(entry)) values.push(entry);
	}
	return {ok: true, filters};
}

/** filters.Args.ExactMatch: no values for the key matches everything. */
function exactMatch(filters: EventFilters, key: string, source: string): boolean {
	const values = filters[key];
	if (values === undefined || values.length === 0) return true;
	return values.includes(source);
}

/** filters.Args.FuzzyMatch: exact, or one of the values is a prefix of the source. */
function fuzzyMatch(filters: EventFilters, key: string, source: string): boolean {
	if (exactMatch(filters, key, source)) return true;
	return (filters[key] ?? []).some((prefix) => source.startsWith(prefix));
}

/** filters.Args.MatchKVList: every label value must hold (key present, and value equal when given). */
function matchKVList(filters: EventFilters, key: string, sources: Record<string, string>): boolean {
	const values = filters[key];
	if (values === undefined || values.length === 0) return true;
	if (Object.keys(sources).length === 0) return false;
	for (const value of values) {
		const equals = value.indexOf('=');
		const name = equals === -1 ? value : value.slice(0, equals);
		if (!Object.hasOwn(sources, name)) return false;
		if (equals !== -1 && value.slice(equals + 1) !== sources[name]) return false;
	}
	return true;
}

/** filter.go `stripTag`: the familiar name without tag, or the text itself when it is no reference. */
function stripTag(image: string): string {
	const ref = parseNormalizedNamed(image);
	return ref === undefined ? image : familiarString({...ref, tag: ''});
}

const FUZZY_NAME_KEYS = ['daemon', 'container', 'plugin', 'volume', 'network', 'service', 'node', 'secret', 'config'];

/** Whether the daemon would send this event to `docker events` with these filters (filter.go `Include`). */
export function matchesEventFilters(event: EngineEvent, filters: EventFilters): boolean {
	const actorId = actorIdOf(event);
	const name = event.attributes['name'] ?? '';
	// #25798: these actions carry a suffix ("health_status: healthy"), so they match by prefix.
	const fuzzyEvent = (filters['event'] ?? []).some((value) => value === 'health_status' || value === 'exec_create' || value === 'exec_start');
	if (!(fuzzyEvent ? fuzzyMatch(filters, 'event', event.action) : exactMatch(filters, 'event', event.action))) return false;
	if (!exactMatch(filters, 'type', event.type)) return false;
	if (!exactMatch(filters, 'scope', event.scope ?? '')) return false;
	for (const key of FUZZY_NAME_KEYS) if (!(fuzzyMatch(filters, key, actorId) || fuzzyMatch(filters, key, name))) return false;
	// Image events name the image in "name", container events in "image".
	const imageName = event.attributes[event.type === 'image' ? 'name' : 'image'] ?? '';
	const image =
		exactMatch(filters, 'image', actorId) || exactMatch(filters, 'image', imageName) || exactMatch(filters, 'image', stripTag(actorId)) || exactMatch(filters, 'image', stripTag(imageName));
	if (!image) return false;
	return matchKVList(filters, 'label', event.attributes);
}

/** The default backlog of the events view. */
export const DEFAULT_EVENTS_SINCE = '10m';

/**
 * The `since` of the events view as Docker's query value (Unix seconds): a duration back from
 * now ("10m", "2h"), an RFC 3339 time or Unix seconds; empty text means the default 10 minutes.
 */
export function eventsSince(text: string, nowMs: number): {ok: true; value: string} | {ok: false; error: string} {
	return parseTimeArg(text.trim() === '' ? DEFAULT_EVENTS_SINCE : text, nowMs);
}
