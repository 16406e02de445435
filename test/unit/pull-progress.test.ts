import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import type {ProgressMessage} from '../../source/engine/images-api.js';
import {toProgressMessage} from '../../source/engine/images.js';
import {PullProgress, progressBar} from '../../source/present/pull-progress.js';
import {displayWidth} from '../../source/present/text.js';

// Recorded from Docker 20.10 against the engine script's loopback registry (docker-registry 2.8):
// a pull of a two-layer image whose base layer was already there, and the push of it.
function recorded(name: string): ProgressMessage[] {
	return readFileSync(new URL(`fixtures/${name}.jsonl`, import.meta.url), 'utf8')
		.trim()
		.split('\n')
		.map((line) => toProgressMessage(JSON.parse(line)));
}

describe('toProgressMessage', () => {
	it.each([
		[{status: 'Downloading', id: 'abc', progressDetail: {current: 5, total: 10}, progress: '[=>  ]'}, {status: 'Downloading', id: 'abc', current: 5, total: 10, progress: '[=>  ]'}],
		[{status: 'Pull complete', id: 'abc', progressDetail: {}}, {status: 'Pull complete', id: 'abc'}],
		[{errorDetail: {message: 'boom'}, error: 'boom'}, {status: '', error: 'boom'}],
		[{error: 'only error'}, {status: '', error: 'only error'}],
		[{status: 'Digest: sha256:1'}, {status: 'Digest: sha256:1'}],
		[{progressDetail: {}, aux: {Tag: 'x', Digest: 'sha256:2', Size: 3}}, {status: '', aux: {Tag: 'x', Digest: 'sha256:2', Size: 3}}],
		[null, {status: ''}],
		[{status: 7, id: 3, progressDetail: null}, {status: '7'}],
	])('maps %j', (raw, expected) => {
		expect(toProgressMessage(raw)).toEqual(expected);
	});
});

describe('progressBar', () => {
	it.each([
		[0, 10, '[>         ]'],
		[0.5, 10, '[=====>    ]'],
		[1, 10, '[=========>]'],
		[2, 4, '[===>]'],
		[-1, 4, '[>   ]'],
	])('%d of %d', (fraction, width, expected) => {
		expect(progressBar(fraction, width)).toBe(expected);
	});
});

describe('PullProgress on a recorded pull', () => {
	const messages = recorded('pull-stream');

	it('keeps the latest state per layer, in first-seen order', () => {
		const progress = new PullProgress('pull', 0);
		for (const message of messages) progress.push(message);
		expect(progress.layers.map((layer) => [layer.id, layer.status, layer.done, layer.skipped])).toEqual([
			['56b6ba540053', 'Already exists', true, true],
			['73cfe430ed31', 'Pull complete', true, false],
		]);
		expect(progress.fraction()).toBe(1);
		expect(progress.status).toBe('Status: Downloaded newer image for 127.0.0.1:5000/porthole-test/rec:big');
		expect(progress.digest).toBe('sha256:ae283a42f1a37581f3ec242019c5727d6b7a465684dd296a11107a170e3a8b6b');
		expect(progress.error).toBeUndefined();
	});

	it.each([
		// After "Downloading 101981/9003074": download is half the weight, extract the other half.
		[4, 101_981 / (2 * 9_003_074)],
		// Download complete, nothing extracted yet.
		[6, 0.5],
		// Extracting 196608 of 9003074.
		[8, (9_003_074 + 196_608) / (2 * 9_003_074)],
	])('overall fraction after %d lines', (count, expected) => {
		const progress = new PullProgress('pull', 0);
		for (const message of messages.slice(0, count)) progress.push(message);
		expect(progress.fraction()).toBeCloseTo(expected, 6);
	});

	it('draws a header, a bar per moving layer, a total with elapsed time, bounded by width', () => {
		const progress = new PullProgress('pull', 0);
		for (const message of messages.slice(0, 4)) progress.push(message);
		const lines = progress.lines(80, {nowMs: 12_000});
		expect(lines).toEqual([
			'Pulling from porthole-test/rec',
			'56b6ba540053: Already exists',
			'73cfe430ed31: Downloading [>                             ] 102kB/9.003MB',
			'Total [>                             ] 0% 102kB/9.003MB  12 seconds',
		]);
		for (const line of progress.lines(30, {nowMs: 12_000})) expect(displayWidth(line)).toBeLessThanOrEqual(30);
	});

	it('ends with the digest and status lines; elapsed time freezes at end()', () => {
		const progress = new PullProgress('pull', 1000);
		for (const message of messages) progress.push(message);
		progress.end(4000);
		const lines = progress.lines(100, {nowMs: 99_000});
		expect(lines.slice(-3)).toEqual([
			expect.stringMatching(/^Total \[=+>\] 100% 9.003MB\/9.003MB {2}3 seconds$/),
			'Digest: sha256:ae283a42f1a37581f3ec242019c5727d6b7a465684dd296a11107a170e3a8b6b',
			'Status: Downloaded newer image for 127.0.0.1:5000/porthole-test/rec:big',
		]);
	});
});

describe('PullProgress on a recorded push', () => {
	it('knows push statuses and the pushed digest', () => {
		const progress = new PullProgress('push', 0);
		for (const message of recorded('push-stream')) progress.push(message);
		expect(progress.layers.map((layer) => [layer.id, layer.status, layer.done, layer.skipped])).toEqual([
			['0da6c44073ec', 'Pushed', true, false],
			['dcab6b1969fd', 'Layer already exists', true, true],
		]);
		expect(progress.digest).toBe('sha256:ae283a42f1a37581f3ec242019c5727d6b7a465684dd296a11107a170e3a8b6b');
		expect(progress.lines(120)[0]).toBe('The push refers to repository [127.0.0.1:5000/porthole-test/rec]');
		expect(progress.lines(120)).toContain('big: digest: sha256:ae283a42f1a37581f3ec242019c5727d6b7a465684dd296a11107a170e3a8b6b size: 739');
	});

	it('keeps the error of a failed push', () => {
		const progress = new PullProgress('push', 0);
		for (const message of recorded('push-unreachable')) progress.push(message);
		expect(progress.error).toBe('Get "http://127.0.0.1:5999/v2/": dial tcp 127.0.0.1:5999: connect: connection refused');
		expect(progress.lines(200).at(-1)).toBe('Error: Get "http://127.0.0.1:5999/v2/": dial tcp 127.0.0.1:5999: connect: connection refused');
	});
});

describe('PullProgress bounds', () => {
	it.each([
		[40, 6],
		[40, 16],
		[5, 3],
	])('%d layers in at most %d lines', (layerCount, maxLines) => {
		const progress = new PullProgress('pull', 0);
		for (let i = 0; i < layerCount; i++) progress.push({id: `layer${i}`, status: i % 2 ? 'Pull complete' : 'Downloading', current: 1, total: 10});
		const lines = progress.lines(60, {maxLines, nowMs: 0});
		expect(lines.length).toBeLessThanOrEqual(maxLines);
		if (layerCount + 2 > maxLines) expect(lines.some((line) => /^… \d+ more layers \(\d+ done\)$/.test(line))).toBe(true);
		// The active layers shown are the latest ones.
		expect(lines.filter((line) => line.startsWith('layer')).every((line) => line.includes('Downloading'))).toBe(true);
	});

	it('sanitises daemon text', () => {
		const progress = new PullProgress('pull', 0);
		progress.push({id: 'x\u001b[31m', status: 'Downloading\u001b]0;t\u0007'});
		for (const line of progress.lines(80)) expect(line).not.toMatch(/\u001b|\u0007/);
	});
});
