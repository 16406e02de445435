/**
 * Entry point: parse flags, resolve the engine endpoint, check the daemon answers, render <App/>,
 * and make sure the terminal is restored on every way out (q, Ctrl-C, SIGTERM, SIGHUP, a crash).
 * This is the only place that builds the engine.
 */
import {parseArgs} from 'node:util';
import packageJson from './package.json' with {type: 'json'};
import {render} from 'ink';
import {configPath, loadConfig, logBufferError} from './source/config/config.js';
import {resolveEndpoint} from './source/engine/connection.js';
import {DockerEngine} from './source/engine/docker.js';
import {parseTimeArg} from './source/present/logs.js';
import {HostSession} from './source/hosts/session.js';
import {HostActions} from './source/actions/host-actions.js';
import {ContainersStore} from './source/store/containers.js';
import {LogsStore} from './source/store/logs.js';
import {parseFilters} from './source/store/filter.js';
import {ProcessesStore} from './source/store/processes.js';
import {StatsStore} from './source/store/stats.js';
import {SORT_KEYS, type SortKey} from './source/store/view.js';
import {App} from './source/ui/App.js';
import {handedOverOnce, isHandingOver} from './source/ui/handover.js';

const HELP = `
	Usage
	  $ porthole [options]

	A live, keyboard-driven view of a Docker engine: docker ps, stats, top and logs in one screen.

	Options
	  -H, --host <url>        Daemon to connect to (unix://…, tcp://host:2376, ssh://user@host).
	                          Default: DOCKER_HOST, then the docker context, then /var/run/docker.sock
	  -c, --context <name>    Docker context to use (as docker --context)
	  -f, --filter <filter>   Filter like docker ps --filter (status=running, name=web, label=k=v, …)
	                          or free words; repeatable
	      --running           Show running containers only (press a to toggle)
	      --sort <column>     Sort by ${SORT_KEYS.join(', ')} (press s to cycle, S to reverse)
	      --refresh <seconds> Safety re-sync period; events drive updates between (default 10)
	      --read-only         Refuse every change to the daemon (no stop, remove, exec…)
	      --shell <command>   Shell for e (default: bash, else sh)
	      --tail <lines|all>  Log lines to start a logs view with (default 200)
	      --since <time>      Logs since a time: 10m, 2h, RFC 3339, or Unix seconds
	      --until <time>      Logs until a time (no following then)
	      --log-buffer <n>    Log lines kept per container in a logs view (default 10000)
	      --help              Show this help
	      --version           Show the version

	Keys
	  Press ? inside porthole for every key.

	Config
	  ~/.config/porthole/config.json (or $PORTHOLE_CONFIG): readOnly, shell, tail, refresh,
	  logBuffer, secretKeys. Flags win over the file.

	Examples
	  $ porthole
	  $ porthole --filter status=exited --filter label=com.docker.compose.project=shop
	  $ DOCKER_HOST=ssh://me@server porthole --running
`;

function fail(message: string): never {
	if (process.stdin.isTTY) process.stdin.setRawMode(false);
	process.stderr.write(message.trimEnd() + '\n');
	process.exit(1);
}

const VERSION = packageJson.version;

/**
 * How long start-up waits for the daemon's first answer before drawing the screen anyway. Long
 * enough for a refused or missing socket to be reported on the plain terminal, short enough that
 * the screen is there at once when the daemon is silent.
 */
const FIRST_ANSWER_GRACE_MS = 300;

