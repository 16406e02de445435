// Container actions from key to daemon, end to end: the built CLI in a real pty against the private
// engine. Every test drives porthole with keys, then checks the daemon with the docker CLI
// (`docker inspect`, `docker volume ls`, `docker diff`), never porthole's own idea of it.
// Also here: read-only mode (keys and the engine guard), inspect with masked secrets, diff, and
// "what happened" for an OOM kill and a missing command. cp and prune are in actions-data.test.ts.
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {resolveEndpoint} from '../../source/engine/connection.js';
import {DockerEngine} from '../../source/engine/docker.js';
import {bytesSize} from '../../source/present/stats.js';
import {TEST_IMAGE, docker, engineHost, inspect, removeTestContainers, runContainer, uniqueName, waitForState} from '../helpers/docker.js';
import {disposeAllTerms, startTerm, type Term} from '../helpers/term.js';
import {rowOf, select, selectedName} from '../helpers/screen.js';

/** PID 1 that handles SIGTERM by exiting with `code` (a plain `sleep` as PID 1 ignores SIGTERM). */
const trapTerm = (code: number) => [TEST_IMAGE, 'sh', '-c', `trap "exit ${code}" TERM; while :; do sleep 1 & wait; done`];
const sleeper = [TEST_IMAGE, 'sleep', '600'];

/** Anonymous volumes this file made, removed afterwards (docker rm -v leaves none, but a kept one is the point of a test). */
const volumes: string[] = [];
let scratch: string;

beforeAll(async () => {
	scratch = await mkdtemp(path.join(tmpdir(), 'porthole-e2e-actions-'));
});
afterEach(disposeAllTerms);
afterAll(async () => {
	await removeTestContainers();
	const existing = new Set((await docker(['volume', 'ls', '-q'])).split('\n'));
	const mine = volumes.filter((volume) => existing.has(volume));
	if (mine.length > 0) await docker(['volume', 'rm', '-f', ...mine]);
	await rm(scratch, {recursive: true, force: true});
});



/** The message line (above the footer). */
const messageLine = (term: Term) => term.line(-2);

/** Starts porthole listing only containers whose name contains `prefix`; waits for `names`. */
async function open(prefix: string, names: string[], options: {cols?: number; rows?: number; args?: string[]} = {}): Promise<Term> {
	const term = startTerm({cols: options.cols ?? 120, rows: options.rows ?? 30, args: ['--filter', `name=${prefix}`, ...(options.args ?? [])], cwd: scratch});
	await term.waitFor((screen) => names.every((name) => rowOf(screen, name)), 10_000, `rows for ${names.join(', ')}`);
	await term.waitForIdle(100);
	return term;
}



/**
 * Waits for a lifecycle action's report (e.g. "web: started."). Messages clear after 8 s, so a
 * timeout also names every message the screen showed since `since` (a refusal such as "Cannot
 * start web: it is running." would otherwise be gone from the final screen).
 */
async function waitForReport(term: Term, text: string, since: number, timeout: number): Promise<void> {
	try {
		await term.waitForText(text, {timeout});
	} catch (error) {
		const output = term.raw().subarray(since).toString('utf8').replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '\n');
		const seen = [...new Set(output.match(/(?:Cannot|Could not|None of|No container|[A-Z][a-z]+ing e2e-)[^\n]*/g) ?? [])];
		throw new Error(`${(error as Error).message}\nMessages shown meanwhile: ${seen.length > 0 ? seen.join(' | ') : 'none'}`);
	}
}

/** Waits until the drawn row of `name` matches `pattern` (e.g. /Exited \(42\)/). */
async function waitForRow(term: Term, name: string, pattern: RegExp, timeout = 10_000): Promise<void> {
	await term.waitFor((screen) => pattern.test(rowOf(screen, name) ?? ''), timeout, `the row of ${name} to match ${pattern}`);
}

/**
 * Clears a text prompt and types `text`, a key at a time, then waits until all of it is shown
 * (`shown`: how the prompt draws it), so the Enter that follows arrives as a key of its own.
 */
async function retype(term: Term, text: string, shown: string): Promise<void> {
	await term.press('ctrl-u');
	await term.type(text);
	await term.waitForText(shown);
}

