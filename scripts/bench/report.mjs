// Summaries (median, min, max over runs), the budgets of issue 6, and the table printed to stdout.
import {median} from './measure.mjs';

/** Median, min and max of a figure over runs (runs without it are skipped). */
export function summarize(values) {
	const v = values.filter(x => typeof x === 'number' && Number.isFinite(x));
	if (v.length === 0) return undefined;
	return {median: median(v), min: Math.min(...v), max: Math.max(...v), runs: v.length};
}

/** The figures measured per monitor run, with units and how to print them. */
export const FIGURES = [
	{key: 'firstFrame', title: 'first frame (s)', digits: 2},
	{key: 'firstData', title: 'first CPU figures (s)', digits: 2},
	{key: 'cpu', title: 'CPU (% of one core)', digits: 2},
	{key: 'rssSteady', title: 'RSS steady (MB)', digits: 1, scale: 1e-6},
	{key: 'rssPeak', title: 'RSS peak (MB)', digits: 1, scale: 1e-6},
	{key: 'bytesPerSecond', title: 'terminal output (B/s)', digits: 0},
	{key: 'engineExtra', title: 'engine extra CPU (%)', digits: 1},
	{key: 'engineCpu', title: 'engine CPU with it (%)', digits: 1},
	{key: 'engineIdle', title: 'engine CPU idle (%)', digits: 1},
	{key: 'rowsWithCpu', title: 'rows with CPU figure', digits: 0},
	{key: 'machineBusy', title: 'machine busy (% all cores)', digits: 0},
];

/** Summary of every figure for one tool at one N. */
export function summarizeTool(runs) {
	const out = {};
	for (const {key} of FIGURES) out[key] = summarize(runs.map(run => run[key]));
	out.errors = runs.filter(run => run.error).map(run => run.error);
	return out;
}

const fmt = (value, digits = 1, scale = 1) => (value === undefined ? '—' : (value * scale).toFixed(digits));
const cell = (s, digits, scale) => (s ? `${fmt(s.median, digits, scale)} [${fmt(s.min, digits, scale)}–${fmt(s.max, digits, scale)}]` : '—');

/**
 * The budgets of issue 6, each with the value it is judged on and met / missed / not measured.
 * Values are medians over runs. Units are decimal: 1 MB = 10^6 bytes, 1 KB = 1000 bytes.
 */
export function budgets(results) {
	const list = [];
	const add = (name, value, limit, unit, note) => {
		const status = value === undefined || limit === undefined ? 'not measured' : value <= limit ? 'met' : 'missed';
		list.push({name, value, limit, unit, status, ...(note ? {note} : {})});
	};
	for (const [n, r] of Object.entries(results.byN)) {
		const p = r.summary.porthole;
		if (!p) continue;
		add(`first frame, N=${n}`, p.firstFrame?.median, 0.25, 's');
		add(`first CPU figures, N=${n}`, p.firstData?.median, 1.2, 's');
	}
	const at = n => results.byN[n]?.summary;
	add('porthole CPU, N=20', at(20)?.porthole?.cpu?.median, at(20) ? 1.3 : undefined, '% of a core');
	add('porthole CPU, N=100', at(100)?.porthole?.cpu?.median, at(100) ? 4 : undefined, '% of a core');
	add('RSS (steady), N=100', scaled(at(100)?.porthole?.rssSteady?.median, 1e-6), at(100) ? 70 : undefined, 'MB');
	add('terminal output, N=100', scaled(at(100)?.porthole?.bytesPerSecond?.median, 1e-3), at(100) ? 1 : undefined, 'KB/s');
	const stats100 = at(100)?.['docker-stats']?.engineExtra?.median;
	add(
		'engine extra CPU, N=100 (≤ 0.5 × docker stats)',
		at(100)?.porthole?.engineExtra?.median,
		stats100 === undefined ? undefined : 0.5 * stats100,
		'% of a core',
	);
	const keys = results.keys?.summary;
	add('key latency j/k p95, 1,000+ listed', keys?.moveP95?.median, 30, 'ms');
	add('key latency typing p95, 1,000+ listed', keys?.typingP95?.median, 30, 'ms');
	const flood = results.flood?.summary;
	const floodNote = results.flood?.reason;
	add('log flood: key p95, following (`?`)', flood?.keyP95?.median, 100, 'ms', floodNote);
	add('log flood: key p95, scrolled back (j/k)', flood?.scrollP95?.median, 100, 'ms', floodNote ?? results.flood?.scrollReason);
	add('log flood: RSS growth', scaled(flood?.rssGrowth?.median, 1e-6), 50, 'MB', floodNote);
	return list;
}

function scaled(value, factor) {
	return value === undefined ? undefined : value * factor;
}

