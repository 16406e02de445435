/**
 * The logs pane: a window on a LogsStore's buffer. Only the visible lines are rendered; each is
 * already sanitised, and its colours are re-emitted by Ink from parsed spans (never raw SGR).
 * Stderr lines carry a red bar in the gutter; merged views prefix each line with its container
 * name in a stable colour, as `docker compose logs` does.
 */
import {Box, Text} from 'ink';
import {memo, useMemo} from 'react';
import {compileSearch, logsStateText, matchRanges, nameColor} from '../present/logs.js';
import {segmentLine} from '../present/log-segments.js';
import {dropColumns, truncateToWidth} from '../present/text.js';
import {linesBetween} from '../store/log-buffer.js';
import type {LogLine, LogList, LogsState, LogTarget} from '../store/logs.js';
import type {LogsViewState} from '../store/logs-view.js';
import {theme} from './theme.js';
import {ANSWER_TIMEOUT_MS} from '../engine/types.js';
import {messages} from '../messages.js';

/** A wrapped line never shows more rows than this (the pane's height is the real bound). */
const MAX_WRAP_ROWS = 60;

/**
 * A row's props are the line's fields, not the line: lines are read from the buffer anew each
 * render (store/log-buffer.ts), and equal fields let memo skip rows that did not change.
 */
interface LineProps extends Pick<LogLine, 'time' | 'stream' | 'text' | 'spans'> {
	name?: string;
	nameWidth: number;
	timestamps: boolean;
	wrap: boolean;
	hscroll: number;
	width: number;
	pattern: RegExp | undefined;
	color: boolean;
	current: boolean;
}

const LogRow = memo(function LogRow({time, stream, text: lineText, spans: lineSpans, name, nameWidth, timestamps, wrap, hscroll, width, pattern, color, current}: LineProps) {
	const gutter = stream === 'stderr' ? <Text color={theme.error}>▌</Text> : <Text> </Text>;
	const stamp = timestamps && time ? <Text color={theme.muted}>{time + ' '}</Text> : null;
	const prefix = name !== undefined ? <Text color={nameColor(name)}>{name.padEnd(nameWidth) + ' | '}</Text> : null;
	if (stream === 'marker') {
		// A marker's own glyph (■ exited, ▶ started) stands in the gutter's column.
		return (
			<Text wrap="truncate" color={theme.warning}>
				{lineText.slice(0, 1)}
				{stamp}
				{lineText.slice(stamp ? 2 : 1)}
			</Text>
		);
	}
	let text = lineText;
	let spans = lineSpans;
	if (!wrap && hscroll > 0) {
		const {rest} = dropColumns(text, hscroll);
		const cut = text.length - rest.length;
		text = rest;
		spans = spans?.map((s) => ({...s, start: s.start - cut, end: s.end - cut})).filter((s) => s.end > 0);
	}
	// Only what can show is handed to Ink: it measures every character it is given, every frame,
	// and a 64 KiB line would cost it tens of milliseconds per key.
	const room = wrap ? width * MAX_WRAP_ROWS : width;
	if (text.length > room + 16) {
		text = text.slice(0, room + 16);
		spans = spans?.filter((s) => s.start < text.length).map((s) => ({...s, end: Math.min(s.end, text.length)}));
	}
	const segments = segmentLine(text, spans, matchRanges(text, pattern), color);
	return (
		<Text wrap={wrap ? 'wrap' : 'truncate'} inverse={current && !pattern}>
			{gutter}
			{stamp}
			{prefix}
			{segments.map((segment, index) => (
				<Text
					key={index}
					color={segment.match ? 'black' : segment.style?.fg}
					backgroundColor={segment.match ? (current ? theme.accent : theme.warning) : segment.style?.bg}
					bold={segment.style?.bold}
					dimColor={segment.style?.dim}
					italic={segment.style?.italic}
					underline={segment.style?.underline}
					inverse={segment.style?.inverse}
				>
					{segment.text}
				</Text>
			))}
		</Text>
	);
});

interface LogsPaneProps {
	state: LogsState;
	targets: readonly LogTarget[];
	view: LogsViewState;
	/** Lines after the filter. */
	lines: LogList;
	top: number;
	matches: number;
	/** Settings shown in the status line. */
	settings: {tail: number | 'all'; since?: string; until?: string};
	width: number;
	height: number;
}

