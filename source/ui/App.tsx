/**
 * The app shell: reads the stores, owns the one `useInput`, and lays out panes that only render.
 * Keys are dispatched through a stack (modal → pane → global); the first scope that binds the key
 * wins. In the filter bar, unbound printable keys edit the text instead.
 */
import {Box, type Key, Text, useApp, useWindowSize} from 'ink';
import {useEffect, useMemo, useReducer, useRef, useState, useSyncExternalStore} from 'react';
import type {HostActions} from '../actions/host-actions.js';
import {runWithStatus} from '../actions/status.js';
import {activeBindings, BINDINGS, type Command, commandFor, type CoreCommand, displayKey, kindBindings, keyName, refusedInReadOnly, type Scope} from '../keymap/keymap.js';
import {layoutTable} from '../present/table-layout.js';
import type {AnyKind, CellContext, KindCommandName, KindId} from '../resources/kind.js';
import {completeCommand, cycleKind, KINDS, LIST_KINDS, listKind, parseCommand} from '../resources/registry.js';
import {ResourceListStore, type ResourceListState} from '../store/resource-list.js';
import {messages} from '../messages.js';
import {layoutColumns} from '../present/columns.js';
import {namesText} from '../present/containers.js';
import {sanitizeLine} from '../present/sanitize.js';
import {type ContainerState, type ContainerStateDetail, type ContainerSummary} from '../engine/types.js';
import type {ContainersStore} from '../store/containers.js';
import {appliedFilter, FILTER_KEYS, type FilterRules, parseFilter} from '../store/filter.js';
import type {ProcessesStore} from '../store/processes.js';
import type {StatsStore} from '../store/stats.js';
import {deriveKindRows, deriveRows, moveSelection, resolveSelection, scrollWindow, SORT_KEYS, SORT_TITLES, type SortKey} from '../store/view.js';
import {ContainerTable, TableHeader} from './ContainerTable.js';
import {DialogBox, dialogHeight} from './DialogBox.js';
import {DocumentPane} from './DocumentPane.js';
import {diffDocument, forensicsDocument, inspectDocument} from './documents.js';
import {LogsPane} from './LogsPane.js';
import {useActions} from './use-actions.js';
import {useDocument} from './use-document.js';
import {type LogsSettings, type OpenLogs, useLogs} from './use-logs.js';
import {DetailPane} from './DetailPane.js';
import {DiskUsagePane} from './DiskUsagePane.js';
import {EventsPane} from './EventsPane.js';
import {useDiskUsage} from './use-disk-usage.js';
import {useEventsView} from './use-events-view.js';
import {Footer} from './Footer.js';
import {Header} from './Header.js';
import {HelpOverlay, overlayLayout} from './HelpOverlay.js';
import {ProcessesPane} from './ProcessesPane.js';
import {ResourceTable, ResourceTableHeader} from './ResourceTable.js';
import {noColor, theme} from './theme.js';
import {textEdit, useKeyQueue} from './use-key-queue.js';
import {currentKind, newListView, reduceView, screenBelowTop, type Screen, topScreen, type ViewState} from './view-state.js';

/** Smallest terminal porthole draws in. */
export const MIN_COLUMNS = 40;
export const MIN_ROWS = 8;

/** Lines that are not table rows: header (2), table header, filter line, footer. */
const CHROME_LINES = 5;

/** The stores the app reads. */
export interface AppStores {
	containers: ContainersStore;
	stats: StatsStore;
	processes: ProcessesStore;
	/** Opens a logs view (the engine stays in cli.tsx). */
	openLogs: OpenLogs;
	/** What keys may ask of the host's engine: actions, documents, disk usage, events (ui/ never holds the engine). */
	actions: HostActions;
}

/** Props of the app. */
export interface AppProps {
	stores: AppStores;
	readOnly?: boolean;
	initialSort?: SortKey;
	initialReverse?: boolean;
	/** Filter text to start with (from --filter): words apply here, key=value tokens in the store. */
	initialFilterText?: string;
	/** Shell for `e` (config); default: bash, else sh. */
	shell?: string;
	/** Env keys treated as secret (config); default in present/inspect.ts. */
	secretKeys?: string[];
	/** tail/since/until a logs view starts with (flags, config). */
	logsDefaults?: LogsSettings;
	/** Called once when the user quits, with the exit code: 0 for q, 130 for Ctrl-C (as shells do). */
	onQuit?: (exitCode: number) => void;
}

/** A list store per kind, made the first time the kind is shown (nothing is read before that). */
function useKindStores(session: ContainersStore['session']): (kind: KindId) => ResourceListStore<unknown> | undefined {
	const stores = useRef(new Map<KindId, ResourceListStore<unknown>>());
	useEffect(
		() => () => {
			for (const store of stores.current.values()) store.stop();
		},
		[],
	);
	return (id) => {
		const kind = listKind(id);
		if (!kind) return undefined;
		let store = stores.current.get(id);
		if (!store) {
			store = new ResourceListStore(session, kind as AnyKind);
			stores.current.set(id, store);
			store.start();
		}
		return store;
	};
}

