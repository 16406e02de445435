// Writes docs/keys.md from the key table (source/keymap/keymap.ts), so the keyboard reference
// cannot drift from what porthole binds; test/unit/keys-doc.test.ts fails when it is stale.
// Run: node scripts/keys-doc.mjs
import {build} from 'esbuild';
import {mkdirSync, writeFileSync} from 'node:fs';

const result = await build({
	entryPoints: [new URL('../source/keymap/keys-markdown.ts', import.meta.url).pathname],
	bundle: true,
	format: 'esm',
	platform: 'node',
	write: false,
	logLevel: 'warning',
});
const module = await import('data:text/javascript;base64,' + Buffer.from(result.outputFiles[0].text).toString('base64'));
mkdirSync(new URL('../docs/', import.meta.url), {recursive: true});
writeFileSync(new URL('../docs/keys.md', import.meta.url), module.keysMarkdown());
console.log('wrote docs/keys.md');
