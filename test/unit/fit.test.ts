import {describe, expect, it} from 'vitest';
import {fitParts, type LinePart, type Run} from '../../source/present/fit.js';
import {ENDPOINT_MIN_COLUMNS, headerLine1, headerLine2} from '../../source/present/header.js';
import {displayWidth, truncateMiddle} from '../../source/present/text.js';
import {info, stats, TOTALS} from '../helpers/header-fixture.js';

const socket = {url: 'unix:///tmp/porthole-engine/docker.sock', source: 'env'} as const;

const text = (runs: ReadonlyArray<Run>) => runs.map((run) => run.text).join('');

describe('truncateMiddle', () => {
	it.each<[string, string, number, string]>([
		['fits: unchanged', 'abc', 3, 'abc'],
		['keeps more of the end', 'unix:///tmp/porthole-engine/docker.sock', 20, 'unix://…/docker.sock'],
		['zero width', 'abcdef', 0, ''],
		['width 1 is just the ellipsis', 'abcdef', 1, '…'],
		['wide characters never split', '日本語日本語', 7, '日…本語'],
	])('%s', (_name, s, width, expected) => {
		expect(truncateMiddle(s, width)).toBe(expected);
		expect(displayWidth(truncateMiddle(s, width))).toBeLessThanOrEqual(Math.max(0, width));
	});
});

describe('fitParts', () => {
	const part = (forms: string[], rank: number, extra: Partial<LinePart> = {}): LinePart => ({
		forms: forms.map((form) => [{text: form}]),
		rank,
		gap: ' ',
		...extra,
	});
	const parts = [part(['AAAA'], 0, {gap: undefined}), part(['BBBBBBBB'], 1, {middleCutMin: 4}), part(['CCCCCC', 'CC'], 2), part(['DDDD'], 3)];

	it.each<[number, string]>([
		[30, 'AAAA BBBBBBBB CCCCCC DDDD'],
		// The highest rank goes first, then the next one is shortened through its forms…
		[20, 'AAAA BBBBBBBB CCCCCC'],
		[16, 'AAAA BBBBBBBB CC'],
		// …then dropped; the part that may be cut in the middle is cut down to its minimum…
		[12, 'AAAA BB…BBBB'],
		[9, 'AAAA B…BB'],
		// …then dropped; the last part standing is cut at the end.
		[8, 'AAAA'],
		[3, 'AA…'],
		[0, ''],
	])('at %i columns: %s', (width, expected) => {
		const line = text(fitParts(parts, width));
		expect(line).toBe(expected);
		expect(displayWidth(line)).toBeLessThanOrEqual(width);
	});

	it('drops the later of two parts of the same rank first, and keeps each run its style', () => {
		const runs = fitParts<'x' | 'y'>(
			[
				{forms: [[{text: 'a', style: 'x'}, {text: 'b', style: 'y'}]], rank: 0},
				{forms: [[{text: 'one'}]], rank: 1, gap: '  '},
				{forms: [[{text: 'two'}]], rank: 1, gap: '  '},
			],
			7,
		);
		expect(runs).toEqual([{text: 'a', style: 'x'}, {text: 'b', style: 'y'}, {text: '  '}, {text: 'one'}]);
	});

	it('cuts across runs at the end, keeping each run its style', () => {
		const runs = fitParts<'x'>([{forms: [[{text: 'abc', style: 'x'}, {text: 'defg'}]], rank: 0}], 5);
		expect(runs).toEqual([{text: 'abc', style: 'x'}, {text: 'd…'}]);
		// A run that ends exactly at the edge with more after it carries the "…" itself.
		expect(text(fitParts([{forms: [[{text: 'abc'}, {text: 'defg'}]], rank: 0}], 3))).toBe('ab…');
	});
});


