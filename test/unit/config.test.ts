import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {configPath, loadConfig, logBufferError, parseConfig} from '../../source/config/config.js';

describe('config file', () => {
	it('is found through PORTHOLE_CONFIG, then XDG_CONFIG_HOME, then ~/.config', () => {
		expect(configPath({PORTHOLE_CONFIG: '/etc/p.json'}, '/home/me')).toBe('/etc/p.json');
		expect(configPath({XDG_CONFIG_HOME: '/xdg'}, '/home/me')).toBe('/xdg/porthole/config.json');
		expect(configPath({}, '/home/me')).toBe('/home/me/.config/porthole/config.json');
	});

	it('reads every key', () => {
		expect(parseConfig({readOnly: true, shell: 'sh', tail: 'all', refresh: 2.5, logBuffer: 50_000, secretKeys: ['PASS']}, 'c.json')).toEqual({
			readOnly: true,
			shell: 'sh',
			tail: 'all',
			refresh: 2.5,
			logBuffer: 50_000,
			secretKeys: ['PASS'],
		});
	});

	it.each([
		[{color: true}, 'unknown key "color"'],
		[{readOnly: 'yes'}, '"readOnly" must be true or false'],
		[{tail: -1}, '"tail" must be a whole number'],
		[{refresh: 0}, '"refresh" must be a number of seconds greater than 0'],
		[{logBuffer: 99}, '"logBuffer" must be a whole number of lines from 100 to 1,000,000'],
		[{logBuffer: 1.5}, '"logBuffer" must be a whole number'],
		[{logBuffer: '10000'}, '"logBuffer" must be a whole number'],
		[{secretKeys: 'PASS'}, '"secretKeys" must be a list of strings'],
		[[], 'must be a JSON object'],
	])('refuses %j with a message naming the key', (value, message) => {
		expect(() => parseConfig(value, 'c.json')).toThrow(message);
	});

	it('bounds the log buffer', () => {
		expect(logBufferError(100)).toBeUndefined();
		expect(logBufferError(1_000_000)).toBeUndefined();
		expect(logBufferError(1_000_001)).toMatch(/from 100 to 1,000,000/);
		expect(logBufferError(Number.NaN)).toMatch(/whole number/);
	});

	it('treats a missing file as empty and a broken one as an error with its path', () => {
		const dir = mkdtempSync(join(tmpdir(), 'porthole-config-'));
		expect(loadConfig(join(dir, 'none.json'))).toEqual({});
		writeFileSync(join(dir, 'bad.json'), '{"tail": 10,');
		expect(() => loadConfig(join(dir, 'bad.json'))).toThrow(`${join(dir, 'bad.json')}: not valid JSON`);
	});

	it('refuses a missing file that was named (PORTHOLE_CONFIG), naming it', () => {
		const dir = mkdtempSync(join(tmpdir(), 'porthole-config-'));
		expect(() => loadConfig(join(dir, 'none.json'), {mustExist: true})).toThrow(`${join(dir, 'none.json')}: no such file (named by PORTHOLE_CONFIG).`);
	});
});
