import {describe, expect, it} from 'vitest';
import {TimestampedLines} from '../../source/store/log-lines.js';

const T1 = '2026-11-22T13:49:24.065690876Z';
const T2 = '2026-11-22T13:49:24.5Z';
const T3 = '2026-11-22T13:49:25Z';

describe('TimestampedLines', () => {
	it('takes the stamp off each framed message and times each line', () => {
		const lines = new TimestampedLines({});
		const out = [...lines.push(Buffer.from(`${T1} first\n`), true), ...lines.push(Buffer.from(`${T2} second\n`), true)];
		expect(out.map((l) => [l.text, l.time])).toEqual([
			['first', T1],
			['second', T2],
		]);
	});

	it('joins the 16 KiB pieces of a long line without the daemon’s stamps inside, timed by its first piece', () => {
		const lines = new TimestampedLines({maxLineLength: 100_000});
		const a = 'a'.repeat(16_384);
		const b = 'b'.repeat(16_384);
		const out = [
			...lines.push(Buffer.from(`${T1} ${a}`), true),
			...lines.push(Buffer.from(`${T2} ${b}`), true),
			...lines.push(Buffer.from(`${T3} end\n`), true),
		];
		expect(out).toHaveLength(1);
		expect(out[0]!.text).toBe(a + b + 'end');
		expect(out[0]!.text).not.toContain('2026-');
		expect(out[0]!.time).toBe(T1);
	});

	it('cuts long lines by their content, not counting stamps', () => {
		const lines = new TimestampedLines({maxLineLength: 1000});
		const out = [...lines.push(Buffer.from(`${T1} ${'x'.repeat(600)}`), true), ...lines.push(Buffer.from(`${T2} ${'y'.repeat(600)}\n`), true)];
		expect(out[0]!.text.startsWith('x'.repeat(600) + 'y'.repeat(400))).toBe(true);
		expect(out[0]!.text).toMatch(/truncated/);
	});

	it('finds stamps after every newline in raw TTY output, even split across chunks', () => {
		const whole = Buffer.from(`${T1} one\r\n${T2} two\r\n${T3} three\r\n`);
		for (let cut = 1; cut < whole.length; cut += 7) {
			const lines = new TimestampedLines({});
			const out = [...lines.push(whole.subarray(0, cut), false), ...lines.push(whole.subarray(cut), false), ...lines.end()];
			expect(out.map((l) => [l.text, l.time])).toEqual([
				['one', T1],
				['two', T2],
				['three', T3],
			]);
		}
	});
});
