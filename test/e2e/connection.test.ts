// The daemon is missing, forbidden, or lost while porthole runs. porthole must say so in plain words
// (the docker CLI's own wording where there is one), exit 1 before taking the screen when it cannot
// start, and survive a lost daemon: show the list as stale, keep running, and re-sync fully when
// the daemon is back.
import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {createServer, connect, type Server, type Socket} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {TEST_IMAGE, TEST_LABEL, docker, engineHost, privateEnginePid, removeTestContainers, runContainer, uniqueName, waitForState} from '../helpers/docker.js';
import {rowNames, select, selectedName} from '../helpers/screen.js';
import {CLI_PATH, disposeAllTerms, startTerm, type Term} from '../helpers/term.js';

/** A stack trace line, as Node prints them. */
const STACK_LINE = /^\s+at .+[:(]\d+:\d+\)?$/m;

/** Runs porthole to its end and returns how it ended and what it printed. */
async function runToExit(term: Term): Promise<{exitCode: number; text: string}> {
	const exit = await Promise.race([
		term.exited,
		new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`porthole did not exit within 20 s:\n${term.screen()}`)), 20_000)),
	]);
	return {exitCode: exit.exitCode, text: term.screen().replace(/\s*\n\s*/g, ' ')};
}

/** Neither the screen nor the raw output shows that porthole took the alternate screen. */
function expectNeverTookTheScreen(term: Term): void {
	expect(term.raw().includes('\x1b[?1049h')).toBe(false);
	expect(term.isAlternateScreen()).toBe(false);
}

afterEach(disposeAllTerms);

describe('no daemon', () => {
	it.each([
		{how: '--host', url: 'unix:///tmp/nonexistent.sock', args: ['--host', 'unix:///tmp/nonexistent.sock'], env: {}},
		{how: 'DOCKER_HOST', url: 'unix:///tmp/nonexistent.sock', args: [], env: {DOCKER_HOST: 'unix:///tmp/nonexistent.sock'}},
		// Port 1 on loopback: nothing listens there, the connection is refused at once.
		{how: 'a closed TCP port', url: 'tcp://127.0.0.1:1', args: ['--host', 'tcp://127.0.0.1:1'], env: {}},
	])('given by $how: says the docker CLI words and exits 1 without a stack trace or the alternate screen', async ({url, args, env}) => {
		const term = startTerm({args, env, cols: 120, rows: 10});
		const {exitCode, text} = await runToExit(term);
		expect(text).toContain(`Cannot connect to the Docker daemon at ${url}. Is the docker daemon running?`);
		expect(exitCode).toBe(1);
		expect(term.screen()).not.toMatch(STACK_LINE);
		expectNeverTookTheScreen(term);
	});
});

/** Whether this process can run a command as another user (it needs root and setpriv). */
function canDropPrivileges(): boolean {
	if (process.getuid?.() !== 0) return false;
	try {
		execFileSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', 'process.exit(0)'], {stdio: 'ignore'});
		return true;
	} catch {
		return false;
	}
}

describe('permission denied', () => {
	it.skipIf(!canDropPrivileges())('as a user outside the docker group: says permission denied, warns the group is root-equivalent, exits 1', async () => {
		const host = engineHost();
		// The premise: nobody (65534) really cannot open the engine's socket.
		const probe = `require('net').connect(${JSON.stringify(host.slice('unix://'.length))}).on('error', e => { console.log(e.code); process.exit(0) }).on('connect', () => { console.log('connected'); process.exit(0) })`;
		const code = execFileSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', probe], {encoding: 'utf8'}).trim();
		expect(code).toBe('EACCES');

		const term = startTerm({
			command: 'setpriv',
			args: ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, CLI_PATH, '--host', host],
			env: {HOME: '/nonexistent'},
			cols: 200,
			rows: 10,
		});
		const {exitCode, text} = await runToExit(term);
		expect(text).toMatch(/permission denied/i);
		expect(text).toContain(host);
		expect(text).toMatch(/docker.{0,3} group/);
		expect(text).toMatch(/root-equivalent/);
		expect(exitCode).toBe(1);
		expect(term.screen()).not.toMatch(STACK_LINE);
		expectNeverTookTheScreen(term);
	});
});