/** Logs pane, exactly `height` lines: status line, body, prompt/info line. */
export function LogsPane({state, targets, view, lines, top, matches, settings, width, height}: LogsPaneProps) {
	const bodyHeight = Math.max(1, height - 2);
	const merged = targets.length > 1;
	const nameWidth = merged ? Math.min(24, Math.max(...targets.map((t) => t.name.length))) : 0;
	// One pattern per search, not per render: it is a prop of every row, and a new one each batch
	// would re-render every row.
	const compiled = useMemo(() => compileSearch(view.search), [view.search]);
	const pattern = compiled.ok ? compiled.pattern : undefined;
	const visible = linesBetween(lines, top, top + bodyHeight);
	const newLines = view.follow ? 0 : Math.max(0, state.received - view.pausedAt);
	const who = merged ? `${targets.length} containers` : (targets[0]?.name ?? '');
	const stateText = logsStateText(state.status, view.follow, newLines);
	const bits = [
		`tail ${settings.tail}`,
		settings.since ? `since ${settings.since}` : '',
		settings.until ? `until ${settings.until}` : '',
		`${lines.length.toLocaleString('en')} line${lines.length === 1 ? '' : 's'}${view.filterOnly ? ` matching` : ''}`,
		state.evicted > 0 ? `${state.evicted.toLocaleString('en')} older dropped` : '',
		view.wrap ? 'wrap' : view.hscroll > 0 ? `→${view.hscroll}` : '',
		view.timestamps ? 'timestamps' : '',
	].filter(Boolean);
	return (
		<Box flexDirection="column" height={height} flexShrink={0}>
			<Text wrap="truncate">
				<Text bold color={theme.accent}>
					Logs
				</Text>{' '}
				<Text bold>{who}</Text>
				<Text color={stateText.tone === 'ok' ? theme.ok : stateText.tone === 'warning' ? theme.warning : theme.muted} bold={stateText.tone === 'warning'}>
					{' ' + stateText.text}
				</Text>
				<Text color={theme.muted}> · {bits.join(' · ')}</Text>
			</Text>
			<Box flexDirection="column" height={bodyHeight} flexShrink={0} overflow="hidden">
				{visible.length === 0 ? (
					<Text color={theme.muted}>{' ' + (state.status.every((s) => s === 'loading') ? (state.noAnswer ? messages.logsNoAnswer(ANSWER_TIMEOUT_MS / 1000) : messages.logsLoading) : view.filterOnly ? messages.logsNoMatch : messages.logsEmpty)}</Text>
				) : (
					visible.map((line) => (
						<LogRow
							key={line.seq}
							time={line.time}
							stream={line.stream}
							text={line.text}
							spans={line.spans}
							name={merged ? targets[line.source]?.name : undefined}
							nameWidth={nameWidth}
							timestamps={view.timestamps}
							wrap={view.wrap}
							hscroll={view.hscroll}
							width={width}
							pattern={pattern}
							color={view.color}
							current={line.seq === view.hit}
						/>
					))
				)}
			</Box>
			<LogsInfoLine view={view} matches={matches} error={state.error ?? (compiled.ok ? undefined : compiled.error)} width={width} />
		</Box>
	);
}

const PROMPTS: Record<NonNullable<LogsViewState['prompt']>['kind'], string> = {
	search: 'search› ',
	tail: 'tail (lines, or all)› ',
	since: 'since (10m, 2h, RFC 3339; empty: none)› ',
	until: 'until (10m, 2h, RFC 3339; empty: none)› ',
	save: 'save to› ',
	overwrite: '',
};

/** The search prompt says how it will match, so a mode left on from the last search is seen. */
export function searchLabel(search: {regex: boolean; caseSensitive: boolean}): string {
	return `search (${search.regex ? 'regex' : 'text'}, ${search.caseSensitive ? 'case-sensitive' : 'any case'})› `;
}

function LogsInfoLine({view, matches, error, width}: {view: LogsViewState; matches: number; error?: string; width: number}) {
	if (view.prompt?.kind === 'overwrite') {
		return (
			<Text wrap="truncate" color={theme.warning}>
				{truncateToWidth(`${view.prompt.text} exists. Overwrite it? y/n`, width)}
			</Text>
		);
	}
	if (view.prompt) {
		return (
			<Text wrap="truncate">
				<Text color={theme.accent}>{view.prompt.kind === 'search' ? searchLabel(view.search) : PROMPTS[view.prompt.kind]}</Text>
				{view.prompt.selected ? <Text inverse>{view.prompt.text}</Text> : view.prompt.text}
				<Text inverse> </Text>
				{view.prompt.kind === 'search' ? (
					<Text color={theme.muted}>
						{`  ${view.prompt.selected ? 'typing replaces it, → keeps it · ' : ''}Tab: regex, ctrl+t: case`}
					</Text>
				) : null}
			</Text>
		);
	}
	if (error)
		return (
			<Text wrap="truncate" color={theme.error}>
				{error}
			</Text>
		);
	if (view.message)
		return (
			<Text wrap="truncate" color={view.message.error ? theme.error : theme.ok}>
				{view.message.text}
			</Text>
		);
	if (view.search.query)
		return (
			<Text wrap="truncate">
				<Text color={theme.muted}>{view.search.regex ? 'regex ' : 'search '}</Text>
				{view.search.query}
				<Text color={theme.muted}>{`  ${matches} matching line${matches === 1 ? '' : 's'}${view.filterOnly ? ' (filter on: f shows all)' : ' (n/N jump, f filter)'}`}</Text>
			</Text>
		);
	return <Text> </Text>;
}
