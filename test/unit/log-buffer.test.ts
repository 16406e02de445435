import {describe, expect, it, vi} from 'vitest';
import {FilteredLogs, LogBuffer, type LogLine} from '../../source/store/log-buffer.js';

const STAMP = '2026-11-22T13:49:24.065690876Z';

function line(seq: number, text: string, extra: Partial<LogLine> = {}): LogLine {
	return {seq, stream: 'stdout', source: 0, text, ...extra};
}

/** A small deterministic random source, so a failure can be replayed. */
function random(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
		return state / 2 ** 31;
	};
}

const SAMPLES = ['', 'plain ascii', 'café · naïve ÿ', '日本語のログ', 'emoji 🚀 and ZWJ 👩‍💻', '\uFFFD replaced', 'tab\u2192expanded', 'x'.repeat(20_000), 'é'.repeat(9000) + '漢'];

describe('LogBuffer', () => {
	it('gives back every field as stored: Latin-1, wide text, times, streams, sources, colours', () => {
		const stored: LogLine[] = SAMPLES.map((text, index) => ({
			seq: index + 1,
			text,
			stream: (['stdout', 'stderr', 'marker'] as const)[index % 3]!,
			source: index * 1000,
			...(index % 2 === 0 ? {time: STAMP} : {}),
			...(index === 2 ? {spans: [{start: 0, end: 4, fg: 'red'}]} : {}),
		}));
		const buffer = LogBuffer.of(stored);
		expect(buffer.length).toBe(stored.length);
		expect([...buffer]).toEqual(stored);
		stored.forEach((expected, index) => {
			expect(buffer.text(index)).toBe(expected.text);
			expect(buffer.seq(index)).toBe(expected.seq);
			expect(buffer.stream(index)).toBe(expected.stream);
			expect(buffer.time(index)).toBe(expected.time);
			expect(buffer.textLength(index)).toBe(expected.text.length);
		});
		expect(buffer.at(-1)).toEqual(stored.at(-1));
		expect(buffer.at(stored.length)).toBeUndefined();
		expect(buffer.text(stored.length)).toBe('');
		expect(buffer.seq(-1)).toBeNaN();
	});

	it('matches a plain array through random inserts, drops, wrap-around and copies', () => {
		const next = random(42);
		const model: LogLine[] = [];
		let buffer = new LogBuffer();
		let seq = 0;
		for (let step = 0; step < 20_000; step += 1) {
			const roll = next();
			if (roll < 0.7) {
				seq += 1;
				const text = SAMPLES[Math.floor(next() * SAMPLES.length)]!.slice(0, Math.floor(next() * 300)) + ` #${seq}`;
				const item = line(seq, text, next() < 0.5 ? {time: STAMP} : {stream: 'stderr'});
				// Mostly at the end, sometimes a few back (as merging does).
				const back = next() < 0.1 ? Math.floor(next() * Math.min(5, model.length + 1)) : 0;
				const at = model.length - back;
				model.splice(at, 0, item);
				buffer.insert(item, at);
			} else if (roll < 0.97) {
				const drop = Math.floor(next() * 40);
				model.splice(0, drop);
				buffer.dropOldest(drop);
			} else {
				const from = Math.floor(next() * (model.length + 1));
				model.splice(0, from);
				buffer = buffer.copyFrom(from);
			}
			if (step % 500 === 0) expect([...buffer]).toEqual(model);
		}
		expect([...buffer]).toEqual(model);
		expect(buffer.length).toBe(model.length);
	});

	it('reuses its chunks: a long flood through a bounded buffer does not keep allocating', () => {
		const buffer = new LogBuffer();
		const text = 'a flood line of about a hundred characters, '.repeat(2);
		let seq = 0;
		const allocate = vi.spyOn(Buffer, 'allocUnsafeSlow');
		for (let i = 0; i < 20_000; i += 1) {
			buffer.insert(line(++seq, text, {time: STAMP}));
			if (buffer.length > 10_000) buffer.dropOldest(buffer.length - 10_000);
		}
		const before = allocate.mock.calls.length;
		expect(before).toBeGreaterThan(10);
		for (let i = 0; i < 200_000; i += 1) {
			buffer.insert(line(++seq, text, {time: STAMP}));
			if (buffer.length > 10_000) buffer.dropOldest(buffer.length - 10_000);
		}
		// 200,000 lines of ~120 bytes went through (24 MB) in the same ~20 chunks of 64 KiB.
		expect(allocate.mock.calls.length).toBe(before);
		allocate.mockRestore();
		expect(buffer.length).toBe(10_000);
		expect(buffer.at(0)!.seq).toBe(seq - 9_999);
		expect(buffer.text(9_999)).toBe(text);
	});

	it('forgets the colours of dropped lines', () => {
		const buffer = LogBuffer.of([line(1, 'red', {spans: [{start: 0, end: 3, fg: 'red'}]}), line(2, 'plain')]);
		buffer.dropOldest(1);
		buffer.insert(line(1, 'same seq again'));
		expect(buffer.at(1)!.spans).toBeUndefined();
	});

	it('counts the lines dropped over its life, and a copy carries the count on', () => {
		const buffer = LogBuffer.of(Array.from({length: 10}, (_, i) => line(i + 1, `l${i}`)));
		buffer.dropOldest(3);
		expect(buffer.dropped).toBe(3);
		const copy = buffer.copyFrom(2);
		expect(copy.dropped).toBe(5);
		expect(copy.at(0)!.text).toBe('l5');
		// The original is left as it was.
		expect(buffer.length).toBe(7);
		expect(buffer.at(0)!.text).toBe('l3');
	});
});

describe('FilteredLogs', () => {
	it('lists the lines that pass, and reads them through the buffer', () => {
		const buffer = LogBuffer.of(Array.from({length: 20}, (_, i) => line(i + 1, i % 5 === 0 ? `hit ${i}` : `miss ${i}`)));
		const hits = new FilteredLogs(buffer, (index) => buffer.text(index).startsWith('hit'));
		expect(hits.length).toBe(4);
		expect([...hits].map((l) => l.text)).toEqual(['hit 0', 'hit 5', 'hit 10', 'hit 15']);
		expect(hits.at(-1)!.seq).toBe(16);
		expect(hits.stream(1)).toBe('stdout');
		buffer.dropOldest(6);
		expect(hits.at(1)).toBeUndefined();
		expect(hits.text(2)).toBe('hit 10');
		expect([...hits].map((l) => l.text)).toEqual(['hit 10', 'hit 15']);
	});
});
