// Builds dist/app.js: one ESM bundle of cli.tsx, source/ and the dependencies, and dist/cli.js,
// the entry that turns on Node's compile cache and loads it. Start-up is most of the first
// frame's time: loading Ink, React and dockerode as ~400 separate modules took ~0.8 s here; one
// bundle with a warm compile cache takes ~0.25 s (see the benchmark). Type checking is
// `npm run typecheck`; esbuild only strips types.
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

const result = await build({
	entryPoints: [join(root, 'cli.tsx')],
	outfile: app,
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node22',
	jsx: 'automatic',
	// Native add-ons stay outside the bundle; ssh2 and cpu-features load them optionally.
	external: ['cpu-features', '*.node'],
	define: {'process.env.NODE_ENV': '"production"'},
	// Bundled CommonJS (dockerode, ssh2) expects require, __filename and __dirname.
	banner: {
		js: [
			"import {createRequire as __createRequire} from 'node:module';",
			"import {fileURLToPath as __fileURLToPath} from 'node:url';",
			"import {dirname as __pathDirname} from 'node:path';",
			'const require = __createRequire(import.meta.url);',
			'const __filename = __fileURLToPath(import.meta.url);',
			'const __dirname = __pathDirname(__filename);',
		].join(' '),
	},
	plugins: [
		// Four of Ink's hot spots are swapped for porthole's faster equivalents (same results; see
		// source/ink/ and test/unit/ink-output.test.ts): the frame-to-text class, the per-text-node
		// sanitiser, text measuring, and string-width for the copy every package here resolves to.
		{
			name: 'ink-swaps',
			setup(builder) {
				const inInk = importer => /[\\/]node_modules[\\/]ink[\\/]build[\\/]/.test(importer);
				const swap = name => join(root, 'source', 'ink', name);
				builder.onResolve({filter: /^\.\/output\.js$/}, args => (inInk(args.importer) ? {path: swap('output.ts')} : undefined));
				builder.onResolve({filter: /^\.\/sanitize-ansi\.js$/}, args => (inInk(args.importer) ? {path: swap('sanitize-ansi.ts')} : undefined));
				builder.onResolve({filter: /^\.\/measure-text\.js$/}, args => (inInk(args.importer) ? {path: swap('measure-text.ts')} : undefined));
				const topLevelStringWidth = join(root, 'node_modules', 'string-width', 'index.js');
				builder.onResolve({filter: /^string-width$/}, async args => {
					// The swaps themselves (string-width.ts, plain-text.ts) use the real one.
					if (args.pluginData === 'real' || args.importer.startsWith(join(root, 'source', 'ink'))) return undefined;
					const real = await builder.resolve(args.path, {resolveDir: args.resolveDir, kind: args.kind, pluginData: 'real'});
					// Packages with their own older string-width keep it.
					return real.path === topLevelStringWidth ? {path: swap('string-width.ts')} : undefined;
				});
			},
		},
		// Ink imports React DevTools support only for development; it is never used here.
		{
			name: 'no-devtools',
			setup(builder) {
				builder.onResolve({filter: /^react-devtools-core$/}, () => ({path: 'react-devtools-core', namespace: 'stub'}));
				builder.onLoad({filter: /.*/, namespace: 'stub'}, () => ({contents: 'export default {connectToDevTools() {}};', loader: 'js'}));
			},
		},
	],
	sourcemap: 'linked',
	logLevel: 'warning',
	metafile: true,
});
// The swaps must be in the bundle and Ink's originals out of it: a plugin that silently stops
// matching (an Ink upgrade that renames a file) would otherwise go unnoticed.
const inputs = Object.keys(result.metafile.inputs);
for (const swap of ['output.ts', 'sanitize-ansi.ts', 'string-width.ts', 'measure-text.ts']) {
	if (!inputs.includes(`source/ink/${swap}`)) throw new Error(`build: source/ink/${swap} is not in the bundle (the ink-swaps plugin no longer matches)`);
}
for (const original of ['output.js', 'measure-text.js']) {
	if (inputs.includes(`node_modules/ink/build/${original}`)) throw new Error(`build: Ink's own ${original} is in the bundle (the ink-swaps plugin no longer matches)`);
}
// The entry turns on the compile cache before the bundle is parsed (ESM imports are evaluated
// before a module's own code, so this cannot live in app.js).
//
// It also makes V8 collect the old generation sooner. By default V8 lets the old generation grow
// to up to 4 × what was live after the last full collection before collecting it again. In a log
// flood a few hundred KB a second outlive two young collections (render trees, line batches), so
// RSS crept up by ~1.2 MB/s for the whole 30 s window (growth 49.8 MB [30.1–51.2], 3 runs) and
// by up to 70 MB on a busy machine. Growing by 20 % at most, it levels off after a few seconds:
// 22.8 and 24.0 MB, with the same CPU (18 % of a core) and key latency. porthole's live heap is
// small (log lines are kept off it: store/log-buffer.ts), so a full collection takes a few ms.
// (--optimize-for-size held RSS flat too, but doubled the CPU.) The flag is read at every
// collection, so setting it here, before anything is allocated, is enough.
writeFileSync(
	out,
	[
		'#!/usr/bin/env node',
		"import module from 'node:module';",
		"import {setFlagsFromString} from 'node:v8';",
		"setFlagsFromString('--heap-growing-percent=20');",
		'module.enableCompileCache?.();',
		"await import('./app.js');",
		'',
	].join('\n'),
);
chmodSync(out, 0o755);
