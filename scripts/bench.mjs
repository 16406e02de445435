// `npm run bench`: porthole's benchmark (issue 6). Not part of `npm test`.
//
// On the private engine (scripts/test-engine.sh; PORTHOLE_ENGINE_DIR is honoured, started here if
// it is not running and stopped at the end only then), for each N it makes N running busybox
// containers (a line a second, --network none) plus a few exited ones, and runs the built porthole
// and `docker stats` in turn in a real 160×50 pty (test/helpers/term.ts). Over a steady window it
// measures first frame, first CPU figures, CPU and RSS of the monitor (/proc), bytes written to the
// terminal, and the engine's extra CPU against an idle window. Then key latency with 1,000+
// containers listed, and a log flood. Prints a table with each budget met or missed, and writes
// bench-results/bench-<timestamp>.json. Every container it makes is labelled porthole.bench=1 and
// removed at the end, also on Ctrl-C.
//
//   node scripts/bench.mjs [--n 20,100,300] [--runs 3] [--window 30] [--settle 3]
//                          [--only porthole|docker-stats] [--skip-keys] [--skip-flood]
//                          [--logs-key l] [--cpu-prof] [--quick]
import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import {join} from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {parseArgs} from 'node:util';
import {ROOT} from '../test/helpers/term.ts';
import {api, createContainer, createIdle, DOCKER_HOST, ENGINE_DIR, engineScript, ensureFleet, logLinesBetween, removeBench} from './bench/engine.mjs';
import {floodWindow, idleWindow, keyLatency, monitorWindow, profilePorthole, COLS, ROWS} from './bench/measure.mjs';
import {formatSummary, summarizeProfile} from './bench/profile.mjs';
import {budgets, render, summarize, summarizeTool} from './bench/report.mjs';

const USAGE = `Usage: node scripts/bench.mjs [options]      (npm run bench -- [options])

  --n <list>        running containers per step, comma-separated (default 20,100,300)
  --runs <k>        repeats of every measurement; figures are the median (default 3)
  --window <s>      steady window in seconds (default 30)
  --settle <s>      wait after the first CPU figures before the window (default 3)
  --only <tool>     porthole or docker-stats (default both)
  --skip-keys       no key-latency test (1,000 created containers)
  --skip-flood      no log-flood test
  --logs-key <key>  key that opens porthole's logs view (default l)
  --cpu-prof        run porthole under node --cpu-prof (profiles in bench-results/; inflates its CPU)
  --quick           N=20, 1 run, 10 s windows: for developing the bench itself
  --help            this text`;

const {values: flags} = parseArgs({
	options: {
		n: {type: 'string'},
		runs: {type: 'string'},
		window: {type: 'string'},
		settle: {type: 'string'},
		only: {type: 'string'},
		'skip-keys': {type: 'boolean', default: false},
		'skip-flood': {type: 'boolean', default: false},
		'skip-steps': {type: 'boolean', default: false},
		'logs-key': {type: 'string', default: 'l'},
		'cpu-prof': {type: 'boolean', default: false},
		quick: {type: 'boolean', default: false},
		help: {type: 'boolean', default: false},
	},
});
if (flags.help) {
	console.log(USAGE);
	process.exit(0);
}
const positive = (text, name) => {
	const value = Number(text);
	if (!(value > 0)) {
		console.error(`bench: --${name} must be a positive number (got "${text}")\n\n${USAGE}`);
		process.exit(2);
	}
	return value;
};
const options = {
	ns: flags['skip-steps'] ? [] : (flags.n ?? (flags.quick ? '20' : '20,100,300')).split(',').map(n => Math.round(positive(n.trim(), 'n'))),
	runs: Math.round(positive(flags.runs ?? (flags.quick ? '1' : '3'), 'runs')),
	window: positive(flags.window ?? (flags.quick ? '10' : '30'), 'window'),
	settle: Number(flags.settle ?? 3),
	tools: flags.only ? [flags.only] : ['porthole', 'docker-stats'],
	keys: !flags['skip-keys'],
	flood: !flags['skip-flood'],
	logsKey: flags['logs-key'],
	cpuProf: flags['cpu-prof'],
};
if (options.tools.some(t => t !== 'porthole' && t !== 'docker-stats')) {
	console.error(`bench: --only must be porthole or docker-stats\n\n${USAGE}`);
	process.exit(2);
}
if (!options.tools.includes('porthole')) options.keys = options.flood = false;

