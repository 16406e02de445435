import {describe, expect, it} from 'vitest';
import {activeBindings, BINDINGS, commandFor, fitHints, footerHints, helpRows, keyName} from '../../source/keymap/keymap.js';

describe('key table', () => {
	it('binds no key twice in one scope', () => {
		const seen = new Map<string, string>();
		for (const binding of BINDINGS) {
			for (const key of binding.keys) {
				const slot = `${binding.scope}:${key}`;
				expect(seen.get(slot), `${slot} bound to ${seen.get(slot)} and ${binding.command}`).toBeUndefined();
				seen.set(slot, binding.command);
			}
		}
	});

	it('does not shadow a global key from the list scope', () => {
		const global = BINDINGS.filter((b) => b.scope === 'global').flatMap((b) => b.keys);
		const list = BINDINGS.filter((b) => b.scope === 'list').flatMap((b) => b.keys);
		expect(list.filter((key) => global.includes(key))).toEqual([]);
	});

	it('documents every binding in the help overlay', () => {
		expect(helpRows().length).toBe(BINDINGS.length);
		for (const row of helpRows()) expect(row.title.length).toBeGreaterThan(0);
	});

	it('finds commands by scope', () => {
		expect(commandFor('list', 'j')).toBe('list.down');
		expect(commandFor('list', 'down')).toBe('list.down');
		expect(commandFor('global', 'q')).toBe('quit');
		expect(commandFor('filter', 'j')).toBeUndefined();
		expect(commandFor('help', 'escape')).toBe('help.close');
	});

	it('derives footer hints from the table', () => {
		const hints = footerHints(['list', 'global']);
		expect(hints).toContainEqual({key: '/', label: 'filter', global: false});
		expect(hints).toContainEqual({key: 'q', label: 'quit', global: true});
		expect(hints).toContainEqual({key: '?', label: 'help', global: true});
	});

	it.each([40, 60, 80, 100, 120, 200])('fits the footer into %i columns, view hints giving way, "? help  q quit" always last', (width) => {
		for (const scopes of [['list', 'global'], ['logs', 'global'], ['doc', 'global']] as const) {
			const text = fitHints(footerHints([...scopes]), width)
				.map((hint) => `${hint.key} ${hint.label}`)
				.join('  ');
			expect(text.length, text).toBeLessThanOrEqual(width);
			expect(text).toMatch(/(^|  )\? help {2}q quit$/);
		}
	});

	it('keeps the view hints in their order, dropping from the last', () => {
		const all = footerHints(['list', 'containers', 'global']);
		const fitted = fitHints(all, 60);
		expect(fitted.length).toBeLessThan(all.length);
		const globals = all.filter((hint) => hint.global).length;
		expect(fitted.slice(0, -globals)).toEqual(all.slice(0, fitted.length - globals).map(({key, label}) => ({key, label})));
	});

	it('drops dangerous bindings in read-only mode', () => {
		const bindings = [...BINDINGS, {command: 'quit' as const, keys: ['X'], scope: 'list' as const, title: 'x', dangerous: true}];
		expect(activeBindings(true, bindings).some((b) => b.dangerous)).toBe(false);
		expect(activeBindings(false, bindings).some((b) => b.dangerous)).toBe(true);
	});
});

describe('keyName', () => {
	it.each([
		['', {upArrow: true}, 'up'],
		['', {pageDown: true}, 'pagedown'],
		['', {return: true}, 'enter'],
		['', {escape: true}, 'escape'],
		['c', {ctrl: true}, 'ctrl+c'],
		['G', {shift: true}, 'G'],
		['/', {}, '/'],
	])('%j %j → %s', (input, key, expected) => {
		expect(keyName(input, key)).toBe(expected);
	});
});