describe('headerLine1', () => {
	const line = (width: number, overrides: Partial<Parameters<typeof headerLine1>[0]> = {}) =>
		text(headerLine1({endpoint: socket, info, stats, readOnly: false, ...overrides}, width));

	it('shows everything when there is room', () => {
		expect(line(200)).toBe(`porthole  unix:///tmp/porthole-engine/docker.sock  Docker 20.10.24 (API 1.41) linux/amd64   ${TOTALS} (45/100 running measured)`);
	});

	it.each<[number, string]>([
		[160, `porthole  unix:///tmp/porthole-engine/docker.sock  Docker 20.10.24 (API 1.41) linux/amd64   ${TOTALS} (45/100 running measured)`],
		// The version goes first…
		[140, `porthole  unix:///tmp/porthole-engine/docker.sock   ${TOTALS} (45/100 running measured)`],
		// …then the endpoint is cut while the measured hint, one wording at every width, still fits…
		[120, `porthole  unix:///tmp/porthole-engine/docker.sock   ${TOTALS} (45/100 running measured)`],
		// …then dropped, and the endpoint is cut in the middle, keeping the socket's name.
		[80, `porthole  unix:///tm…gine/docker.sock   ${TOTALS}`],
		// At the minimum terminal width the endpoint is gone and the totals are bare.
		[40, 'porthole   CPU 13.5% · MEM 900MiB'],
	])('at %i columns', (width, expected) => {
		expect(line(width)).toBe(expected);
		expect(displayWidth(line(width))).toBeLessThanOrEqual(width);
	});

	it('words the measured hint one way at every width, or leaves it out', () => {
		for (let width = 40; width <= 220; width++) {
			const shown = line(width);
			if (shown.includes('measured')) expect(shown, `at ${width}`).toContain(' (45/100 running measured)');
		}
	});

	it('cuts the endpoint no shorter than its minimum, then drops it', () => {
		const readOnly = line(90, {readOnly: true});
		expect(readOnly).toMatch(/^porthole \[read-only\] {2}unix:\/\/\/.*….*docker\.sock {3}CPU/);
		expect(displayWidth(readOnly)).toBeLessThanOrEqual(90);
		const endpoint = /^porthole \[read-only\] {2}(\S+)/.exec(line(85, {readOnly: true}))![1]!;
		expect(displayWidth(endpoint)).toBe(ENDPOINT_MIN_COLUMNS);
		expect(line(84, {readOnly: true})).toBe(`porthole [read-only]   ${TOTALS}`);
	});

	it('shows a context with its URL, sanitised, and no totals before figures or info exist', () => {
		const endpoint = {url: 'ssh://me@host\u001B[31m', context: 'prod', source: 'context'} as const;
		expect(line(200, {endpoint, stats: new Map()})).toBe('porthole  prod (ssh://me@host)  Docker 20.10.24 (API 1.41) linux/amd64');
		expect(line(200, {endpoint, info: undefined})).toBe('porthole  prod (ssh://me@host)');
	});

	it('shortens a context endpoint to the context name before cutting it', () => {
		const endpoint = {url: socket.url, context: 'porthole-private-engine', source: 'context'} as const;
		expect(line(120, {endpoint})).toBe(`porthole  porthole-private-engine (${socket.url})   ${TOTALS}`);
		expect(line(80, {endpoint})).toBe(`porthole  porthole-private-engine   ${TOTALS}`);
		expect(line(73, {endpoint})).toBe(`porthole  porthol…ivate-engine   ${TOTALS}`);
		expect(line(72, {endpoint})).toBe(`porthole   ${TOTALS}`);
	});

	it('never exceeds the width', () => {
		const endpoint = {url: 'tcp://a-very-long-host-name.example.internal:2376', context: 'production-eu-west', source: 'context'} as const;
		for (let width = 0; width <= 220; width++) {
			for (const readOnly of [false, true]) expect(displayWidth(line(width, {endpoint, readOnly})), `${width}`).toBeLessThanOrEqual(width);
		}
	});
});

describe('headerLine2', () => {
	const line = (width: number, overrides: Partial<Parameters<typeof headerLine2>[0]> = {}) =>
		text(headerLine2({info, shown: 45, total: 103, all: true, sortTitle: 'name', reverse: false, ...overrides}, width));

	it.each<[number, string]>([
		[120, '100 running · 0 paused · 3 stopped · 12 images   showing 45 of 103 (all) · sort: name ↓'],
		[80, '100 running · 0 paused · 3 stopped · 12 images   45/103 (all) · sort: name ↓'],
		[60, '100 running · 0 paused · 3 stopped · 12 images'],
		[40, '100 running · 0 paused · 3 stopped · 12…'],
	])('at %i columns', (width, expected) => {
		expect(line(width)).toBe(expected);
	});

	it('says "showing N (running)" when all are shown, and "…" before the counts are known', () => {
		expect(line(120, {shown: 103, all: false, reverse: true})).toContain('showing 103 (running) · sort: name ↑');
		expect(line(120, {info: undefined})).toBe('…   showing 45 of 103 (all) · sort: name ↓');
	});
});
