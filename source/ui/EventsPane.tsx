/** The events view: a title line with what is shown, the columns, and the events in the window. */
import {Box, Text} from 'ink';
import type {EngineEvent} from '../engine/types.js';
import {eventColumns} from '../present/events.js';
import {sanitizeLine} from '../present/sanitize.js';
import {padEndToWidth, truncateToWidth} from '../present/text.js';
import type {EventsState} from '../store/events.js';
import {theme} from './theme.js';

/** Widths of TIME (short or full), TYPE, ACTION, ACTOR and ID; ATTRIBUTES takes the rest. */
function widths(width: number): {time: number; full: boolean; type: number; action: number; actor: number; id: number} {
	const full = width >= 150;
	return {time: full ? 30 : 12, full, type: 9, action: 16, actor: 20, id: 12};
}

function rowText(event: EngineEvent, width: number): string {
	const w = widths(width);
	const cells = eventColumns(event);
	// The full time is docker's; narrow screens keep the time of day (with milliseconds).
	const time = w.full ? cells.time : cells.time.slice(11, 23);
	const fixed = [padEndToWidth(truncateToWidth(time, w.time), w.time), padEndToWidth(truncateToWidth(cells.type, w.type), w.type), padEndToWidth(truncateToWidth(cells.action, w.action), w.action), padEndToWidth(truncateToWidth(cells.actor, w.actor), w.actor), padEndToWidth(truncateToWidth(cells.id, w.id), w.id)].join('  ');
	return fixed + '  ' + cells.attributes;
}

/** The view, `height` lines tall (title and column titles included). */
export function EventsPane({state, top, follow, search, hit, width, height}: {state: EventsState; top: number; follow: boolean; search: string; hit: number; width: number; height: number}) {
	const rows = Math.max(1, height - 2);
	const slice = state.events.slice(top, top + rows);
	const w = widths(width);
	const parts = [
		`Events since ${state.since || '10m'}`,
		`${state.events.length} shown${state.kept !== state.events.length ? ` of ${state.kept}` : ''}`,
		...(state.filterText ? [`filter: ${sanitizeLine(state.filterText)}`] : []),
		...(search ? [`search: ${sanitizeLine(search)}`] : []),
		...(state.loading ? ['reading the backlog…'] : []),
		state.paused ? `PAUSED${state.pending > 0 ? ` (${state.pending} new)` : ''}` : follow ? 'following' : 'scrolled (G follows)',
		...(state.dropped > 0 ? [`${state.dropped} oldest dropped`] : []),
	];
	return (
		<Box flexDirection="column" height={height} flexShrink={0}>
			<Text wrap="truncate" color={state.paused ? theme.warning : theme.accent}>
				{parts.join(' · ')}
				{state.error ? <Text color={theme.error}>{'  ' + sanitizeLine(state.error)}</Text> : null}
			</Text>
			<Text bold wrap="truncate">
				{[padEndToWidth('TIME', w.time), padEndToWidth('TYPE', w.type), padEndToWidth('ACTION', w.action), padEndToWidth('ACTOR', w.actor), padEndToWidth('ID', w.id), 'ATTRIBUTES'].join('  ')}
			</Text>
			{slice.length === 0 ? (
				<Text color={theme.muted}>{state.loading ? 'Reading the backlog…' : 'No events yet: they appear here as the daemon reports them.'}</Text>
			) : (
				slice.map((event, offset) => (
					<Text key={`${top + offset}-${event.timeNano}`} wrap="truncate" inverse={top + offset === hit}>
						{rowText(event, width)}
					</Text>
				))
			)}
		</Box>
	);
}
