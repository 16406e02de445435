// Builds dist/cli.js: one ESM bundle of cli.tsx and source/ (dependencies stay external so
// node resolves them from node_modules). Type checking is `npm run typecheck`; esbuild only
// strips types, which keeps the build to a fraction of a second.
// `--if-needed` skips the build when dist/cli.js is newer than every source file.
import {build} from 'esbuild';
import {readdirSync, statSync, existsSync, chmodSync, writeFileSync} from 'node:fs';
import {join, dirname} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'cli.js');
const app = join(root, 'dist', 'app.js');

function newestSource(dir) {
	let newest = 0;
	for (const entry of readdirSync(dir, {withFileTypes: true})) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
		else if (/\.(tsx?|json)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
	}
	return newest;
}

if (process.argv.includes('--if-needed') && existsSync(out)) {
	const sources = Math.max(newestSource(join(root, 'source')), statSync(join(root, 'cli.tsx')).mtimeMs, statSync(join(root, 'package.json')).mtimeMs);
	if (statSync(out).mtimeMs >= sources) process.exit(0);
}

await build({
	entryPoints: [join(root, 'cli.tsx')],
	outfile: app,
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node22',
	packages: 'external',
	jsx: 'automatic',
	sourcemap: 'linked',
	logLevel: 'warning',
});
// The entry sets NODE_ENV before anything imports React: ESM imports are evaluated before a
// module's own code, so this cannot live in app.js. Without it React runs its development build,
// several times slower per render.
writeFileSync(
	out,
	"#!/usr/bin/env node\nprocess.env.NODE_ENV ??= 'production';\nawait import('./app.js');\n",
);
chmodSync(out, 0o755);
