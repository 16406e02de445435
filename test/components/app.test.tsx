import {describe, expect, it} from 'vitest';
import {EngineError} from '../../source/engine/errors.js';
import {fakeContainer} from '../../source/engine/fake.js';
import {setupApp} from '../helpers/app.js';
import {keys} from '../helpers/render.js';

async function setup(containers = defaultContainers(), size = {columns: 120, rows: 20}, options: {all?: boolean} = {}) {
	return setupApp(containers, size, options);
}

function defaultContainers() {
	const now = Math.floor(Date.now() / 1000);
	return [
		fakeContainer({name: 'api', image: 'shop/api:2.1', command: 'node server.js', created: now - 120, status: 'Up 2 minutes'}),
		fakeContainer({name: 'db', image: 'postgres:16', command: 'docker-entrypoint.sh postgres', created: now - 3600, status: 'Up About an hour (healthy)'}),
		fakeContainer({
			name: 'job',
			image: 'busybox:latest',
			command: 'false',
			state: 'exited',
			status: 'Exited (1) 5 minutes ago',
			created: now - 600,
			detail: {exitCode: 1, finishedAt: new Date((now - 300) * 1000).toISOString()},
		}),
		fakeContainer({
			name: 'web',
			image: 'nginx:1.27',
			command: 'nginx -g daemon off;',
			created: now - 60,
			ports: [{ip: '0.0.0.0', privatePort: 80, publicPort: 8080, type: 'tcp'}, {privatePort: 443, type: 'tcp'}],
		}),
	];
}

/** The line of the frame that holds the selection marker. */
function selectedLine(frame: string): string {
	return frame.split('\n').find((line) => line.startsWith('›')) ?? '';
}

