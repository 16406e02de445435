// Tests of the e2e harness itself (test/helpers/term.ts), against a stand-in program rather than
// porthole, so a harness bug is never mistaken for an app bug.
import {afterEach, describe, expect, it} from 'vitest';
import {join} from 'node:path';
import {ROOT, disposeAllTerms, keyBytes, startTerm} from '../helpers/term.js';
import {TEST_IMAGE, docker, engineHost, inspect, removeTestContainers, runContainer, uniqueName, waitForState} from '../helpers/docker.js';

const standIn = join(ROOT, 'test', 'helpers', 'stand-in.mjs');
const start = (cols = 80, rows = 20, env: Record<string, string | undefined> = {}) =>
	startTerm({command: process.execPath, args: [standIn], cols, rows, env});

afterEach(disposeAllTerms);

describe('term harness', () => {
	it('removes CI markers from the child environment and sets TERM', async () => {
		const saved = {CI: process.env['CI'], GITHUB_ACTIONS: process.env['GITHUB_ACTIONS']};
		process.env['CI'] = 'true';
		process.env['GITHUB_ACTIONS'] = 'true';
		try {
			const term = start();
			await term.waitForText('stand-in 80x20');
			expect(term.line(1)).toBe('CI=<unset> TERM=xterm-256color GITHUB_ACTIONS=<unset>');
		} finally {
			for (const [key, value] of Object.entries(saved)) {
				if (value === undefined) delete process.env[key];
				else process.env[key] = value;
			}
		}
	});

	it('delivers named keys and typed text one key at a time', async () => {
		const term = start();
		await term.waitForText('keys: 0');
		await term.press('down');
		await term.press('pgdn');
		await term.press('escape');
		await term.press('ctrl-c');
		await term.type('ab');
		await term.waitForText('keys: 6');
		expect(term.screen().split('\n').slice(3, 9)).toEqual([
			'key "\\u001b[B"',
			'key "\\u001b[6~"',
			'key "\\u001b"',
			'key "\\u0003"',
			'key "a"',
			'key "b"',
		]);
	});

	it('maps key names to the bytes a terminal sends', () => {
		expect(keyBytes('up')).toBe('\x1b[A');
		expect(keyBytes('up', true)).toBe('\x1bOA');
		expect(keyBytes('enter')).toBe('\r');
		expect(keyBytes('ctrl-l')).toBe('\x0c');
		expect(keyBytes('x')).toBe('x');
	});

	it('resizes the pty and the emulator together', async () => {
		const term = start(80, 20);
		await term.waitForText('stand-in 80x20');
		term.resize(120, 40);
		await term.waitForText('stand-in 120x40');
		expect(term.screen().split('\n')).toHaveLength(40);
		expect(term.xterm.cols).toBe(120);
	});

	it('detects the alternate screen, keeps raw bytes and reports the exit', async () => {
		const term = start();
		await term.waitForText('stand-in');
		expect(term.isAlternateScreen()).toBe(true);
		expect(term.raw().includes('\x1b[?1049h')).toBe(true);
		const mark = term.mark();
		await term.press('z');
		expect(term.rawBytesSince(mark).toString()).toContain('key "z"');
		term.write('q');
		await expect(term.exited).resolves.toEqual({exitCode: 0, signal: undefined});
		expect(term.isAlternateScreen()).toBe(false);
		expect(term.screen()).toContain('stand-in done');
	});

	it('rejects a wait with the current screen in the message', async () => {
		const term = start();
		await term.waitForText('stand-in');
		await expect(term.waitForText('never shown', {timeout: 200})).rejects.toThrow(/Timed out after 200 ms[\s\S]*│stand-in 80x20/);
	});

	it('kills a running child on dispose', async () => {
		const term = start();
		await term.waitForText('stand-in');
		const {pid} = term;
		await term.dispose();
		expect(() => process.kill(pid, 0)).toThrow();
	});
});

describe('docker helpers', () => {
	it('refuse any engine but the private one', () => {
		const saved = process.env['DOCKER_HOST'];
		try {
			for (const host of ['unix:///var/run/docker.sock', 'unix:///run/docker.sock', 'tcp://127.0.0.1:2375', '']) {
				process.env['DOCKER_HOST'] = host;
				expect(() => engineHost(), host).toThrow();
			}
		} finally {
			if (saved === undefined) delete process.env['DOCKER_HOST'];
			else process.env['DOCKER_HOST'] = saved;
		}
	});

	it('label test containers, keep them off the network, and remove them', async () => {
		const name = uniqueName('e2e-helper');
		await runContainer(name, [TEST_IMAGE, 'sleep', '300']);
		await waitForState(name, 'running');
		const info = await inspect(name);
		expect(info['Config']['Labels']['porthole.test']).toBe('1');
		expect(info['HostConfig']['NetworkMode']).toBe('none');
		await expect(runContainer(uniqueName('e2e-bad'), ['-p', '8080:80', TEST_IMAGE])).rejects.toThrow(/127\.0\.0\.1/);
		await removeTestContainers();
		expect(await docker(['ps', '-aq', '--filter', 'label=porthole.test=1'])).toBe('');
	});
});
