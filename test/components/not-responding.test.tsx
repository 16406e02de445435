// The app while the daemon does not answer: the heartbeat notices, the banner says "not
// responding" (not "disconnected"), keys keep working, and the list comes back when it answers.
import {describe, expect, it} from 'vitest';
import {notResponding} from '../../source/engine/errors.js';
import {fakeContainer} from '../../source/engine/fake.js';
import {setupApp} from '../helpers/app.js';
import {keys} from '../helpers/render.js';

function selectedLine(frame: string): string {
	return frame.split('\n').find((line) => line.startsWith('›')) ?? '';
}

describe('App with a daemon that stops answering', () => {
	it('shows the not-responding banner from the heartbeat alone, answers keys, and re-syncs when it answers', async () => {
		const {app, engine} = await setupApp([fakeContainer({name: 'alpha'}), fakeContainer({name: 'beta'})]);
		// Silence: every request, the heartbeat's ping included, goes unanswered. The event stream
		// stays open and says nothing, as it does when the daemon is stopped.
		engine.down = notResponding(engine.endpoint.url, 5);
		await app.waitForFrame((frame) => frame.includes('Docker at unix:///fake/docker.sock is not responding (no answer for 5 s) — retrying'), 4000);
		expect(app.lastFrame()).not.toContain('disconnected from');
		expect(selectedLine(app.lastFrame())).toContain('alpha');
		await app.press('j');
		expect(selectedLine(app.lastFrame())).toContain('beta');
		await app.press('?');
		await app.waitForFrame((frame) => frame.includes('porthole — keys'));
		await app.press(keys.escape);
		await app.waitForFrame((frame) => frame.includes('NAMES'));

		const meanwhile = fakeContainer({name: 'gamma'});
		engine.containers.push(meanwhile);
		engine.down = undefined;
		await app.waitForFrame((frame) => !frame.includes('not responding') && frame.includes('gamma'), 4000);
	});
});
