// A kill is a request: porthole says whether the container stopped, after watching it briefly.
import {describe, expect, it} from 'vitest';
import {killAndWatch, killMessage, parseSignal, runBulk} from '../../source/actions/container-actions.js';
import {FakeEngine, fakeContainer} from '../../source/engine/fake.js';

describe('killAndWatch', () => {
	it('reports the exit code when the signal ends the container', async () => {
		const engine = new FakeEngine([fakeContainer({name: 'web'})]);
		const id = engine.containers[0]!.id;
		expect(await killAndWatch(engine, id, 'SIGTERM', 200)).toEqual({exited: true, exitCode: 143});
	});

	it('reports "still running" after the watch when the process ignores the signal', async () => {
		const engine = new FakeEngine([fakeContainer({name: 'web'})]);
		const id = engine.containers[0]!.id;
		const started = Date.now();
		expect(await killAndWatch(engine, id, 'SIGHUP', 300)).toEqual({exited: false, paused: false});
		expect(Date.now() - started).toBeGreaterThanOrEqual(300);
	});

	it('notices a stop that comes a little after the signal (a TERM handler cleaning up)', async () => {
		const engine = new FakeEngine([fakeContainer({name: 'web'})]);
		const id = engine.containers[0]!.id;
		setTimeout(() => void engine.stop(id), 150);
		expect(await killAndWatch(engine, id, 'SIGHUP', 1000)).toEqual({exited: true, exitCode: 0});
	});
});

describe('killAndWatch with a restart policy', () => {
	it('says a container its restart policy started again did exit, not that it is "still running"', async () => {
		const engine = new FakeEngine([fakeContainer({name: 'web'})]);
		const id = engine.containers[0]!.id;
		const real = engine.inspectState.bind(engine);
		let killed = false;
		engine.kill = async () => {
			killed = true;
		};
		// The daemon's view a moment after a kill of a container with --restart always: running again, counted.
		engine.inspectState = async (target) => {
			const detail = await real(target);
			return killed ? {...detail, running: true, exitCode: 143, restartCount: detail.restartCount + 1, startedAt: new Date(Date.now() + 1000).toISOString()} : detail;
		};
		const outcome = await killAndWatch(engine, id, 'SIGTERM', 300);
		expect(outcome).toEqual({exited: true, exitCode: 143, restarted: true});
		const result = await runBulk(engine, 'kill', [engine.containers[0]!], {signal: 'SIGTERM', watchMs: 300}, () => {});
		expect(killMessage(result, 1).text).toBe('SIGTERM sent to web; it exited (143) and its restart policy started it again.');
	});
});

describe('killMessage', () => {
	const engine = () => new FakeEngine([fakeContainer({name: 'web'}), fakeContainer({name: 'db'}), fakeContainer({name: 'old', state: 'exited', status: 'Exited (0) 1 minute ago'})]);

	it.each([
		['SIGTERM', 'SIGTERM sent to web; it exited (143).'],
		['SIGKILL', 'SIGKILL sent to web; it exited (137).'],
		['SIGUSR1', 'SIGUSR1 sent to web; it is still running.'],
	] as const)('one container, %s → %s', async (signal, text) => {
		const e = engine();
		const result = await runBulk(e, 'kill', [e.containers[0]!], {signal, watchMs: 200}, () => {});
		expect(killMessage(result, 1)).toEqual({text, error: false});
	});

	it('a number is named as a signal, and a kill that reached none says so', async () => {
		const e = engine();
		const one = await runBulk(e, 'kill', [e.containers[0]!], {signal: '10', watchMs: 200}, () => {});
		expect(killMessage(one, 1).text).toBe('Signal 10 sent to web; it is still running.');
		const none = await runBulk(e, 'kill', [e.containers[2]!, e.containers[2]!], {signal: 'SIGHUP', watchMs: 200}, () => {});
		expect(killMessage(none, 2)).toEqual({text: expect.stringMatching(/^Could not send SIGHUP to any of the 2 containers — old: /), error: true});
	});

	it('many: how many exited and which are still running, and the daemon’s words for failures', async () => {
		const e = engine();
		await e.pause(e.containers[1]!.id);
		const result = await runBulk(e, 'kill', e.containers, {signal: 'SIGHUP', watchMs: 200}, () => {});
		const message = killMessage(result, 3);
		expect(message.error).toBe(true);
		expect(message.text).toMatch(/^SIGHUP sent to 2\/3 containers: 0 exited, 2 still running \((web, db|db, web)\); 1 failed — old: Cannot kill container: .* is not running$/);
	});
});

describe('parseSignal', () => {
	it.each([
		['HUP', 'SIGHUP'],
		['sigusr2', 'SIGUSR2'],
		[' SIGTERM ', 'SIGTERM'],
		['RTMIN+3', 'SIGRTMIN+3'],
		['9', '9'],
		['64', '64'],
	])('takes %j as %j', (text, signal) => {
		expect(parseSignal(text)).toEqual({ok: true, signal});
	});

	it.each(['0', '65', '', 'SIG HUP', '-9', 'HUP;rm'])('refuses %j', (text) => {
		expect(parseSignal(text).ok).toBe(false);
	});
});
