import {afterEach, describe, expect, it, vi} from 'vitest';
import {Demuxer} from '../../source/engine/docker.js';
import {fakeContainer, FakeEngine} from '../../source/engine/fake.js';
import {compileSearch, defaultLogFileName, logsStateText, matchRanges, nameColor, parseStamp, parseTimeArg, resumeAfter, splitTimestamp, timeAtOrBefore, timeKey} from '../../source/present/logs.js';
import {segmentLine} from '../../source/present/log-segments.js';
import {LogsStore} from '../../source/store/logs.js';
import {LogBuffer, linesBetween, type LogList} from '../../source/store/log-buffer.js';
import {bottomTop, findHit, initialLogsView, logLineCount, matchCount, scrollLogs, seqAt, topIndex, viewBuffer, visibleLogLines} from '../../source/store/logs-view.js';
import {logsText} from '../../source/actions/save-logs.js';

function frame(stream: 1 | 2, text: string): Buffer {
	const payload = Buffer.from(text);
	const header = Buffer.alloc(8);
	header[0] = stream;
	header.writeUInt32BE(payload.length, 4);
	return Buffer.concat([header, payload]);
}

describe('Demuxer', () => {
	it('splits stdout and stderr frames across any chunk boundary', () => {
		const bytes = Buffer.concat([frame(1, 'out one\n'), frame(2, 'err one\n'), frame(1, 'out two\n')]);
		for (let cut = 0; cut <= bytes.length; cut += 1) {
			const demuxer = new Demuxer();
			const chunks = [...demuxer.push(bytes.subarray(0, cut)), ...demuxer.push(bytes.subarray(cut))];
			expect(chunks.map((c) => `${c.stream}:${c.data.toString()}`)).toEqual(['stdout:out one\n', 'stderr:err one\n', 'stdout:out two\n']);
		}
	});
});

describe('timestamps and times', () => {
	it('splits Docker’s RFC 3339 nano prefix into a sortable key', () => {
		const {time, rest} = splitTimestamp('2026-11-22T13:49:24.06569087Z hello world');
		expect(rest).toBe('hello world');
		expect(timeKey(time!)).toBe('01795355364.065690870');
		expect(time).toBe('2026-11-22T13:49:24.06569087Z');
		expect(splitTimestamp('no stamp here').time).toBeUndefined();
	});
	it('reads a stamp on its own, as the log reader takes it off each daemon message', () => {
		expect(timeKey(parseStamp('2026-11-22T13:49:24.065690876Z')!)).toBe('01795355364.065690876');
		expect(timeKey(parseStamp('2026-11-22T13:49:24+01:00')!)).toBe(timeKey('2026-11-22T12:49:24Z'));
		expect(parseStamp('2026-11-22T13:49:24.065690876Z ')).toBeUndefined();
		expect(parseStamp('2026-13-45T13:49:24Z')).toBeUndefined();
		expect(parseStamp('hello')).toBeUndefined();
	});
	it('orders keys correctly as strings', () => {
		const a = splitTimestamp('2026-11-22T13:49:24.9Z a').time!;
		const b = splitTimestamp('2026-11-22T13:49:25.000000001Z b').time!;
		expect(timeKey(a) < timeKey(b)).toBe(true);
		expect(timeAtOrBefore(a, b)).toBe(true);
		expect(timeAtOrBefore(b, a)).toBe(false);
		// Fixed-width UTC stamps compare as text; others by key.
		expect(timeAtOrBefore('2026-11-22T13:49:24.000000002Z', '2026-11-22T13:49:24.000000010Z')).toBe(true);
		expect(timeAtOrBefore('2026-11-22T14:49:24.5+01:00', '2026-11-22T13:49:24.4Z')).toBe(false);
	});
	it('resumes just after a line, carrying into the next second', () => {
		expect(resumeAfter(splitTimestamp('2026-11-22T13:49:24.5Z x').time!)).toBe('1795355364.500000001');
		expect(resumeAfter(splitTimestamp('2026-11-22T13:49:24.999999999Z x').time!)).toBe('1795355365.000000000');
	});
	it.each([
		['10m', 1_000_000 - 600],
		['2h', 1_000_000 - 7200],
		['1h30m', 1_000_000 - 5400],
		['45s', 1_000_000 - 45],
	])('since %s', (input, seconds) => {
		const result = parseTimeArg(input, 1_000_000_000);
		expect(result.ok && Number(result.value)).toBe(seconds);
	});
	it('accepts RFC 3339 and Unix seconds, rejects nonsense', () => {
		expect(parseTimeArg('2026-11-22T10:00:00Z', 0)).toEqual({ok: true, value: '1795341600.000'});
		expect(parseTimeArg('1763805600.5', 0)).toEqual({ok: true, value: '1763805600.5'});
		expect(parseTimeArg('yesterday', 0).ok).toBe(false);
	});
});