/** A unix-socket proxy in front of the engine that the test can cut and restore. */
class Proxy {
	private server: Server | undefined;
	private readonly sockets = new Set<Socket>();
	constructor(
		readonly path: string,
		private readonly target: string,
	) {}

	async start(): Promise<void> {
		rmSync(this.path, {force: true});
		const server = createServer((client) => {
			const upstream = connect(this.target);
			for (const socket of [client, upstream]) {
				this.sockets.add(socket);
				socket.on('close', () => this.sockets.delete(socket));
				socket.on('error', () => {
					client.destroy();
					upstream.destroy();
				});
			}
			client.pipe(upstream);
			upstream.pipe(client);
		});
		await new Promise<void>((resolve, reject) => server.once('error', reject).listen(this.path, resolve));
		this.server = server;
	}

	/** Stops listening (the socket file goes away) and cuts every connection, as a dying daemon would. */
	async stop(): Promise<void> {
		const server = this.server;
		this.server = undefined;
		if (!server) return;
		const closed = new Promise<void>((resolve) => server.close(() => resolve()));
		for (const socket of this.sockets) socket.destroy();
		await closed;
		rmSync(this.path, {force: true});
	}
}

/** Whether every cell with text on screen line `y` is drawn dim. */
function lineIsDim(term: Term, y: number): boolean {
	const line = term.xterm.buffer.active.getLine(term.xterm.buffer.active.viewportY + y);
	if (!line) return false;
	let sawText = false;
	for (let x = 0; x < term.cols; x++) {
		const cell = line.getCell(x);
		if (!cell || cell.getChars().trim() === '') continue;
		sawText = true;
		if (!cell.isDim()) return false;
	}
	return sawText;
}

/** Whether the first cell of `text` on screen line `y` has a colour of its own (not the default). */
function hasColour(term: Term, y: number, text: string): boolean {
	const x = term.line(y).indexOf(text);
	const cell = term.xterm.buffer.active.getLine(term.xterm.buffer.active.viewportY + y)?.getCell(x);
	return Boolean(cell && !cell.isFgDefault());
}

describe('daemon lost while running', () => {
	const running = uniqueName('e2e-conn-running');
	const exited = uniqueName('e2e-conn-exited');
	let dir: string;
	let proxy: Proxy;

	beforeAll(async () => {
		await removeTestContainers();
		await Promise.all([runContainer(running, [TEST_IMAGE, 'sleep', '600']), runContainer(exited, [TEST_IMAGE, 'true'])]);
		await Promise.all([waitForState(running, 'running'), waitForState(exited, 'exited')]);
		dir = mkdtempSync(join(tmpdir(), 'porthole-proxy-'));
		proxy = new Proxy(join(dir, 'docker.sock'), engineHost().slice('unix://'.length));
	});

	afterAll(async () => {
		await proxy?.stop();
		if (dir) rmSync(dir, {recursive: true, force: true});
		await removeTestContainers();
	});

	it('shows the list as stale while disconnected, stays alive, and re-syncs fully when the daemon is back', async () => {
		await proxy.start();
		const endpoint = `unix://${proxy.path}`;
		const term = startTerm({args: ['--host', endpoint], cols: 120, rows: 20});
		await term.waitFor((screen) => screen.includes(running) && screen.includes(exited), 10_000, 'both containers on screen');
		await term.waitForIdle(100);
		const rowOf = (name: string) => term.screen().split('\n').findIndex((line) => line.includes(name));
		// Live: rows in full colour, the running one's status in its state colour.
		expect(lineIsDim(term, rowOf(exited))).toBe(false);
		expect(hasColour(term, rowOf(running), 'Up ')).toBe(true);

		await proxy.stop();
		await term.waitForText(`disconnected from ${endpoint}`, {timeout: 5000});
		await term.waitForIdle(100);
		// The last list stays, dimmed, with no state colours: nothing is presented as live.
		for (const name of [running, exited]) {
			expect(rowOf(name), `${name} still listed`).toBeGreaterThan(0);
			expect(lineIsDim(term, rowOf(name)), `${name} dimmed`).toBe(true);
		}
		expect(hasColour(term, rowOf(running), 'Up ')).toBe(false);

		// Meanwhile, straight to the engine: porthole cannot know yet.
		const created = uniqueName('e2e-conn-new');
		await runContainer(created, [TEST_IMAGE, 'sleep', '600']);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(term.exitStatus()).toBeUndefined();
		expect(term.screen()).toContain('disconnected');
		expect(term.screen()).not.toContain(created);

		await proxy.start();
		const t0 = Date.now();
		await term.waitForNoText('disconnected', {timeout: 15_000});
		const reconnectedAfter = Date.now() - t0;
		await term.waitForText(created, {timeout: 3000});
		await term.waitForIdle(100);
		expect(reconnectedAfter, `banner gone ${reconnectedAfter} ms after the daemon came back`).toBeLessThan(8000);
		expect(lineIsDim(term, rowOf(created))).toBe(false);
		expect(hasColour(term, rowOf(created), 'Up ')).toBe(true);
		expect(term.exitStatus()).toBeUndefined();
	});
});

