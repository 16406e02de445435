/**
 * The view stack, the `:` command line, Tab between kinds, and the views that are not lists
 * (disk usage, events), in-process on the fake engine.
 */
import {describe, expect, it} from 'vitest';
import {fakeContainer} from '../../source/engine/fake.js';
import {fakeVolume} from '../../source/engine/fake/volumes.js';
import {cycleKind, KINDS} from '../../source/resources/registry.js';
import {setupApp} from '../helpers/app.js';
import {keys, waitFor} from '../helpers/render.js';

const now = Math.floor(Date.now() / 1000);
const containers = () => [
	fakeContainer({name: 'api', image: 'shop/api:2.1', created: now - 120, status: 'Up 2 minutes'}),
	fakeContainer({name: 'db', image: 'postgres:16', created: now - 3600, status: 'Up About an hour', mounts: [{type: 'volume', name: 'pgdata', source: '/var/lib/docker/volumes/pgdata/_data', destination: '/var/lib/postgresql/data'}]}),
];

async function setup(options: Parameters<typeof setupApp>[2] = {}) {
	return setupApp(containers(), {columns: 120, rows: 24}, {
		...options,
		engine: (engine) => {
			engine.volumes.items = [fakeVolume({name: 'pgdata'}), fakeVolume({name: 'cache'})];
			options.engine?.(engine);
		},
	});
}

/** The event the daemon sends when a container starts, at `seconds` ago. */
function startEvent(name: string, secondsAgo: number, id = 'c'.repeat(64)) {
	const time = now - secondsAgo;
	return {Type: 'container', Action: 'start', status: 'start', id, from: 'busybox', Actor: {ID: id, Attributes: {name, image: 'busybox'}}, scope: 'local', time, timeNano: time * 1e9};
}

describe('the : command line', () => {
	it('completes a name with Tab, goes there with Enter, and Esc comes back to the list before', async () => {
		const {app} = await setup();
		await app.press(':');
		await app.waitForFrame((frame) => /^:\s/m.test(frame));
		await app.press('volu');
		await app.press('\t');
		await app.waitForFrame((frame) => /^:volume/m.test(frame));
		await app.press(keys.enter);
		await app.waitForFrame((frame) => frame.includes('VOLUME NAME') && frame.includes('pgdata'));
		expect(app.lastFrame()).toMatch(/showing 2 volumes/);
		// USED BY comes from the containers' mounts.
		expect(app.lastFrame().split('\n').find((line) => line.includes('pgdata'))).toContain('db');
		await app.press(keys.escape);
		await app.waitForFrame((frame) => frame.includes('NAMES') && frame.includes('api'));
		// Keys act after the round trip.
		await app.press('j');
		await app.waitForFrame((frame) => (frame.split('\n').find((line) => line.startsWith('›')) ?? '').includes('db'));
	});

	it('says what it does not know and changes nothing', async () => {
		const {app} = await setup();
		await app.press(':');
		await app.press('nosuch');
		await app.press(keys.enter);
		await app.waitForFrame((frame) => frame.includes('Unknown: nosuch'));
		await app.press(keys.escape);
		await app.waitForFrame((frame) => frame.includes('NAMES') && !frame.includes('Unknown'));
	});
});

describe('the view stack', () => {
	it('Tab goes through the kinds in order and Shift-Tab comes back', async () => {
		const {app} = await setup();
		const next = KINDS.find((kind) => kind.id === cycleKind('containers', 1))!;
		await app.press('\t');
		await app.waitForFrame((frame) => frame.includes(next.title.toLowerCase()) || frame.includes(next.singular));
		await app.press('\u001B[Z');
		await app.waitForFrame((frame) => frame.includes('NAMES') && frame.includes('(all)'));
	});

	it('keeps each kind\'s filter and selection when going to another kind and back', async () => {
		const {app} = await setup();
		await app.press('/');
		await app.press('db');
		await app.press(keys.enter);
		await app.waitForFrame((frame) => frame.includes('filter: db') && !frame.includes('api'));
		await app.press(':');
		await app.press('vol');
		await app.press(keys.enter);
		await app.waitForFrame((frame) => frame.includes('VOLUME NAME'));
		// The volumes list has its own (empty) filter.
		expect(app.lastFrame()).not.toContain('filter: db');
		await app.press('/');
		await app.press('cache');
		await app.press(keys.enter);
		await app.waitForFrame((frame) => frame.includes('filter: cache') && !frame.includes('pgdata'));
		await app.press(':');
		await app.press('co');
		await app.press(keys.enter);
		await app.waitForFrame((frame) => frame.includes('NAMES') && frame.includes('filter: db') && !frame.includes('api'));
	});
});