// node's own parser: meow and its dependencies cost ~40 ms of start-up, a sixth of the first frame.
let parsed_args;
try {
	parsed_args = parseArgs({
		allowPositionals: false,
		options: {
			host: {type: 'string', short: 'H'},
			context: {type: 'string', short: 'c'},
			filter: {type: 'string', short: 'f', multiple: true},
			running: {type: 'boolean'},
			sort: {type: 'string'},
			refresh: {type: 'string'},
			tail: {type: 'string'},
			'read-only': {type: 'boolean'},
			shell: {type: 'string'},
			since: {type: 'string'},
			until: {type: 'string'},
			'log-buffer': {type: 'string'},
			help: {type: 'boolean', short: 'h'},
			version: {type: 'boolean', short: 'v'},
		},
	});
} catch (error) {
	fail(`porthole: ${(error as Error).message.replace(/\. To specify a positional argument.*$/, '')}\nTry porthole --help.`);
}
const values = parsed_args.values;
if (values.help) {
	process.stdout.write(HELP.replace(/^\n/, '').replace(/^\t/gm, '  ') + '\n');
	process.exit(0);
}
if (values.version) {
	process.stdout.write(`${VERSION}\n`);
	process.exit(0);
}
// Node prints deprecation warnings (e.g. about the ssh:// URL dockerode parses) to stderr, which
// would land in the middle of the screen. They are for porthole's developers, not its users.
process.noDeprecation = true;

const refreshFlag = values.refresh === undefined ? undefined : Number(values.refresh);
const cli = {
	flags: {
		host: values.host,
		context: values.context,
		filter: values.filter,
		running: values.running ?? false,
		sort: values.sort ?? 'created',
		refresh: refreshFlag,
		tail: values.tail,
		readOnly: values['read-only'],
		shell: values.shell,
		since: values.since,
		until: values.until,
		logBuffer: values['log-buffer'],
	},
};


let config;
try {
	// A file named explicitly must exist; the default location may be absent.
	config = loadConfig(configPath(), {mustExist: Boolean(process.env.PORTHOLE_CONFIG)});
} catch (error) {
	fail(`porthole: config: ${(error as Error).message}`);
}
const readOnly = cli.flags.readOnly ?? config.readOnly ?? false;
const refresh = cli.flags.refresh ?? config.refresh ?? 10;
const tail = cli.flags.tail ?? String(config.tail ?? 200);
const logBuffer = cli.flags.logBuffer === undefined ? (config.logBuffer ?? 10_000) : Number(cli.flags.logBuffer);

const sort = cli.flags.sort as SortKey;
if (!SORT_KEYS.includes(sort)) fail(`porthole: --sort must be one of ${SORT_KEYS.join(', ')} (got "${cli.flags.sort}").`);
if (!(refresh > 0)) fail('porthole: --refresh must be a number of seconds greater than 0.');
const logBufferProblem = cli.flags.logBuffer === undefined ? undefined : logBufferError(logBuffer);
if (logBufferProblem) fail(`porthole: --log-buffer ${logBufferProblem} (got "${cli.flags.logBuffer}").`);
if (tail !== 'all' && !/^\d+$/.test(tail)) fail(`porthole: --tail must be a number of lines or "all" (got "${tail}").`);
const logsDefaults: {tail: number | 'all'; since?: string; until?: string; sinceText?: string; untilText?: string} = {
	tail: tail === 'all' ? 'all' : Number(tail),
};
for (const which of ['since', 'until'] as const) {
	const text = cli.flags[which];
	if (text === undefined) continue;
	const time = parseTimeArg(text, Date.now());
	if (!time.ok) fail(`porthole: --${which}: ${time.error}`);
	logsDefaults[which] = time.value;
	logsDefaults[`${which}Text`] = text;
}
const parsed = parseFilters(cli.flags.filter ?? []);
if (!parsed.ok) fail(`porthole: ${parsed.error}`);

let target;
try {
	target = resolveEndpoint({host: cli.flags.host, context: cli.flags.context});
} catch (error) {
	fail(`porthole: ${(error as Error).message}`);
}

let engine: DockerEngine;
try {
	engine = new DockerEngine(target, readOnly);
} catch (error) {
	const from = {flag: '--host', env: 'DOCKER_HOST', context: `the docker context "${target.context ?? ''}"`, default: 'the default'}[target.source];
	fail(`porthole: ${from}: ${(error as Error).message}`);
}

