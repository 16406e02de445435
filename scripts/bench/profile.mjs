// Where a V8 CPU profile (node --cpu-prof, see `npm run bench -- --cpu-prof`) spends its time:
// self time by package (node_modules/<pkg>, dist/app.js, node internals) and by function,
// optionally only between `from` and `to` seconds after the profile starts (skip start-up).
//
//   node scripts/bench/profile.mjs FILE.cpuprofile [from-s] [to-s] [--top 20]
import {existsSync, readFileSync} from 'node:fs';
import {SourceMap} from 'node:module';
import {fileURLToPath} from 'node:url';

// porthole ships as one bundle (dist/app.js): its source map gives back the file, and so the
// package, each profiled function came from.
const maps = new Map();
function sourceMapFor(url) {
	if (!maps.has(url)) {
		let map;
		try {
			const path = fileURLToPath(url);
			if (existsSync(`${path}.map`)) map = new SourceMap(JSON.parse(readFileSync(`${path}.map`, 'utf8')));
		} catch {
			// not a file URL, or no usable map
		}
		maps.set(url, map);
	}
	return maps.get(url);
}

/** The original source and 1-based line of a profiled frame (through the bundle's source map). */
function originalSource(frame) {
	const map = frame.url.startsWith('file:') ? sourceMapFor(frame.url) : undefined;
	const entry = map?.findEntry(frame.lineNumber, frame.columnNumber);
	return entry?.originalSource ? {source: entry.originalSource, line: entry.originalLine + 1} : {source: frame.url, line: frame.lineNumber + 1};
}

/** Self time (µs) by package and by function of `profile`, counting samples in [from, to) seconds. */
export function summarizeProfile(profile, from = 0, to = Infinity) {
	const nodes = new Map(profile.nodes.map(node => [node.id, node]));
	const byNode = new Map();
	let t = 0;
	profile.samples.forEach((id, i) => {
		t += profile.timeDeltas[i] ?? 0;
		if (t >= from * 1e6 && t < to * 1e6) byNode.set(id, (byNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
	});
	const byPackage = new Map();
	const byFunction = new Map();
	let busy = 0;
	let total = 0;
	for (const [id, us] of byNode) {
		const frame = nodes.get(id).callFrame;
		total += us;
		if (frame.functionName === '(idle)') continue;
		busy += us;
		const {source, line} = originalSource(frame);
		const url = source.replace(/^.*?\/(source|node_modules)\//, '$1/').replace(/^.*\/cli\.tsx$/, 'cli.tsx');
		const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? (/^source\/[^/]+/.exec(url)?.[0] ?? (url || `(${frame.functionName})`));
		byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
		const fn = `${frame.functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${line}`;
		byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
	}
	return {total, busy, byPackage, byFunction};
}

/** Text table of the top entries. */
export function formatSummary({total, busy, byPackage, byFunction}, top = 12) {
	const lines = [`profiled ${(total / 1e6).toFixed(1)} s, busy ${(busy / 1e6).toFixed(2)} s (${((busy / Math.max(1, total)) * 100).toFixed(1)} % of one core)`];
	const list = (map, title) => {
		lines.push(title);
		for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
			lines.push(`  ${(us / 1000).toFixed(0).padStart(6)} ms  ${((us / Math.max(1, busy)) * 100).toFixed(1).padStart(5)} %  ${name}`);
		}
	};
	list(byPackage, 'self time by package:');
	list(byFunction, 'self time by function:');
	return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const args = process.argv.slice(2);
	const topAt = args.indexOf('--top');
	const top = topAt === -1 ? 12 : Number(args.splice(topAt, 2)[1]);
	const [file, from, to] = args;
	if (!file) {
		console.error('usage: node scripts/bench/profile.mjs FILE.cpuprofile [from-s] [to-s] [--top N]');
		process.exit(2);
	}
	const profile = JSON.parse(readFileSync(file, 'utf8'));
	console.log(formatSummary(summarizeProfile(profile, Number(from ?? 0), to === undefined ? Infinity : Number(to)), top));
}
