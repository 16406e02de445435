import {describe, expect, it} from 'vitest';
import {EngineError} from '../../source/engine/errors.js';
import {fakeContainer} from '../../source/engine/fake.js';
import {setupApp} from '../helpers/app.js';
import {keys} from '../helpers/render.js';

function containers() {
	return [
		fakeContainer({name: 'api', state: 'running', impact: {sizeRw: 5 * 1024 * 1024, anonymousVolumes: [{name: 'a'.repeat(64), destination: '/data'}], keptMounts: [{type: 'volume', source: 'pgdata', destination: '/var/lib/pg'}]}}),
		fakeContainer({name: 'db', state: 'running'}),
		fakeContainer({name: 'job', state: 'exited', status: 'Exited (1) 5 minutes ago'}),
		fakeContainer({name: 'web', state: 'paused', status: 'Up 2 minutes (Paused)'}),
	];
}

const selectedLine = (frame: string) => frame.split('\n').find((line) => line.startsWith('›')) ?? '';

async function selectRow(app: Awaited<ReturnType<typeof setupApp>>['app'], name: string) {
	for (let i = 0; i < 10 && !selectedLine(app.lastFrame()).includes(` ${name}`); i += 1) await app.press('j');
	if (!selectedLine(app.lastFrame()).includes(name)) throw new Error(`could not select ${name}`);
}

