/**
 * The view stack and each kind's list state, as a pure reducer (k9s's model/stack.go, in our
 * words). The bottom of the stack is always a list; a filter bar, the `:` command line, the help,
 * logs and documents are pushed on top and popped by Esc. Which keys apply comes from the top of
 * the stack (see scopesFor in App.tsx), never from a chain of mode checks. Each kind keeps its own
 * filter, sort, selection and marks, so going from images back to containers finds them as left.
 */
import {PROCESS_SORTS, type ProcessSort} from '../present/processes.js';
import type {KindId} from '../resources/kind.js';
import {appliedFilter, type FilterRules} from '../store/filter.js';

/** One screen of the stack. */
export type Screen =
	| {type: 'list'; kind: KindId}
	| {type: 'filter'}
	| {type: 'command'}
	| {type: 'help'}
	| {type: 'logs'}
	| {type: 'doc'}
	| {type: 'df'}
	| {type: 'events'};

/** What a list remembers: its filter, order, selection and marks. */
export interface ListView {
	filterText: string;
	/** Free words of the filter in force (lower-cased). */
	words: string[];
	filterError?: string;
	/** The id of one of the kind's sorts. */
	sort: string;
	reverse: boolean;
	selectedId?: string;
	lastIndex: number;
	top: number;
	/** Marked row keys, for actions on many and merged logs. */
	marked: ReadonlySet<string>;
}

/** The panes under the containers list. */
export type Pane = 'none' | 'detail' | 'processes';

/** The whole view state. */
export interface ViewState {
	stack: readonly Screen[];
	lists: Readonly<Record<KindId, ListView>>;
	pane: Pane;
	processSort: ProcessSort;
	helpScroll: number;
	/** The `:` command line's text and its refusal. */
	command: {text: string; error?: string};
}

/** Changes to the view state. */
export type ViewAction =
	| {type: 'push'; screen: Screen}
	| {type: 'pop'}
	/** Show a kind's list: back to it when it is in the stack, else on top. */
	| {type: 'showKind'; kind: KindId}
	| {type: 'pane'; pane: Pane}
	| {type: 'processSort'}
	/** The filter text of the current list; `keys` are its kind's daemon filter keys. */
	| {type: 'filterText'; text: string; keys: FilterRules; typing: boolean}
	| {type: 'sortNext'; sorts: readonly string[]}
	| {type: 'sortReverse'}
	| {type: 'select'; id: string | undefined; index: number; top: number}
	| {type: 'marks'; marked: ReadonlySet<string>}
	| {type: 'helpScroll'; delta: number; max: number}
	| {type: 'commandText'; text: string; error?: string};

/** A list as it starts. */
export function newListView(sort: string, filterText = '', words: string[] = [], reverse = false): ListView {
	return {filterText, words, sort, reverse, lastIndex: 0, top: 0, marked: new Set()};
}

/** The screen on top. */
export function topScreen(state: ViewState): Screen {
	return state.stack.at(-1)!;
}

/** The kind of the list nearest the top: the one the filter bar, help and keys are about. */
export function currentKind(state: ViewState): KindId {
	for (let index = state.stack.length - 1; index >= 0; index--) {
		const screen = state.stack[index]!;
		if (screen.type === 'list') return screen.kind;
	}
	return 'containers';
}

/** The screen under the top one (help lists its keys first). */
export function screenBelowTop(state: ViewState): Screen | undefined {
	return state.stack.at(-2);
}

function withList(state: ViewState, change: (list: ListView) => ListView): ViewState {
	const kind = currentKind(state);
	return {...state, lists: {...state.lists, [kind]: change(state.lists[kind])}};
}

/** The reducer. */
export function reduceView(state: ViewState, action: ViewAction): ViewState {
	switch (action.type) {
		case 'push': {
			// A view that is already open is gone back to, not opened twice (:events from :events).
			const at = action.screen.type === 'list' ? -1 : state.stack.findIndex((screen) => screen.type === action.screen.type);
			if (at >= 0) return {...state, stack: state.stack.slice(0, at + 1)};
			return {...state, stack: [...state.stack, action.screen], ...(action.screen.type === 'help' ? {helpScroll: 0} : {}), ...(action.screen.type === 'command' ? {command: {text: ''}} : {})};
		}
		case 'pop':
			return state.stack.length > 1 ? {...state, stack: state.stack.slice(0, -1)} : state;
		case 'showKind': {
			const at = state.stack.findIndex((screen) => screen.type === 'list' && screen.kind === action.kind);
			const stack = at >= 0 ? state.stack.slice(0, at + 1) : [...state.stack.filter((screen) => screen.type === 'list'), {type: 'list' as const, kind: action.kind}];
			return {...state, stack};
		}
		case 'pane':
			return {...state, pane: state.pane === action.pane ? 'none' : action.pane};
		case 'processSort':
			return {...state, processSort: PROCESS_SORTS[(PROCESS_SORTS.indexOf(state.processSort) + 1) % PROCESS_SORTS.length]!};
		case 'filterText': {
			// The valid tokens apply; a refused one is left out (and said so), never the previous filter.
			const applied = appliedFilter(action.text, action.typing, action.keys);
			return withList(state, (list) => ({...list, filterText: action.text, words: applied.words, filterError: applied.error}));
		}
		case 'sortNext':
			return withList(state, (list) => ({...list, sort: action.sorts[(action.sorts.indexOf(list.sort) + 1) % action.sorts.length] ?? list.sort, reverse: false}));
		case 'sortReverse':
			return withList(state, (list) => ({...list, reverse: !list.reverse}));
		case 'select':
			return withList(state, (list) => ({...list, selectedId: action.id, lastIndex: Math.max(0, action.index), top: action.top}));
		case 'marks':
			return withList(state, (list) => ({...list, marked: action.marked}));
		case 'helpScroll':
			return {...state, helpScroll: Math.max(0, Math.min(action.max, state.helpScroll + action.delta))};
		case 'commandText':
			return {...state, command: {text: action.text, ...(action.error ? {error: action.error} : {})}};
	}
}
