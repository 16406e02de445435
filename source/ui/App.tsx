/**
 * The app shell: reads the stores, owns the one `useInput`, and lays out panes that only render.
 * Keys are dispatched through a stack (modal → pane → global); the first scope that binds the key
 * wins. In the filter bar, unbound printable keys edit the text instead.
 */
import {Box, type Key, Text, useApp, useInput, useWindowSize} from 'ink';
import {useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState, useSyncExternalStore} from 'react';
import {activeBindings, type Command, commandFor, displayKey, keyName, refusedInReadOnly, type Scope} from '../keymap/keymap.js';
import {messages} from '../messages.js';
import {layoutColumns} from '../present/columns.js';
import {PROCESS_SORTS, type ProcessSort} from '../present/processes.js';
import {namesText} from '../present/containers.js';
import {sanitizeLine} from '../present/sanitize.js';
import {TimestampedLines} from '../store/log-lines.js';
import {type ContainerState, type ContainerStateDetail, type ContainerSummary, type Engine} from '../engine/types.js';
import type {ContainersStore} from '../store/containers.js';
import {appliedFilter, parseFilter} from '../store/filter.js';
import type {ProcessesStore} from '../store/processes.js';
import type {StatsStore} from '../store/stats.js';
import {deriveRows, moveSelection, resolveSelection, scrollWindow, SORT_KEYS, SORT_TITLES, type SortKey} from '../store/view.js';
import {ContainerTable, TableHeader} from './ContainerTable.js';
import {DialogBox, dialogHeight} from './DialogBox.js';
import {DocumentPane} from './DocumentPane.js';
import {diffDocument, forensicsDocument, inspectDocument} from './documents.js';
import {LogsPane} from './LogsPane.js';
import {useActions} from './use-actions.js';
import {useDocument} from './use-document.js';
import {type LogsSettings, type OpenLogs, useLogs} from './use-logs.js';
import {DetailPane} from './DetailPane.js';
import {Footer} from './Footer.js';
import {Header} from './Header.js';
import {HelpOverlay, overlayLayout} from './HelpOverlay.js';
import {ProcessesPane} from './ProcessesPane.js';
import {noColor, theme} from './theme.js';

/** Smallest terminal porthole draws in. */
export const MIN_COLUMNS = 40;
export const MIN_ROWS = 8;

/** Commits in one chain of synchronous renders before the rest of the keys wait for a fresh task. */
const MAX_CHAINED_COMMITS = 24;

/** Lines that are not table rows: header (2), table header, filter line, footer. */
const CHROME_LINES = 5;

