import {readFileSync} from 'node:fs';
import {Readable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {toEngineEvent} from '../../source/engine/answers.js';
import {eventLines} from '../../source/engine/system.js';
import type {EngineEvent} from '../../source/engine/types.js';
import {eventColumns, eventLine, eventsSince, eventTime, matchesEventFilters, parseEventFilters} from '../../source/present/events.js';

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');

async function readEvents(text: string): Promise<EngineEvent[]> {
	const out: EngineEvent[] = [];
	for await (const raw of eventLines(Readable.from([Buffer.from(text)]))) out.push(toEngineEvent(raw));
	return out;
}

const event = (partial: Partial<EngineEvent>): EngineEvent => ({type: 'container', action: 'start', id: 'c'.repeat(64), attributes: {}, timeNano: 0, scope: 'local', actorId: 'c'.repeat(64), ...partial});

describe('eventLine against `docker events` (recorded on the private engine, UTC)', () => {
	it('prints every recorded event as the CLI did, nanoseconds exact', async () => {
		const events = await readEvents(fixture('events.jsonl'));
		const lines = fixture('events.cli.txt').trimEnd().split('\n');
		expect(events.length).toBeGreaterThan(10);
		expect(events.map((e) => eventLine(e, 0))).toEqual(lines);
	});

	it('keeps the exact digits only through eventLines (a JSON number loses them)', async () => {
		const text = '{"Type":"container","Action":"start","Actor":{"ID":"x"},"timeNano":1796325083149526554}\n';
		const [kept] = await readEvents(text);
		expect(kept!.timeNanoText).toBe('1796325083149526554');
		expect(eventTime(kept!, 0)).toBe('2026-12-03T19:11:23.149526554Z');
		expect(eventTime(toEngineEvent(JSON.parse(text)), 0)).not.toBe('2026-12-03T19:11:23.149526554Z');
	});
});

describe('eventLine and eventColumns', () => {
	const id = 'ab'.repeat(32);
	it.each([
		['attributes sorted by key', event({timeNanoText: '1796325083000000001', actorId: id, attributes: {name: 'web', image: 'busybox', exitCode: '0'}}), 0, `2026-12-03T19:11:23.000000001Z container start ${id} (exitCode=0, image=busybox, name=web)`],
		['no attributes, no parentheses', event({timeNanoText: '1796325083000000000', type: 'volume', action: 'create', actorId: 'v1', id: 'v1'}), 0, '2026-12-03T19:11:23.000000000Z volume create v1'],
		['a zone east of UTC', event({timeNanoText: '1796325083000000000', actorId: 'x'}), 90, '2026-12-03T20:41:23.000000000+01:30 container start x'],
		['a zone west of UTC', event({timeNanoText: '1796325083000000000', actorId: 'x'}), -300, '2026-12-03T14:11:23.000000000-05:00 container start x'],
		['old daemon: only status and id', toEngineEvent({status: 'die', id: 'oldid', from: 'busybox', time: 1796325083}), 0, '2026-12-03T19:11:23.000000000Z container die oldid'],
		['no time at all', event({actorId: 'x'}), 0, 'container start x'],
		['hostile text is sanitised', event({timeNanoText: '1796325083000000000', actorId: 'x', attributes: {name: 'a\u001b]0;pwn\u0007b'}}), 0, undefined],
	])('%s', (_name, input, offset, expected) => {
		const line = eventLine(input, offset);
		if (expected !== undefined) expect(line).toBe(expected);
		expect(line).not.toMatch(/[\u0000-\u001f\u007f]/);
	});

	it.each([
		['a container: name attribute, short id', event({actorId: id, attributes: {name: 'web', image: 'busybox'}}), {actor: 'web', id: 'abababababab', type: 'container', action: 'start', attributes: 'image=busybox, name=web'}],
		['an image id loses its algorithm', event({type: 'image', action: 'tag', actorId: `sha256:${id}`, attributes: {}}), {actor: 'abababababab', id: 'abababababab'}],
		['a volume name stays whole', event({type: 'volume', action: 'create', actorId: 'a-rather-long-volume-name', attributes: {driver: 'local'}}), {actor: 'a-rather-long-volume-name', id: 'a-rather-long-volume-name'}],
		['health status action as sent', event({action: 'health_status: healthy', actorId: id, attributes: {}}), {action: 'health_status: healthy'}],
	])('%s', (_name, input, expected) => {
		expect(eventColumns(input, 0)).toMatchObject(expected);
	});
});

describe('parseEventFilters (docker events --filter grammar)', () => {
	it.each([
		['', {}],
		['type=container', {type: ['container']}],
		['type=container event=start event=die', {type: ['container'], event: ['start', 'die']}],
		['--filter type=image -f event=tag', {type: ['image'], event: ['tag']}],
		['TYPE=container', {type: ['container']}],
		['label=com.example.key', {label: ['com.example.key']}],
		['label=a=b=c', {label: ['a=b=c']}],
		['"label=with space=yes" container=web', {label: ['with space=yes'], container: ['web']}],
		['event=start event=start', {event: ['start']}],
		['scope=local daemon=x plugin=p node=n service=s config=c secret=s2 image=busybox volume=v network=n2', {scope: ['local'], daemon: ['x'], plugin: ['p'], node: ['n'], service: ['s'], config: ['c'], secret: ['s2'], image: ['busybox'], volume: ['v'], network: ['n2']}],
	])('%j', (text, filters) => {
		expect(parseEventFilters(text)).toEqual({ok: true, filters});
	});

	it.each([
		['type', 'bad format of filter (expected name=value)'],
		['type=container start', 'bad format of filter (expected name=value)'],
		['status=running', "Invalid filter 'status'"],
		['type="container', 'unterminated quote in filter'],
	])('%j is refused', (text, error) => {
		expect(parseEventFilters(text)).toEqual({ok: false, error});
	});
});

describe('matchesEventFilters (moby daemon/events/filter.go)', () => {
	const cid = '0123456789ab'.padEnd(64, 'f');
	const start = event({actorId: cid, id: cid, attributes: {name: 'web', image: 'porthole-test/busybox:latest', 'com.example': 'yes', tier: 'front'}});
	const imageTag = event({type: 'image', action: 'tag', actorId: 'sha256:' + 'e'.repeat(64), attributes: {name: 'porthole-test/busybox:v2'}});
	const connect = event({type: 'network', action: 'connect', actorId: 'n'.repeat(64), attributes: {container: cid, name: 'backend', type: 'bridge'}});
	const health = event({action: 'health_status: healthy', actorId: cid, attributes: {name: 'web'}});
	const swarm = event({type: 'service', action: 'update', actorId: 'svc1', scope: 'swarm', attributes: {name: 'api'}});
	const parse = (text: string) => {
		const parsed = parseEventFilters(text);
		if (!parsed.ok) throw new Error(parsed.error);
		return parsed.filters;
	};
	it.each([
		['no filters match everything', '', start, true],
		['type exact', 'type=container', start, true],
		['type other', 'type=image', start, false],
		['same key repeated is OR', 'type=image type=container', start, true],
		['different keys are AND', 'type=container event=die', start, false],
		['event exact', 'event=start', start, true],
		['event is not a prefix match', 'event=sta', start, false],
		['health_status matches by prefix (#25798)', 'event=health_status', health, true],
		['health_status with its value (quoted), exact', '"event=health_status: healthy"', health, true],
		['container by full id', `container=${cid}`, start, true],
		['container by id prefix', 'container=0123', start, true],
		['container by name', 'container=web', start, true],
		['container by name prefix', 'container=we', start, true],
		['container other', 'container=db', start, false],
		// The daemon checks every name key against any event: a network event's name is the network's.
		['container= on a network connect event does not read its container attribute', `container=${cid}`, connect, false],
		['network by name', 'network=backend', connect, true],
		['image by container image attribute', 'image=porthole-test/busybox:latest', start, true],
		['image without tag (stripTag)', 'image=porthole-test/busybox', start, true],
		['image by image event name', 'image=porthole-test/busybox:v2', imageTag, true],
		['image event by id', `image=sha256:${'e'.repeat(64)}`, imageTag, true],
		['image does not match by prefix', 'image=porthole-test/busy', start, false],
		['label key present', 'label=com.example', start, true],
		['label key=value', 'label=tier=front', start, true],
		['label wrong value', 'label=tier=back', start, false],
		['label values are ANDed, not ORed', 'label=tier=front label=missing', start, false],
		['label on an event without attributes', 'label=tier', event({attributes: {}}), false],
		['scope', 'scope=swarm', swarm, true],
		['scope local vs swarm', 'scope=local', swarm, false],
		['service by name', 'service=api', swarm, true],
		['volume filter rejects a container event', 'volume=v', start, false],
	])('%s', (_name, text, input, expected) => {
		expect(matchesEventFilters(input, parse(text))).toBe(expected);
	});
});

describe('eventsSince', () => {
	const now = Date.UTC(2026, 11, 3, 19, 0, 0);
	it.each([
		['', String(now / 1000 - 600) + '.000'],
		['10m', String(now / 1000 - 600) + '.000'],
		['2h', String(now / 1000 - 7200) + '.000'],
		['2026-12-03T18:00:00Z', String(now / 1000 - 3600) + '.000'],
		['1796324000', '1796324000'],
	])('%j', (text, value) => {
		expect(eventsSince(text, now)).toEqual({ok: true, value});
	});

	it('refuses what is not a time', () => {
		expect(eventsSince('yesterday', now).ok).toBe(false);
	});
});
