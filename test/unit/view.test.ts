import {describe, expect, it} from 'vitest';
import {fakeContainer} from '../../source/engine/fake.js';
import {deriveRows, moveSelection, primaryName, resolveSelection, scrollWindow} from '../../source/store/view.js';

const a = fakeContainer({name: 'alpha', image: 'zeta:1', state: 'exited', created: 300});
const b = fakeContainer({name: 'bravo', image: 'alpha:1', state: 'running', created: 100});
const c = fakeContainer({name: 'charlie', image: 'alpha:1', state: 'paused', created: 200});
const d = fakeContainer({name: 'delta', image: 'mid:1', state: 'running', created: 200});

const names = (rows: ReturnType<typeof deriveRows>) => rows.map(primaryName);

describe('deriveRows', () => {
	it('sorts by created newest first, like docker ps, ties in the daemon order', () => {
		expect(names(deriveRows([b, c, a, d], [], 'created', false))).toEqual(['alpha', 'charlie', 'delta', 'bravo']);
		// Created is whole seconds; the daemon lists by the full time, newest first, as docker ps prints.
		const sameSecond = ['zulu', 'mike', 'echo', 'kilo'].map((name) => fakeContainer({name, created: 500}));
		expect(names(deriveRows([b, ...sameSecond, a], [], 'created', false))).toEqual(['zulu', 'mike', 'echo', 'kilo', 'alpha', 'bravo']);
		expect(names(deriveRows([b, ...sameSecond, a], [], 'created', true))).toEqual(['bravo', 'alpha', 'kilo', 'echo', 'mike', 'zulu']);
	});
	it('sorts by name, image (ties by name) and status rank', () => {
		expect(names(deriveRows([d, c, b, a], [], 'name', false))).toEqual(['alpha', 'bravo', 'charlie', 'delta']);
		expect(names(deriveRows([d, c, b, a], [], 'image', false))).toEqual(['bravo', 'charlie', 'delta', 'alpha']);
		expect(names(deriveRows([a, c, d, b], [], 'status', false))).toEqual(['bravo', 'delta', 'charlie', 'alpha']);
	});
	it('reverses', () => {
		expect(names(deriveRows([d, c, b, a], [], 'name', true))).toEqual(['delta', 'charlie', 'bravo', 'alpha']);
	});
	it('is deterministic whatever the input order', () => {
		const orders = [
			[a, b, c, d],
			[d, c, b, a],
			[c, a, d, b],
		];
		const results = orders.map((order) => names(deriveRows(order, [], 'image', false)));
		expect(new Set(results.map((r) => r.join())).size).toBe(1);
	});
	it('filters by free words', () => {
		expect(names(deriveRows([a, b, c, d], ['alpha'], 'name', false))).toEqual(['alpha', 'bravo', 'charlie']);
	});
	it('sorts names numerically (web-2 before web-10)', () => {
		const w10 = fakeContainer({name: 'web-10'});
		const w2 = fakeContainer({name: 'web-2'});
		expect(names(deriveRows([w10, w2], [], 'name', false))).toEqual(['web-2', 'web-10']);
	});
});

describe('selection', () => {
	const rows = [a, b, c, d];
	it('follows the selected container by id when rows move', () => {
		expect(resolveSelection(rows, c.id, 0)).toBe(2);
		expect(resolveSelection([c, a, b, d], c.id, 2)).toBe(0);
	});
	it('selects the neighbour when the selected container vanishes', () => {
		expect(resolveSelection([a, b, d], c.id, 2)).toBe(2);
		expect(resolveSelection([a, b], c.id, 2)).toBe(1);
		expect(resolveSelection([], c.id, 2)).toBe(-1);
	});
	it('clamps moves', () => {
		expect(moveSelection(0, -1, 4)).toBe(0);
		expect(moveSelection(2, 10, 4)).toBe(3);
		expect(moveSelection(0, 1, 0)).toBe(-1);
	});
	it('scrolls only as far as needed to keep the selection visible', () => {
		expect(scrollWindow(0, 0, 10, 100)).toBe(0);
		expect(scrollWindow(10, 0, 10, 100)).toBe(1);
		expect(scrollWindow(5, 3, 10, 100)).toBe(3);
		expect(scrollWindow(2, 3, 10, 100)).toBe(2);
		expect(scrollWindow(99, 0, 10, 100)).toBe(90);
		expect(scrollWindow(5, 50, 10, 8)).toBe(0);
	});
});