function table(rows) {
	const widths = rows[0].map((_, i) => Math.max(...rows.map(row => String(row[i]).length)));
	return rows.map(row => row.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}

/** The report printed to stdout. */
export function render(results) {
	const out = [];
	const m = results.meta;
	out.push(`porthole benchmark — ${m.date}`);
	out.push(`${m.cores} cores, ${m.cpuModel}; Docker ${m.dockerVersion} (API ${m.apiVersion}); node ${m.node}; porthole ${m.commit} (build ${m.build})`);
	out.push(`pty ${m.cols}×${m.rows}; steady window ${m.window} s after first CPU figures + ${m.settle} s; ${m.runs} run(s) each; figures are median [min–max] over runs`);
	out.push(`engine CPU = dockerd + containerd + shims; "extra" = with the monitor minus an idle window of the same length just before it`);
	out.push('');
	for (const [n, r] of Object.entries(results.byN)) {
		out.push(`N = ${n} running (busybox, a line a second, --network none) + ${r.exited} exited`);
		const p = r.summary.porthole;
		const d = r.summary['docker-stats'];
		const rows = [['', 'porthole', 'docker stats', 'ratio']];
		for (const f of FIGURES) {
			const ratio = p?.[f.key] && d?.[f.key] && d[f.key].median ? (p[f.key].median / d[f.key].median).toFixed(2) : '';
			rows.push([f.title, cell(p?.[f.key], f.digits, f.scale), cell(d?.[f.key], f.digits, f.scale), f.key === 'machineBusy' || f.key === 'rowsWithCpu' ? '' : ratio]);
		}
		out.push(table(rows).replace(/^/gm, '  '));
		for (const [tool, s] of [['porthole', p], ['docker stats', d]]) {
			if (s?.errors?.length) out.push(`  ${tool} errors: ${s.errors.join('; ')}`);
		}
		out.push('');
	}
	if (results.keys) {
		const k = results.keys;
		out.push(`Key latency (porthole): ${k.listed ?? '?'} containers listed (${k.created} created, never started, + the running fleet); ms from key write to the frame that shows it`);
		const rows = [['', 'p50', 'p95', 'max', 'samples/run']];
		const s = k.summary ?? {};
		rows.push(['j/k (selection moves)', cell(s.moveP50, 1), cell(s.moveP95, 1), cell(s.moveMax, 1), k.presses]);
		rows.push([`/ typing "${k.text}"`, cell(s.typingP50, 1), cell(s.typingP95, 1), cell(s.typingMax, 1), k.text.length * k.typeRounds]);
		out.push(table(rows).replace(/^/gm, '  '));
		out.push(`  list on screen after ${cell(s.listedAfter, 1)} s; porthole busy (> 15 % of a core) until ${cell(s.busyAfterStart, 1)} s after start; presses begin after that`);
		if (s.machineBusy) out.push(`  machine busy during the presses: ${cell(s.machineBusy, 0)} % of all cores`);
		if (k.errors?.length) out.push(`  errors: ${k.errors.join('; ')}`);
		out.push('');
	}
	if (results.flood) {
		const f = results.flood;
		out.push(`Log flood: one container writing ${f.rate ?? '?'} lines/s (measured with the logs API), its logs followed in porthole`);
		if (!f.summary) out.push(`  not measured: ${f.reason ?? 'see errors'}`);
		else {
			const s = f.summary;
			const rows = [['', 'median [min–max]']];
			rows.push(['logs key to first log lines (s)', cell(s.logsShown, 2)]);
			rows.push(['following: `?` help on/off p50 (ms)', cell(s.keyP50, 1)]);
			rows.push(['following: `?` help on/off p95 (ms)', cell(s.keyP95, 1)]);
			rows.push([`scrolled back: j/k p50 (ms; runs where the view held still: ${f.scrollRuns})`, s.scrollP50 ? cell(s.scrollP50, 1) : f.scrollReason ?? '—']);
			rows.push(['scrolled back: j/k p95 (ms)', s.scrollP95 ? cell(s.scrollP95, 1) : '—']);
			rows.push([`RSS growth over ${results.meta.window} s following (MB)`, cell(s.rssGrowth, 1, 1e-6)]);
			rows.push(['RSS peak growth (MB)', cell(s.rssPeakGrowth, 1, 1e-6)]);
			rows.push(['CPU while following (% of one core)', cell(s.cpu, 1)]);
			rows.push(['terminal output (B/s)', cell(s.bytesPerSecond, 0)]);
			rows.push(['machine busy (% all cores)', cell(s.machineBusy, 0)]);
			out.push(table(rows).replace(/^/gm, '  '));
		}
		if (f.errors?.length) out.push(`  errors: ${f.errors.join('; ')}`);
		out.push('');
	}
	out.push('Budgets (issue 6; medians; 1 MB = 10^6 B, 1 KB = 1000 B)');
	const rows = results.budgets.map(b => [
		b.status === 'met' ? 'met' : b.status === 'missed' ? 'MISSED' : 'n/a',
		b.name,
		b.value === undefined ? '—' : `${fmt(b.value, b.unit === 's' ? 2 : b.unit === 'ms' ? 1 : 2)} ${b.unit}`,
		b.limit === undefined ? '' : `≤ ${fmt(b.limit, b.unit === 's' ? 2 : b.unit === 'ms' ? 0 : 2)}`,
		b.note ?? (b.status === 'not measured' ? 'not measured' : ''),
	]);
	out.push(table(rows).replace(/^/gm, '  '));
	return out.join('\n');
}