/** The header's host totals ("CPU 1.2% of 200% · MEM …"), or undefined when it shows none. */
function headerTotals(term: Term): string | undefined {
	return /CPU \d+\.\d% .*MEM \S+/.exec(term.line(0))?.[0];
}

describe('figures after the daemon comes back', () => {
	const name = uniqueName('e2e-conn-totals');
	let dir: string;
	let proxy: Proxy;

	beforeAll(async () => {
		await removeTestContainers();
		await runContainer(name, [TEST_IMAGE, 'sleep', '600']);
		await waitForState(name, 'running');
		dir = mkdtempSync(join(tmpdir(), 'porthole-proxy-'));
		proxy = new Proxy(join(dir, 'docker.sock'), engineHost().slice('unix://'.length));
	});

	afterAll(async () => {
		await proxy?.stop();
		if (dir) rmSync(dir, {recursive: true, force: true});
		await removeTestContainers();
	});

	it('drops the header totals when the connection is lost, and shows none once nothing runs after the re-sync', async () => {
		await proxy.start();
		const term = startTerm({args: ['--host', `unix://${proxy.path}`], cols: 160, rows: 20});
		await term.waitFor(() => headerTotals(term) !== undefined, 15_000, 'the header totals');

		await proxy.stop();
		await term.waitForText('disconnected from', {timeout: 5000});
		// Figures of a daemon porthole cannot see are not shown as if current.
		await term.waitFor(() => headerTotals(term) === undefined, 3000, 'the totals to go with the connection');

		// The daemon restarted meanwhile without its containers (no live-restore): nothing runs.
		const running = await docker(['ps', '-q', '--filter', `label=${TEST_LABEL}`]);
		if (running) await docker(['kill', ...running.split('\n')]);
		await waitForState(name, 'exited');
		await proxy.start();
		await term.waitForNoText('disconnected', {timeout: 15_000});
		await term.waitFor((screen) => /Exited \(137\)/.test(screen), 5000, 'the re-synced row');
		await term.waitForIdle(100);
		expect(term.line(1)).toMatch(/^0 running/);
		// Stays so: no stale figure comes back with a later frame.
		await new Promise((resolve) => setTimeout(resolve, 2500));
		expect(headerTotals(term), term.line(0)).toBeUndefined();
	});
});