describe('lifecycle actions', () => {
	it('x stops through SIGTERM, u starts, r restarts with a new start time, p pauses and unpauses', async () => {
		const name = uniqueName('e2e-life');
		await runContainer(name, trapTerm(42));
		const term = await open(name, [name]);

		const t0 = Date.now();
		await term.press('x');
		await term.waitForText(`${name}: stopped.`, {timeout: 15_000});
		const stopped = await inspect(name);
		// Exit code 42 is the container's own TERM handler: docker stop's SIGTERM reached it (SIGKILL would be 137).
		expect({status: stopped['State'].Status, exitCode: stopped['State'].ExitCode}).toEqual({status: 'exited', exitCode: 42});
		expect(Date.now() - t0, 'stopped well within the 10 s grace period').toBeLessThan(8000);
		await waitForRow(term, name, /Exited \(42\)/);

		const beforeStart = term.raw().length;
		await term.press('u');
		await waitForReport(term, `${name}: started.`, beforeStart, 10_000);
		const started = await inspect(name);
		expect(started['State'].Status).toBe('running');
		await waitForRow(term, name, /\bUp /);

		await term.press('r');
		await term.waitForText(`${name}: restarted.`, {timeout: 15_000});
		const restarted = await inspect(name);
		expect(restarted['State'].Status).toBe('running');
		expect(Date.parse(restarted['State'].StartedAt)).toBeGreaterThan(Date.parse(started['State'].StartedAt));

		await term.press('p');
		await term.waitForText(`${name}: paused.`, {timeout: 10_000});
		expect(await inspect(name)).toMatchObject({State: {Status: 'paused', Paused: true}});
		await waitForRow(term, name, /\(Paused\)/);

		await term.press('p');
		await term.waitForText(`${name}: unpaused.`, {timeout: 10_000});
		expect(await inspect(name)).toMatchObject({State: {Status: 'running', Paused: false}});
		await waitForRow(term, name, /\bUp (?!.*Paused)/);
	});

	it('K kills with the signal picked and says what happened: SIGKILL by default (137), SIGTERM (143), SIGHUP (caught), SIGTERM ignored', async () => {
		const prefix = uniqueName('e2e-kill');
		const [byDefault, byTerm, byHup, deaf] = [`${prefix}-def`, `${prefix}-term`, `${prefix}-hup`, `${prefix}-deaf`];
		await Promise.all([
			runContainer(byDefault, sleeper),
			// --init: tini is PID 1 and forwards the signal to sleep, which dies of it (a PID 1 would ignore SIGTERM).
			runContainer(byTerm, ['--init', ...sleeper]),
			runContainer(byHup, [TEST_IMAGE, 'sh', '-c', 'trap "echo caught-hup > /tmp/hup" HUP; while :; do sleep 1 & wait; done']),
			runContainer(deaf, [TEST_IMAGE, 'sh', '-c', "trap '' TERM; while :; do sleep 1 & wait; done"]),
		]);
		const term = await open(prefix, [byDefault, byTerm, byHup, deaf]);

		const kill = async (name: string, downs: number, signal: string, outcome: string) => {
			await select(term, name);
			await term.press('K');
			await term.waitForText(`Kill ${name} with which signal?`);
			expect(term.screen()).toMatch(/│› SIGKILL {2}\(default/);
			for (let i = 0; i < downs; i++) await term.press('j');
			await term.waitForText(`│› ${signal}`);
			await term.press('enter');
			await term.waitForText(`${signal} sent to ${name}; ${outcome}.`, {timeout: 10_000});
		};

		await kill(byDefault, 0, 'SIGKILL', 'it exited (137)');
		expect((await inspect(byDefault))['State']).toMatchObject({Status: 'exited', ExitCode: 137});

		await kill(byTerm, 1, 'SIGTERM', 'it exited (143)');
		expect((await inspect(byTerm))['State']).toMatchObject({Status: 'exited', ExitCode: 143});

		await kill(byHup, 3, 'SIGHUP', 'it is still running');
		await expect.poll(() => docker(['exec', byHup, 'cat', '/tmp/hup']).catch(() => ''), {timeout: 5000}).toBe('caught-hup');
		expect(await inspect(byHup)).toMatchObject({State: {Status: 'running'}});

		// It ignores SIGTERM: nothing died, and the message must not say it did.
		await kill(deaf, 1, 'SIGTERM', 'it is still running');
		expect(await inspect(deaf)).toMatchObject({State: {Status: 'running'}});
		expect(rowOf(term.screen(), deaf)).toMatch(/\bUp /);
		expect(messageLine(term)).not.toContain('killed');
	});

	it('R renames; refuses an invalid name in the dialog; shows the daemon’s words on a name conflict', async () => {
		const prefix = uniqueName('e2e-ren');
		const [name, other, renamed] = [`${prefix}-a`, `${prefix}-b`, `${prefix}-renamed`];
		const id = await runContainer(name, sleeper);
		await runContainer(other, sleeper);
		const term = await open(prefix, [name, other], {cols: 400});

		await select(term, name);
		await term.press('R');
		await term.waitForText(`New name for ${name}`);
		await retype(term, renamed, `› ${renamed}█`);
		await term.press('enter');
		await term.waitForText(`Renamed ${name} to ${renamed}.`);
		expect((await inspect(id))['Name']).toBe(`/${renamed}`);
		await term.waitFor((screen) => Boolean(rowOf(screen, renamed)) && !rowOf(screen, name), 5000, 'the row to show the new name');

		await select(term, renamed);
		await term.press('R');
		await term.waitForText(`New name for ${renamed}`);
		await retype(term, '-bad', '› -bad█');
		await term.press('enter');
		await term.waitForText('Invalid container name "-bad"');
		// The error is inside the dialog, which stays open for a correction.
		expect(term.screen()).toMatch(/│Invalid container name "-bad"/);
		expect(term.screen()).toContain(`New name for ${renamed}`);
		await term.press('escape');
		await term.waitForNoText(`New name for ${renamed}`);
		expect((await inspect(id))['Name']).toBe(`/${renamed}`);

		await term.press('R');
		await term.waitForText(`New name for ${renamed}`);
		await retype(term, other, `› ${other}█`);
		await term.press('enter');
		await term.waitForText(`Could not rename ${renamed}: `);
		// The daemon's own words, as the docker CLI reports them for the same request.
		const refusal = await docker(['rename', renamed, other]).then(
			() => 'the docker CLI renamed it',
			// The CLI adds a line of its own ("Error: failed to rename …") after the daemon's.
			(error: Error) => error.message.replace(/^[^]*?Error response from daemon: /, '').split('\n')[0]!.trim(),
		);
		expect(refusal).toMatch(/Conflict\. The container name "\/.*" is already in use/);
		expect(messageLine(term)).toBe(`Could not rename ${renamed}: ${refusal}`);
		expect((await inspect(id))['Name']).toBe(`/${renamed}`);
	});
});

describe('text typed in one chunk', () => {
	it('R applies a name pasted together with its Enter (one chunk, as a paste or a fast typist over SSH sends it)', async () => {
		const name = uniqueName('e2e-paste');
		const renamed = `${name}-new`;
		const id = await runContainer(name, sleeper);
		const term = await open(name, [name]);
		await term.press('R');
		await term.waitForText(`New name for ${name}`);
		await term.press('ctrl-u');
		await term.waitForText('│› █');
		term.write(`${renamed}\r`);
		await term.waitForText(`Renamed ${name} to ${renamed}.`);
		expect((await inspect(id))['Name']).toBe(`/${renamed}`);
	});
});

describe('remove', () => {
	it('D says what is lost, keeps or removes the anonymous volume as chosen, and offers force for a running container', async () => {
		const prefix = uniqueName('e2e-rm');
		const [keep, drop, running] = [`${prefix}-keep`, `${prefix}-drop`, `${prefix}-run`];
		const writer = ['-v', '/data', TEST_IMAGE, 'sh', '-c', 'head -c 300000 /dev/urandom > /blob; echo x > /data/x'];
		await Promise.all([runContainer(keep, writer), runContainer(drop, writer), runContainer(running, sleeper)]);
		await Promise.all([waitForState(keep, 'exited'), waitForState(drop, 'exited')]);
		const volumeOf = async (name: string) => {
			const mounts = (await inspect(name))['Mounts'] as Array<{Type: string; Name: string; Destination: string}>;
			expect(mounts).toHaveLength(1);
			expect(mounts[0]).toMatchObject({Type: 'volume', Destination: '/data'});
			volumes.push(mounts[0]!.Name);
			return mounts[0]!.Name;
		};
		const [keepVolume, dropVolume] = [await volumeOf(keep), await volumeOf(drop)];
		const sizeRw = Number(await docker(['inspect', '--size', '--format', '{{.SizeRw}}', keep]));
		expect(sizeRw).toBeGreaterThan(290_000);
		const term = await open(prefix, [keep, drop, running], {cols: 250});
		const listed = async () => (await docker(['ps', '-a', '--format', '{{.Names}}'])).split('\n');
		const volumeList = async () => (await docker(['volume', 'ls', '-q'])).split('\n');

		// Without the volumes option: the container goes, its anonymous volume stays behind, dangling.
		await select(term, keep);
		await term.press('D');
		await term.waitForText(`Remove ${keep}?`);
		// A frame can reach the terminal in pieces: wait for the dialog's last line before reading it.
		await term.waitForText('[ ] v  remove anonymous volumes (1)');
		expect(term.screen()).toContain(`${keep} (exited): writable layer ${bytesSize(sizeRw)}`);
		expect(term.screen()).toContain(`anonymous volume ${keepVolume.slice(0, 12)} at /data: left behind, dangling`);
		expect(term.screen()).toContain('[ ] v  remove anonymous volumes (1)');
		await term.press('enter');
		await term.waitForText(`${keep}: removed.`);
		expect(await listed()).not.toContain(keep);
		expect(await volumeList()).toContain(keepVolume);
		expect((await docker(['volume', 'ls', '-q', '--filter', 'dangling=true'])).split('\n')).toContain(keepVolume);

		// With v: the volume goes too.
		await select(term, drop);
		await term.press('D');
		await term.waitForText(`Remove ${drop}?`);
		await term.press('v');
		await term.waitForText('[x] v  remove anonymous volumes (1)');
		expect(term.screen()).toContain(`anonymous volume ${dropVolume.slice(0, 12)} at /data: REMOVED with it`);
		await term.press('enter');
		await term.waitForText(`${drop}: removed.`);
		expect(await listed()).not.toContain(drop);
		expect(await volumeList()).not.toContain(dropVolume);

		// A running container: the daemon refuses a plain remove; porthole shows why and offers force.
		await select(term, running);
		await term.press('D');
		await term.waitForText(`Remove ${running}?`);
		expect(term.screen()).toContain('1 running: the daemon refuses unless force is on (f)');
		await term.press('enter');
		await term.waitForText('The daemon refused: ');
		expect(term.screen()).toMatch(/The daemon refused: You cannot remove a running container [0-9a-f]{64}\. Stop the container before attempting removal or force remove/);
		expect(term.screen()).toContain(`Force-remove ${running}?`);
		expect(await listed()).toContain(running);
		await term.press('y');
		await term.waitForText(`${running}: removed.`, {timeout: 10_000});
		expect(await listed()).not.toContain(running);
	});
});

describe('only applicable actions', () => {
	it('p on an exited container says it cannot be unpaused and changes nothing', async () => {
		const name = uniqueName('e2e-na');
		await runContainer(name, [TEST_IMAGE, 'true']);
		await waitForState(name, 'exited');
		const before = await inspect(name);
		const term = await open(name, [name]);
		await term.press('p');
		await term.waitForText(`Cannot unpause ${name}: it is exited.`);
		await term.press('x');
		await term.waitForText(`Cannot stop ${name}: it is exited.`);
		const after = await inspect(name);
		expect(after['State']).toEqual(before['State']);
	});
});

describe('bulk actions', () => {
	it('stops 3 marked containers, one of which vanished meanwhile: 2/3 stopped, the failure named with the daemon’s words', async () => {
		const prefix = uniqueName('e2e-bulk');
		const names = [`${prefix}-1`, `${prefix}-2`, `${prefix}-3`];
		const ids = await Promise.all(names.map((name) => runContainer(name, trapTerm(0))));
		const [victim, victimId] = [names[1]!, ids[1]!];
		const term = await open(prefix, names, {cols: 220});
		await term.press('v');
		await term.waitFor((screen) => names.every((name) => /^[› ]●/.test(rowOf(screen, name) ?? '')), 3000, 'all three rows marked');
		await term.press('x');
		await term.waitForText('Stop 3 containers?');
		for (const name of names) expect(term.screen()).toContain(`│  ${name}`);
		// Removed behind porthole's back while the confirmation is open: the daemon will answer 404.
		await docker(['rm', '-f', victim]);
		await term.waitFor((screen) => !rowOf(screen, victim), 5000, `${victim} to leave the list`);
		const daemonWords = await docker(['stop', victimId]).then(
			() => 'the docker CLI stopped it',
			(error: Error) => error.message.replace(/^[^]*?Error response from daemon: /, '').trim(),
		);
		expect(daemonWords).toMatch(/^No such container/);
		await term.press('enter');
		await term.waitForText('2/3 stopped; 1 failed', {timeout: 15_000});
		expect(messageLine(term)).toBe(`2/3 stopped; 1 failed — ${victim}: ${daemonWords}`);
		for (const name of [names[0]!, names[2]!]) expect(await inspect(name)).toMatchObject({State: {Status: 'exited', ExitCode: 0}});
	});
});

describe('read-only mode', () => {
	/** What a mutation would change: every container's id, state and name, and every volume. */
	const daemonState = async () => ({
		containers: await docker(['ps', '-a', '--no-trunc', '--format', '{{.ID}} {{.State}} {{.Names}}']),
		startedAt: await docker(['ps', '-aq']).then((ids) => (ids ? docker(['inspect', '--format', '{{.Name}} {{.State.StartedAt}} {{.State.Paused}}', ...ids.split('\n')]) : '')),
		volumes: await docker(['volume', 'ls', '-q']),
	});

	it('--read-only shows [read-only] and every mutating key (x u r K p D R P e E A U) changes nothing', async () => {
		const prefix = uniqueName('e2e-ro');
		const [running, stopped] = [`${prefix}-run`, `${prefix}-stop`];
		await runContainer(running, trapTerm(0));
		await runContainer(stopped, ['-v', '/data', TEST_IMAGE, 'true']);
		await waitForState(stopped, 'exited');
		volumes.push(((await inspect(stopped))['Mounts'] as Array<{Name: string}>)[0]!.Name);
		const before = await daemonState();
		const term = await open(prefix, [running, stopped], {args: ['--read-only']});
		expect(term.line(0)).toContain('[read-only]');
		expect(term.line(-1)).not.toMatch(/\bx stop\b|\be shell\b/);

		for (const name of [running, stopped]) {
			await select(term, name);
			for (const key of ['x', 'u', 'r', 'K', 'p', 'D', 'R', 'P', 'e', 'E', 'A', 'U']) {
				await term.press(key, {settle: 60});
				// Refused out loud, not silently.
				await term.waitFor((screen) => screen.includes(`${key} (`) && screen.includes(') is refused: porthole is read-only'), 3000, `the refusal of ${key}`);
				// Had a dialog opened, y would confirm it.
				await term.press('y', {settle: 60});
				expect(term.screen(), `after ${key} on ${name}`).not.toMatch(/╭/);
			}
		}
		// Still alive and taking keys: the selection moves.
		await term.press('g');
		const first = selectedName(term.screen());
		await term.press('j');
		expect(selectedName(term.screen())).not.toBe(first);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(await daemonState()).toEqual(before);
	});

	it('the engine itself refuses every mutation in read-only mode, whoever calls it', async () => {
		const prefix = uniqueName('e2e-roeng');
		const [running, stopped] = [`${prefix}-running`, `${prefix}-stopped`];
		const id = await runContainer(running, sleeper);
		await runContainer(stopped, [TEST_IMAGE, 'true']);
		await waitForState(stopped, 'exited');
		const hostFile = path.join(scratch, 'upload.txt');
		await writeFile(hostFile, 'should never arrive\n');
		const before = await inspect(id);
		const engine = new DockerEngine(resolveEndpoint({host: engineHost()}), true);
		try {
			// Reads still work: the guard is on methods, not the connection.
			expect((await engine.inspect(id))['Id']).toBe(id);
			const calls: Record<string, () => Promise<unknown>> = {
				stop: () => engine.stop(id, 1),
				kill: () => engine.kill(id, 'SIGKILL'),
				restart: () => engine.restart(id, 1),
				pause: () => engine.pause(id),
				rename: () => engine.rename(id, `${prefix}-renamed`),
				remove: () => engine.remove(id, {force: true, volumes: true}),
				removeStopped: () => engine.remove(stopped, {force: false, volumes: false}),
				startStopped: () => engine.start(stopped),
				prune: () => engine.prune('containers'),
				copyTo: () => engine.copyTo(id, hostFile, '/tmp'),
				exec: () => engine.exec(id, ['sh', '-c', 'touch /tmp/pwned'], {columns: 80, rows: 24}),
			};
			const outcomes: Record<string, string> = {};
			for (const [what, call] of Object.entries(calls)) {
				outcomes[what] = await call().then(
					() => 'resolved',
					(error: {code?: string}) => String(error?.code),
				);
			}
			expect(outcomes).toEqual(Object.fromEntries(Object.keys(calls).map((what) => [what, 'read-only'])));
		} finally {
			engine.close();
		}
		const after = await inspect(id);
		expect({name: after['Name'], state: after['State']}).toEqual({name: before['Name'], state: before['State']});
		expect(await docker(['ps', '-a', '--format', '{{.Names}} {{.State}}', '--filter', `name=${prefix}`])).toBe(
			[`${prefix}-stopped exited`, `${prefix}-running running`].join('\n'),
		);
		expect(await docker(['exec', id, 'ls', '/tmp'])).toBe('');
	});
});

describe('inspect, diff, what happened', () => {
	it('i masks secret env values in the summary, the JSON and a saved file until $ reveals them', async () => {
		const name = uniqueName('e2e-insp');
		await runContainer(name, ['-e', 'DB_PASSWORD=hunter2', '-e', 'API_TOKEN=abc', '-e', 'PLAIN=visible', ...sleeper]);
		const term = await open(name, [name]);
		await term.press('i');
		await term.waitForText(`Inspect ${name}  [summary] JSON  secrets masked`);
		await term.press('G');
		await term.waitForText('Environment');
		await term.waitFor((screen) => /DB_PASSWORD\s+••••$/m.test(screen) && /API_TOKEN\s+••••$/m.test(screen) && /PLAIN\s+visible$/m.test(screen), 3000, 'the environment, masked');

		await term.press('tab');
		await term.waitForText('summary [JSON]  secrets masked');
		await term.press('/');
		await term.type('DB_PASSWORD');
		await term.waitForText('search› DB_PASSWORD');
		await term.press('enter');
		await term.waitForText('"DB_PASSWORD=••••"');
		expect(term.screen()).toContain('"API_TOKEN=••••"');
		expect(term.screen()).toContain('"PLAIN=visible"');
		expect(term.raw().toString('utf8')).not.toContain('hunter2');

		await term.press('s');
		await term.waitForText('save to› ');
		await retype(term, 'masked.json', 'save to› masked.json');
		await term.press('enter');
		await term.waitForText(`to ${path.join(scratch, 'masked.json')} (secrets masked)`);
		const saved = await readFile(path.join(scratch, 'masked.json'), 'utf8');
		expect(saved).toContain('"DB_PASSWORD=••••"');
		expect(saved).toContain('"PLAIN=visible"');
		expect(saved).not.toContain('hunter2');
		expect(saved).not.toContain('API_TOKEN=abc');
		expect(term.raw().toString('utf8')).not.toContain('hunter2');

		await term.press('$');
		await term.waitForText('SECRETS REVEALED');
		await term.waitForText('"DB_PASSWORD=hunter2"');
		expect(term.screen()).toContain('"API_TOKEN=abc"');

		await term.press('$');
		await term.waitForText('[JSON]  secrets masked');
		await term.waitForText('"DB_PASSWORD=••••"');
		expect(term.screen()).not.toContain('hunter2');
		await term.press('s');
		await term.waitForText('save to› ');
		await retype(term, 'masked-again.json', 'save to› masked-again.json');
		await term.press('enter');
		await term.waitForText('(secrets masked)');
		expect(await readFile(path.join(scratch, 'masked-again.json'), 'utf8')).not.toContain('hunter2');
	});

	it('d lists the filesystem changes exactly as docker diff does', async () => {
		const name = uniqueName('e2e-diff');
		await runContainer(name, sleeper);
		await docker(['exec', name, 'sh', '-c', 'touch /tmp/newfile && rm /etc/group']);
		const expected = (await docker(['diff', name])).split('\n').sort();
		expect(expected).toEqual(expect.arrayContaining(['A /tmp/newfile', 'D /etc/group', 'C /etc', 'C /tmp']));
		const term = await open(name, [name]);
		await term.press('d');
		await term.waitForText(`Filesystem changes in ${name}`);
		await term.waitForText('A /tmp/newfile');
		const shown = term
			.screen()
			.split('\n')
			.filter((line) => /^[ACD] \//.test(line))
			.sort();
		expect(shown).toEqual(expected);
	});

	it('d on a container without changes (Engine 20.10 answers null) says so, and j, ? and q still act', async () => {
		const prefix = uniqueName('e2e-nodiff');
		const [first, second] = [`${prefix}-a`, `${prefix}-b`];
		await Promise.all([runContainer(first, sleeper), runContainer(second, sleeper)]);
		// The premise: docker diff prints nothing for either.
		expect(await docker(['diff', first])).toBe('');
		expect(await docker(['diff', second])).toBe('');
		const term = await open(prefix, [first, second]);
		const selected = selectedName(term.screen())!;
		await term.press('d');
		await term.waitForText(`Filesystem changes in ${selected}`);
		await term.waitForText('No changes');
		await term.press('escape');
		await term.waitForNoText('Filesystem changes');
		await term.press('j');
		await term.waitFor((screen) => selectedName(screen) !== undefined && selectedName(screen) !== selected, 3000, 'the selection to move');
		await term.press('?');
		await term.waitForText('porthole — keys');
		await term.press('escape');
		await term.waitForNoText('porthole — keys');
		await term.press('q');
		expect((await term.exited).exitCode).toBe(0);
	});

	it('w explains an OOM kill: exit 137, its meaning, OOMKilled yes with the limit, the last lines', async () => {
		const name = uniqueName('e2e-oom');
		await runContainer(name, ['--memory', '8m', '--memory-swap', '8m', TEST_IMAGE, 'sh', '-c', 'echo before-oom; x=$(head -c 50000000 /dev/zero | tr "\\0" a); echo $x']);
		await waitForState(name, 'exited', 20_000);
		expect(await inspect(name)).toMatchObject({State: {OOMKilled: true, ExitCode: 137}});
		const term = await open(name, [name], {cols: 150});
		await term.press('w');
		await term.waitForText(`What happened to ${name}`);
		await term.waitForText('before-oom');
		const screen = term.screen();
		expect(screen).toMatch(/^Exit code +137 — killed by SIGKILL \(often the OOM killer, or docker kill \/ stop timeout\)$/m);
		expect(screen).toMatch(new RegExp(`^OOM killed +yes — the kernel's OOM killer ended it; memory limit was ${bytesSize(8 * 1024 * 1024)}$`, 'm'));
		expect(screen).toMatch(/^Last lines before it stopped$/m);
		expect(screen).toMatch(/^ {2}before-oom$/m);
	});

	it('w explains exit 127 from a shell: command not found, with the last lines it wrote', async () => {
		const name = uniqueName('e2e-127');
		await runContainer(name, [TEST_IMAGE, 'sh', '-c', 'echo about-to-fail; nosuchcmd']);
		await waitForState(name, 'exited');
		expect((await inspect(name))['State'].ExitCode).toBe(127);
		const term = await open(name, [name], {cols: 150});
		await term.press('w');
		await term.waitForText(`What happened to ${name}`);
		await term.waitForText('nosuchcmd');
		const screen = term.screen();
		expect(screen).toMatch(/^Exit code +127 — command not found$/m);
		expect(screen).toMatch(/^OOM killed +no \(no memory limit was set\)$/m);
		expect(screen).toMatch(/^ {2}about-to-fail$/m);
		expect(screen).toMatch(/^ {2}sh: nosuchcmd: not found$/m);
	});

	it('w explains a container whose command does not exist at all: exit 127 and the daemon’s error', async () => {
		// The runtime cannot start it: the daemon leaves it "created" with ExitCode 127 and State.Error.
		const name = uniqueName('e2e-nobin');
		await expect(runContainer(name, [TEST_IMAGE, 'nosuchcmd'])).rejects.toThrow(/executable file not found/);
		const state = (await inspect(name))['State'] as {Status: string; ExitCode: number; Error: string};
		expect(state).toMatchObject({Status: 'created', ExitCode: 127});
		expect(state.Error).toMatch(/"nosuchcmd": executable file not found in \$PATH/);
		const term = await open(name, [name], {cols: 250});
		await term.press('w');
		await term.waitForText(`What happened to ${name}`);
		await term.waitForIdle(200);
		const screen = term.screen();
		expect(screen).toMatch(/^Exit code +127 — command not found$/m);
		expect(screen).toContain('executable file not found in $PATH');
	});
});