describe('search', () => {
	it('matches plain text case-insensitively by default and regexes on request', () => {
		const plain = compileSearch({query: 'a.c', regex: false, caseSensitive: false});
		expect(plain.ok && matchRanges('xA.Cx abc', plain.pattern)).toEqual([[1, 4]]);
		const regex = compileSearch({query: 'a.c', regex: true, caseSensitive: true});
		expect(regex.ok && matchRanges('A.C abc', regex.pattern)).toEqual([[4, 7]]);
		expect(compileSearch({query: '(', regex: true, caseSensitive: false}).ok).toBe(false);
	});
	it('overlays matches on colour spans', () => {
		const segments = segmentLine('error: disk full', [{start: 0, end: 5, fg: 'red'}], [[7, 11]], true);
		expect(segments).toEqual([
			{text: 'error', style: {fg: 'red'}},
			{text: ': '},
			{text: 'disk', match: true},
			{text: ' full'},
		]);
		expect(segmentLine('error', [{start: 0, end: 5, fg: 'red'}], [], false)).toEqual([{text: 'error'}]);
	});
	it('gives each name a stable colour and safe file names', () => {
		expect(nameColor('shop-web-1')).toBe(nameColor('shop-web-1'));
		expect(defaultLogFileName('we/b: 1', Date.UTC(2026, 10, 22, 13, 4, 5))).toBe('we_b_1-20261122-130405.log');
	});
});

const stores: LogsStore[] = [];
afterEach(() => {
	for (const store of stores.splice(0)) store.stop();
});

function logContainer(name: string, lines: number, start = Date.UTC(2026, 0, 1)) {
	return fakeContainer({
		name,
		log: Array.from({length: lines}, (_, i) => ({stream: i % 10 === 9 ? ('stderr' as const) : ('stdout' as const), text: `${name} line ${i + 1}`, time: start + i * 1000})),
	});
}

/** A started store following one container's logs (stopped after the test). */
function following(container: ReturnType<typeof logContainer>, options: ConstructorParameters<typeof LogsStore>[2], name = 'web') {
	const engine = new FakeEngine([container]);
	const store = new LogsStore(engine, [{id: container.id, name}], {flushMs: 10, ...options});
	stores.push(store);
	store.start();
	return {engine, store};
}

