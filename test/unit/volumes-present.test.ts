// Volumes presenters: docker volume ls rows (order, texts), USED BY from the container list's
// mounts, the size cell, the removal text naming the users, and docker's volume name rule.
import {describe, expect, it} from 'vitest';
import {fakeContainer} from '../../source/engine/fake.js';
import {fakeVolume} from '../../source/engine/fake/volumes.js';
import type {ContainerMount, ContainerSummary} from '../../source/engine/types.js';
import {parseVolumeFilters, validVolumeName, volumeRemovalText, volumeRows, volumeSizeText, volumeUsers} from '../../source/present/volumes.js';

const mount = (name: string, destination = '/data'): ContainerMount => ({type: 'volume', name, source: `/var/lib/docker/volumes/${name}/_data`, destination});
const bind: ContainerMount = {type: 'bind', name: '', source: '/srv', destination: '/srv'};

const containers: ContainerSummary[] = [
	fakeContainer({name: 'web', mounts: [mount('data'), bind]}),
	fakeContainer({name: 'db', state: 'exited', mounts: [mount('data', '/var/lib/db'), mount('logs')]}),
	fakeContainer({name: 'app10', mounts: [mount('cache')]}),
	fakeContainer({name: 'app9', mounts: [mount('cache')]}),
	fakeContainer({name: 'plain'}),
];

describe('volumeUsers', () => {
	it.each([
		['data', ['db', 'web']],
		['logs', ['db']],
		['cache', ['app9', 'app10']],
		['unused', []],
		// A bind mount has no name: an empty volume name is nobody's.
		['', []],
	])('%s is used by %j', (name, expected) => {
		expect(volumeUsers(name, containers)).toEqual(expected);
	});
});

describe('volumeRows', () => {
	const volumes = [
		fakeVolume({name: 'vol10'}),
		fakeVolume({name: 'data', labels: {z: '1', a: '2'}}),
		fakeVolume({name: 'vol9', driver: 'nfs-plugin', scope: 'global', mountpoint: '/mnt/x'}),
		fakeVolume({name: 'Vol1'}),
		fakeVolume({name: '0abc'}),
	];

	it('sorts as the CLI does (sortorder.NaturalLess on names)', () => {
		expect(volumeRows(volumes, containers).map((row) => row.name)).toEqual(['0abc', 'Vol1', 'data', 'vol9', 'vol10']);
	});

	it.each([
		['data', {driver: 'local', scope: 'local', mountpoint: '/var/lib/docker/volumes/data/_data', labels: 'a=2,z=1', usedBy: ['db', 'web'], usedByText: 'db, web'}],
		['vol9', {driver: 'nfs-plugin', scope: 'global', mountpoint: '/mnt/x', labels: '', usedBy: [], usedByText: ''}],
	])('row of %s', (name, expected) => {
		const row = volumeRows(volumes, containers).find((r) => r.name === name);
		expect(row).toMatchObject({key: name, ...expected});
	});

	it('keys rows by name and sanitises daemon text', () => {
		const rows = volumeRows([fakeVolume({name: 'evil\u001b[2Jname', labels: {'k\u0007': 'v\u001b]0;x\u0007'}})], []);
		expect(rows[0]!.key).toBe('evil\u001b[2Jname');
		expect(rows[0]!.name).not.toMatch(/\u001b/);
		expect(rows[0]!.labels).not.toMatch(/[\u0007\u001b]/);
	});
});

describe('volumeSizeText', () => {
	it.each([
		[{size: 0, refCount: 0}, false, '0B'],
		[{size: 1234, refCount: 1}, false, '1.23kB'],
		[{size: 35_400_000, refCount: 1}, false, '35.4MB'],
		[{size: -1, refCount: -1}, false, 'N/A'],
		[undefined, false, ''],
		[undefined, true, 'measuring…'],
		[{size: 10, refCount: 0}, true, 'measuring…'],
	])('%j (measuring %s) → %s', (usage, measuring, expected) => {
		expect(volumeSizeText(usage, measuring)).toBe(expected);
	});
});

describe('volumeRemovalText', () => {
	it.each([
		['data', false, 'Volume data is in use by containers db, web: remove them first.'],
		['logs', false, 'Volume logs is in use by container db: remove it first.'],
		['free', true, 'Remove volume free? Its data is deleted for good.'],
	])('%s', (name, allowed, text) => {
		expect(volumeRemovalText(name, containers)).toEqual({allowed, text});
	});
});

describe('validVolumeName', () => {
	it.each([
		['data', undefined],
		['a1', undefined],
		['My_vol.2-x', undefined],
		['0lead', undefined],
		// Empty: the daemon names it (an anonymous volume).
		['', undefined],
		['a', 'volume name is too short, names should be at least two alphanumeric characters'],
		['a b', '"a b" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path'],
		['-lead', '"-lead" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path'],
		['_x', '"_x" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path'],
		['x/y', '"x/y" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path'],
		['é1', '"é1" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path'],
		['\u001b[2J', '"\\x1b[2J" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path'],
	])('%j → %s', (name, expected) => {
		expect(validVolumeName(name)).toBe(expected);
	});

	it('leaves names for other drivers to the plugin', () => {
		expect(validVolumeName('a b', 'some-plugin')).toBeUndefined();
		expect(validVolumeName('a b', 'local')).toBeDefined();
	});
});

describe('parseVolumeFilters', () => {
	it.each([
		['', {}],
		['dangling=true', {dangling: ['true']}],
		['dangling=0 driver=local', {dangling: ['0'], driver: ['local']}],
		['label=tier=db label=x name=a name=b', {label: ['tier=db', 'x'], name: ['a', 'b']}],
		['  name=  ', {name: ['']}],
	])('%j', (text, filters) => {
		expect(parseVolumeFilters(text)).toEqual({ok: true, filters});
	});

	it.each([
		['color=red', "Invalid filter 'color'"],
		['dangling=maybe', "Invalid filter 'dangling=[maybe]'"],
		['name', 'bad format of filter (expected name=value)'],
		['=x', 'bad format of filter (expected name=value)'],
		['type=custom', "Invalid filter 'type'"],
		['constructor=x', "Invalid filter 'constructor'"],
	])('%j is refused: %s', (text, message) => {
		expect(parseVolumeFilters(text)).toEqual({ok: false, message});
	});
});
