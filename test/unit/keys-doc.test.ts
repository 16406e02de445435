import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {keysMarkdown} from '../../source/keymap/keys-markdown.js';

describe('docs/keys.md', () => {
	it('is generated from the key table and up to date (run: node scripts/keys-doc.mjs)', () => {
		expect(readFileSync(new URL('../../docs/keys.md', import.meta.url), 'utf8')).toBe(keysMarkdown());
	});
});
