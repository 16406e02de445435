/**
 * The events view (`:events`): `docker events` live, with a backlog on open (default the last 10
 * minutes), `docker events --filter` filters, pause, scroll and search. It listens to the host
 * session's one /events stream (store/events.ts): opening it adds no connection, and closing it
 * stops listening; the events kept (bounded) stay for the next open.
 */
import {useState, useSyncExternalStore} from 'react';
import type {HostActions} from '../actions/host-actions.js';
import type {EngineEvent} from '../engine/types.js';
import type {Command} from '../keymap/keymap.js';
import {DEFAULT_EVENTS_SINCE, eventLine, eventsSince, parseEventFilters} from '../present/events.js';
import {EventsStore} from '../store/events.js';

/** Commands of the events view. */
export type EventsCommand = Extract<Command, `events.${string}`>;

/** State and handlers of the events view. */
export function useEventsView({
	host,
	subscribe,
	height,
	onClose,
}: {
	/** The host whose past events the backlog reads, and whose dialogs the prompts use. */
	host: HostActions;
	/** The host session's event stream. */
	subscribe: (listener: (event: EngineEvent) => void) => () => void;
	/** Rows of events on screen. */
	height: number;
	onClose: () => void;
}) {
	const {dialogs} = host;
	const [store] = useState(() => new EventsStore({subscribe, loadBacklog: (since, until, signal) => host.eventsBacklog(since, until, signal)}));
	const state = useSyncExternalStore(store.subscribe, store.getSnapshot);
	const [top, setTop] = useState(0);
	const [follow, setFollow] = useState(true);
	const [search, setSearch] = useState('');
	const [hit, setHit] = useState(-1);
	const events = state.events;
	const maxTop = Math.max(0, events.length - height);
	const shownTop = follow ? maxTop : Math.min(top, maxTop);
	const scrollTo = (next: number) => {
		const clamped = Math.max(0, Math.min(maxTop, next));
		setTop(clamped);
		setFollow(clamped >= maxTop);
	};
	const matches = (index: number) => search !== '' && eventLine(events[index]!).toLowerCase().includes(search.toLowerCase());
	const find = (direction: 1 | -1, from = hit >= 0 ? hit : direction === 1 ? shownTop - 1 : shownTop + height) => {
		for (let step = 1; step <= events.length; step++) {
			const index = (((from + direction * step) % events.length) + events.length) % events.length;
			if (matches(index)) {
				setHit(index);
				scrollTo(index - Math.floor(height / 3));
				return true;
			}
		}
		return false;
	};

	const handlers: Record<EventsCommand, () => void> = {
		'events.close': () => {
			store.close();
			onClose();
		},
		'events.down': () => scrollTo(shownTop + 1),
		'events.up': () => scrollTo(shownTop - 1),
		'events.pageDown': () => scrollTo(shownTop + height - 1),
		'events.pageUp': () => scrollTo(shownTop - height + 1),
		'events.top': () => scrollTo(0),
		'events.bottom': () => {
			setFollow(true);
			setHit(-1);
		},
		'events.pause': () => store.togglePause(),
		'events.filter': () => {
			void dialogs
				.input({
					title: 'Filter events (docker events --filter)',
					label: 'filter',
					text: state.filterText,
					hint: 'type=container event=die container=NAME image=… label=k=v (same key twice: either; different keys: both)',
					validate: (text) => {
						const parsed = parseEventFilters(text);
						return parsed.ok ? undefined : parsed.error;
					},
				})
				.then((text) => {
					if (text !== undefined) store.setFilter(text);
				});
		},
		'events.search': () => {
			void dialogs.input({title: 'Search the events shown', label: 'search', text: search}).then((text) => {
				if (text === undefined) return;
				setSearch(text);
				setHit(-1);
			});
		},
		'events.next': () => void find(1),
		'events.prev': () => void find(-1),
		'events.since': () => {
			void dialogs
				.input({
					title: 'Backlog since',
					label: 'since',
					text: state.since || DEFAULT_EVENTS_SINCE,
					hint: '10m, 2h, 1d or an RFC 3339 time (2026-12-03T18:00:00Z)',
					validate: (text) => {
						const parsed = eventsSince(text, Date.now());
						return parsed.ok ? undefined : parsed.error;
					},
				})
				.then((text) => {
					if (text !== undefined) store.open(text);
				});
		},
	};

	return {
		state,
		top: shownTop,
		follow,
		search,
		hit,
		handlers,
		/** Open the view: listen, and read the backlog. */
		open: () => {
			store.open(state.since);
			setFollow(true);
		},
		/** Stop listening (at exit). */
		close: () => store.close(),
	};
}