describe('App', () => {
	it('shows the header and docker ps columns', async () => {
		const {app} = await setup(defaultContainers(), {columns: 240, rows: 20});
		const frame = app.lastFrame();
		expect(frame).toContain('porthole');
		expect(frame).toContain('unix:///fake/docker.sock');
		expect(frame).toContain('3 running');
		expect(frame).toMatch(/CONTAINER ID\s+IMAGE\s+COMMAND\s+CREATED\s+STATUS\s+PORTS\s+CPU %\s+MEM USAGE \/ LIMIT\s+MEM %\s+NET I\/O\s+BLOCK I\/O\s+PIDS\s+NAMES/);
		expect(frame).toContain('"nginx -g daemon off;"');
		// Exposed-only ports first, as the docker CLI prints them.
		expect(frame).toContain('443/tcp, 0.0.0.0:8080->80/tcp');
		expect(frame).toContain('Exited (1) 5 minutes ago');
		expect(frame).toContain('About a minute ago');
	});

	it.each([
		{name: 'q', key: 'q', code: 0},
		{name: 'Ctrl-C', key: '\u0003', code: 130},
	])('quits on $name with exit code $code (Ctrl-C: 130, as shells do)', async ({key, code}) => {
		const codes: number[] = [];
		const {app} = await setupApp(defaultContainers(), {columns: 120, rows: 20}, {props: {onQuit: (exitCode) => codes.push(exitCode)}});
		await app.press(key);
		await expect.poll(() => codes).toEqual([code]);
	});

	it.each([
		{where: 'the rename dialog', open: ['R']},
		{where: 'the filter bar', open: ['/']},
		{where: 'the inspect search prompt', open: ['i', '/']},
	])('quits on Ctrl-C from $where too (130), where typing goes to a text input', async ({open}) => {
		const codes: number[] = [];
		const {app} = await setupApp(defaultContainers(), {columns: 120, rows: 20}, {props: {onQuit: (exitCode) => codes.push(exitCode)}});
		for (const key of open) {
			const before = app.lastFrame();
			await app.press(key);
			await app.waitForFrame((frame) => frame !== before);
		}
		await app.press('\u0003');
		await expect.poll(() => codes).toEqual([130]);
	});

	it('offers in a document footer only the keys that act there: no Tab or $ in "what happened" and diff', async () => {
		const {app} = await setup(defaultContainers(), {columns: 160, rows: 20});
		const footer = () => app.lastFrame().split('\n').at(-1)!;
		const open = async (key: string, title: string) => {
			await app.press(key);
			await app.waitForFrame((frame) => frame.includes(title));
		};
		await open('i', 'Inspect api');
		expect(footer()).toMatch(/Tab summary\/JSON {2}\$ reveal secrets/);
		await app.press(keys.escape);
		await app.waitForFrame((frame) => !frame.includes('Inspect api'));
		for (const [key, title] of [['w', 'What happened to api'], ['d', 'Filesystem changes in api']] as const) {
			await open(key, title);
			expect(footer()).toMatch(/Esc back .*\/ search .*s save .*q quit/);
			expect(footer()).not.toContain('summary/JSON');
			expect(footer()).not.toContain('reveal secrets');
			await app.press(keys.escape);
			await app.waitForFrame((frame) => !frame.includes(title));
		}
	});

	it('moves with j/k and keeps the selection on the same container when rows change', async () => {
		const {app, engine} = await setup();
		expect(selectedLine(app.lastFrame())).toContain('api');
		await app.press('j');
		expect(selectedLine(app.lastFrame())).toContain('db');
		await app.press('j');
		await app.press(keys.down);
		expect(selectedLine(app.lastFrame())).toContain('web');
		await app.press('k');
		expect(selectedLine(app.lastFrame())).toContain('job');
		// A container appears above the selection: the selection stays on "job".
		const newcomer = fakeContainer({name: 'aaa-first'});
		engine.containers.push(newcomer);
		engine.emit('create', newcomer.id);
		await app.waitForFrame((frame) => frame.includes('aaa-first'));
		expect(selectedLine(app.lastFrame())).toContain('job');
		// The selected container vanishes: its neighbour is selected.
		engine.containers = engine.containers.filter((c) => c.names[0] !== 'job');
		engine.emit('destroy', 'whatever');
		await app.waitForFrame((frame) => !/ job$/m.test(frame));
		expect(selectedLine(app.lastFrame())).toMatch(/web|db/);
	});

	it('jumps with g/G and pages with PgDn/PgUp', async () => {
		const many = Array.from({length: 40}, (_, i) => fakeContainer({name: `svc-${String(i).padStart(2, '0')}`}));
		const {app} = await setup(many, {columns: 100, rows: 15});
		await app.press('G');
		expect(selectedLine(app.lastFrame())).toContain('svc-39');
		await app.press('g');
		expect(selectedLine(app.lastFrame())).toContain('svc-00');
		await app.press(keys.pageDown);
		expect(selectedLine(app.lastFrame())).toContain('svc-10');
		await app.press(keys.pageUp);
		expect(selectedLine(app.lastFrame())).toContain('svc-00');
		// Only the visible slice is rendered.
		expect(app.lastFrame()).not.toContain('svc-30');
	});

	it('filters by free words live, and Esc clears', async () => {
		const {app} = await setup();
		await app.press('/');
		for (const ch of 'post') await app.press(ch);
		await app.waitForFrame((frame) => !frame.includes('nginx'));
		expect(app.lastFrame()).toMatch(/ db$/m);
		expect(app.lastFrame()).not.toMatch(/ api$/m);
		await app.press(keys.enter);
		expect(app.lastFrame()).toContain('filter: post');
		await app.press(keys.escape);
		await app.waitForFrame((frame) => frame.includes('nginx'));
	});

	it('sends key=value filters to the daemon and keeps the list on an invalid one', async () => {
		const {app, engine} = await setup();
		await app.press('/');
		for (const ch of 'status=exited') await app.press(ch);
		await app.waitForFrame((frame) => !frame.includes('nginx'));
		// (The list without filters beside it is every container, for who-uses-what in other views.)
		const call = engine.calls.filter((c) => c.method === 'listContainers' && 'filters' in (c.args[0] as object)).at(-1);
		expect((call?.args[0] as {filters: unknown}).filters).toEqual({status: ['exited']});
		// Now make it invalid: the list stays as it was, with an inline error.
		for (const ch of ' status=bogus') await app.press(ch);
		await app.waitForFrame((frame) => frame.includes("Invalid filter 'status=bogus'"));
		expect(app.lastFrame()).toContain('job');
		expect(app.lastFrame()).not.toContain('nginx');
	});

	it('after a refused filter shows the rows of the filter actually applied, and says which that is', async () => {
		const {app, engine} = await setup();
		const filterLine = () => app.lastFrame().split('\n').at(-2)!;
		const lastFilters = () => (engine.calls.filter((c) => c.method === 'listContainers' && 'filters' in (c.args[0] as object)).at(-1)?.args[0] as {filters?: unknown}).filters;
		await app.press('/');
		for (const ch of 'status=exited') await app.press(ch);
		await app.press(keys.enter);
		await app.waitForFrame((frame) => !frame.includes('nginx') && frame.includes('filter: status=exited'));
		// Replace it with a filter the daemon does not know: the exited-only rows must not stay under it.
		await app.press('/');
		await app.press('\u0015');
		for (const ch of 'foo=bar') await app.press(ch);
		await app.press(keys.enter);
		await app.waitForFrame((frame) => frame.includes('nginx') && frame.includes('api'));
		await expect.poll(lastFilters).toEqual({});
		expect(filterLine()).toMatch(/^filter: foo=bar {2}— rows for: no filter \(all shown\) · Invalid filter 'foo'/);
		// The valid part of a filter applies; the line names it.
		await app.press('/');
		await app.press('\u0015');
		for (const ch of 'post foo=bar') await app.press(ch);
		await app.press(keys.enter);
		await app.waitForFrame((frame) => !frame.includes('nginx'));
		expect(app.lastFrame()).toMatch(/ db$/m);
		expect(filterLine()).toMatch(/^filter: post foo=bar {2}— rows for: post · Invalid filter 'foo'/);
	});

	it('toggles running-only with a', async () => {
		const {app} = await setup();
		await app.press('a');
		await app.waitForFrame((frame) => !frame.includes('Exited (1)'));
		expect(app.lastFrame()).toContain('(running)');
		await app.press('a');
		await app.waitForFrame((frame) => frame.includes('Exited (1)'));
	});

	it('cycles the sort column with s and reverses with S', async () => {
		const {app} = await setup();
		expect(app.lastFrame()).toContain('sort: name ↓');
		await app.press('s');
		expect(app.lastFrame()).toContain('sort: image');
		const rowOrder = (frame: string) => ['api', 'db', 'job', 'web'].sort((a, b) => frame.indexOf(` ${a}`) - frame.indexOf(` ${b}`));
		expect(rowOrder(app.lastFrame())).toEqual(['job', 'web', 'db', 'api']);
		await app.press('S');
		expect(app.lastFrame()).toContain('sort: image ↑');
		expect(rowOrder(app.lastFrame())).toEqual(['api', 'db', 'web', 'job']);
	});

	it('shows help from the key table and closes it', async () => {
		const {app} = await setup();
		await app.press('?');
		await app.waitForFrame((frame) => frame.includes('porthole — keys'));
		// The list's own keys first.
		expect(app.lastFrame()).toMatch(/│Container list .*\n│ {2}a +Show all containers \/ running only/);
		await app.press(keys.escape);
		await app.waitForFrame((frame) => frame.includes('NAMES'));
	});

	it('says the terminal is too small and redraws after a resize', async () => {
		const {app} = await setup(defaultContainers(), {columns: 30, rows: 6});
		expect(app.lastFrame()).toContain('too small');
		app.resize(100, 20);
		await app.waitForFrame((frame) => frame.includes('NAMES'));
	});

	it('gives way column by column at 80 columns and never wraps rows', async () => {
		const {app} = await setup(defaultContainers(), {columns: 80, rows: 20});
		const frame = app.lastFrame();
		expect(frame).toContain('NAMES');
		expect(frame).toContain('STATUS');
		expect(frame).not.toContain('COMMAND');
		for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
	});

	it('shows a banner and dims rows while disconnected, and recovers', async () => {
		const {app, engine} = await setup(defaultContainers(), {columns: 200, rows: 20});
		engine.down = new EngineError('unreachable', 'Cannot connect: ssh: handshake failed.');
		engine.dropEvents();
		// The reason is on the banner: without it a user retries for ever without knowing why.
		await app.waitForFrame((frame) => /disconnected from unix:\/\/\/fake\/docker\.sock — retrying in \d+ s: Cannot connect: ssh: handshake failed\./.test(frame));
		engine.down = undefined;
		await app.waitForFrame((frame) => !frame.includes('disconnected'), 3000);
	});

	it('never lets container text put control sequences on the screen', async () => {
		const hostile = fakeContainer({
			name: 'evil\u001B]0;pwned\u0007name',
			image: 'img\u001B[2J',
			command: 'sh -c "\u001B[31mred\u001B[0m\u009B2J"',
			labels: {'x\u001B]52;c;ZXZpbA==\u0007': 'y'},
		});
		const {app} = await setup([hostile]);
		const raw = app.stdout.frames.join('');
		expect(raw).not.toContain('\u001B]');
		expect(raw).not.toContain('\u0007');
		expect(raw).not.toContain('\u001B[2J');
		expect(raw).not.toContain('\u009B');
		expect(app.lastFrame()).toContain('evil');
	});

	it('shows docker stats figures for running rows only, and streams only what is on screen', async () => {
		const many = Array.from({length: 60}, (_, i) =>
			fakeContainer({name: `busy-${String(i).padStart(2, '0')}`, load: {cpuPercent: i === 0 ? 100 : 5, memory: 30 * 1024 * 1024, memLimit: 64 * 1024 * 1024, pids: 3}}),
		);
		many.push(fakeContainer({name: 'zz-stopped', state: 'exited', status: 'Exited (0) 1 minute ago'}));
		const {app, engine} = await setup(many, {columns: 160, rows: 25});
		await app.waitForFrame((frame) => /100\.00%\s+30(\.\d+)?MiB \/ 64MiB/.test(frame));
		expect(app.lastFrame()).toMatch(/busy-01.*|5\.00%/);
		// 20 rows fit (25 − 5 chrome lines): at most 20 visible + the selected one are streamed.
		expect(engine.openStatsStreams).toBeLessThanOrEqual(21);
		expect(engine.openStatsStreams).toBeGreaterThanOrEqual(20);
		// Scrolling to the end moves the streams with the window.
		await app.press('G');
		await app.waitForFrame((frame) => frame.includes('zz-stopped'));
		await new Promise((resolve) => setTimeout(resolve, 100));
		const streamed = new Set(engine.calls.filter((c) => c.method === 'stats').map((c) => c.args[0]));
		expect(streamed.has(many.find((c) => c.names[0] === 'busy-59')!.id)).toBe(true);
		expect(streamed.has(many.find((c) => c.names[0] === 'zz-stopped')!.id)).toBe(false);
		expect(engine.openStatsStreams).toBeLessThanOrEqual(21);
	});

	it('sorts by CPU with the sort key', async () => {
		const containers = [
			fakeContainer({name: 'idle', load: {cpuPercent: 1, memory: 1e6}}),
			fakeContainer({name: 'hot', load: {cpuPercent: 90, memory: 1e6}}),
			fakeContainer({name: 'warm', load: {cpuPercent: 40, memory: 1e6}}),
		];
		const {app} = await setup(containers, {columns: 140, rows: 20});
		for (let i = 0; i < 3; i += 1) await app.press('s');
		expect(app.lastFrame()).toContain('sort: CPU');
		await app.waitForFrame((frame) => frame.indexOf(' hot') < frame.indexOf(' warm') && frame.indexOf(' warm') < frame.indexOf(' idle') && frame.includes('90.00%'));
	});

	it('opens the detail pane with graphs and limits for the selected container', async () => {
		const limited = fakeContainer({
			name: 'limited',
			load: {cpuPercent: 48, memory: 60 * 1024 * 1024, memLimit: 64 * 1024 * 1024},
			detail: {limits: {nanoCpus: 5e8, cpuQuota: 0, cpuPeriod: 0, memory: 64 * 1024 * 1024}, restartCount: 2},
		});
		const {app} = await setup([limited], {columns: 120, rows: 30});
		await app.press(keys.enter);
		await app.waitForFrame((frame) => frame.includes('0.48 of 0.50 CPU'));
		const frame = app.lastFrame();
		expect(frame).toContain('restarts 2');
		expect(frame).toContain('OOMKilled no');
		expect(frame).toMatch(/MEM\s+6\d(\.\d+)?MiB \/ 64MiB/);
		expect(frame).toMatch(/[▁▂▃▄▅▆▇█]{2,}/);
		await app.press(keys.enter);
		await app.waitForFrame((frame) => !frame.includes('of 0.50 CPU'));
	});

	it('says "no limit" when none is set', async () => {
		const {app} = await setup([fakeContainer({name: 'free', load: {cpuPercent: 10, memory: 1e6}})], {columns: 120, rows: 30});
		await app.press(keys.enter);
		await app.waitForFrame((frame) => frame.includes('no CPU limit'));
		expect(app.lastFrame()).toContain('(no limit)');
	});

	it('shows processes like docker top, sorted by CPU, sanitised', async () => {
		const box = fakeContainer({
			name: 'box',
			processes: {
				titles: ['PID', 'PPID', 'USER', '%CPU', '%MEM', 'ELAPSED', 'COMMAND'],
				processes: [
					['10', '1', 'root', '0.5', '1.0', '01:00', 'sleeper'],
					['11', '1', 'root', '75.0', '2.0', '00:30', 'cruncher \u001b]0;title\u0007--fast'],
				],
			},
		});
		const {app} = await setup([box], {columns: 120, rows: 30});
		await app.press('t');
		await app.waitForFrame((frame) => frame.includes('cruncher'));
		const frame = app.lastFrame();
		expect(frame.indexOf('cruncher')).toBeLessThan(frame.indexOf('sleeper'));
		expect(frame).toContain('sorted by %CPU');
		expect(app.stdout.frames.join('')).not.toContain('\u001b]0;');
		await app.press('o');
		await app.waitForFrame((frame) => frame.includes('sorted by %MEM'));
	});

	describe('logs', () => {
		function withLogs() {
			const t0 = Date.now() - 600_000;
			const api = fakeContainer({
				name: 'shop-api-1',
				labels: {'com.docker.compose.project': 'shop'},
				log: Array.from({length: 300}, (_, i) => ({stream: i % 50 === 49 ? ('stderr' as const) : ('stdout' as const), text: `api request ${i + 1}`, time: t0 + i * 1000})),
			});
			const db = fakeContainer({
				name: 'shop-db-1',
				labels: {'com.docker.compose.project': 'shop'},
				log: Array.from({length: 5}, (_, i) => ({stream: 'stdout' as const, text: `db checkpoint ${i + 1}`, time: t0 + 295_500 + i * 1000})),
			});
			const other = fakeContainer({name: 'zz-other', log: [{stream: 'stdout', text: 'unrelated', time: t0}]});
			return [api, db, other];
		}

		it('opens on l with the last 200 lines, marks stderr, and follows new lines', async () => {
			const containers = withLogs();
			const {app, engine} = await setup(containers, {columns: 100, rows: 24});
			await app.press('l');
			await app.waitForFrame((frame) => frame.includes('api request 300'));
			expect(app.lastFrame()).toMatch(/Logs shop-api-1 following · tail 200 · 200 lines/);
			expect(app.lastFrame()).toContain('▌api request 300');
			engine.writeLog(containers[0]!.id, 'stdout', 'a brand new line');
			await app.waitForFrame((frame) => frame.includes('a brand new line'));
		});

		it('pauses on scroll up with a count of new lines, and G resumes', async () => {
			const containers = withLogs();
			const {app, engine} = await setup(containers, {columns: 100, rows: 24});
			await app.press('l');
			await app.waitForFrame((frame) => frame.includes('api request 300'));
			await app.press('k');
			await app.press('k');
			engine.writeLog(containers[0]!.id, 'stdout', 'arrived while paused 1');
			engine.writeLog(containers[0]!.id, 'stdout', 'arrived while paused 2');
			await app.waitForFrame((frame) => frame.includes('paused — 2 new lines'));
			expect(app.lastFrame()).not.toContain('arrived while paused');
			// One state at a time: paused is not also "following".
			const header = () => app.lastFrame().split('\n').find((line) => line.includes('Logs shop-api-1'))!;
			expect(header()).toMatch(/^Logs shop-api-1 paused — 2 new lines \(G to follow\) · tail 200/);
			expect(header()).not.toContain('following');
			await app.press('G');
			await app.waitForFrame((frame) => frame.includes('arrived while paused 2') && !frame.includes('paused —'));
			expect(header()).toMatch(/^Logs shop-api-1 following · tail 200/);
		});

		it('searches with n/N and filters to matching lines with a count', async () => {
			const {app} = await setup(withLogs(), {columns: 100, rows: 24});
			await app.press('l');
			await app.waitForFrame((frame) => frame.includes('api request 300'));
			await app.press('/');
			for (const ch of 'request 1') await app.press(ch);
			await app.press(keys.enter);
			await app.waitForFrame((frame) => frame.includes('matching lines'));
			// Lines 101..300 are loaded: "request 1" matches 101..199.
			expect(app.lastFrame()).toContain('search request 1  99 matching lines');
			await app.press('f');
			await app.waitForFrame((frame) => frame.includes('99 lines matching'));
			expect(app.lastFrame()).not.toContain('api request 250');
			await app.press('f');
			await app.press('r');
			await app.press('/');
			for (let i = 0; i < 9; i += 1) await app.press(keys.backspace);
			for (const ch of 'request 2[0-9]9$') await app.press(ch);
			await app.press(keys.enter);
			await app.waitForFrame((frame) => frame.includes('regex request 2[0-9]9$  10 matching lines'));
		});

		it('saves the shown lines to a file and never overwrites without asking', async () => {
			const {mkdtempSync, readFileSync, writeFileSync} = await import('node:fs');
			const {join} = await import('node:path');
			const {tmpdir} = await import('node:os');
			const dir = mkdtempSync(join(tmpdir(), 'porthole-save-'));
			const path = join(dir, 'api.log');
			const {app} = await setup(withLogs(), {columns: 120, rows: 24});
			await app.press('l');
			await app.waitForFrame((frame) => frame.includes('api request 300'));
			await app.press('s');
			await app.waitForFrame((frame) => frame.includes('save to›'));
			expect(app.lastFrame()).toMatch(/save to› shop-api-1-\d{8}-\d{6}\.log/);
			await app.stdin.write('\u0015');
			await app.press(path);
			await app.press(keys.enter);
			await app.waitForFrame((frame) => frame.includes('Saved 200 lines'));
			const saved = readFileSync(path, 'utf8').split('\n');
			expect(saved[0]).toBe('api request 101');
			expect(saved[199]).toBe('api request 300');
			writeFileSync(path, 'precious');
			await app.press('s');
			await app.stdin.write('\u0015');
			await app.press(path);
			await app.press(keys.enter);
			await app.waitForFrame((frame) => frame.includes('exists. Overwrite it? y/n'));
			await app.press('n');
			await app.waitForFrame((frame) => frame.includes('Not saved'));
			expect(readFileSync(path, 'utf8')).toBe('precious');
		});

		it('merges a compose project with name prefixes in time order', async () => {
			const {app} = await setup(withLogs(), {columns: 100, rows: 24});
			await app.press('L');
			await app.waitForFrame((frame) => frame.includes('db checkpoint 5'));
			const frame = app.lastFrame();
			expect(frame).toContain('Logs 2 containers');
			expect(frame).not.toContain('unrelated');
			expect(frame).toMatch(/shop-db-1\s+\| db checkpoint 5/);
			// In time order: checkpoint 4 (t0+298.5 s) sits between api requests 299 and 300 (t0+298 s, t0+299 s).
			const lines = frame.split('\n');
			const at = lines.findIndex((line) => line.includes('db checkpoint 4'));
			expect(lines[at - 1]).toContain('api request 299');
			expect(lines[at + 1]).toContain('api request 300');
		});

		it('merges the marked containers', async () => {
			const {app} = await setup(withLogs(), {columns: 100, rows: 24});
			await app.press(' ');
			await app.waitForFrame((frame) => frame.includes('●'));
			await app.press('j');
			await app.press(' ');
			await app.press('L');
			await app.waitForFrame((frame) => frame.includes('Logs 2 containers'));
			await app.press('g');
			await app.waitForFrame((frame) => frame.includes('unrelated'));
			expect(app.lastFrame()).toContain('Logs 2 containers');
			expect(app.lastFrame()).not.toContain('db checkpoint');
		});

		it('changes the tail in the app', async () => {
			const {app} = await setup(withLogs(), {columns: 100, rows: 24});
			await app.press('l');
			await app.waitForFrame((frame) => frame.includes('api request 300'));
			await app.press('T');
			for (let i = 0; i < 3; i += 1) await app.press(keys.backspace);
			await app.press('5');
			await app.press(keys.enter);
			await app.waitForFrame((frame) => frame.includes('tail 5 · 5 lines'));
			expect(app.lastFrame()).not.toContain('api request 295');
			expect(app.lastFrame()).toContain('api request 296');
		});
	});
});