describe('actions', () => {
	it('stops the selected container with a status and a message', async () => {
		const {app, engine} = await setupApp(containers());
		engine.actionDelayMs = 150;
		await app.press('x');
		await app.waitForFrame((frame) => frame.includes('Stopping api…'));
		await app.waitForFrame((frame) => frame.includes('api: stopped.'));
		expect(engine.containers.find((c) => c.names[0] === 'api')?.state).toBe('exited');
		// docker stop's default grace period: 10 s.
		expect(engine.calls.find((c) => c.method === 'stop')?.args).toEqual([engine.containers[0]!.id, 10]);
	});

	it('offers only actions that fit the state', async () => {
		const {app, engine} = await setupApp(containers());
		await selectRow(app, 'job');
		await app.press('p');
		await app.waitForFrame((frame) => frame.includes('Cannot unpause job: it is exited.'));
		expect(engine.count('unpause') + engine.count('pause')).toBe(0);
		await selectRow(app, 'web');
		await app.press('p');
		await app.waitForFrame((frame) => frame.includes('web: unpaused.'));
	});

	it('kills with a signal picked from the list', async () => {
		const {app, engine} = await setupApp(containers());
		await app.press('K');
		await app.waitForFrame((frame) => frame.includes('with which signal?'));
		expect(app.lastFrame()).toContain('› SIGKILL');
		await app.press('j');
		await app.waitForFrame((frame) => frame.includes('› SIGTERM'));
		await app.press(keys.enter);
		await app.waitForFrame((frame) => frame.includes('SIGTERM sent to api; it exited (143).'));
		expect(engine.calls.find((c) => c.method === 'kill')?.args[1]).toBe('SIGTERM');
	});

	it('kills with a signal typed into the picker (docker kill --signal), and refuses one that is not a signal', async () => {
		const {app, engine} = await setupApp(containers(), {columns: 120, rows: 30});
		await app.press('K');
		await app.waitForFrame((frame) => frame.includes('with which signal?'));
		await app.press('999');
		await app.waitForFrame((frame) => frame.includes('› other: 999█'));
		await app.press(keys.enter);
		await app.waitForFrame((frame) => frame.includes('Signal 999 is out of range: 1 to 64.'));
		expect(engine.count('kill')).toBe(0);
		for (let i = 0; i < 3; i++) await app.press(keys.backspace);
		// Lower-case letters that are not the picker's keys are taken as capitals.
		await app.press('usr2');
		await app.waitForFrame((frame) => frame.includes('› other: USR2█'));
		await app.press(keys.enter);
		await app.waitForFrame((frame) => frame.includes('SIGUSR2 sent to api; it is still running.'), 5000);
		expect(engine.calls.find((c) => c.method === 'kill')?.args[1]).toBe('SIGUSR2');
	});

	it('says a container that ignores the signal is still running, not "killed"', async () => {
		const {app} = await setupApp(containers());
		await app.press('K');
		await app.waitForFrame((frame) => frame.includes('with which signal?'));
		for (let i = 0; i < 3; i++) await app.press('j');
		await app.waitForFrame((frame) => frame.includes('› SIGHUP'));
		await app.press(keys.enter);
		await app.waitForFrame((frame) => frame.includes('SIGHUP sent to api; it is still running.'), 5000);
		expect(app.lastFrame()).not.toContain('killed');
	});

	it('says what a remove loses, and offers force when the daemon refuses', async () => {
		const {app, engine} = await setupApp(containers(), {columns: 120, rows: 30});
		await app.press('D');
		await app.waitForFrame((frame) => frame.includes('Remove api?'));
		const frame = app.lastFrame();
		expect(frame).toContain('writable layer 5MiB');
		expect(frame).toContain('anonymous volume aaaaaaaaaaaa at /data: left behind, dangling');
		expect(frame).toContain('volume pgdata at /var/lib/pg: kept');
		expect(frame).toContain('deleted for good');
		await app.press('v');
		await app.waitForFrame((frame) => frame.includes('REMOVED with it'));
		await app.press(keys.enter);
		await app.waitForFrame((frame) => frame.includes('The daemon refused: You cannot remove a running container'));
		expect(engine.containers.some((c) => c.names[0] === 'api')).toBe(true);
		await app.press('y');
		await app.waitForFrame((frame) => frame.includes('api: removed.'));
		expect(engine.containers.some((c) => c.names[0] === 'api')).toBe(false);
		expect(engine.calls.filter((c) => c.method === 'remove').map((c) => c.args[1])).toEqual([
			{force: false, volumes: true},
			{force: true, volumes: true},
		]);
	});

	it('acts on every marked container with progress and lists failures with the daemon’s words', async () => {
		const list = containers();
		const {app, engine} = await setupApp(list);
		engine.failures.set(list[1]!.id, new EngineError('conflict', 'cannot stop container: permission denied by policy', 409));
		engine.actionDelayMs = 50;
		await app.press('v');
		await app.press('x');
		await app.waitForFrame((frame) => frame.includes('Stop 3 containers?'));
		await app.press('y');
		await app.waitForFrame((frame) => /\d\/3 stopped…/.test(frame));
		await app.waitForFrame((frame) => frame.includes('2/3 stopped; 1 failed — db: cannot stop container: permission denied by policy'));
	});

	it('takes a 300-character paste into a dialog whole, in one write, without React giving up on the chain of renders', async () => {
		const {app} = await setupApp(containers(), {columns: 400, rows: 20});
		await app.press('R');
		await app.waitForFrame((frame) => frame.includes('New name for api'));
		const text = Array.from({length: 300}, (_, i) => 'abcdefghij'[i % 10]).join('');
		app.stdin.write('\u0015' + text);
		await app.waitForFrame((frame) => frame.includes(`› ${text}█`), 15_000); // correctness, not speed: a loaded machine takes longer
	});

	it('validates a new name and shows the daemon’s conflict message', async () => {
		const {app, engine} = await setupApp(containers());
		await app.press('R');
		await app.waitForFrame((frame) => frame.includes('New name for api'));
		await app.stdin.write('\u0015');
		await app.press('-bad');
		await app.press(keys.enter);
		await app.waitForFrame((frame) => frame.includes('Invalid container name "-bad"'));
		expect(engine.count('rename')).toBe(0);
		await app.stdin.write('\u0015');
		await app.press('db');
		await app.press(keys.enter);
		await app.waitForFrame((frame) => frame.includes('Could not rename api: Conflict. The container name "/db" is already in use'));
		await app.press('R');
		await app.stdin.write('\u0015');
		await app.press('api-v2');
		await app.press(keys.enter);
		await app.waitForFrame((frame) => frame.includes('Renamed api to api-v2.'));
	});

	it('previews a prune and reports what the daemon removed', async () => {
		const {app, engine} = await setupApp(containers(), {columns: 120, rows: 30});
		await app.press('P');
		await app.waitForFrame((frame) => frame.includes('Prune what?'));
		await app.press(keys.enter);
		await app.waitForFrame((frame) => frame.includes('Prune 1 stopped container: reclaims up to'));
		expect(app.lastFrame()).toContain('job');
		await app.press(keys.enter);
		await app.waitForFrame((frame) => frame.includes('Pruned 1 stopped container ('));
		expect(engine.containers.map((c) => c.names[0])).not.toContain('job');
	});

	it('names what a prune would remove in words, and says nothing of space for networks', async () => {
		const {app} = await setupApp(containers(), {columns: 120, rows: 30}, {engine: (e) => (e.pruneItems.networks = [{id: 'n1', name: 'old-net', size: 0}])});
		const pick = async (downs: number) => {
			await app.press('P');
			await app.waitForFrame((frame) => frame.includes('Prune what?'));
			for (let i = 0; i < downs; i++) await app.press('j');
			await app.press(keys.enter);
		};
		await pick(4);
		await app.waitForFrame((frame) => frame.includes('Prune 1 unused network?'));
		expect(app.lastFrame()).not.toMatch(/0B/);
		await app.press(keys.escape);
		await pick(2);
		await app.waitForFrame((frame) => frame.includes('Nothing to prune: no unused images.'));
	});

	it('in read-only mode hides mutating keys, shows a badge, and changes nothing', async () => {
		const {app, engine} = await setupApp(containers(), {columns: 120, rows: 20}, {props: {readOnly: true}, engine: (e) => (e.readOnly = true)});
		expect(app.lastFrame()).toContain('[read-only]');
		expect(app.lastFrame()).not.toMatch(/x stop|e shell/);
		for (const key of ['x', 'u', 'r', 'K', 'p', 'D', 'R', 'P', 'e', 'E', 'A', 'U']) await app.press(key);
		await new Promise((resolve) => setTimeout(resolve, 100));
		const mutating = ['start', 'stop', 'restart', 'kill', 'pause', 'unpause', 'remove', 'rename', 'prune', 'exec', 'attach', 'copyTo', 'probe'];
		expect(engine.calls.filter((c) => mutating.includes(c.method))).toEqual([]);
		expect(engine.containers.map((c) => c.state)).toEqual(['running', 'running', 'exited', 'paused']);
	});

	it('in read-only mode says a mutating key is refused instead of doing nothing silently', async () => {
		const {app} = await setupApp(containers(), {columns: 160, rows: 20}, {props: {readOnly: true}, engine: (e) => (e.readOnly = true)});
		await app.press('x');
		await app.waitForFrame((frame) => frame.includes("x (Stop) is refused: porthole is read-only (--read-only or the config's readOnly) and changes nothing on the daemon."));
		await app.press('D');
		await app.waitForFrame((frame) => frame.includes('D (Remove) is refused: porthole is read-only'));
	});

	it('opens a shell with sh when bash is missing, and says so when there is no shell', async () => {
		const {app, engine} = await setupApp(containers());
		engine.binaries = new Set();
		await app.press('e');
		await app.waitForFrame((frame) => frame.includes('api has no shell (bash, sh not found)'));
		expect(engine.count('exec')).toBe(0);
	});

	it('sends keys typed right after "/" to the filter bar, never to the list (no stray stop/pause)', async () => {
		const {app, engine} = await setupApp(containers());
		// Written back to back, before React commits the mode change of "/".
		app.stdin.write('/');
		app.stdin.write('x');
		app.stdin.write('p');
		app.stdin.write('u');
		await app.waitForFrame((frame) => frame.includes('filter› xpu'));
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(engine.count('stop') + engine.count('pause') + engine.count('start')).toBe(0);
	});
});
