// The app over answers of odd shapes, as real daemons send them (Engine 20.10 answers `null` for
// the changes of an unchanged container, which dockerode hands back as a Buffer holding `null\n`;
// older API versions leave fields out; lists come back null). The fake engine maps its raw answers
// with the real engine's mappers, so this is what the boundary hands the app.
import {describe, expect, it} from 'vitest';
import {fakeContainer} from '../../source/engine/fake.js';
import {setupApp} from '../helpers/app.js';
import {keys} from '../helpers/render.js';

/** The line of the frame that holds the selection marker. */
function selectedLine(frame: string): string {
	return frame.split('\n').find((line) => line.startsWith('›')) ?? '';
}

describe('App over odd engine answers', () => {
	it('d on a container whose diff is null says there are no changes, and keys still act', async () => {
		const unchanged = fakeContainer({name: 'unchanged', raw: {changes: Buffer.from('null\n')}});
		const other = fakeContainer({name: 'other', raw: {changes: Buffer.alloc(0)}});
		const {app} = await setupApp([unchanged, other]);
		expect(selectedLine(app.lastFrame())).toContain('other');
		await app.press('j');
		expect(selectedLine(app.lastFrame())).toContain('unchanged');
		await app.press('d');
		await app.waitForFrame((frame) => frame.includes('Filesystem changes in unchanged'));
		expect(app.lastFrame()).toMatch(/No changes/);
		await app.press(keys.escape);
		await app.waitForFrame((frame) => frame.includes('NAMES'));
		// The app is alive: keys move and open help.
		await app.press('k');
		expect(selectedLine(app.lastFrame())).toContain('other');
		await app.press('d');
		await app.waitForFrame((frame) => frame.includes('Filesystem changes in other') && /No changes/.test(frame));
		await app.press(keys.escape);
		await app.press('?');
		await app.waitForFrame((frame) => frame.includes('porthole — keys'));
	});

	it('survives a list, info, inspect, top, stats and events of odd shapes', async () => {
		const odd = fakeContainer({
			name: 'odd',
			raw: {
				inspect: {State: null, HostConfig: null, Config: null, Mounts: null},
				top: {Titles: null, Processes: null},
				stats: {networks: null, memory_stats: {stats: null}, blkio_stats: {io_service_bytes_recursive: null}, cpu_stats: null},
			},
		});
		const {app, engine} = await setupApp([odd], {columns: 160, rows: 20}, {
			engine: (fake) => {
				fake.rawInfo = {version: {}, info: null};
				// API 1.22 rows: no State; null Names, Ports and Labels.
				fake.rawList = [{Id: odd.id, Names: ['/odd'], Image: 'busybox', Command: 'sh', Created: 1, Status: 'Up 2 minutes', Ports: null, Labels: null}];
			},
		});
		// The inspect answer has no State: the row reads as never started, rather than throwing.
		await app.waitForFrame((frame) => / odd$/m.test(frame) && frame.includes('Created'));
		// Events of an old daemon (status/id/time), with null attributes, or null, are taken, not thrown on.
		const lists = engine.count('listContainers');
		engine.rawList = [{Id: odd.id, Names: null, Status: 'Exited (0) 1 second ago'}];
		engine.emitRaw({status: 'die', id: odd.id, time: 1});
		engine.emitRaw({Type: 'container', Action: 'destroy', Actor: {ID: 'x', Attributes: null}});
		engine.emitRaw(null);
		await app.waitForFrame(() => engine.count('listContainers') > lists);
		// A row without names is still a row.
		await app.waitForFrame((frame) => !/ odd$/m.test(frame) && frame.includes(odd.id.slice(0, 12)));
		engine.rawList = [{Id: odd.id, Names: ['/odd'], Status: 'Up 1 second', Labels: null}];
		engine.emitRaw({status: 'start', id: odd.id, time: 2});
		await app.waitForFrame((frame) => / odd$/m.test(frame));
		await app.press('t');
		await app.press(keys.enter);
		await app.press('d');
		await app.waitForFrame((frame) => frame.includes('Filesystem changes in odd'));
		await app.press(keys.escape);
		await app.press('j');
		await app.press('?');
		await app.waitForFrame((frame) => frame.includes('porthole — keys'));
	});
});