const EXITED = 3;
const CREATED = 1000;
const PRESSES = 100;
const TYPE_TEXT = 'bench-created-0042';
const TYPE_ROUNDS = 2;
const FLOOD_NAME = 'bench-flood-1';
const FLOOD_TEXT = 'porthole-flood';
const FLOOD_RATE = 10_000;
// Exactly FLOOD_RATE lines every wall-clock second, in ten bursts, each line unique (second.burst.n)
// so a scrolled view can be told from an unscrolled one. busybox only.
const FLOOD_CMD = [
	'sh',
	'-c',
	`while :; do s=$(date +%s); i=0; while [ $i -lt 10 ]; do awk -v s=$s -v c=$i 'BEGIN{for(n=0;n<${FLOOD_RATE / 10};n++) printf "${FLOOD_TEXT} %d.%d.%04d 0123456789 abcdefghijklmnopqrstuvwxyz\\n", s, c, n}'; usleep 60000; i=$((i+1)); done; while [ "$(date +%s)" = "$s" ]; do usleep 20000; done; done`,
];

const began = Date.now();
const stamp = () => {
	const s = Math.round((Date.now() - began) / 1000);
	return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};
const log = message => process.stderr.write(`[bench ${stamp()}] ${message}\n`);

// --- cleanup, also on Ctrl-C -----------------------------------------------------------------
let engineStartedHere = false;
let cleaning;
async function cleanup() {
	cleaning ??= (async () => {
		try {
			const removed = await removeBench();
			if (removed) log(`removed ${removed} bench containers`);
		} catch (error) {
			log(`cleanup: could not remove bench containers: ${error.message}`);
		}
		if (engineStartedHere) {
			log('stopping the engine this run started');
			engineScript(ROOT, 'stop', {quiet: true});
		}
	})();
	return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(signal, () => {
		log(`${signal}: cleaning up`);
		// test/helpers/term.ts kills every pty child on exit.
		void cleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
	});
}

// --- time estimate ---------------------------------------------------------------------------
function estimateSeconds() {
	const perMonitor = options.settle + 3 + options.window + 2; // start-up, settle, window, quit
	const perIdle = 3 + options.window;
	let total = 0;
	for (const n of options.ns) total += n * 0.05 + 5 + options.runs * options.tools.length * (perIdle + perMonitor);
	if (options.keys) total += CREATED * 0.04 + options.runs * 25 + 10;
	if (options.flood) total += 15 + options.runs * (options.window + 8);
	return total;
}

function meta() {
	let commit = 'unknown';
	try {
		commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {cwd: ROOT, encoding: 'utf8'}).trim();
		const dirty = execFileSync('git', ['status', '--porcelain', '--', 'source', 'cli.tsx'], {cwd: ROOT, encoding: 'utf8'}).trim();
		if (dirty) commit += '+changes';
	} catch {
		// not a git checkout
	}
	// The build measured (dist/ may be rebuilt by someone else while the bench runs).
	let build = 'unknown';
	try {
		const entry = existsSync(join(ROOT, 'dist', 'app.js')) ? join(ROOT, 'dist', 'app.js') : join(ROOT, 'dist', 'cli.js');
		build = createHash('sha256').update(readFileSync(entry)).digest('hex').slice(0, 12);
	} catch {
		// no build
	}
	let cli = 'unknown';
	try {
		cli = execFileSync('docker', ['version', '--format', '{{.Client.Version}}'], {encoding: 'utf8', env: {...process.env, DOCKER_HOST}}).trim();
	} catch {
		// no CLI
	}
	return {
		date: new Date().toISOString(),
		cores: os.cpus().length,
		cpuModel: os.cpus()[0]?.model ?? 'unknown',
		memory: os.totalmem(),
		kernel: os.release(),
		node: process.version,
		commit,
		build,
		dockerCli: cli,
		engineDir: ENGINE_DIR,
		cols: COLS,
		rows: ROWS,
		window: options.window,
		settle: options.settle,
		runs: options.runs,
		ns: options.ns,
		tools: options.tools,
	};
}