// porthole draws a live screen and reads keys: without a terminal on both ends it cannot work,
// and Ink would fail with a stack trace (stdin) or draw nothing until exit (stdout).
if (!process.stdin.isTTY || !process.stdout.isTTY) {
	const which = !process.stdin.isTTY ? 'standard input' : 'standard output';
	fail(`porthole: needs a terminal, and its ${which} is not one. Run it in a terminal (for a snapshot in scripts, use docker ps / docker stats --no-stream).`);
}
// Raw mode at once, not when Ink's input hook first runs (after the first frame is drawn): keys
// typed before then went through the terminal's line discipline, which echoed them over the
// screen and applied its own editing (a Ctrl-U typed early erased the keys before it). In raw
// mode they wait, untouched, until porthole reads them.
process.stdin.setRawMode(true);

// The host session: the connection, the header's facts and the one /events stream of the host.
const session = new HostSession(engine, {
	// dockerode's ssh transport opens a new SSH connection per request: a ping every 2 s would be
	// 30 handshakes a minute on the remote host. Until one connection serves every request, an
	// ssh host is pinged every 15 s (a hung one is still noticed by the requests that time out).
	...(target.url.startsWith('ssh://') ? {heartbeatMs: 15_000} : {}),
});
const store = new ContainersStore(session, {
	all: !cli.flags.running,
	filters: parsed.value.filters,
	pollIntervalMs: refresh * 1000,
});
// Fail fast, before taking over the screen, when the daemon cannot be reached at all: a missing
// socket, a refused port or a denied permission fail in milliseconds. A daemon that accepts and
// does not answer is not waited for: the screen comes up at once (keys, q included, work) and
// says it is not responding, and the store keeps trying.
void store.start();
await Promise.race([session.start(), new Promise((resolve) => setTimeout(resolve, FIRST_ANSWER_GRACE_MS))]);
const first = store.getSnapshot();
if (first.connection === 'disconnected' && first.connectionError && first.connectionError.code !== 'not-responding') {
	store.stop();
	session.stop();
	engine.close();
	fail(`porthole: ${first.connectionError.message}`);
}
const stats = new StatsStore(engine, {source: store});
const processes = new ProcessesStore(engine);
const actions = new HostActions(engine);

const instance = render(
	<App
		stores={{containers: store, stats, processes, openLogs: (targets, options) => new LogsStore(engine, targets, {...options, maxLines: logBuffer}), actions}}
		initialSort={sort}
		initialFilterText={(cli.flags.filter ?? []).join(' ')}
		logsDefaults={logsDefaults}
		readOnly={readOnly}
		shell={cli.flags.shell ?? config.shell}
		secretKeys={config.secretKeys}
		onQuit={(code) => (exitCode = code)}
	/>,
	{alternateScreen: true, incrementalRendering: true, exitOnCtrlC: false, patchConsole: false, maxFps: 30},
);

let exitCode = 0;
function shutdown(code: number) {
	exitCode = code;
	instance.unmount();
}
process.on('SIGTERM', () => shutdown(143));
process.on('SIGHUP', () => shutdown(129));
// While a container has the terminal (raw mode), Ctrl-C is a byte for it, not a signal for us;
// a SIGINT from elsewhere then must not tear the screen down under the session.
process.on('SIGINT', () => {
	if (!isHandingOver()) shutdown(130);
});
function crash(error: unknown) {
	try {
		instance.unmount();
	} finally {
		process.stderr.write(`porthole crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
		process.exit(1);
	}
}
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

await instance.waitUntilExit();
// After a shell or attach, the normal screen holds that session's output: put the prompt below it.
if (handedOverOnce()) process.stdout.write('\u001B[999;1H\r\n');
store.stop();
session.stop();
actions.stop();
stats.stop();
processes.stop();
engine.close();
process.exit(exitCode);
