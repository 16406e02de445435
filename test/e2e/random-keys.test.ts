// Issue 11: 1,000 random keys — every bound key, printable text, Esc, Enter, arrows, resizes — in
// read-only mode, over every view, while a script creates, starts, stops, renames and removes
// containers under porthole. No crash and no stack trace may come of it, and porthole must still
// answer a key at the end.
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {BINDINGS} from '../../source/keymap/keymap.js';
import {TEST_IMAGE, docker, removeTestContainers, runContainer, uniqueName} from '../helpers/docker.js';
import {disposeAllTerms, keyBytes, startTerm, type Term} from '../helpers/term.js';
import {seeded} from '../helpers/random.js';
import {expectHelpThenQuit} from '../helpers/screen.js';

const prefix = uniqueName('e2e-rnd');
let scratch: string;

beforeAll(async () => {
	scratch = await mkdtemp(path.join(tmpdir(), 'porthole-e2e-random-'));
	// Something in every state to act on: running (one logging), exited non-zero, created, paused.
	await runContainer(`${prefix}-logger`, [TEST_IMAGE, 'sh', '-c', 'i=0; while true; do i=$((i+1)); echo "line $i"; sleep 0.2; done']);
	await runContainer(`${prefix}-sleeper`, [TEST_IMAGE, 'sleep', '600']);
	await runContainer(`${prefix}-failed`, [TEST_IMAGE, 'sh', '-c', 'echo bye; exit 3']);
	await docker(['create', '--name', `${prefix}-created`, '--label', 'porthole.test=1', '--network', 'none', TEST_IMAGE, 'true']);
	await runContainer(`${prefix}-paused`, [TEST_IMAGE, 'sleep', '600']);
	await docker(['pause', `${prefix}-paused`]);
});
afterEach(disposeAllTerms);
afterAll(async () => {
	await removeTestContainers();
	await rm(scratch, {recursive: true, force: true});
});


/** Bytes for a key name of the key table ('ctrl+f', 'pagedown', 'G', ' '…). */
function bytesOf(name: string): string {
	if (name.startsWith('ctrl+')) return keyBytes(`ctrl-${name.slice(5)}`);
	if (name === 'shift+tab') return keyBytes('shift-tab');
	return keyBytes(name);
}

/** Every bound key but the ones that quit porthole outright (the test would end too soon). */
const KEYS = [...new Set(BINDINGS.filter((binding) => binding.command !== 'quit').flatMap((binding) => binding.keys))].filter((key) => key !== 'q').map(bytesOf);
const EXTRA = ['\u001B', '\r', '\u001B[A', '\u001B[B', '\u001B[C', '\u001B[D', '\u007F', '\u0015'];
// No q: in the list it quits, and the test would end early (a quit is checked at the end instead).
const PRINTABLE = 'abcdefghijklmnoprstuvwxyz0123456789 -_./=:';

/** Creates, starts, stops, renames and removes containers until stopped. */
function churn(): {stop: () => Promise<void>} {
	let running = true;
	const loop = (async () => {
		for (let i = 0; running; i++) {
			const name = `${prefix}-churn-${i}`;
			await docker(['run', '-d', '--name', name, '--label', 'porthole.test=1', '--network', 'none', TEST_IMAGE, 'sleep', '60']).catch(() => undefined);
			await docker(['rename', name, `${name}-r`]).catch(() => undefined);
			await docker(['stop', '-t', '0', `${name}-r`]).catch(() => undefined);
			if (i % 2 === 0) await docker(['start', `${name}-r`]).catch(() => undefined);
			await docker(['rm', '-f', `${name}-r`]).catch(() => undefined);
		}
	})();
	return {
		stop: async () => {
			running = false;
			await loop;
		},
	};
}

const sleep = async (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function start(): Term {
	return startTerm({cols: 120, rows: 32, cwd: scratch, args: ['--read-only', '--filter', `name=${prefix}`]});
}

describe('random keys under churn, read-only', () => {
	it('1,000 random keys over every view: no crash, no stack trace, still answering', async () => {
		const next = seeded(2026);
		const background = churn();
		const term = start();
		try {
			await term.waitForText(`${prefix}-sleeper`, {timeout: 15_000});
			// First a tour, so that whatever the seed, every view is opened on a container in every
			// state: diff (the crash of issue 11 was d on an unchanged one), inspect, what happened,
			// logs, stats, processes, help, filter.
			for (let row = 0; row < 5; row++) {
				for (const key of ['d', 'i', 'w', 'l', '\r', 't', '?', '/']) {
					term.write('g' + 'j'.repeat(row));
					await sleep(40);
					term.write(key);
					await sleep(150);
					term.write('\u001B');
					await sleep(60);
					if (term.exitStatus()) throw new Error(`porthole exited on ${JSON.stringify(key)} at row ${row}:\n${term.raw().toString('utf8').slice(-3000)}`);
				}
			}
			for (let i = 0; i < 1000; i++) {
				const roll = next();
				if (roll < 0.03) {
					term.resize(40 + Math.floor(next() * 160), 10 + Math.floor(next() * 50));
				} else if (roll < 0.15) {
					let text = '';
					for (let n = 1 + Math.floor(next() * 8); n > 0; n--) text += PRINTABLE[Math.floor(next() * PRINTABLE.length)];
					term.write(text);
				} else if (roll < 0.25) {
					term.write(EXTRA[Math.floor(next() * EXTRA.length)]!);
				} else {
					term.write(KEYS[Math.floor(next() * KEYS.length)]!);
				}
				await sleep(next() < 0.2 ? 60 : 12);
				const exit = term.exitStatus();
				if (exit) {
					// Only a key that quits may end porthole, and then with exit code 0 (none is in the pool).
					throw new Error(`porthole exited (code ${exit.exitCode}) after key ${i}:\n${term.raw().toString('utf8').slice(-3000)}`);
				}
			}
			const raw = term.raw().toString('utf8');
			expect(raw, 'no crash report').not.toContain('porthole crashed');
			expect(raw, 'no stack trace').not.toMatch(/\n\s+at .+:\d+:\d+\)?/);
			expect(raw, 'no uncaught error text').not.toMatch(/TypeError|ReferenceError|RangeError|Unhandled/);
			// Still answering: back to a known size and the list, then ? opens help and q quits cleanly.
			term.resize(120, 32);
			for (let i = 0; i < 6; i++) {
				term.write('\u001B');
				await sleep(80);
			}
			term.write('\u001B');
			await term.waitFor((screen) => /^j\/k move/m.test(screen), 10_000, 'the list after Esc');
			await expectHelpThenQuit(term);
		} finally {
			await background.stop();
		}
	}, 240_000);
});