describe('LogsStore', () => {
	it('reads the tail, marks stderr, follows new lines in batches', async () => {
		const web = logContainer('web', 500);
		const {engine, store} = following(web, {tail: 200});
		await vi.waitFor(() => expect(store.getSnapshot().lines).toHaveLength(200));
		const lines = [...store.getSnapshot().lines];
		expect(lines[0]!.text).toBe('web line 301');
		expect(lines.at(-1)!.text).toBe('web line 500');
		expect(lines.filter((l) => l.stream === 'stderr').length).toBe(20);
		expect(store.getSnapshot().status).toEqual(['following']);
		engine.writeLog(web.id, 'stdout', 'fresh line');
		await vi.waitFor(() => expect(store.getSnapshot().lines.at(-1)!.text).toBe('fresh line'));
	});

	it('stays bounded: old lines are evicted and counted', async () => {
		const web = logContainer('web', 50);
		const {engine, store} = following(web, {tail: 'all', maxLines: 20});
		await vi.waitFor(() => expect(store.getSnapshot().received).toBe(50));
		expect(store.getSnapshot().lines).toHaveLength(20);
		expect(store.getSnapshot().evicted).toBe(30);
		expect(store.getSnapshot().lines.at(0)!.text).toBe('web line 31');
	});

	it('leaves a held buffer alone when it drops lines, and trims in place again when released', async () => {
		const web = logContainer('web', 20);
		const {engine, store} = following(web, {tail: 'all', maxLines: 20});
		await vi.waitFor(() => expect(store.getSnapshot().received).toBe(20));
		const pinned = store.getSnapshot().lines;
		store.hold(true);
		for (let i = 0; i < 5; i++) engine.writeLog(web.id, 'stdout', `held ${i}`);
		await vi.waitFor(() => expect(store.getSnapshot().received).toBe(25));
		const live = store.getSnapshot().lines;
		expect(live).not.toBe(pinned);
		expect(live).toHaveLength(20);
		expect(live.at(-1)!.text).toBe('held 4');
		// The held array still starts where it did: the paused view's lines are all there.
		expect(pinned.at(0)!.text).toBe('web line 1');
		expect(pinned.length).toBe(25);
		// Still held, more lines: the new array is trimmed in place, not copied again.
		engine.writeLog(web.id, 'stdout', 'held 5');
		await vi.waitFor(() => expect(store.getSnapshot().received).toBe(26));
		expect(store.getSnapshot().lines).toBe(live);
		expect(live.at(0)!.text).toBe('web line 7');
		store.hold(false);
		engine.writeLog(web.id, 'stdout', 'released');
		await vi.waitFor(() => expect(store.getSnapshot().received).toBe(27));
		expect(store.getSnapshot().lines).toBe(live);
		expect(live).toHaveLength(20);
		expect(live.at(0)!.text).toBe('web line 8');
	});

	it('bounds memory by size too: a flood of long lines keeps only what fits', async () => {
		const big = fakeContainer({name: 'big', log: Array.from({length: 100}, (_, i) => ({stream: 'stdout' as const, text: 'x'.repeat(10_000) + i, time: i}))});
		const engine = new FakeEngine([big]);
		const store = new LogsStore(engine, [{id: big.id, name: 'big'}], {tail: 'all', maxChars: 100_000, flushMs: 10});
		stores.push(store);
		store.start();
		await vi.waitFor(() => expect(store.getSnapshot().received).toBe(100));
		const kept = [...store.getSnapshot().lines];
		expect(kept.reduce((sum, l) => sum + l.text.length, 0)).toBeLessThanOrEqual(100_000);
		expect(kept.at(-1)!.text.endsWith('99')).toBe(true);
	});

	it('merges several containers by timestamp', async () => {
		const t0 = Date.UTC(2026, 0, 1);
		const a = fakeContainer({name: 'a', log: [0, 2, 4].map((s) => ({stream: 'stdout' as const, text: `a${s}`, time: t0 + s * 1000}))});
		const b = fakeContainer({name: 'b', log: [1, 3, 5].map((s) => ({stream: 'stdout' as const, text: `b${s}`, time: t0 + s * 1000}))});
		const engine = new FakeEngine([a, b]);
		const store = new LogsStore(engine, [{id: a.id, name: 'a'}, {id: b.id, name: 'b'}], {tail: 'all', flushMs: 10});
		stores.push(store);
		store.start();
		await vi.waitFor(() => expect(store.getSnapshot().lines).toHaveLength(6));
		expect([...store.getSnapshot().lines].map((l) => l.text)).toEqual(['a0', 'b1', 'a2', 'b3', 'a4', 'b5']);
		// A late line with an earlier time still lands in order.
		engine.writeLog(b.id, 'stdout', 'b4.5', t0 + 4500);
		engine.writeLog(a.id, 'stdout', 'a6', t0 + 6000);
		await vi.waitFor(() => expect(store.getSnapshot().lines).toHaveLength(8));
		expect([...store.getSnapshot().lines].map((l) => l.text).slice(-3)).toEqual(['b4.5', 'b5', 'a6']);
	});

	it('adds an exit marker and resumes after a restart without repeating lines', async () => {
		const web = logContainer('web', 3);
		const {engine, store} = following(web, {tail: 'all'});
		await vi.waitFor(() => expect(store.getSnapshot().lines).toHaveLength(3));
		web.state = 'exited';
		engine.endLogs(web.id);
		store.handleEvent({type: 'container', action: 'die', id: web.id, attributes: {exitCode: '137'}, timeNano: Date.now() * 1e6});
		await vi.waitFor(() => expect(store.getSnapshot().lines.at(-1)!.text).toMatch(/web exited with code 137/));
		expect(store.getSnapshot().lines.at(-1)!.stream).toBe('marker');
		web.state = 'running';
		engine.writeLog(web.id, 'stdout', 'after restart');
		store.handleEvent({type: 'container', action: 'start', id: web.id, attributes: {}, timeNano: Date.now() * 1e6});
		await vi.waitFor(() => expect(store.getSnapshot().lines.at(-1)!.text).toBe('after restart'));
		const texts = [...store.getSnapshot().lines].map((l) => l.text);
		expect(texts.filter((t) => t === 'web line 1')).toHaveLength(1);
		expect(store.getSnapshot().status).toEqual(['following']);
	});

	it('never lets escape sequences into line text, and keeps colours as spans', async () => {
		const evil = fakeContainer({name: 'evil', log: [{stream: 'stdout', text: '\u001b]0;pwned\u0007\u001b[31mred\u001b[0m \u001b[2Jafter', time: 0}]});
		const engine = new FakeEngine([evil]);
		const store = new LogsStore(engine, [{id: evil.id, name: 'evil'}], {tail: 'all', flushMs: 10});
		stores.push(store);
		store.start();
		await vi.waitFor(() => expect(store.getSnapshot().lines).toHaveLength(1));
		const [line] = store.getSnapshot().lines;
		expect(line!.text).toBe('red after');
		expect(line!.spans).toEqual([{start: 0, end: 3, fg: 'red'}]);
	});
});

