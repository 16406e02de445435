// The checks `docker network create --subnet/--gateway` input gets before anything is sent, the
// label words of `--label`, and the CLI's natural order of names.
import {describe, expect, it} from 'vitest';
import {gatewayProblem, parseIp, parseSubnet} from '../../source/present/addresses.js';
import {labelsText, parseLabels} from '../../source/present/labels.js';
import {naturalCompare, naturalLess} from '../../source/present/natural-sort.js';

describe('parseIp', () => {
	it.each([
		['10.0.0.1', 4, 0x0a000001n],
		['255.255.255.255', 4, 0xffffffffn],
		['::1', 6, 1n],
		['fd00::', 6, 0xfd00n << 112n],
		['2001:db8::8:800:200c:417a', 6, 0x20010db8000000000008_0800_200c_417an],
		['::ffff:10.0.0.1', 6, 0xffff0a000001n],
		['1:2:3:4:5:6:7:8', 6, 0x0001_0002_0003_0004_0005_0006_0007_0008n],
	])('%s', (text, family, value) => {
		expect(parseIp(text)).toEqual({family, value});
	});

	it.each(['', '10.0.0', '10.0.0.256', '010.0.0.1', '1.2.3.4.5', 'fd00', ':::', '1::2::3', '1:2:3:4:5:6:7:8:9', 'g::1', '12345::', 'fe80::1%eth0', 'x'])('%j is not an IP', (text) => {
		expect(parseIp(text)).toBeUndefined();
	});
});

describe('parseSubnet', () => {
	it.each([
		['10.9.0.0/24', 4, 24],
		['172.30.0.0/16', 4, 16],
		['0.0.0.0/0', 4, 0],
		['10.1.2.3/32', 4, 32],
		['10.9.0.0/08', 4, 8],
		['fd00:9::/64', 6, 64],
		['::/0', 6, 0],
		['fd00::1/128', 6, 128],
	])('%s', (text, family, prefix) => {
		const parsed = parseSubnet(text);
		expect(parsed.ok && {family: parsed.subnet.family, prefix: parsed.subnet.prefix, text: parsed.subnet.text}).toEqual({family, prefix, text});
	});

	it.each(['10.9.0.0', '10.9.0.0/33', '10.9.0.0/', '10.9.0.0/-1', '10.9.0.0/ 8', '10.9.0.0/+8', 'fd00::/129', 'x/24', '/24', '10.9.0.0/24/1', ''])('%j is refused in Go words', (text) => {
		expect(parseSubnet(text)).toEqual({ok: false, message: `invalid CIDR address: ${text}`});
	});
});

describe('gatewayProblem', () => {
	it.each([
		['', '', undefined],
		['', '10.9.0.0/24', undefined],
		['10.9.0.1', '10.9.0.0/24', undefined],
		['10.9.0.254', '10.9.0.0/24', undefined],
		['10.9.1.1', '10.9.0.0/24', 'no matching subnet for gateway 10.9.1.1'],
		['10.9.0.1', '', 'every ip-range or gateway must have a corresponding subnet'],
		['fd00:9::1', 'fd00:9::/64', undefined],
		['fd00:8::1', 'fd00:9::/64', 'no matching subnet for gateway fd00:8::1'],
		['10.9.0.1', 'fd00:9::/64', 'no matching subnet for gateway 10.9.0.1'],
		['gw', '10.9.0.0/24', 'invalid string being converted to IP address: gw'],
		['10.9.0.1', '10.9.0.0/99', 'invalid CIDR address: 10.9.0.0/99'],
	])('gateway %j in %j → %s', (gateway, subnet, expected) => {
		expect(gatewayProblem(gateway, subnet)).toBe(expected);
	});
});

describe('parseLabels', () => {
	it.each([
		['a=b c=d', {a: 'b', c: 'd'}],
		['  a=b\tc=d  ', {a: 'b', c: 'd'}],
		['flag', {flag: ''}],
		['k=v=w', {k: 'v=w'}],
		['k=', {k: ''}],
		['a=1 a=2', {a: '2'}],
		['', {}],
	])('%j', (text, labels) => {
		expect(parseLabels(text)).toEqual({ok: true, labels});
	});

	it.each([['=v'], ['a=b =c']])('%j has a word without a name', (text) => {
		const parsed = parseLabels(text);
		expect(parsed.ok).toBe(false);
		expect(!parsed.ok && parsed.message).toMatch(/empty name/);
	});

	it.each([
		[{}, ''],
		[{b: '2', a: '1'}, 'a=1,b=2'],
		[{'porthole.test': '1'}, 'porthole.test=1'],
	])('labelsText(%j) = %j', (labels, text) => {
		expect(labelsText(labels)).toBe(text);
	});
});

describe('naturalLess', () => {
	it.each([
		['a', 'b', true],
		['b', 'a', false],
		['net2', 'net10', true],
		['net10', 'net2', false],
		['a', 'a', false],
		['a', 'ab', true],
		['1', 'a', true],
		['a', '1', false],
		['x01', 'x1', false],
		['x1', 'x01', true],
		['x001', 'x01', false],
		['B', 'a', true],
		['v1.10', 'v1.9', false],
	])('%j < %j is %s', (a, b, expected) => {
		expect(naturalLess(a, b)).toBe(expected);
	});

	it('sorts a list', () => {
		expect(['n10', 'n9', 'n1', 'm', 'n09'].sort(naturalCompare)).toEqual(['m', 'n1', 'n9', 'n09', 'n10']);
	});
});