const NO_ROWS: ResourceListState<unknown> = {rows: [], syncedAt: 0, query: {filters: {}, toggles: new Set()}};
const subscribeNothing = () => () => undefined;

/** The daemon filter keys of a kind's filter bar. */
function filterKeysOf(kind: KindId): FilterRules {
	const declared = listKind(kind);
	return declared ? {keys: declared.filterKeys, ...(declared.checkFilter ? {check: declared.checkFilter} : {})} : {keys: FILTER_KEYS};
}

/**
 * A clock for "Up 5 seconds" and "2 minutes ago" that ticks with the stats batches: both change the
 * screen once a second, and ticking on its own would draw a second frame each second (a frame at
 * 160×50 costs Ink ~30 ms of CPU). A timer keeps it going when no stats arrive (nothing running).
 */
function useNow(stats: StatsStore): number {
	const [now, setNow] = useState(Date.now);
	const last = useRef(now);
	useEffect(() => {
		const tick = () => {
			last.current = Date.now();
			setNow(last.current);
		};
		const unsubscribe = stats.subscribe(tick);
		const timer = setInterval(() => {
			if (Date.now() - last.current >= 1500) tick();
		}, 500);
		return () => {
			unsubscribe();
			clearInterval(timer);
		};
	}, [stats]);
	return now;
}

const isLive = (state: string) => state === 'running' || state === 'paused';