// --- the run ---------------------------------------------------------------------------------
async function main() {
	if (!existsSync(join(ROOT, 'dist', 'cli.js'))) throw new Error('dist/cli.js is missing: run `npm run build` (npm run bench builds first)');
	const estimate = estimateSeconds();
	log(`N = ${options.ns.join(', ')}; ${options.runs} run(s); ${options.window} s windows; ${options.tools.join(' and ')}${options.keys ? '; key latency' : ''}${options.flood ? '; log flood' : ''}`);
	log(`estimated time: about ${Math.ceil(estimate / 60)} min`);

	if (engineScript(ROOT, 'status', {quiet: true})) log(`engine already running at ${DOCKER_HOST}`);
	else {
		log(`starting the private engine at ${DOCKER_HOST}`);
		engineStartedHere = true;
		if (!engineScript(ROOT, 'start')) throw new Error('could not start the private engine');
	}
	// scripts/test-engine.sh start also imports the image when an already running engine lacks it.
	if (!engineStartedHere) engineScript(ROOT, 'start', {quiet: true});
	const version = JSON.parse((await api('GET', '/version')).body.toString());
	const results = {meta: {...meta(), dockerVersion: version.Version, apiVersion: version.ApiVersion}, options, byN: {}};
	const stampName = results.meta.date.replace(/[:.]/g, '-');
	const profileDir = join(ROOT, 'bench-results', `profiles-${stampName}`);
	if (options.cpuProf) {
		mkdirSync(profileDir, {recursive: true});
		profilePorthole(profileDir);
		log(`porthole runs under --cpu-prof: profiles go to ${profileDir.slice(ROOT.length + 1)} (its CPU figures include the profiler)`);
	}
	const leftovers = await removeBench();
	if (leftovers) log(`removed ${leftovers} bench containers left from an earlier run`);

	for (const n of options.ns) {
		let t = Date.now();
		await ensureFleet(n, EXITED);
		const readyAt = Date.now();
		log(`N=${n}: ${n} running + ${EXITED} exited containers ready in ${((readyAt - t) / 1000).toFixed(1)} s`);
		// Under a minute old, STATUS reads "Up 42 seconds" and changes every second in porthole (not in
		// docker stats, which has no such column): start the first monitor window after the minute.
		const wait = Math.max(3, 62 - options.window);
		log(`N=${n}: waiting ${wait} s, so the containers are over a minute old when the first window starts`);
		await sleep(wait * 1000);
		const runs = Object.fromEntries(options.tools.map(tool => [tool, []]));
		for (let run = 1; run <= options.runs; run++) {
			// Alternate the order, so a drift in background load does not always favour one tool.
			const order = run % 2 ? options.tools : [...options.tools].reverse();
			for (const tool of order) {
				log(`N=${n} run ${run}/${options.runs}: idle window (${options.window} s)`);
				const idle = await idleWindow(options.window);
				log(`N=${n} run ${run}/${options.runs}: ${tool} (engine idle ${idle.engineCpu.toFixed(1)} %)`);
				const result = await monitorWindow(tool, {seconds: options.window, settle: options.settle, log: m => log(`N=${n} run ${run}/${options.runs}: ${m}`)});
				result.engineIdle = idle.engineCpu;
				result.idleMachineBusy = idle.machineBusy;
				if (result.engineCpu !== undefined) result.engineExtra = result.engineCpu - idle.engineCpu;
				runs[tool].push(result);
				await sleep(2000); // let the daemon close the streams before the next idle window
			}
		}
		const summary = Object.fromEntries(Object.entries(runs).map(([tool, list]) => [tool, summarizeTool(list)]));
		results.byN[n] = {running: n, exited: EXITED, runs, summary};
		log(`N=${n} done in ${((Date.now() - t) / 1000).toFixed(0)} s`);
		t = Date.now();
	}

	if (options.keys) {
		const running = options.ns.at(-1) ?? 0;
		log(`key latency: creating ${CREATED} containers (created, never started)`);
		const t = Date.now();
		await createIdle(CREATED, done => log(`key latency: ${done}/${CREATED} created`));
		log(`key latency: created in ${((Date.now() - t) / 1000).toFixed(1)} s`);
		// Without the N steps (--skip-steps) there is no fleet: only the created ones are listed.
		const listed = CREATED + (options.ns.length > 0 ? running + EXITED : 0);
		const list = [];
		for (let run = 1; run <= options.runs; run++) {
			log(`key latency run ${run}/${options.runs}: ${listed} containers listed`);
			list.push(await keyLatency({presses: PRESSES, text: TYPE_TEXT, typeRounds: TYPE_ROUNDS, listed, log: m => log(`key latency run ${run}/${options.runs}: ${m}`)}));
		}
		const ok = list.filter(r => !r.error);
		results.keys = {
			created: CREATED,
			running,
			listed: ok[0]?.listed ?? listed,
			presses: PRESSES,
			text: TYPE_TEXT,
			typeRounds: TYPE_ROUNDS,
			runs: list,
			errors: list.flatMap(r => [r.error, r.typingError].filter(Boolean)),
			summary: ok.length
				? {
						listedAfter: summarize(ok.map(r => r.listedAfter)),
						busyAfterStart: summarize(ok.map(r => r.busyAfterStart)),
						moveP50: summarize(ok.map(r => r.move.p50)),
						moveP95: summarize(ok.map(r => r.move.p95)),
						moveMax: summarize(ok.map(r => r.move.max)),
						typingP50: summarize(ok.map(r => r.typing?.p50)),
						typingP95: summarize(ok.map(r => r.typing?.p95)),
						typingMax: summarize(ok.map(r => r.typing?.max)),
						machineBusy: summarize(ok.map(r => r.machineBusy)),
					}
				: undefined,
		};
		const removed = await removeBench('created');
		log(`key latency: removed the ${removed} created containers`);
	}

	if (options.flood) {
		log(`log flood: starting ${FLOOD_NAME} (${FLOOD_RATE} lines/s)`);
		const id = await createContainer(FLOOD_NAME, FLOOD_CMD, {role: 'flood'});
		await sleep(3000);
		const since = Math.floor(Date.now() / 1000);
		await sleep(4000);
		const rate = (await logLinesBetween(id, since, since + 3)) / 3;
		log(`log flood: measured ${rate.toFixed(0)} lines/s`);
		const list = [];
		for (let run = 1; run <= options.runs; run++) {
			log(`log flood run ${run}/${options.runs}`);
			const result = await floodWindow({
				seconds: options.window,
				logsKey: options.logsKey,
				presses: PRESSES,
				floodName: FLOOD_NAME,
				floodText: FLOOD_TEXT,
				firstRun: run === 1,
				log: m => log(`log flood run ${run}/${options.runs}: ${m}`),
			});
			list.push(result);
			if (result.measured === false) break; // no logs view: nothing to repeat
		}
		const ok = list.filter(r => r.measured && !r.error);
		results.flood = {
			rate: Math.round(rate),
			logsKey: options.logsKey,
			probes: {
				following: '`?` opens and closes the help overlay while the flood is on screen; key write to the frame showing / hiding it',
				scroll: 'k then j in the logs view after k paused following (the flood is still read in); key write to the frame where the log lines moved',
			},
			runs: list,
			reason: ok.length ? undefined : list.find(r => r.measured === false)?.reason,
			scrollReason: ok.some(r => r.scroll?.measured) ? undefined : list.find(r => r.scroll?.measured === false)?.scroll.reason,
			scrollRuns: `${ok.filter(r => r.scroll?.measured).length} of ${ok.length}`,
			errors: list.filter(r => r.error).map(r => r.error),
			summary: ok.length
				? {
						logsShown: summarize(ok.map(r => r.logsShown)),
						keyP50: summarize(ok.map(r => r.key.p50)),
						keyP95: summarize(ok.map(r => r.key.p95)),
						scrollP50: summarize(ok.map(r => r.scroll?.p50)),
						scrollP95: summarize(ok.map(r => r.scroll?.p95)),
						rssGrowth: summarize(ok.map(r => r.rssGrowth)),
						rssPeakGrowth: summarize(ok.map(r => r.rssPeakGrowth)),
						cpu: summarize(ok.map(r => r.cpu)),
						bytesPerSecond: summarize(ok.map(r => r.bytesPerSecond)),
						machineBusy: summarize(ok.map(r => r.machineBusy)),
					}
				: undefined,
		};
		if (!ok.length && !results.flood.reason) results.flood.reason = 'every run failed';
		await removeBench('flood');
	}

	results.budgets = budgets(results);
	results.meta.durationSeconds = Math.round((Date.now() - began) / 1000);
	const dir = join(ROOT, 'bench-results');
	mkdirSync(dir, {recursive: true});
	const file = join(dir, `bench-${stampName}.json`);
	writeFileSync(file, JSON.stringify(results, null, '\t') + '\n');
	console.log(render(results));
	if (options.cpuProf) {
		// The first profile is the first monitor run; skip its first 5 s of start-up.
		const profiles = readdirSync(profileDir).filter(name => name.endsWith('.cpuprofile')).sort();
		if (profiles[0]) {
			const profile = JSON.parse(readFileSync(join(profileDir, profiles[0]), 'utf8'));
			console.log(`\nCPU profile of the first porthole run, after its first 5 s (${profiles.length} profiles in ${profileDir.slice(ROOT.length + 1)}):`);
			console.log(formatSummary(summarizeProfile(profile, 5), 10));
		}
	}
	console.log(`\nJSON: ${file.slice(ROOT.length + 1)}  (took ${Math.floor(results.meta.durationSeconds / 60)} min ${results.meta.durationSeconds % 60} s)`);
}

try {
	await main();
} catch (error) {
	log(`failed: ${error instanceof Error ? error.stack : error}`);
	process.exitCode = 1;
} finally {
	await cleanup();
}
// Pty handles and sockets may keep the loop alive; everything is done.
process.exit(process.exitCode ?? 0);
