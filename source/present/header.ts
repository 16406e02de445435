/**
 * The header's two lines as styled runs that fit the terminal's width (see fit.ts): what gives
 * way first when the terminal is narrow is decided here, not by Ink cutting off the line's end.
 */
import type {EndpointInfo, EngineInfo} from '../engine/types.js';
import {fitParts, type LinePart, type Run} from './fit.js';
import {sanitizeLine} from './sanitize.js';
import {bytesSize, type StatsFigures} from './stats.js';

/** Style names the header view maps to theme colours. */
export type HeaderStyle = 'brand' | 'warning' | 'muted' | 'ok';

/** An endpoint is cut in the middle to no fewer columns than this before it is dropped. */
export const ENDPOINT_MIN_COLUMNS = 20;

/** What the first line is built from. */
export interface HeaderLine1Input {
	endpoint: EndpointInfo;
	info?: EngineInfo;
	/** Figures of the containers being measured, for the host totals. */
	stats: ReadonlyMap<string, StatsFigures>;
	readOnly: boolean;
}

/**
 * "porthole [read-only]  endpoint  Docker version (API …) os/arch   CPU … · MEM … (n/m running
 * measured)". Gives way, first to last: the version, the measured hint,
 * the endpoint (a context to its name, then cut in the middle, then dropped), the totals
 * (shortened, then dropped). An operator wants the totals and where they are connected more
 * than the daemon's version.
 */
export function headerLine1({endpoint, info, stats, readOnly}: HeaderLine1Input, width: number): Run<HeaderStyle>[] {
	const parts: LinePart<HeaderStyle>[] = [];
	const brand: Run<HeaderStyle>[] = [{text: 'porthole', style: 'brand'}];
	if (readOnly) brand.push({text: ' [read-only]', style: 'warning'});
	parts.push({forms: [brand], rank: 0});

	// A context is named by the user: its name alone is the shorter form, before any middle cut.
	const url = sanitizeLine(endpoint.url);
	const where = endpoint.context ? [`${sanitizeLine(endpoint.context)} (${url})`, sanitizeLine(endpoint.context)] : [url];
	parts.push({forms: where.map((text) => [{text}]), rank: 2, gap: '  ', middleCutMin: ENDPOINT_MIN_COLUMNS});

	if (info) {
		const version = `Docker ${sanitizeLine(info.serverVersion)} (API ${sanitizeLine(info.apiVersion)}) ${sanitizeLine(info.os)}/${sanitizeLine(info.arch)}`;
		parts.push({forms: [[{text: version, style: 'muted'}]], rank: 4, gap: '  '});
	}

	const measured = stats.size;
	if (info && measured > 0) {
		// Host totals over the containers measured (running ones on screen); docker stats' CPU % is
		// per core, so the host's capacity is NCPU × 100 %.
		let cpu = 0;
		let memory = 0;
		for (const figures of stats.values()) {
			cpu += figures.cpuPercent ?? 0;
			memory += figures.memUsage;
		}
		const full = `CPU ${cpu.toFixed(1)}% of ${info.ncpu * 100}% · MEM ${bytesSize(memory)} of ${bytesSize(info.memTotal)}`;
		const bare = `CPU ${cpu.toFixed(1)}% · MEM ${bytesSize(memory)}`;
		parts.push({forms: [[{text: full}], [{text: bare}]], rank: 1, gap: '   '});
		// The totals cover only the containers measured: say so when that is not all running ones.
		if (measured < info.containersRunning) {
			const running = info.containersRunning;
			parts.push({
				// One wording at every width (a second, shorter one read as a different figure).
				forms: [[{text: measuredHint(measured, running), style: 'muted'}]],
				rank: 3,
				gap: ' ',
			});
		}
	}
	return fitParts(parts, width);
}

/** "(45/100 running measured)": the host totals cover only the containers measured. */
export function measuredHint(measured: number, running: number): string {
	return `(${measured}/${running} running measured)`;
}

/** What the second line is built from. */
export interface HeaderLine2Input {
	info?: EngineInfo;
	shown: number;
	total: number;
	all: boolean;
	sortTitle: string;
	reverse: boolean;
	/** What the list holds when it is not containers ("images"); containers say (all) or (running). */
	what?: string;
	/** A view that is not a list ("disk usage"): said instead of what is shown and its order. */
	view?: string;
}

/**
 * "r running · p paused · s stopped · i images   showing N of M (all) · sort: NAME ↓". The counts
 * stay; "showing … · sort: …" is shortened to "N/M (all) · sort: …", then dropped.
 */
export function headerLine2({info, shown, total, all, sortTitle, reverse, what, view}: HeaderLine2Input, width: number): Run<HeaderStyle>[] {
	const counts: Run<HeaderStyle>[] = info
		? [
				{text: `${info.containersRunning} running`, style: 'ok'},
				{text: ' · '},
				{text: `${info.containersPaused} paused`, style: 'warning'},
				{text: ' · '},
				{text: `${info.containersStopped} stopped`},
				{text: ' · '},
				{text: `${info.images} image${info.images === 1 ? '' : 's'}`},
			]
		: [{text: '…', style: 'muted'}];
	const which = what ?? (all ? '(all)' : '(running)');
	const sort = `sort: ${sortTitle} ${reverse ? '↑' : '↓'}`;
	const showing = view ?? `showing ${shown}${shown === total ? '' : ` of ${total}`} ${which} · ${sort}`;
	const short = view ?? `${shown}${shown === total ? '' : `/${total}`} ${which} · ${sort}`;
	return fitParts(
		[
			{forms: [counts], rank: 0},
			{forms: [[{text: showing, style: 'muted'}], [{text: short, style: 'muted'}]], rank: 1, gap: '   '},
		],
		width,
	);
}