describe('a daemon that stops answering', () => {
	const first = uniqueName('e2e-conn-stop-a');
	const second = uniqueName('e2e-conn-stop-b');
	let pid: number | undefined;

	/** SIGCONT the daemon if this file stopped it: a failing test must never leave it stopped. */
	function resume(): void {
		if (pid === undefined) return;
		process.kill(pid, 'SIGCONT');
		pid = undefined;
	}

	beforeAll(async () => {
		await removeTestContainers();
		await Promise.all([
			runContainer(first, [TEST_IMAGE, 'sh', '-c', 'echo hello-before-stop; while true; do sleep 1; done']),
			runContainer(second, [TEST_IMAGE, 'sleep', '600']),
		]);
		await Promise.all([waitForState(first, 'running'), waitForState(second, 'running')]);
	});

	afterEach(resume);
	afterAll(async () => {
		resume();
		await removeTestContainers();
	});

	it('stopped (SIGSTOP): says not responding within seconds, keys act meanwhile, and all re-syncs on SIGCONT', async () => {
		const term = startTerm({args: ['--filter', 'name=e2e-conn-stop'], cols: 140, rows: 24});
		await term.waitFor((screen) => screen.includes(first) && screen.includes(second), 10_000, 'both containers on screen');
		await term.waitForIdle(100);

		const target = privateEnginePid();
		pid = target;
		process.kill(target, 'SIGSTOP');
		const stoppedAt = Date.now();
		await term.waitForText(/Docker at unix:\/\/\S+ is not responding \(no answer for 5 s\) — retrying/, {timeout: 12_000});
		expect(Date.now() - stoppedAt, 'noticed after').toBeLessThan(10_000);

		// Keys act while the daemon is stopped.
		const selected = selectedName(term.screen());
		await term.press('?');
		await term.waitForText('porthole — keys', {timeout: 2000});
		await term.press('escape');
		await term.waitForNoText('porthole — keys', {timeout: 2000});
		// j or k towards the other row, wherever the daemon's order put it: the selection moves.
		const names = rowNames(term.screen());
		const other = selected === first ? second : first;
		await term.press(names.indexOf(other) > names.indexOf(selected ?? '') ? 'j' : 'k');
		await term.waitFor((screen) => selectedName(screen) === other, 2000, `${other} selected`);
		if (other !== first) await select(term, first);
		expect(selectedName(term.screen())).toBe(first);
		// The logs view says the daemon has not answered, instead of loading for ever.
		await term.press('l');
		await term.waitForText('No answer from the daemon yet', {timeout: 10_000});
		expect(term.exitStatus()).toBeUndefined();

		resume();
		await term.waitForText('hello-before-stop', {timeout: 10_000});
		await term.press('escape');
		await term.waitForNoText('not responding', {timeout: 10_000});
		// Events flow again: a container created now appears without waiting for the safety poll.
		const later = uniqueName('e2e-conn-stop-c');
		await runContainer(later, [TEST_IMAGE, 'sleep', '600']);
		await term.waitForText(later, {timeout: 5000});
	});
});

describe('a socket that accepts and never answers, from the start', () => {
	let dir: string;
	let server: Server;
	const held = new Set<Socket>();

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'porthole-silent-'));
		server = createServer((socket) => {
			// Read the request, never answer it.
			held.add(socket);
			socket.on('data', () => undefined);
			socket.on('close', () => held.delete(socket));
		});
		await new Promise<void>((resolve, reject) => server.once('error', reject).listen(join(dir, 'docker.sock'), resolve));
	});

	afterAll(async () => {
		for (const socket of held) socket.destroy();
		await new Promise<void>((resolve) => server.close(() => resolve()));
		rmSync(dir, {recursive: true, force: true});
	});

	it('draws the screen at once, says not responding, answers keys, and q quits with the terminal restored', async () => {
		const endpoint = `unix://${join(dir, 'docker.sock')}`;
		const started = Date.now();
		const term = startTerm({args: ['--host', endpoint], cols: 120, rows: 20});
		// Before, nothing was drawn for 10 s; a cold start on a loaded 2-core machine takes 1–2 s.
		await term.waitForText(`connecting to ${endpoint}`, {timeout: 8000});
		expect(Date.now() - started, 'first frame after').toBeLessThan(8000);
		expect(term.isAlternateScreen()).toBe(true);
		// Keys answer before the daemon ever did.
		await term.press('?');
		await term.waitForText('porthole — keys', {timeout: 2000});
		await term.press('escape');
		await term.waitForNoText('porthole — keys', {timeout: 2000});
		await term.waitForText(`Docker at ${endpoint} is not responding (no answer for 5 s) — retrying`, {timeout: 10_000});
		await term.press('q');
		const exit = await Promise.race([
			term.exited,
			new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`porthole did not exit:\n${term.screen()}`)), 5000)),
		]);
		expect(exit.exitCode).toBe(0);
		expect(term.isAlternateScreen()).toBe(false);
		expect(term.raw().toString('utf8')).toContain('\x1b[?1049l');
		expect(term.screen()).not.toContain('aborted');
	});
});