describe('a kind\'s filter bar', () => {
	it('checks key=value tokens as the daemon would, in its words, and sends nothing refused', async () => {
		const {app, engine} = await setup();
		await app.press(':');
		await app.press('vol');
		await app.press(keys.enter);
		await app.waitForFrame((frame) => frame.includes('VOLUME NAME'));
		await app.press('/');
		await app.press('dangling=maybe ');
		await app.waitForFrame((frame) => frame.includes("Invalid filter 'dangling=[maybe]'"));
		await app.press(keys.enter);
		await new Promise((resolve) => setTimeout(resolve, 300));
		const sent = engine.calls.filter((call) => call.method === 'volumes.list').map((call) => JSON.stringify((call.args[0] as {filters?: unknown} | undefined)?.filters ?? {}));
		expect(sent.some((filters) => filters.includes('maybe'))).toBe(false);
		expect(app.lastFrame()).toContain('pgdata');
	});
});

describe(':df', () => {
	it('measures when opened, says so, and Esc stops measuring before it leaves', async () => {
		const {app} = await setup({engine: (engine) => void (engine.system.diskUsageDelayMs = 60_000)});
		await app.press(':');
		await app.press('df');
		await app.press(keys.enter);
		await app.waitForFrame((frame) => frame.includes('Measuring…'));
		await app.press(keys.escape);
		await app.waitForFrame((frame) => frame.includes('Stopped measuring.'));
		expect(app.lastFrame()).toContain('RECLAIMABLE');
		await app.press(keys.escape);
		await app.waitForFrame((frame) => frame.includes('NAMES'));
	});

	it('shows docker system df lines, their age, and -v as a document', async () => {
		const {app, engine} = await setup();
		await app.press(':');
		await app.press('df');
		await app.press(keys.enter);
		await app.waitForFrame((frame) => frame.includes('Containers') && frame.includes('measured'));
		expect(engine.count('system.diskUsage')).toBe(1);
		await app.press('v');
		await app.waitForFrame((frame) => frame.includes('Containers space usage:'));
		await app.press(keys.escape);
		await app.waitForFrame((frame) => frame.includes('RECLAIMABLE'));
		await app.press('r');
		await waitFor(() => engine.count('system.diskUsage') === 2);
	});

	it('refuses prune in read-only mode and says so', async () => {
		const {app, engine} = await setup({props: {readOnly: true}, engine: (fake) => void (fake.readOnly = true)});
		await app.press(':');
		await app.press('df');
		await app.press(keys.enter);
		await app.waitForFrame((frame) => frame.includes('measured'));
		expect(app.lastFrame()).not.toContain('P prune');
		await app.press('P');
		await app.waitForFrame((frame) => /read-only/i.test(frame));
		expect(engine.count('prunePreview')).toBe(0);
	});
});

describe(':events', () => {
	it('shows the backlog, then live events from the session\'s stream, filters with docker\'s grammar, and pauses', async () => {
		const {app, engine} = await setup();
		engine.system.record(startEvent('before-open', 60));
		const streamsBefore = engine.count('events');
		await app.press(':');
		await app.press('events');
		await app.press(keys.enter);
		await app.waitForFrame((frame) => frame.includes('before-open'));
		// The view adds no stream: live events come through the session's.
		expect(engine.count('events')).toBe(streamsBefore);
		engine.emitRaw(startEvent('live-one', 0, 'd'.repeat(64)));
		await app.waitForFrame((frame) => frame.includes('live-one'));
		// A bad filter is refused inline; nothing changes.
		await app.press('f');
		await app.press('nonsense');
		await app.press(keys.enter);
		await app.waitForFrame((frame) => frame.includes('bad format of filter'));
		await app.press('\u0015'); // Ctrl-U
		await app.press('container=live-one');
		await app.press(keys.enter);
		await app.waitForFrame((frame) => frame.includes('filter: container=live-one') && frame.includes('live-one') && !frame.includes('before-open'));
		await app.press('p');
		await app.waitForFrame((frame) => frame.includes('PAUSED'));
		engine.emitRaw({...startEvent('live-one', 0, 'd'.repeat(64)), Action: 'die', status: 'die'});
		await app.waitForFrame((frame) => frame.includes('PAUSED (1 new)'));
		await app.press(keys.escape);
		await app.waitForFrame((frame) => frame.includes('NAMES'));
		await app.press('?');
		await app.waitForFrame((frame) => frame.includes('porthole — keys'));
	});
});