/** porthole's root component. */
export function App({
	stores,
	readOnly = false,
	initialSort = 'created',
	initialReverse = false,
	initialFilterText = '',
	logsDefaults = {tail: 200},
	shell,
	secretKeys,
	onQuit,
}: AppProps) {
	const {exit} = useApp();
	const {columns: width, rows: height} = useWindowSize();
	const snapshot = useSyncExternalStore(stores.containers.subscribe, stores.containers.getSnapshot);
	const stats = useSyncExternalStore(stores.stats.subscribe, stores.stats.getSnapshot);
	const processes = useSyncExternalStore(stores.processes.subscribe, stores.processes.getSnapshot);
	const now = useNow(stores.stats);
	const {status, dialogs} = stores.actions;
	const statusLine = useSyncExternalStore(status.subscribe, status.getSnapshot);
	const asked = useSyncExternalStore(dialogs.subscribe, dialogs.getSnapshot).dialog;
	const [view, dispatch] = useReducer(reduceView, undefined, (): ViewState => {
		const parsed = parseFilter(initialFilterText);
		const lists = Object.fromEntries(KINDS.map((kind) => [kind.id, newListView(listKind(kind.id)?.sorts[0]?.id ?? '')])) as ViewState['lists'];
		return {
			stack: [{type: 'list', kind: 'containers'}],
			lists: {...lists, containers: newListView(initialSort, initialFilterText, parsed.ok ? parsed.value.words : [], initialReverse)},
			pane: 'none',
			processSort: 'cpu',
			helpScroll: 0,
			command: {text: ''},
		};
	});
	const screen = topScreen(view);
	const mode = screen.type;
	const kindId = currentKind(view);
	const list = view.lists[kindId];
	const kind = listKind(kindId);
	const bindings = useMemo(() => activeBindings(readOnly, [...BINDINGS_WITH_KINDS]), [readOnly]);

	// Actions apply to the marked containers, else the selected one; resolved when a key is pressed.
	const actionTargets = useRef<() => ContainerSummary[]>(() => []);
	const selectedRef = useRef<ContainerSummary | undefined>(undefined);
	const detailsRef = useRef<ReadonlyMap<string, ContainerStateDetail>>(new Map());
	const actions = useActions({
		host: stores.actions,
		targets: () => actionTargets.current(),
		selected: () => selectedRef.current,
		stateOf: (c) => liveState(c, detailsRef.current.get(c.id)),
		shell,
		onDone: () => stores.containers.requestRefresh(),
	});

	// The containers' rows. Stats only matter to the order when sorting by them.
	const sortKey = (SORT_KEYS as readonly string[]).includes(view.lists.containers.sort) ? (view.lists.containers.sort as SortKey) : 'created';
	const containersList = view.lists.containers;
	const sortStats = sortKey === 'cpu' || sortKey === 'mem' ? stats.byId : undefined;
	const rows = useMemo(
		() => deriveRows(snapshot.containers, containersList.words, sortKey, containersList.reverse, sortStats),
		[snapshot.containers, containersList.words, sortKey, containersList.reverse, sortStats],
	);
	// Column widths come from the whole list, measured once per list change (not per key press).
	const nowMinute = Math.floor(now / 60_000);
	const columns = useMemo(() => layoutColumns(width, rows, Date.now(), snapshot.details), [width, rows, nowMinute, snapshot.details]);

	// The other kinds' rows, from their own store (made when first shown).
	const storeOf = useKindStores(stores.containers.session);
	const kindStore = storeOf(kindId);
	const kindSnapshot = useSyncExternalStore(kindStore?.subscribe ?? subscribeNothing, kindStore?.getSnapshot ?? (() => NO_ROWS));
	// Who uses what comes from every container, whatever the containers view filters.
	const cellContext: CellContext = useMemo(() => ({now: nowMinute * 60_000, containers: snapshot.everything}), [nowMinute, snapshot.everything]);
	const kindRows = useMemo(() => (kind ? deriveKindRows(kind, kindSnapshot.rows, list.words, list.sort, list.reverse) : []), [kind, kindSnapshot.rows, list.words, list.sort, list.reverse]);
	const kindQuery = kindSnapshot.query;
	const kindColumns = useMemo(
		() => (kind ? layoutTable(kind.columns.filter((column) => column.shown?.(kindQuery) ?? true), kindRows, width, cellContext) : []),
		[kind, kindQuery, kindRows, width, cellContext],
	);

	const stale = snapshot.connection !== 'connected';
	const listErrors = kind ? kindSnapshot.filterError ?? kindSnapshot.refreshError : snapshot.filterError ?? snapshot.refreshError;
	const banner = snapshot.connection === 'disconnected' || listErrors;
	const available = Math.max(1, height - CHROME_LINES - (banner ? 1 : 0));
	const shownDialog = actions.dialog ?? asked;
	const dialogLines = shownDialog ? Math.min(dialogHeight(shownDialog), available - 1) : 0;
	const paneHeight = shownDialog ? dialogLines : kind || view.pane === 'none' ? 0 : Math.min(view.pane === 'detail' ? 11 : 14, Math.floor(available / 2));
	const bodyHeight = Math.max(1, available - paneHeight);

	// The list the navigation keys move in: the containers, or the kind shown.
	const listRows: readonly unknown[] = kind ? kindRows : rows;
	const rowKey: (row: unknown) => string = kind ? (row) => kind.key(row) : (row) => (row as ContainerSummary).id;
	const selectedIndex = resolveSelection(listRows, list.selectedId, list.lastIndex, rowKey);
	const top = scrollWindow(selectedIndex, list.top, bodyHeight, listRows.length);
	const selectedRow = listRows[selectedIndex];
	const selectedKey = selectedRow === undefined ? undefined : rowKey(selectedRow);
	const selected = kind ? undefined : (selectedRow as ContainerSummary | undefined);
	selectedRef.current = selected;
	detailsRef.current = snapshot.details;
	actionTargets.current = () => {
		const marked = snapshot.containers.filter((c) => containersList.marked.has(c.id));
		return marked.length > 0 ? marked : selected ? [selected] : [];
	};

	// Keep the remembered selection in step with what is shown (a vanished row selects its neighbour).
	useEffect(() => {
		if (selectedKey !== list.selectedId || top !== list.top || (selectedIndex >= 0 && selectedIndex !== list.lastIndex))
			dispatch({type: 'select', id: selectedKey, index: selectedIndex, top});
	}, [selectedKey, selectedIndex, top, list.selectedId, list.top, list.lastIndex]);

	// Tell the stores what is on screen: only those rows are inspected, only running ones streamed.
	const onContainers = !kind;
	const visible = onContainers ? rows.slice(top, top + bodyHeight) : [];
	const visibleKey = visible.map((row) => row.id).join(',');
	const streamKey = [...visible.filter((row) => isLive(row.state)).map((row) => row.id), ...(selected && isLive(selected.state) ? [selected.id] : [])].join(',');
	useEffect(() => {
		stores.containers.setVisible(visibleKey ? visibleKey.split(',') : []);
	}, [stores.containers, visibleKey]);
	useEffect(() => {
		// While a shell has the terminal, nothing is drawn: stop streaming (lazydocker pauses too).
		stores.stats.want(streamKey && !actions.suspended ? streamKey.split(',') : []);
	}, [stores.stats, streamKey, actions.suspended]);
	// Sorting by CPU or memory needs figures for rows off screen too: a slow sweep gives them.
	const sweepKey = sortStats && onContainers ? snapshot.containers.filter((c) => c.state === 'running').map((c) => c.id).join(',') : '';
	useEffect(() => {
		stores.stats.sweep(sweepKey && !actions.suspended ? sweepKey.split(',') : []);
	}, [stores.stats, sweepKey, actions.suspended]);
	const processTarget = onContainers && view.pane === 'processes' && selected?.state === 'running' ? selected.id : undefined;
	useEffect(() => {
		stores.processes.watch(processTarget);
	}, [stores.processes, processTarget]);

	// Send key=value filters to the daemon shortly after typing stops.
	const filterTimer = useRef<NodeJS.Timeout | undefined>(undefined);
	useEffect(() => {
		const {filters} = appliedFilter(list.filterText, mode === 'filter', filterKeysOf(kindId));
		clearTimeout(filterTimer.current);
		filterTimer.current = setTimeout(() => void (kindStore ? kindStore.setFilters(filters) : stores.containers.setFilters(filters)), 120);
		return () => clearTimeout(filterTimer.current);
	}, [stores.containers, kindStore, kindId, list.filterText, mode]);

	// The logs pane takes the whole body (header and footer stay).
	const logs = useLogs({
		openLogs: stores.openLogs,
		subscribeEvents: stores.containers.onEvent,
		defaults: logsDefaults,
		height: Math.max(1, available),
		width,
		onClose: () => dispatch({type: 'pop'}),
	});
	const doc = useDocument({height: Math.max(1, available), onClose: () => dispatch({type: 'pop'})});
	const showDocument = (source: Parameters<typeof doc.open>[0]) => {
		doc.open(source);
		dispatch({type: 'push', screen: {type: 'doc'}});
	};
	const openDocument = (what: 'inspect' | 'diff' | 'forensics') => {
		if (!selected) return actions.flash('No container selected.', true);
		const target = selected;
		const name = namesText(target);
		const load = async () => {
			if (what === 'diff') return diffDocument(name, await stores.actions.diff(target.id));
			const inspect = await stores.actions.inspect(target.id);
			if (what === 'inspect') return inspectDocument(name, inspect, secretKeys);
			const state = (inspect.State ?? {}) as {FinishedAt?: string};
			const lastLines = await stores.actions.lastLogLines(target.id, state.FinishedAt);
			return forensicsDocument(name, inspect, lastLines);
		};
		load()
			.then(showDocument)
			.catch((error: unknown) => actions.flash(`Could not read ${name}: ${(error as Error).message}`, true));
	};
	const diskUsage = useDiskUsage({host: stores.actions, onClose: () => dispatch({type: 'pop'}), onDocument: showDocument});
	// The events pane is the body plus the table-header line, less its own title and column titles.
	const eventsView = useEventsView({host: stores.actions, subscribe: stores.containers.onEvent, height: Math.max(1, available + 1 - dialogLines - 2), onClose: () => dispatch({type: 'pop'})});
	useEffect(() => () => eventsView.close(), []);
	// A view left any way (Esc, or `:` to somewhere else, which cuts the stack) lets go of what it
	// holds: the logs' stream, the events' subscription, a disk usage measurement.
	const openViews = new Set(view.stack.map((entry) => entry.type));
	const viewsKey = ['logs', 'events', 'df'].filter((type) => openViews.has(type as Screen['type'])).join(',');
	const previousViews = useRef(viewsKey);
	useEffect(() => {
		const before = previousViews.current.split(',');
		previousViews.current = viewsKey;
		const gone = (type: string) => before.includes(type) && !viewsKey.split(',').includes(type);
		if (gone('logs')) logs.stop();
		if (gone('events')) eventsView.close();
		if (gone('df')) diskUsage.stop();
	}, [viewsKey]);
	const targetOf = (c: (typeof rows)[number]) => ({id: c.id, name: namesText(c)});
	const openMergedLogs = () => {
		const marked = snapshot.containers.filter((c) => containersList.marked.has(c.id));
		const project = selected?.labels['com.docker.compose.project'];
		const targets =
			marked.length > 0 ? marked : project ? snapshot.containers.filter((c) => c.labels['com.docker.compose.project'] === project) : rows;
		if (targets.length === 0) return;
		logs.start(targets.map(targetOf), logsDefaults);
		dispatch({type: 'push', screen: {type: 'logs'}});
	};

	/** Run one of the shown kind's own commands (its actions, documents and toggles). */
	const runKindCommand = (command: Command) => {
		if (!kind || !kindStore) return;
		const toggle = kind.toggles?.find((entry) => entry.command === command);
		if (toggle) return void runWithStatus(status, {busy: `${toggle.title}…`, done: () => undefined, failed: (message) => message}, () => kindStore.toggle(toggle.id));
		const marked = kindRows.filter((row) => list.marked.has(kind.key(row)));
		const context = {
			row: selectedRow,
			targets: marked.length > 0 ? marked : selectedRow === undefined ? [] : [selectedRow],
			cell: cellContext,
			refresh: () => kindStore.requestRefresh(),
			openDocument: showDocument,
			jump: (target: KindId, filterText: string) => {
				dispatch({type: 'showKind', kind: target});
				dispatch({type: 'filterText', text: filterText, keys: filterKeysOf(target), typing: false});
			},
		};
		if (kind.documents?.some((entry) => entry.command === command)) {
			if (selectedRow === undefined) return status.flash(`No ${kind.singular} selected.`, true);
			const name = kind.name(selectedRow);
			stores.actions
				.loadDocument(kind, command as KindCommandName, selectedRow, {secretKeys})
				.then(showDocument)
				.catch((error: unknown) => status.flash(`Could not read ${name}: ${(error as Error).message}`, true));
			return;
		}
		void stores.actions.runKind(kind, command as KindCommandName, context);
	};

	const quit = (exitCode = 0) => {
		onQuit?.(exitCode);
		exit();
	};
	const select = (index: number) => {
		const row = listRows[index];
		if (row !== undefined) dispatch({type: 'select', id: rowKey(row), index, top: scrollWindow(index, top, bodyHeight, listRows.length)});
	};

	// The help lists the keys of the screen it was opened from first.
	const below = mode === 'help' ? screenBelowTop(view) : undefined;
	const helpFirst: readonly Scope[] =
		below?.type === 'logs'
			? ['logs', 'prompt', 'confirm']
			: below?.type === 'doc'
				? ['doc']
				: below?.type === 'df' || below?.type === 'events'
					? [below.type, 'dialog']
					: [kindId, 'list', 'dialog', 'filter', 'command'];
	const help = mode === 'help' ? overlayLayout(bindings, helpFirst, width, available + 2) : undefined;
	const helpMaxScroll = help ? Math.max(0, help.layout.rows - help.room) : 0;

	const runCommandLine = () => {
		const parsed = parseCommand(view.command.text);
		if (!parsed.ok) return dispatch({type: 'commandText', text: view.command.text, error: parsed.error});
		dispatch({type: 'pop'});
		const target = parsed.target;
		if (target.type === 'kind') dispatch({type: 'showKind', kind: target.kind});
		else if (target.type === 'quit') quit(0);
		else if (target.type === 'help') dispatch({type: 'push', screen: {type: 'help'}});
		else {
			dispatch({type: 'push', screen: {type: target.view}});
			if (target.view === 'df') diskUsage.open();
			else eventsView.open();
		}
	};

	const handlers: Record<CoreCommand, () => void> = {
		...logs.handlers,
		...actions.handlers,
		...doc.handlers,
		...diskUsage.handlers,
		...eventsView.handlers,
		// A dialog an action asked for takes the dialog keys; the containers' own dialogs the rest.
		'dialog.confirm': () => (actions.dialog ? actions.handlers['dialog.confirm']() : dialogs.accept()),
		'dialog.cancel': () => (actions.dialog ? actions.handlers['dialog.cancel']() : dialogs.cancel()),
		'dialog.up': () => (actions.dialog ? actions.handlers['dialog.up']() : dialogs.move(-1)),
		'dialog.down': () => (actions.dialog ? actions.handlers['dialog.down']() : dialogs.move(1)),
		'dialog.force': () => (actions.dialog ? actions.handlers['dialog.force']() : dialogs.toggle('force')),
		'dialog.volumes': () => (actions.dialog ? actions.handlers['dialog.volumes']() : dialogs.toggle('volumes')),
		'containers.inspect': () => openDocument('inspect'),
		'containers.diff': () => openDocument('diff'),
		'containers.whatHappened': () => openDocument('forensics'),
		quit: () => quit(0),
		help: () => dispatch({type: 'push', screen: {type: 'help'}}),
		'help.close': () => dispatch({type: 'pop'}),
		'help.down': () => dispatch({type: 'helpScroll', delta: Math.max(1, available - 1), max: helpMaxScroll}),
		'help.up': () => dispatch({type: 'helpScroll', delta: -Math.max(1, available - 1), max: helpMaxScroll}),
		'help.top': () => dispatch({type: 'helpScroll', delta: -Infinity, max: helpMaxScroll}),
		'help.bottom': () => dispatch({type: 'helpScroll', delta: Infinity, max: helpMaxScroll}),
		'commandLine': () => dispatch({type: 'push', screen: {type: 'command'}}),
		'command.run': runCommandLine,
		'command.cancel': () => dispatch({type: 'pop'}),
		'command.complete': () => {
			const completion = completeCommand(view.command.text);
			const many = completion.candidates.length > 1 ? completion.candidates.join('  ') : undefined;
			dispatch({type: 'commandText', text: completion.text, ...(many ? {error: many} : {})});
		},
		'list.nextKind': () => dispatch({type: 'showKind', kind: cycleKind(kindId, 1)}),
		'list.prevKind': () => dispatch({type: 'showKind', kind: cycleKind(kindId, -1)}),
		'list.up': () => select(moveSelection(selectedIndex, -1, listRows.length)),
		'list.down': () => select(moveSelection(selectedIndex, 1, listRows.length)),
		'list.pageUp': () => select(moveSelection(selectedIndex, -bodyHeight, listRows.length)),
		'list.pageDown': () => select(moveSelection(selectedIndex, bodyHeight, listRows.length)),
		'list.home': () => select(0),
		'list.end': () => select(listRows.length - 1),
		'list.filter': () => dispatch({type: 'push', screen: {type: 'filter'}}),
		'list.clearFilter': () => {
			if (list.filterText) dispatch({type: 'filterText', text: '', keys: filterKeysOf(kindId), typing: false});
			else if (view.stack.length > 1) dispatch({type: 'pop'});
		},
		'containers.all': () => void stores.containers.setAll(!snapshot.all),
		'list.sort': () => dispatch({type: 'sortNext', sorts: kind ? kind.sorts.map((sort) => sort.id) : SORT_KEYS}),
		'list.reverse': () => dispatch({type: 'sortReverse'}),
		'containers.stats': () => dispatch({type: 'pane', pane: 'detail'}),
		'containers.top': () => dispatch({type: 'pane', pane: 'processes'}),
		'containers.topSort': () => dispatch({type: 'processSort'}),
		'list.mark': () => {
			if (selectedKey === undefined) return;
			const marked = new Set(list.marked);
			if (marked.has(selectedKey)) marked.delete(selectedKey);
			else marked.add(selectedKey);
			dispatch({type: 'marks', marked});
			select(moveSelection(selectedIndex, 1, listRows.length));
		},
		'list.markAll': () => dispatch({type: 'marks', marked: new Set([...list.marked, ...listRows.map(rowKey)])}),
		'list.clearMarks': () => dispatch({type: 'marks', marked: new Set()}),
		'containers.logs': () => {
			if (!selected) return;
			logs.start([targetOf(selected)], logsDefaults);
			dispatch({type: 'push', screen: {type: 'logs'}});
		},
		'containers.mergedLogs': openMergedLogs,
		'filter.apply': () => {
			dispatch({type: 'pop'});
			// Leaving the bar completes the last token: re-parse it in full.
			dispatch({type: 'filterText', text: list.filterText, keys: filterKeysOf(kindId), typing: false});
		},
		'filter.cancel': () => {
			dispatch({type: 'filterText', text: '', keys: filterKeysOf(kindId), typing: false});
			dispatch({type: 'pop'});
		},
	};

	// A dialog takes the keys only where it is drawn (lists, disk usage, events): one asked for while
	// the help, a document or logs are open waits, unseen and untouched, until the user is back.
	const dialogShown = shownDialog !== undefined && (mode === 'list' || mode === 'df' || mode === 'events');
	const scopes = scopesFor(screen, kindId, {
		dialog: dialogShown,
		docPrompt: doc.prompt !== undefined,
		logsPrompt: logs.promptKind,
	});

	const handleKey = (input: string, key: Key) => {
		const name = keyName(input, key);
		// Ctrl-C quits from anywhere, text inputs included, with the shell's code for it.
		if (name === 'ctrl+c') return quit(130);
		// Text dialogs (rename, command, paths, names, references) and the document prompt take typing first.
		if (dialogShown && (actions.textInput || (asked?.type === 'input' && !actions.dialog)) && name !== 'enter' && name !== 'escape') {
			const edit = textEdit(name, input, key);
			if (edit) (actions.textInput ? actions.editText : dialogs.edit.bind(dialogs))(edit);
			return;
		}
		if (dialogShown && asked?.type === 'input' && !actions.dialog) return name === 'enter' ? dialogs.accept() : dialogs.cancel();
		if (mode === 'doc' && doc.prompt) {
			if (name === 'enter' || name === 'escape') void doc.promptKey(name);
			else {
				const edit = textEdit(name, input, key);
				if (edit) doc.editPrompt(edit);
			}
			return;
		}
		for (const scope of scopes) {
			const command = commandFor(scope, name, bindings);
			if (!command) continue;
			if (command in handlers) handlers[command as CoreCommand]();
			else runKindCommand(command);
			return;
		}
		const refused = readOnly ? refusedInReadOnly(scopes, name, BINDINGS_WITH_KINDS) : undefined;
		if (refused) return actions.flash(messages.readOnlyRefused(displayKey(name), refused.title), true);
		const edit = textEdit(name, input, key);
		if (!edit) return;
		if (dialogShown && actions.dialog?.kind === 'kill') return actions.editSignal(edit);
		if (mode === 'logs' && logs.promptKind && logs.promptKind !== 'overwrite') logs.editPrompt(edit);
		else if (mode === 'filter') dispatch({type: 'filterText', text: edit(list.filterText), keys: filterKeysOf(kindId), typing: true});
		else if (mode === 'command') dispatch({type: 'commandText', text: edit(view.command.text)});
	};
	useKeyQueue(handleKey, actions.suspended);

	if (width < MIN_COLUMNS || height < MIN_ROWS) {
		return <Text color={theme.warning}>{messages.tooSmall(width, height, MIN_COLUMNS, MIN_ROWS)}</Text>;
	}

	const filtered = list.words.length > 0 || Object.keys(kind ? kindSnapshot.query.filters : snapshot.filters).length > 0;
	const emptyText =
		snapshot.connection === 'connecting' || (kind ? kindSnapshot.syncedAt === 0 : snapshot.syncedAt === 0)
			? messages.connecting(stores.containers.endpoint.url)
			: filtered
				? kind
					? messages.noMatchOf(kind.singular)
					: messages.noMatch
				: kind
					? kind.emptyText
					: snapshot.all
						? messages.noContainers
						: messages.noRunning;
	const sortTitle = kind ? (kind.sorts.find((sort) => sort.id === list.sort) ?? kind.sorts[0])?.title ?? '' : SORT_TITLES[sortKey];

	return (
		<Box flexDirection="column" width={width} height={height}>
			<Header
				endpoint={stores.containers.endpoint}
				info={snapshot.info}
				stats={stats.byId}
				readOnly={readOnly}
				shown={listRows.length}
				total={kind ? kindSnapshot.rows.length : snapshot.containers.length}
				all={snapshot.all}
				sortTitle={sortTitle}
				reverse={list.reverse}
				{...(kind ? {what: kindSnapshot.rows.length === 1 ? kind.singular : kind.title.toLowerCase()} : {})}
				{...(mode === 'df' ? {view: 'disk usage (docker system df)'} : mode === 'events' ? {view: 'events (docker events)'} : {})}
				width={width}
			/>
			{banner ? <Banner snapshot={snapshot} listError={listErrors} endpoint={stores.containers.endpoint.url} now={now} /> : null}
			{help ? (
				<HelpOverlay help={help} height={available + 2} width={width} scroll={view.helpScroll} />
			) : mode === 'doc' && doc.source ? (
				<DocumentPane
					title={doc.source.title}
					variants={doc.source.variants}
					variant={doc.variant}
					hasSecrets={doc.source.hasSecrets}
					reveal={doc.reveal}
					lines={doc.lines}
					top={doc.top}
					pattern={doc.pattern}
					prompt={doc.prompt}
					message={doc.message}
					height={available + 2}
				/>
			) : mode === 'logs' ? (
				<LogsPane
					state={logs.state}
					targets={logs.targets}
					view={logs.view}
					lines={logs.lines}
					top={logs.top}
					matches={logs.matches}
					settings={{tail: logs.settings.tail, since: logs.settings.sinceText, until: logs.settings.untilText}}
					width={width}
					height={available + 2}
				/>
			) : mode === 'df' ? (
				<>
					<DiskUsagePane state={diskUsage.state} rows={diskUsage.rows} now={now} height={available + 1 - dialogLines} />
				</>
			) : mode === 'events' ? (
				<>
					<EventsPane state={eventsView.state} top={eventsView.top} follow={eventsView.follow} search={eventsView.search} hit={eventsView.hit} width={width} height={available + 1 - dialogLines} />
				</>
			) : kind ? (
				<>
					<ResourceTableHeader columns={kindColumns} />
					<ResourceTable
						rows={kindRows}
						rowKey={kind.key}
						columns={kindColumns}
						context={cellContext}
						top={top}
						height={bodyHeight}
						selectedIndex={selectedIndex}
						marked={list.marked}
						stale={stale}
						emptyText={emptyText}
					/>
				</>
			) : (
				<>
					<TableHeader columns={columns} />
					<ContainerTable
						rows={rows}
						details={snapshot.details}
						stats={stats.byId}
						columns={columns}
						top={top}
						height={bodyHeight}
						selectedIndex={selectedIndex}
						marked={containersList.marked}
						stale={stale}
						now={now}
						emptyText={emptyText}
					/>
					{!dialogShown && view.pane === 'detail' ? (
						<DetailPane
							container={selected}
							detail={selected ? snapshot.details.get(selected.id) : undefined}
							stats={selected ? stats.byId.get(selected.id) : undefined}
							history={selected ? stores.stats.history(selected.id) : undefined}
							width={width}
							height={paneHeight}
							now={now}
						/>
					) : null}
					{!dialogShown && view.pane === 'processes' ? <ProcessesPane container={selected} state={processes} sort={view.processSort} width={width} height={paneHeight} /> : null}
				</>
			)}
			{/* A dialog shows under the list, disk usage or events it was asked from (dialogShown says where). */}
			{dialogShown ? <DialogBox dialog={shownDialog!} width={width} /> : null}
			{/* While the filter or command line is being typed, it shows (a message would hide what is typed). */}
			{mode === 'help' || mode === 'logs' || mode === 'doc' ? null : mode === 'command' ? (
				<CommandLine text={view.command.text} error={view.command.error} />
			) : mode !== 'filter' && (statusLine.busy || statusLine.message || mode === 'df' || mode === 'events') ? (
				<Text wrap="truncate" color={statusLine.busy ? theme.accent : statusLine.message?.error ? theme.error : theme.ok}>
					{sanitizeLine(statusLine.busy ?? statusLine.message?.text ?? '')}
				</Text>
			) : (
				<FilterLine editing={mode === 'filter'} text={list.filterText} error={list.filterError} keys={filterKeysOf(kindId)} />
			)}
			<Footer scopes={screen.type === 'list' && !dialogShown ? ['list', kindId, 'global'] : scopes} bindings={bindings} inactive={mode === 'doc' ? doc.inactive : undefined} />
		</Box>
	);
}

