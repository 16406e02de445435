// Handing the terminal to a container and taking it back, end to end: exec (e, E) and attach (A)
// from the built CLI in a real pty against the private engine. What the container prints must
// reach the user's screen, keys must reach the container, the size must follow the terminal, and
// porthole must come back with its list as it was and the exit code on the message line.
import {execFile} from 'node:child_process';
import {copyFile, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {TEST_IMAGE, TEST_LABEL, docker, engineHost, inspect, removeTestContainers, runContainer, uniqueName} from '../helpers/docker.js';
import {disposeAllTerms, startTerm, type Term} from '../helpers/term.js';
import {expectKeysAct, rowNames, rowOf, select, selectedName} from '../helpers/screen.js';

/** An image holding one static busybox, as /sleep, and nothing else: no /bin/sh, no bash. */
const NO_SHELL_IMAGE = `porthole-e2e-noshell:${uniqueName('t')}`;
const sleeper = [TEST_IMAGE, 'sleep', '600'];
let scratch: string;

beforeAll(async () => {
	scratch = await mkdtemp(path.join(tmpdir(), 'porthole-e2e-interactive-'));
	await copyFile('/bin/busybox', path.join(scratch, 'sleep'));
	// `docker import` of a tar with the single file, through the docker CLI against the private engine.
	await new Promise<void>((resolve, reject) => {
		const tar = execFile('tar', ['-C', scratch, '-cf', '-', 'sleep'], {encoding: 'buffer', maxBuffer: 64 * 1024 * 1024});
		const load = execFile('docker', ['import', '--change', `LABEL ${TEST_LABEL}`, '-', NO_SHELL_IMAGE], {env: {...process.env, DOCKER_HOST: engineHost()}}, (error, _stdout, stderr) =>
			error ? reject(new Error(`docker import: ${String(stderr) || error.message}`)) : resolve(),
		);
		tar.stdout!.pipe(load.stdin!);
	});
});
afterEach(disposeAllTerms);
afterAll(async () => {
	await removeTestContainers();
	await docker(['rmi', '-f', NO_SHELL_IMAGE]).catch(() => undefined);
	await rm(scratch, {recursive: true, force: true});
});




/** Starts porthole listing only containers whose name contains `prefix`; waits for `names`. */
async function open(prefix: string, names: string[], options: {cols?: number; rows?: number} = {}): Promise<Term> {
	const term = startTerm({cols: options.cols ?? 120, rows: options.rows ?? 30, args: ['--filter', `name=${prefix}`], cwd: scratch});
	await term.waitFor((screen) => names.every((name) => rowOf(screen, name)), 10_000, `rows for ${names.join(', ')}`);
	await term.waitForIdle(100);
	return term;
}


/** Waits until porthole's own screen (the alternate one, with its key hints) is back. */
async function waitForList(term: Term, timeout = 10_000): Promise<void> {
	await term.waitFor((screen) => term.isAlternateScreen() && /^j\/k move/m.test(screen), timeout, 'porthole’s list to come back');
}

/** The whole frame is in place: the header on the first line, the key hints on the last. */
function expectIntact(term: Term): void {
	expect(term.line(0), 'the header on the first line').toMatch(/^porthole {2}/);
	expect(term.line(-1), 'the key hints on the last line').toMatch(/^j\/k move/);
}

/** Lines of the normal (non-alternate) screen buffer, where a handed-over session wrote. */
function normalLines(term: Term): string[] {
	const buffer = term.xterm.buffer.normal;
	const lines: string[] = [];
	for (let y = 0; y < buffer.length; y++) lines.push(buffer.getLine(y)?.translateToString(true) ?? '');
	return lines;
}

describe('exec', () => {
	it('e opens sh sized like the terminal, follows a resize, runs commands, and returns with exit code 3 to the list as it was', async () => {
		const prefix = uniqueName('e2e-sh');
		const [web1, web2, db] = [`${prefix}-web1`, `${prefix}-web2`, `${prefix}-db`];
		await Promise.all([runContainer(web1, sleeper), runContainer(db, sleeper)]);
		const web2Id = await runContainer(web2, sleeper);
		const term = await open(prefix, [web1, web2, db]);
		// A word filter and a selection that must survive the handover.
		// The bar opens with the --filter text; a word is added after it.
		await term.press('/');
		await term.type(' web');
		await term.waitForText(`${prefix} web`);
		await term.press('enter');
		await term.waitFor((screen) => rowNames(screen).sort().join() === [web1, web2].sort().join(), 5000, 'only the web rows');
		await select(term, web2);

		await term.press('e');
		await term.waitForText(`porthole: exec sh in ${web2}`, {timeout: 10_000});
		await term.waitFor((screen) => /^\/ #$/m.test(screen), 5000, 'the sh prompt');
		expect(term.isAlternateScreen()).toBe(false);

		term.write('stty size\r');
		await term.waitFor((screen) => /^30 120$/m.test(screen), 5000, '"30 120" from stty size');
		// The terminal's size as the kernel has it (without $LINES/$COLUMNS, which busybox prefers; see the next test).
		term.resize(100, 40);
		await term.waitFor(() => !term.isAlternateScreen(), 1000, 'the shell to keep the terminal');
		await new Promise((resolve) => setTimeout(resolve, 300));
		term.write('(unset LINES COLUMNS; stty size)\r');
		await term.waitFor((screen) => /^40 100$/m.test(screen), 5000, '"40 100" from stty size after the resize');

		term.write('echo hello-$((6*7)) $(hostname)\r');
		await term.waitFor((screen) => new RegExp(`^hello-42 ${web2Id.slice(0, 12)}$`, 'm').test(screen), 5000, 'hello-42 and the container’s hostname');

		term.write('exit 3\r');
		await waitForList(term);
		await term.waitForText(`Back from exec sh in ${web2}: exit code 3.`);
		expect(term.line(-2), 'on the message line, above the key hints').toBe(`Back from exec sh in ${web2}: exit code 3.`);
		// The list as it was: the same rows (filter kept), the same selection, drawn at the new size.
		await term.waitFor((screen) => rowNames(screen).sort().join() === [web1, web2].sort().join() && selectedName(screen) === web2, 3000, 'the filtered list with web2 selected');
		expect(term.screen().split('\n')).toHaveLength(40);
		expectIntact(term);
		expect(await inspect(web2)).toMatchObject({State: {Status: 'running'}});
		await expectKeysAct(term);
	});

	it('e: after a resize, stty size in the shell reports the new size', async () => {
		const name = uniqueName('e2e-rsz');
		await runContainer(name, sleeper);
		const term = await open(name, [name]);
		await term.press('e');
		await term.waitForText(`porthole: exec sh in ${name}`, {timeout: 10_000});
		await term.waitFor((screen) => /^\/ #$/m.test(screen), 5000, 'the sh prompt');
		term.resize(100, 40);
		await new Promise((resolve) => setTimeout(resolve, 300));
		term.write('stty size; echo "LINES=$LINES COLUMNS=$COLUMNS"\r');
		await term.waitForText('LINES=');
		await term.waitFor((screen) => /^40 100$/m.test(screen), 3000, '"40 100" from stty size after the resize');
	});

	it('E runs a command as another user (nobody@id -u), shows its output, and returns when it ends', async () => {
		const name = uniqueName('e2e-cmd');
		await runContainer(name, sleeper);
		const term = await open(name, [name]);
		await term.press('E');
		await term.waitForText(`Command to run in ${name}`);
		await term.type('nobody@id -u');
		await term.waitForText('› nobody@id -u█');
		const mark = term.mark();
		await term.press('enter');
		// The output stays on screen with the exit code until a key is pressed.
		await term.waitForText('exit code 0 · press any key to return to porthole', {timeout: 10_000});
		expect(term.isAlternateScreen()).toBe(false);
		const printed = term.screen().split('\n').map((line) => line.trimEnd());
		expect(printed.slice(printed.indexOf(`porthole: exec id -u in ${name}`) + 1)[0]).toBe('65534');
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(term.isAlternateScreen(), 'still showing the output, not back yet').toBe(false);
		term.write(' ');
		await waitForList(term);
		await term.waitForText(`Back from exec id -u in ${name}: exit code 0.`);
		expect(term.rawBytesSince(mark).toString('utf8')).toContain(`porthole: exec id -u in ${name}`);
		// The dismissing key is not taken as a list key (space would mark the row).
		expect(rowOf(term.screen(), name)).not.toMatch(/^.●/);
		expectIntact(term);
		expect(await docker(['exec', '-u', 'nobody', name, 'id', '-u'])).toBe('65534');
		await expectKeysAct(term);
	});

	it('E with a failing command shows its error output and exit code until a key, then keys act', async () => {
		const prefix = uniqueName('e2e-cmdf');
		await Promise.all([runContainer(`${prefix}-a`, sleeper), runContainer(`${prefix}-b`, sleeper)]);
		const term = await open(prefix, [`${prefix}-a`, `${prefix}-b`]);
		const before = selectedName(term.screen());
		expect(before).toBeDefined();
		await term.press('E');
		await term.waitForText('Command to run in');
		term.write('sh -c "echo oops-$((40+2)) >&2; exit 7"');
		await term.waitForText('exit 7"');
		await term.press('enter');
		await term.waitForText('exit code 7 · press any key to return to porthole', {timeout: 10_000});
		expect(term.screen()).toMatch(/^oops-42$/m);
		// One burst: x dismisses the output, j is porthole's again and moves the selection.
		term.write('xj');
		await waitForList(term);
		await term.waitForText(/exit code 7\.$/m);
		await term.waitFor((screen) => selectedName(screen) !== undefined && selectedName(screen) !== before, 5000, 'j, typed with the dismissing key, to move the selection');
		await expectKeysAct(term);
	});

	it('e on a container without any shell says so and hands nothing over', async () => {
		const name = uniqueName('e2e-nosh');
		await runContainer(name, ['--entrypoint', '/sleep', NO_SHELL_IMAGE, '600']);
		await expect(docker(['exec', name, 'sh', '-c', 'exit 0'])).rejects.toThrow();
		const term = await open(name, [name]);
		const mark = term.mark();
		await term.press('e');
		await term.waitForText(`${name} has no shell (bash, sh not found)`, {timeout: 10_000});
		expect(term.isAlternateScreen()).toBe(true);
		expect(term.rawBytesSince(mark).toString('utf8')).not.toContain('porthole: exec');
		expect(await inspect(name)).toMatchObject({State: {Status: 'running'}});
	});
});

describe('attach', () => {
	/** Attaches to `name` with A and Enter, and waits for the handover. */
	async function attach(term: Term, name: string): Promise<void> {
		await term.press('A');
		await term.waitForText(`Attach to ${name}'s main process?`);
		expect(term.screen()).toContain('Ctrl-C there may STOP the container');
		expect(term.screen()).toContain('Press Ctrl-P then Ctrl-Q to detach');
		await term.press('enter');
		await term.waitForText(`porthole: attach to ${name}`, {timeout: 10_000});
	}
	const lineReader = [TEST_IMAGE, 'sh', '-c', 'while read l; do echo "got:$l"; done'];

	it('A passes a line typed with Enter to a non-TTY main process (-i), as docker attach does', async () => {
		const name = uniqueName('e2e-att');
		await runContainer(name, ['-i', ...lineReader]);
		const term = await open(name, [name]);
		await attach(term, name);
		// As a user types it: the line, then the Enter key (a terminal sends CR for Enter).
		term.write('hello-attach');
		term.write('\r');
		await term.waitFor((screen) => /^got:hello-attach$/m.test(screen), 5000, '"got:hello-attach" from the container');
		expect(term.screen()).toContain(`porthole: attach to ${name} (Ctrl-P Ctrl-Q detaches) — no TTY: lines are sent on Enter`);
	});

	it('A on a non-TTY main process (-i): Ctrl-P Ctrl-Q returns to porthole, leaving it running', async () => {
		const name = uniqueName('e2e-atd');
		await runContainer(name, ['-i', ...lineReader]);
		const term = await open(name, [name]);
		await attach(term, name);
		term.write('\x10');
		term.write('\x11');
		await waitForList(term, 5000);
		await term.waitForText(`Back from attach to ${name}`);
		expect(await inspect(name)).toMatchObject({State: {Status: 'running'}});
		await expectKeysAct(term);
	});

	it.each([
		{how: 'no -i, no -t', flags: [] as string[], back: '\x03'},
		{how: '-t without -i', flags: ['-t'], back: '\x03'},
		{how: '-t without -i, Ctrl-P Ctrl-Q', flags: ['-t'], back: '\x10\x11'},
	])('A on a container whose input is not open ($how) says so, and goes back on its keys, leaving it running', async ({flags, back}) => {
		const name = uniqueName('e2e-atno');
		await runContainer(name, [...flags, TEST_IMAGE, 'sh', '-c', 'while :; do echo tick; sleep 1; done']);
		const term = await open(name, [name]);
		await attach(term, name);
		await term.waitForText(`porthole: attach to ${name} — input not connected (no -i): output only; Ctrl-C or Ctrl-P Ctrl-Q goes back`);
		expect(term.screen()).not.toContain('lines are sent on Enter');
		for (const key of back) term.write(key);
		await waitForList(term, 5000);
		await term.waitForText(`Back from attach to ${name}`);
		expect(await inspect(name)).toMatchObject({State: {Status: 'running'}});
	});

	it('A on a TTY container (-it) shows its output and takes keys; Ctrl-P Ctrl-Q detaches, leaving it running', async () => {
		const name = uniqueName('e2e-atty');
		await runContainer(name, ['-it', TEST_IMAGE, 'sh']);
		const term = await open(name, [name]);
		await attach(term, name);
		term.write('echo tty-$((2+3))\r');
		await term.waitFor((screen) => /^tty-5$/m.test(screen), 5000, '"tty-5" from the container’s shell');
		// Detach in the middle of typing a line: the cursor is far from the start of a line then.
		term.write('echo typed-but-not-sent-when-the-user-detached');
		await term.waitForText('/ # echo typed-but-not-sent-when-the-user-detached');
		term.write('\x10');
		term.write('\x11');
		await waitForList(term);
		await term.waitForText(`Back from attach to ${name}`);
		expect(await inspect(name)).toMatchObject({State: {Status: 'running'}});
		// porthole's whole frame is back, wherever the container left the cursor.
		expectIntact(term);
		await expectKeysAct(term);
	});
});

describe('cp through the keys', () => {
	it('C copies a file out and U copies one in, through their two prompts; keys act afterwards', async () => {
		const prefix = uniqueName('e2e-cpk');
		const [a, b] = [`${prefix}-a`, `${prefix}-b`];
		await Promise.all([runContainer(a, [TEST_IMAGE, 'sh', '-c', 'echo "inside-$((6*7))" > /tmp/out.txt; sleep 600']), runContainer(b, sleeper)]);
		const term = await open(prefix, [a, b]);
		await select(term, a);
		const outDir = await mkdtemp(path.join(scratch, 'out-'));
		// Out: the container path (the prompt starts at "/"), then the host directory (starts at the cwd).
		await term.press('C');
		await term.waitForText(`Path in ${a} to copy out`);
		term.write('tmp/out.txt');
		await term.waitForText('› /tmp/out.txt█');
		await term.press('enter');
		await term.waitForText('Host directory to copy /tmp/out.txt into');
		term.write('\u0015' + outDir);
		await term.waitForText(`› ${outDir}█`);
		await term.press('enter');
		await term.waitForText(`Copied 1 file to ${outDir}`, {timeout: 10_000});
		expect(await readFile(path.join(outDir, 'out.txt'), 'utf8')).toBe('inside-42\n');
		// In: a host file into the container's /tmp.
		const source = path.join(scratch, `in-${prefix}.txt`);
		await writeFile(source, 'from-the-host\n');
		await term.press('U');
		await term.waitForText(`Host file or directory to copy into ${a}`);
		term.write('\u0015' + source);
		await term.waitForText(`› ${source}█`);
		await term.press('enter');
		await term.waitForText(`Directory in ${a} to copy ${source} into`);
		await term.press('enter');
		await term.waitForText(`Copied 1 entry from ${source} into ${a}:/tmp`, {timeout: 10_000});
		expect(await docker(['exec', a, 'cat', `/tmp/in-${prefix}.txt`])).toBe('from-the-host');
		await expectKeysAct(term);
	});
});