describe('logs view', () => {
	const lines = LogBuffer.of(Array.from({length: 100}, (_, i) => ({seq: i + 1, stream: 'stdout' as const, source: 0, text: i % 7 === 0 ? `error ${i}` : `ok ${i}`})));
	const one = () => 1;
	const texts = (list: LogList, start: number, end: number) => linesBetween(list, start, end).map((line) => line.text);

	it('follows the bottom, pauses on scroll up, resumes at the bottom', () => {
		let view = initialLogsView();
		const bottom = bottomTop(lines, 10, one);
		expect(bottom).toBe(90);
		expect(topIndex(lines, view, 10, one)).toBe(90);
		view = scrollLogs(view, lines, 90, -5, bottom, {lines, received: 100});
		expect(view.follow).toBe(false);
		expect(view.pausedAt).toBe(100);
		expect(view.anchor).toBe(86);
		expect(topIndex(lines, view, 10, one)).toBe(85);
		view = scrollLogs(view, lines, 85, 10, bottom, {lines, received: 120});
		expect(view.follow).toBe(true);
		expect(view.frozen).toBeUndefined();
	});

	it('keeps its top line as old lines are dropped, and moves to the next one when that line goes', () => {
		const live = lines.copyFrom(0);
		let view = initialLogsView();
		view = scrollLogs(view, live, 50, 0, 90, {lines: live, received: 100});
		expect(topIndex(live, view, 10, one)).toBe(50);
		live.dropOldest(20);
		expect(topIndex(live, view, 10, one)).toBe(30);
		expect(texts(live, 30, 31)).toEqual(['ok 50']);
		live.dropOldest(40);
		// The anchor is gone: the view shows the oldest line left (the next after it).
		expect(topIndex(live, view, 10, one)).toBe(0);
	});

	it('holds still while paused, though the live buffer drops every line it showed', () => {
		const live = lines.copyFrom(0);
		let view = initialLogsView();
		const bottom = bottomTop(live, 10, one);
		view = scrollLogs(view, live, bottom, -1, bottom, {lines: live, received: 100});
		const shownBefore = texts(viewBuffer(view, live), 89, 99);
		// A flood while held: the store moves on to a new buffer with only new lines.
		const next = LogBuffer.of(Array.from({length: 100}, (_, i) => ({seq: 101 + i, stream: 'stdout' as const, source: 0, text: `new ${i}`})));
		const buffer = viewBuffer(view, next);
		const top = topIndex(buffer, view, 10, one);
		expect(texts(buffer, top, top + 10)).toEqual(shownBefore);
		// Scrolling further up reads the same buffer; going back to the bottom resumes the live one.
		view = scrollLogs(view, buffer, top, -3, bottom, {lines: next, received: 200});
		expect(view.pausedAt).toBe(100);
		expect(viewBuffer(view, next)).toBe(buffer);
		view = scrollLogs(view, buffer, 86, 10, bottom, {lines: next, received: 200});
		expect(view.follow).toBe(true);
		expect(viewBuffer(view, next)).toBe(next);
	});

	it('filters like grep and finds hits both ways, wrapping around', () => {
		const view = {...initialLogsView(), search: {query: 'ERROR', regex: false, caseSensitive: false}, filterOnly: true};
		const shown = visibleLogLines(lines, view);
		expect(shown).toHaveLength(15);
		expect(texts(shown, 0, 3)).toEqual(['error 0', 'error 7', 'error 14']);
		expect(matchCount(lines, view.search)).toBe(15);
		expect(logLineCount(shown)).toBe(15);
		expect(findHit(lines, view.search, 0, 1)).toBe(7);
		expect(findHit(lines, view.search, 7, -1)).toBe(0);
		expect(findHit(lines, view.search, 98, 1)).toBe(0);
	});

	it('a filtered list made before old lines were dropped still reads the lines it matched', () => {
		const live = lines.copyFrom(0);
		const view = {...initialLogsView(), search: {query: 'error', regex: false, caseSensitive: false}, filterOnly: true};
		const shown = visibleLogLines(live, view);
		live.dropOldest(10);
		expect(shown.at(0)).toBeUndefined();
		expect(shown.at(1)).toBeUndefined();
		expect(shown.text(2)).toBe('error 14');
		expect(shown.seq(2)).toBe(15);
		// Dropped lines are neither a position to keep nor a row to draw.
		expect(seqAt(shown, 0)).toBeUndefined();
		expect(seqAt(shown, 2)).toBe(15);
		expect(texts(shown, 0, 3)).toEqual(['error 14']);
	});

	it('writes saved lines as shown, with timestamps and names when on', () => {
		const time = splitTimestamp('2026-01-01T00:00:00.5Z x').time;
		const saved = logsText(
			[
				{seq: 1, stream: 'stdout', source: 0, text: 'one', time},
				{seq: 2, stream: 'stderr', source: 1, text: 'two', time},
			],
			{timestamps: true, targets: [{id: 'a', name: 'api'}, {id: 'b', name: 'db'}]},
		);
		expect(saved).toBe('2026-01-01T00:00:00.5Z api | one\n2026-01-01T00:00:00.5Z db  | two\n');
	});
});

describe('logsStateText', () => {
	it.each<[string[], boolean, number, string]>([
		[['loading'], true, 0, 'loading…'],
		[['following'], true, 0, 'following'],
		[['following'], false, 0, 'paused — 0 new lines (G to follow)'],
		[['following'], false, 1, 'paused — 1 new line (G to follow)'],
		[['following', 'stopped'], false, 1200, 'paused — 1,200 new lines (G to follow)'],
		[['stopped'], true, 0, 'stopped'],
		[['stopped'], false, 3, 'stopped — 3 new lines below (G)'],
		[['ended', 'error'], false, 0, 'ended'],
	])('%j, follow %s, %i new → %s', (statuses, follow, newLines, text) => {
		expect(logsStateText(statuses, follow, newLines).text).toBe(text);
	});
});