/** The stores the app reads. */
export interface AppStores {
	containers: ContainersStore;
	stats: StatsStore;
	processes: ProcessesStore;
	/** Opens a logs view (the engine stays in cli.tsx). */
	openLogs: OpenLogs;
	/** For actions (actions/, use-actions) and the document views; panes never call it. */
	engine: Engine;
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

type Mode = 'list' | 'filter' | 'help' | 'logs' | 'doc';
type Pane = 'none' | 'detail' | 'processes';

interface ViewState {
	mode: Mode;
	pane: Pane;
	processSort: ProcessSort;
	filterText: string;
	words: string[];
	filterError?: string;
	sortKey: SortKey;
	reverse: boolean;
	selectedId?: string;
	lastIndex: number;
	top: number;
	/** Marked container ids, for actions on many and merged logs. */
	marked: ReadonlySet<string>;
	/** Where help was opened from (its group is listed first) and how far it is scrolled. */
	helpFrom: Mode;
	helpScroll: number;
}

type ViewAction =
	| {type: 'mode'; mode: Mode}
	| {type: 'pane'; pane: Pane}
	| {type: 'processSort'}
	| {type: 'filterText'; text: string}
	| {type: 'sortNext'}
	| {type: 'sortReverse'}
	| {type: 'select'; id: string | undefined; index: number; top: number}
	| {type: 'marks'; marked: ReadonlySet<string>}
	| {type: 'help'; open: boolean}
	| {type: 'helpScroll'; delta: number; max: number};

function reduce(state: ViewState, action: ViewAction): ViewState {
	switch (action.type) {
		case 'mode':
			return {...state, mode: action.mode};
		case 'pane':
			return {...state, pane: state.pane === action.pane ? 'none' : action.pane};
		case 'processSort':
			return {...state, processSort: PROCESS_SORTS[(PROCESS_SORTS.indexOf(state.processSort) + 1) % PROCESS_SORTS.length]!};
		case 'filterText': {
			// The valid tokens apply; a refused one is left out (and said so), never the previous filter.
			const applied = appliedFilter(action.text, state.mode === 'filter');
			return {...state, filterText: action.text, words: applied.words, filterError: applied.error};
		}
		case 'sortNext': {
			const next = SORT_KEYS[(SORT_KEYS.indexOf(state.sortKey) + 1) % SORT_KEYS.length]!;
			return {...state, sortKey: next, reverse: false};
		}
		case 'sortReverse':
			return {...state, reverse: !state.reverse};
		case 'select':
			return {...state, selectedId: action.id, lastIndex: Math.max(0, action.index), top: action.top};
		case 'marks':
			return {...state, marked: action.marked};
		case 'help':
			return action.open ? {...state, helpFrom: state.mode, mode: 'help', helpScroll: 0} : {...state, mode: state.helpFrom};
		case 'helpScroll':
			return {...state, helpScroll: Math.max(0, Math.min(action.max, state.helpScroll + action.delta))};
	}
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
	const [view, dispatch] = useReducer(reduce, undefined, (): ViewState => {
		const parsed = parseFilter(initialFilterText);
		return {
			mode: 'list',
			pane: 'none',
			processSort: 'cpu',
			filterText: initialFilterText,
			words: parsed.ok ? parsed.value.words : [],
			sortKey: initialSort,
			reverse: initialReverse,
			lastIndex: 0,
			top: 0,
			marked: new Set(),
			helpFrom: 'list',
			helpScroll: 0,
		};
	});
	const bindings = useMemo(() => activeBindings(readOnly), [readOnly]);
	// Actions apply to the marked containers, else the selected one; resolved when a key is pressed.
	const actionTargets = useRef<() => ContainerSummary[]>(() => []);
	const selectedRef = useRef<ContainerSummary | undefined>(undefined);
	const detailsRef = useRef<ReadonlyMap<string, ContainerStateDetail>>(new Map());
	const actions = useActions({
		engine: stores.engine,
		targets: () => actionTargets.current(),
		selected: () => selectedRef.current,
		stateOf: (c) => liveState(c, detailsRef.current.get(c.id)),
		shell,
		onDone: () => stores.containers.requestRefresh(),
	});

	// Stats only matter to the order when sorting by them; otherwise a stats batch must not re-sort.
	const sortStats = view.sortKey === 'cpu' || view.sortKey === 'mem' ? stats.byId : undefined;
	const rows = useMemo(
		() => deriveRows(snapshot.containers, view.words, view.sortKey, view.reverse, sortStats),
		[snapshot.containers, view.words, view.sortKey, view.reverse, sortStats],
	);
	// Column widths come from the whole list, measured once per list change (not per key press).
	const nowMinute = Math.floor(now / 60_000);
	const columns = useMemo(() => layoutColumns(width, rows, Date.now(), snapshot.details), [width, rows, nowMinute, snapshot.details]);

	const stale = snapshot.connection !== 'connected';
	const banner = snapshot.connection === 'disconnected' || snapshot.filterError || snapshot.refreshError;
	const available = Math.max(1, height - CHROME_LINES - (banner ? 1 : 0));
	const dialogLines = actions.dialog ? Math.min(dialogHeight(actions.dialog), available - 1) : 0;
	const paneHeight = actions.dialog ? dialogLines : view.pane === 'none' ? 0 : Math.min(view.pane === 'detail' ? 11 : 14, Math.floor(available / 2));
	const bodyHeight = Math.max(1, available - paneHeight);
	const selectedIndex = resolveSelection(rows, view.selectedId, view.lastIndex);
	const top = scrollWindow(selectedIndex, view.top, bodyHeight, rows.length);
	const selected = rows[selectedIndex];
	const selectedId = selected?.id;
	selectedRef.current = selected;
	detailsRef.current = snapshot.details;
	actionTargets.current = () => {
		const marked = snapshot.containers.filter((c) => view.marked.has(c.id));
		return marked.length > 0 ? marked : selected ? [selected] : [];
	};

	// Keep the remembered selection in step with what is shown (a vanished row selects its neighbour).
	useEffect(() => {
		if (selectedId !== view.selectedId || top !== view.top || (selectedIndex >= 0 && selectedIndex !== view.lastIndex))
			dispatch({type: 'select', id: selectedId, index: selectedIndex, top});
	}, [selectedId, selectedIndex, top, view.selectedId, view.top, view.lastIndex]);

	// Tell the stores what is on screen: only those rows are inspected, only running ones streamed.
	const visible = rows.slice(top, top + bodyHeight);
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
	const sweepKey = sortStats ? snapshot.containers.filter((c) => c.state === 'running').map((c) => c.id).join(',') : '';
	useEffect(() => {
		stores.stats.sweep(sweepKey && !actions.suspended ? sweepKey.split(',') : []);
	}, [stores.stats, sweepKey, actions.suspended]);
	const processTarget = view.pane === 'processes' && selected?.state === 'running' ? selected.id : undefined;
	useEffect(() => {
		stores.processes.watch(processTarget);
	}, [stores.processes, processTarget]);

	// Send key=value filters to the daemon shortly after typing stops.
	const filterTimer = useRef<NodeJS.Timeout | undefined>(undefined);
	useEffect(() => {
		const {filters} = appliedFilter(view.filterText, view.mode === 'filter');
		clearTimeout(filterTimer.current);
		filterTimer.current = setTimeout(() => void stores.containers.setFilters(filters), 120);
		return () => clearTimeout(filterTimer.current);
	}, [stores.containers, view.filterText, view.mode]);

	// The logs pane takes the whole body (header and footer stay).
	const logs = useLogs({
		openLogs: stores.openLogs,
		subscribeEvents: stores.containers.onEvent,
		defaults: logsDefaults,
		height: Math.max(1, available),
		width,
		onClose: () => dispatch({type: 'mode', mode: 'list'}),
	});
	const doc = useDocument({height: Math.max(1, available), onClose: () => dispatch({type: 'mode', mode: 'list'})});
	const openDocument = (what: 'inspect' | 'diff' | 'forensics') => {
		if (!selected) return actions.flash('No container selected.', true);
		const target = selected;
		const name = namesText(target);
		const load = async () => {
			if (what === 'diff') return diffDocument(name, await stores.engine.diff(target.id));
			const inspect = await stores.engine.inspect(target.id);
			if (what === 'inspect') return inspectDocument(name, inspect, secretKeys);
			const state = (inspect.State ?? {}) as {FinishedAt?: string};
			const lastLines = await readLastLines(stores.engine, target.id, state.FinishedAt);
			return forensicsDocument(name, inspect, lastLines);
		};
		load()
			.then((source) => {
				doc.open(source);
				dispatch({type: 'mode', mode: 'doc'});
			})
			.catch((error: unknown) => actions.flash(`Could not read ${name}: ${(error as Error).message}`, true));
	};
	const targetOf = (c: (typeof rows)[number]) => ({id: c.id, name: namesText(c)});
	const openMergedLogs = () => {
		const marked = snapshot.containers.filter((c) => view.marked.has(c.id));
		const project = selected?.labels['com.docker.compose.project'];
		const targets =
			marked.length > 0 ? marked : project ? snapshot.containers.filter((c) => c.labels['com.docker.compose.project'] === project) : rows;
		if (targets.length === 0) return;
		logs.start(targets.map(targetOf), logsDefaults);
		dispatch({type: 'mode', mode: 'logs'});
	};

	const quit = (exitCode = 0) => {
		onQuit?.(exitCode);
		exit();
	};
	const select = (index: number) => {
		const row = rows[index];
		if (row) dispatch({type: 'select', id: row.id, index, top: scrollWindow(index, top, bodyHeight, rows.length)});
	};

	// The help's last page starts here (room = its height minus border and title).
	const helpFirst: Scope = view.helpFrom === 'logs' || view.helpFrom === 'doc' ? view.helpFrom : 'list';
	const help = view.mode === 'help' ? overlayLayout(bindings, helpFirst, width, available + 2) : undefined;
	const helpMaxScroll = help ? Math.max(0, help.layout.rows - help.room) : 0;

	const handlers: Record<Command, () => void> = {
		...logs.handlers,
		...actions.handlers,
		...doc.handlers,
		viewInspect: () => openDocument('inspect'),
		viewDiff: () => openDocument('diff'),
		viewForensics: () => openDocument('forensics'),
		quit: () => quit(0),
		help: () => dispatch({type: 'help', open: true}),
		closeHelp: () => dispatch({type: 'help', open: false}),
		helpDown: () => dispatch({type: 'helpScroll', delta: Math.max(1, available - 1), max: helpMaxScroll}),
		helpUp: () => dispatch({type: 'helpScroll', delta: -Math.max(1, available - 1), max: helpMaxScroll}),
		helpTop: () => dispatch({type: 'helpScroll', delta: -Infinity, max: helpMaxScroll}),
		helpBottom: () => dispatch({type: 'helpScroll', delta: Infinity, max: helpMaxScroll}),
		up: () => select(moveSelection(selectedIndex, -1, rows.length)),
		down: () => select(moveSelection(selectedIndex, 1, rows.length)),
		pageUp: () => select(moveSelection(selectedIndex, -bodyHeight, rows.length)),
		pageDown: () => select(moveSelection(selectedIndex, bodyHeight, rows.length)),
		home: () => select(0),
		end: () => select(rows.length - 1),
		openFilter: () => dispatch({type: 'mode', mode: 'filter'}),
		clearFilter: () => dispatch({type: 'filterText', text: ''}),
		toggleAll: () => void stores.containers.setAll(!snapshot.all),
		sortNext: () => dispatch({type: 'sortNext'}),
		sortReverse: () => dispatch({type: 'sortReverse'}),
		toggleDetail: () => dispatch({type: 'pane', pane: 'detail'}),
		toggleProcesses: () => dispatch({type: 'pane', pane: 'processes'}),
		processSort: () => dispatch({type: 'processSort'}),
		mark: () => {
			if (!selected) return;
			const marked = new Set(view.marked);
			if (marked.has(selected.id)) marked.delete(selected.id);
			else marked.add(selected.id);
			dispatch({type: 'marks', marked});
			select(moveSelection(selectedIndex, 1, rows.length));
		},
		markVisible: () => dispatch({type: 'marks', marked: new Set([...view.marked, ...rows.map((row) => row.id)])}),
		clearMarks: () => dispatch({type: 'marks', marked: new Set()}),
		openLogs: () => {
			if (!selected) return;
			logs.start([targetOf(selected)], logsDefaults);
			dispatch({type: 'mode', mode: 'logs'});
		},
		openMergedLogs,
		filterApply: () => {
			dispatch({type: 'mode', mode: 'list'});
			// Leaving the bar completes the last token: re-parse it in full.
			dispatch({type: 'filterText', text: view.filterText});
		},
		filterCancel: () => {
			dispatch({type: 'filterText', text: ''});
			dispatch({type: 'mode', mode: 'list'});
		},
	};

	const scopes: Scope[] = actions.dialog
		? ['dialog']
		: view.mode === 'doc'
			? doc.prompt
				? []
				: ['doc', 'global']
			: view.mode === 'help'
			? ['help']
			: view.mode === 'filter'
				? ['filter']
				: view.mode === 'logs'
					? logs.promptKind === 'overwrite'
						? ['confirm']
						: logs.promptKind
							? ['prompt']
							: ['logs', 'global']
					: ['list', 'global'];

	const handleKey = (input: string, key: Key) => {
		const name = keyName(input, key);
		// Ctrl-C quits from anywhere, text inputs included, with the shell's code for it.
		if (name === 'ctrl+c') return quit(130);
		// Text dialogs (rename, command, paths) and the document prompt take typing first.
		if (actions.textInput && name !== 'enter' && name !== 'escape') {
			const edit = textEdit(name, input, key);
			if (edit) actions.editText(edit);
			return;
		}
		if (view.mode === 'doc' && doc.prompt && !actions.dialog) {
			if (name === 'enter' || name === 'escape') void doc.promptKey(name);
			else {
				const edit = textEdit(name, input, key);
				if (edit) doc.editPrompt(edit);
			}
			return;
		}
		for (const scope of scopes) {
			const command = commandFor(scope, name, bindings);
			if (command) {
				handlers[command]();
				return;
			}
		}
		const refused = readOnly ? refusedInReadOnly(scopes, name) : undefined;
		if (refused) return actions.flash(messages.readOnlyRefused(displayKey(name), refused.title), true);
		const edit = textEdit(name, input, key);
		if (!edit) return;
		if (actions.dialog?.kind === 'kill') return actions.editSignal(edit);
		if (view.mode === 'logs' && logs.promptKind && logs.promptKind !== 'overwrite') logs.editPrompt(edit);
		else if (view.mode === 'filter') dispatch({type: 'filterText', text: edit(view.filterText)});
	};
	// Keys are handled one at a time, each against the state the previous one left: typing "/web"
	// fast, "/" opens the filter bar and "w" must go into it, not to the list; "jj" moves twice.
	// A key is handled in Ink's input callback only when nothing is pending (see there); every
	// other key waits in a queue that a layout effect drains, one key per commit, inside a
	// committed render with that render's handlers. State updates made in a layout effect are
	// synchronous: they render and commit before the event loop moves on, and the next layout
	// effect takes the next key. Each queued key also bumps `keyTurn`, so a key that changes
	// nothing still leads to the commit that takes the next. No timer decides when a render
	// "should" have happened: an earlier version waited 50 ms, and on a busy machine React's render
	// came later, so the next key edited stale text and a typed character was lost (issue 11).
	const handleKeyRef = useRef(handleKey);
	handleKeyRef.current = handleKey;
	const keyQueue = useRef<Array<[string, Key]>>([]);
	const [, setKeyTurn] = useState(0);
	// React stops a chain of more than 50 synchronous commits from layout effects as an endless
	// loop, and a key can take a few commits (its own, and effects that follow it): after
	// MAX_CHAINED_COMMITS the rest of a long paste continues from a fresh task.
	const chainedCommits = useRef(0);
	const deferred = useRef(false);
	// Up from a key handled in Ink's input callback until the next commit.
	const keyRenderPending = useRef(false);
	useLayoutEffect(() => {
		keyRenderPending.current = false;
		chainedCommits.current++;
		// While a shell or attach has the terminal, keys that reached porthole just before it wait:
		// a q typed then must not quit porthole under the session.
		if (keyQueue.current.length === 0 || deferred.current || actions.suspended) return;
		if (chainedCommits.current > MAX_CHAINED_COMMITS) {
			deferred.current = true;
			setImmediate(() => {
				deferred.current = false;
				chainedCommits.current = 0;
				setKeyTurn((turn) => turn + 1);
			});
			return;
		}
		const next = keyQueue.current.shift()!;
		setKeyTurn((turn) => turn + 1);
		handleKeyRef.current(next[0], next[1]);
	});
	useInput((input, key) => {
		const keys = splitKeys(input, key);
		if (!deferred.current) chainedCommits.current = 0; // a new task: a new chain
		// Nothing waiting and the last key's changes committed: this render's handlers are current,
		// so the first key is handled at once, saving a render per key press. Ink can deliver two
		// inputs in one task ("/" then Backspace), before the first one's render: then the flag is
		// still up and the key takes the queue. The rest of a burst follows one commit each.
		if (keyQueue.current.length === 0 && !deferred.current && !actions.suspended && !keyRenderPending.current) {
			const first = keys.shift()!;
			keyRenderPending.current = true;
			handleKeyRef.current(first[0], first[1]);
		}
		if (keys.length === 0) return;
		keyQueue.current.push(...keys);
		setKeyTurn((turn) => turn + 1);
	});

	if (width < MIN_COLUMNS || height < MIN_ROWS) {
		return <Text color={theme.warning}>{messages.tooSmall(width, height, MIN_COLUMNS, MIN_ROWS)}</Text>;
	}

	const filtered = view.words.length > 0 || Object.keys(snapshot.filters).length > 0;
	const emptyText =
		snapshot.connection === 'connecting' || snapshot.syncedAt === 0
			? messages.connecting(stores.containers.engine.endpoint.url)
			: filtered
				? messages.noMatch
				: snapshot.all
					? messages.noContainers
					: messages.noRunning;

	return (
		<Box flexDirection="column" width={width} height={height}>
			<Header
				endpoint={stores.containers.engine.endpoint}
				info={snapshot.info}
				stats={stats.byId}
				readOnly={readOnly}
				shown={rows.length}
				total={snapshot.containers.length}
				all={snapshot.all}
				sortTitle={SORT_TITLES[view.sortKey]}
				reverse={view.reverse}
				width={width}
			/>
			{banner ? <Banner snapshot={snapshot} endpoint={stores.containers.engine.endpoint.url} now={now} /> : null}
			{help ? (
				<HelpOverlay help={help} height={available + 2} width={width} scroll={view.helpScroll} />
			) : view.mode === 'doc' && doc.source ? (
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
			) : view.mode === 'logs' ? (
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
						marked={view.marked}
						stale={stale}
						now={now}
						emptyText={emptyText}
					/>
					{actions.dialog ? <DialogBox dialog={actions.dialog} width={width} /> : null}
					{!actions.dialog && view.pane === 'detail' ? (
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
					{!actions.dialog && view.pane === 'processes' ? <ProcessesPane container={selected} state={processes} sort={view.processSort} width={width} height={paneHeight} /> : null}
				</>
			)}
			{/* While the filter is being typed, its bar shows (a message would hide what is typed). */}
			{view.mode === 'help' || view.mode === 'logs' || view.mode === 'doc' ? null : view.mode !== 'filter' && (actions.busy || actions.message) ? (
				<Text wrap="truncate" color={actions.busy ? theme.accent : actions.message?.error ? theme.error : theme.ok}>
					{sanitizeLine(actions.busy ?? actions.message?.text ?? '')}
				</Text>
			) : (
				<FilterLine mode={view.mode} text={view.filterText} error={view.filterError} />
			)}
			<Footer scopes={scopes} bindings={bindings} inactive={view.mode === 'doc' ? doc.inactive : undefined} />
		</Box>
	);
}

/** One line under the header for trouble: lost connection, refused filter, failed refresh. */
function Banner({snapshot, endpoint, now}: {snapshot: ReturnType<ContainersStore['getSnapshot']>; endpoint: string; now: number}) {
	if (snapshot.connection === 'disconnected') {
		const seconds = Math.max(0, Math.ceil(((snapshot.retryAt ?? now) - now) / 1000));
		const silent = snapshot.connectionError?.code === 'not-responding';
		return (
			<Text wrap="truncate" backgroundColor={theme.error} color={theme.headerFg} inverse={noColor} bold>
				{sanitizeLine(' ' + (silent ? messages.notResponding(snapshot.connectionError!.message) : messages.disconnected(endpoint, seconds, snapshot.connectionError?.message)))}
			</Text>
		);
	}
	const text = snapshot.filterError ?? snapshot.refreshError ?? '';
	return (
		<Text wrap="truncate" color={theme.error}>
			{sanitizeLine(text)}
		</Text>
	);
}

/** The filter line: the prompt while editing, the active filter otherwise, and any error. */
function FilterLine({mode, text, error}: {mode: Mode; text: string; error?: string}) {
	if (mode === 'filter') {
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
			{error ? <Text color={theme.error}>{'  ' + messages.filterNotApplied(sanitizeLine(appliedFilter(text).text), error)}</Text> : null}
		</Text>
	);
}

/** The last 20 log lines before a container stopped, for "what happened". */
async function readLastLines(engine: Engine, id: string, finishedAt?: string): Promise<string[]> {
	const until = finishedAt && !finishedAt.startsWith('0001-') ? String(Math.ceil(Date.parse(finishedAt) / 1000) + 1) : undefined;
	const lines: string[] = [];
	const abort = new AbortController();
	const streams = {stdout: new TimestampedLines({keepColor: false}), stderr: new TimestampedLines({keepColor: false})};
	try {
		for await (const chunks of engine.logs(id, {tail: 20, follow: false, ...(until ? {until} : {})}, abort.signal))
			for (const chunk of chunks) for (const line of streams[chunk.stream].push(chunk.data, chunk.framed ?? false)) lines.push(line.text);
	} catch {
		// No logs (e.g. a logging driver without read support): the view says so.
	}
	return lines.length > 0 ? lines.slice(-20) : ['(no log lines)'];
}

/** How a key edits a one-line text input: Backspace, Ctrl-U (clear), Ctrl-W (last word), or typing. */
function textEdit(name: string, input: string, key: Key): ((text: string) => string) | undefined {
	if (name === 'backspace' || name === 'delete') return (text) => text.slice(0, -1);
	if (name === 'ctrl+u') return () => '';
	if (name === 'ctrl+w') return (text) => text.replace(/\S*\s*$/, '');
	if (!key.ctrl && !key.meta && input && !/[\x00-\x1f\x7f]/.test(input)) return (text) => text + input;
	return undefined;
}

/**
 * The key presses in one input from Ink. Keys typed fast (or over SSH, or pasted) arrive as one
 * chunk ("jjj", "/web"): each character is a key press of its own. Escape followed at once by a
 * character reaches Ink as Alt+character; porthole binds no Alt key, so it is Escape, then that
 * key (typing Esc then "/" quickly must close one thing and open the filter).
 */
export function splitKeys(input: string, key: Key): Array<[string, Key]> {
	if (input.length > 1 && !key.ctrl && !key.meta && !input.includes('\u001B')) return [...input].map((char) => keyOf(char, key));
	if (key.meta && !key.ctrl && input.length === 1 && !key.escape && input >= ' ') {
		const plain = {...key, meta: false};
		return [['', {...plain, escape: true}], keyOf(input, plain)];
	}
	return [[input, key]];
}

/** One character of a chunk as the key Ink would have reported alone (Enter, Tab, Backspace, Ctrl-x). */
function keyOf(char: string, chunk: Key): [string, Key] {
	const plain = {...chunk, return: false, tab: false, backspace: false, delete: false, ctrl: false, shift: false, escape: false};
	if (char === '\r' || char === '\n') return ['', {...plain, return: true}];
	if (char === '\t') return ['', {...plain, tab: true}];
	if (char === '\u007F' || char === '\b') return ['', {...plain, backspace: true}];
	const code = char.charCodeAt(0);
	if (code < 0x20) return [String.fromCharCode(code + 0x60), {...plain, ctrl: true}];
	return [char, {...plain, shift: char !== char.toLowerCase()}];
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
