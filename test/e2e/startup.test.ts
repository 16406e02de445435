// Issue 11, items 7 and 16: what porthole says when it cannot start. One clear line naming what is
// wrong (the flag, the variable or the file, and what is accepted), a non-zero exit, and never a
// stack trace or a Node warning.
import {execFile} from 'node:child_process';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {engineHost} from '../helpers/docker.js';
import {CLI_PATH, cleanEnv, disposeAllTerms, startTerm} from '../helpers/term.js';

let scratch: string;
beforeAll(async () => {
	scratch = await mkdtemp(path.join(tmpdir(), 'porthole-e2e-startup-'));
});
afterEach(disposeAllTerms);
afterAll(async () => {
	await rm(scratch, {recursive: true, force: true});
});

/** Runs the CLI without a terminal (stdin from /dev/null, output captured). */
async function runPlain(args: string[], env: Record<string, string | undefined> = {}): Promise<{code: number; stdout: string; stderr: string}> {
	return new Promise((resolve) => {
		const child = execFile(process.execPath, [CLI_PATH, ...args], {env: cleanEnv({DOCKER_HOST: engineHost(), ...env}), timeout: 20_000}, (error, stdout, stderr) => {
			resolve({code: error ? ((error as {code?: number}).code ?? 1) : 0, stdout: String(stdout), stderr: String(stderr)});
		});
		child.stdin?.end();
	});
}

/** Runs the CLI in a pty until it exits; returns its exit code and everything it printed. */
async function runInTerm(args: string[], env: Record<string, string | undefined> = {}): Promise<{code: number; text: string}> {
	const term = startTerm({args, env: {DOCKER_HOST: engineHost(), ...env}});
	const exit = await Promise.race([term.exited, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`porthole did not exit:\n${term.screen()}`)), 20_000))]);
	return {code: exit.exitCode, text: term.raw().toString('utf8')};
}

const noTrace = (text: string) => {
	expect(text, 'no stack trace').not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
	expect(text, 'no Node warning').not.toMatch(/Warning|\(node:\d+\)/);
};

describe('without a terminal', () => {
	it('porthole </dev/null says in one line that it needs a terminal and exits 1', async () => {
		const {code, stdout, stderr} = await runPlain([]);
		expect(code).toBe(1);
		expect(stdout).toBe('');
		expect(stderr.trim().split('\n')).toHaveLength(1);
		expect(stderr).toMatch(/^porthole: needs a terminal, and its standard input is not one\./);
		noTrace(stderr);
	});

	it('with standard output redirected to a file it says so at once instead of drawing nothing', async () => {
		const file = path.join(scratch, 'out.txt');
		const term = startTerm({command: '/bin/sh', args: ['-c', `"${process.execPath}" "${CLI_PATH}" > "${file}"; echo "exit=$?"; sleep 0.5`], env: {DOCKER_HOST: engineHost()}});
		await term.waitForText('exit=1', {timeout: 20_000});
		expect(term.screen()).toContain('porthole: needs a terminal, and its standard output is not one.');
		expect(await readFile(file, 'utf8')).toBe('');
	});
});

describe('bad start-up input', () => {
	it('--host nonsense names the flag, the value and the accepted forms', async () => {
		const {code, text} = await runInTerm(['--host', 'nonsense']);
		expect(code).toBe(1);
		expect(text).toContain('porthole: --host: "nonsense" is not a Docker endpoint: use unix:///path/to/docker.sock, tcp://host:2376');
		expect(text).toContain('ssh://user@host');
		noTrace(text);
	});

	it('DOCKER_HOST=nonsense names the variable', async () => {
		const {code, text} = await runInTerm([], {DOCKER_HOST: 'nonsense'});
		expect(code).toBe(1);
		expect(text).toContain('porthole: DOCKER_HOST: "nonsense" is not a Docker endpoint');
	});

	it('--host ssh://… prints no Node deprecation warning before its own message', async () => {
		// Port 1 on loopback: nothing listens, the connection is refused at once.
		const {code, text} = await runInTerm(['--host', 'ssh://nobody@127.0.0.1:1']);
		expect(code).toBe(1);
		expect(text).toMatch(/porthole: .*ssh:\/\/nobody@127\.0\.0\.1:1/);
		noTrace(text);
	});

	it('a PORTHOLE_CONFIG naming a missing file is an error that names the file', async () => {
		const missing = path.join(scratch, 'no-such-config.json');
		const {code, stderr} = await runPlain([], {PORTHOLE_CONFIG: missing});
		expect(code).toBe(1);
		expect(stderr.trim()).toBe(`porthole: config: ${missing}: no such file (named by PORTHOLE_CONFIG).`);
	});
});
