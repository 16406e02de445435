import {describe, expect, it} from 'vitest';
import {fakeContainer} from '../../source/engine/fake.js';
import {appliedFilter, matchesWords, parseFilter, parseFilters, parseFilterWhileTyping} from '../../source/store/filter.js';

describe('parseFilter', () => {
	it('splits free words from docker filters', () => {
		const result = parseFilter('Web status=running name=api');
		expect(result).toEqual({ok: true, value: {words: ['web'], filters: {status: ['running'], name: ['api']}}});
	});

	it('collects a repeated key as one OR list, as docker does', () => {
		const result = parseFilter('status=exited status=dead label=com.docker.compose.project=shop label=tier');
		expect(result.ok && result.value.filters).toEqual({status: ['exited', 'dead'], label: ['com.docker.compose.project=shop', 'tier']});
	});

	it('keeps quoted values with spaces together', () => {
		const result = parseFilter('label="team=red ops"');
		expect(result.ok && result.value.filters).toEqual({label: ['team=red ops']});
	});

	it.each([
		['foo=bar', /Invalid filter 'foo'/],
		['status=sleeping', /Invalid filter 'status=sleeping'/],
		['health=great', /Invalid filter 'health=great'/],
		['exited=abc', /Invalid filter 'exited=abc'/],
		['name=', /Bad format of filter 'name='/],
		['name=[', /not a valid regular expression/],
		['is-task=maybe', /is-task/],
	])('rejects %s with a clear message', (input, message) => {
		const result = parseFilter(input);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.error).toMatch(message);
	});

	it('accepts every documented status and health value', () => {
		for (const status of ['created', 'restarting', 'running', 'removing', 'paused', 'exited', 'dead']) expect(parseFilter(`status=${status}`).ok).toBe(true);
		for (const health of ['starting', 'healthy', 'unhealthy', 'none']) expect(parseFilter(`health=${health}`).ok).toBe(true);
		expect(parseFilter('exited=137').ok).toBe(true);
	});

	it('merges repeated --filter arguments', () => {
		const result = parseFilters(['status=running', 'status=paused', 'name=web']);
		expect(result.ok && result.value.filters).toEqual({status: ['running', 'paused'], name: ['web']});
	});
});

describe('matchesWords', () => {
	const container = fakeContainer({name: 'shop-web-1', image: 'nginx:1.27', command: 'nginx -g daemon off;'});

	it.each([
		[['shop'], true],
		[['NGINX'], true],
		[['daemon', 'web'], true],
		[[container.id.slice(0, 6)], true],
		[['web', 'postgres'], false],
		[[], true],
	])('%j → %s', (words, expected) => {
		expect(matchesWords(container, words.map((w) => w.toLowerCase()))).toBe(expected);
	});
});

describe('parseFilterWhileTyping', () => {
	it.each([
		['st', {words: [], filters: {}}],
		['status', {words: [], filters: {}}],
		['status=', {words: [], filters: {}}],
		['status=exited sta', {words: [], filters: {status: ['exited']}}],
		['nginx', {words: ['nginx'], filters: {}}],
		['web st', {words: ['web'], filters: {}}],
		['web st ', {words: ['web', 'st'], filters: {}}],
	])('%j', (input, value) => {
		expect(parseFilterWhileTyping(input)).toEqual({ok: true, value});
	});
	it('still reports a complete bad token', () => {
		expect(parseFilterWhileTyping('status=bogus').ok).toBe(false);
		expect(parseFilterWhileTyping('foo=1').ok).toBe(false);
	});
});

describe('appliedFilter', () => {
	it.each<[string, boolean, {words: string[]; filters: Record<string, string[]>; text: string; error?: RegExp}]>([
		['web status=running', false, {words: ['web'], filters: {status: ['running']}, text: 'web status=running'}],
		['foo=bar', false, {words: [], filters: {}, text: '', error: /^Invalid filter 'foo'/}],
		['web foo=bar status=exited', false, {words: ['web'], filters: {status: ['exited']}, text: 'web status=exited', error: /^Invalid filter 'foo'/}],
		['label="a b" status=bogus', false, {words: [], filters: {label: ['a b']}, text: 'label="a b"', error: /status=bogus/}],
		// While typing, the token that could still become key=value waits; a refused one is left out.
		['web sta', true, {words: ['web'], filters: {}, text: 'web'}],
		['web status=bogus', true, {words: ['web'], filters: {}, text: 'web', error: /status=bogus/}],
	])('%j (typing %s)', (input, typing, expected) => {
		const applied = appliedFilter(input, typing);
		expect({words: applied.words, filters: applied.filters, text: applied.text}).toEqual({words: expected.words, filters: expected.filters, text: expected.text});
		if (expected.error) expect(applied.error).toMatch(expected.error);
		else expect(applied.error).toBeUndefined();
	});
});