/** The key table with every kind's own keys. */
const BINDINGS_WITH_KINDS = [...BINDINGS, ...kindBindings(Object.values(LIST_KINDS))];

/**
 * Where keys go, from the top of the view stack: a dialog takes them all; a view takes its own
 * keys, then (for lists) every list's, then the global ones.
 */
export function scopesFor(screen: Screen, kind: KindId, modal: {dialog: boolean; docPrompt: boolean; logsPrompt?: string}): Scope[] {
	if (modal.dialog) return ['dialog'];
	switch (screen.type) {
		case 'doc':
			return modal.docPrompt ? [] : ['doc', 'global'];
		case 'help':
			return ['help'];
		case 'filter':
			return ['filter'];
		case 'command':
			return ['command'];
		case 'logs':
			return modal.logsPrompt === 'overwrite' ? ['confirm'] : modal.logsPrompt ? ['prompt'] : ['logs', 'global'];
		case 'df':
		case 'events':
			return [screen.type, 'global'];
		case 'list':
			return [kind, 'list', 'global'];
	}
}

/** The `:` command line. */
function CommandLine({text, error}: {text: string; error?: string}) {
	return (
		<Text wrap="truncate">
			<Text color={theme.accent}>:</Text>
			{sanitizeLine(text)}
			<Text inverse> </Text>
			{error ? <Text color={theme.error}>{'  ' + error}</Text> : <Text color={theme.muted}>{'  ' + messages.commandHelp}</Text>}
		</Text>
	);
}

/** One line under the header for trouble: lost connection, refused filter, failed refresh. */
function Banner({snapshot, listError, endpoint, now}: {snapshot: ReturnType<ContainersStore['getSnapshot']>; listError?: string; endpoint: string; now: number}) {
	if (snapshot.connection === 'disconnected') {
		const seconds = Math.max(0, Math.ceil(((snapshot.retryAt ?? now) - now) / 1000));
		const silent = snapshot.connectionError?.code === 'not-responding';
		return (
			<Text wrap="truncate" backgroundColor={theme.error} color={theme.headerFg} inverse={noColor} bold>
				{sanitizeLine(' ' + (silent ? messages.notResponding(snapshot.connectionError!.message) : messages.disconnected(endpoint, seconds, snapshot.connectionError?.message)))}
			</Text>
		);
	}
	const text = listError ?? '';
	return (
		<Text wrap="truncate" color={theme.error}>
			{sanitizeLine(text)}
		</Text>
	);
}

/** The filter line: the prompt while editing, the active filter otherwise, and any error. */
function FilterLine({editing, text, error, keys}: {editing: boolean; text: string; error?: string; keys: FilterRules}) {
	if (editing) {
		return (
			<Text wrap="truncate">
				<Text color={theme.accent}>{messages.filterPrompt}</Text>
				{sanitizeLine(text)}
				<Text inverse> </Text>
				{error ? <Text color={theme.error}>{'  ' + error}</Text> : <Text color={theme.muted}>{'  ' + messages.filterHelp}</Text>}
			</Text>
		);
	}
	if (!text) return <Text> </Text>;
	return (
		<Text wrap="truncate">
			<Text color={theme.muted}>filter: </Text>
			{sanitizeLine(text)}
			{error ? <Text color={theme.error}>{'  ' + messages.filterNotApplied(sanitizeLine(appliedFilter(text, false, keys).text), error)}</Text> : null}
		</Text>
	);
}

/** A container's state, from its inspect detail when that is there (fresher after an event). */
function liveState(c: ContainerSummary, detail: ContainerStateDetail | undefined): ContainerState {
	if (!detail) return c.state;
	if (detail.removing) return 'removing';
	if (detail.dead) return 'dead';
	if (detail.paused) return 'paused';
	if (detail.restarting) return 'restarting';
	if (detail.running) return 'running';
	return detail.startedAt.startsWith('0001-') ? 'created' : 'exited';
}
