/**
 * THE key table. Key handling, the `?` help overlay and the footer hints are all derived from
 * BINDINGS, so a key cannot work without being documented or be documented without working.
 * Handlers are typed `Record<Command, Handler>` (see ui/App.tsx): a command without a handler
 * does not compile.
 */
import type {AnyKind, KindCommandName, KindId} from '../resources/kind.js';

/**
 * Where a binding applies. The dispatcher tries the top of the view stack first: modal, view,
 * global. `list` holds what every list does (move, filter, sort, mark); a kind's own keys are in
 * the scope named after it (`containers`, `images`, …), generated from its declaration.
 */
export type Scope = 'global' | 'list' | KindId | 'command' | 'filter' | 'help' | 'logs' | 'prompt' | 'confirm' | 'dialog' | 'doc' | 'df' | 'events';

/** Every command porthole has: the fixed ones here, and each kind's `<kind>.<action>` from resources/. */
export type Command = CoreCommand | KindCommandName;

/** The commands of the fixed key table; each has a handler in the UI (a missing one does not compile). */
export type CoreCommand =
	| 'quit'
	| 'help'
	| 'commandLine'
	| 'df.close'
	| 'df.measure'
	| 'df.details'
	| 'df.down'
	| 'df.up'
	| 'df.prune'
	| 'events.close'
	| 'events.down'
	| 'events.up'
	| 'events.pageDown'
	| 'events.pageUp'
	| 'events.top'
	| 'events.bottom'
	| 'events.pause'
	| 'events.filter'
	| 'events.search'
	| 'events.next'
	| 'events.prev'
	| 'events.since'
	| 'command.run'
	| 'command.cancel'
	| 'command.complete'
	| 'list.nextKind'
	| 'list.prevKind'
	| 'help.close'
	| 'help.down'
	| 'help.up'
	| 'help.top'
	| 'help.bottom'
	| 'list.up'
	| 'list.down'
	| 'list.pageUp'
	| 'list.pageDown'
	| 'list.home'
	| 'list.end'
	| 'list.filter'
	| 'list.clearFilter'
	| 'containers.all'
	| 'list.sort'
	| 'list.reverse'
	| 'filter.apply'
	| 'filter.cancel'
	| 'containers.stats'
	| 'containers.top'
	| 'containers.topSort'
	| 'list.mark'
	| 'list.markAll'
	| 'list.clearMarks'
	| 'containers.logs'
	| 'containers.mergedLogs'
	| 'logs.close'
	| 'logs.down'
	| 'logs.up'
	| 'logs.pageDown'
	| 'logs.pageUp'
	| 'logs.top'
	| 'logs.bottom'
	| 'logs.left'
	| 'logs.right'
	| 'logs.search'
	| 'logs.next'
	| 'logs.prev'
	| 'logs.filter'
	| 'logs.regex'
	| 'logs.case'
	| 'logs.wrap'
	| 'logs.timestamps'
	| 'logs.color'
	| 'logs.save'
	| 'logs.tail'
	| 'logs.since'
	| 'logs.until'
	| 'prompt.apply'
	| 'prompt.cancel'
	| 'prompt.keep'
	| 'prompt.regex'
	| 'prompt.case'
	| 'confirm.yes'
	| 'confirm.no'
	| 'containers.start'
	| 'containers.stop'
	| 'containers.restart'
	| 'containers.kill'
	| 'containers.pause'
	| 'containers.remove'
	| 'containers.rename'
	| 'containers.prune'
	| 'containers.exec'
	| 'containers.execCommand'
	| 'containers.attach'
	| 'containers.copyFrom'
	| 'containers.copyTo'
	| 'containers.inspect'
	| 'containers.diff'
	| 'containers.whatHappened'
	| 'dialog.confirm'
	| 'dialog.cancel'
	| 'dialog.up'
	| 'dialog.down'
	| 'dialog.force'
	| 'dialog.volumes'
	| 'doc.close'
	| 'doc.down'
	| 'doc.up'
	| 'doc.pageDown'
	| 'doc.pageUp'
	| 'doc.top'
	| 'doc.bottom'
	| 'doc.search'
	| 'doc.next'
	| 'doc.prev'
	| 'doc.toggle'
	| 'doc.reveal'
	| 'doc.save';

/** One row of the key table. */
export interface Binding {
	command: Command;
	/** Canonical key names (see keyName): 'q', 'ctrl+c', 'up', 'pageup', 'escape', 'enter', 'G'… */
	keys: readonly string[];
	scope: Scope;
	/** What it does, for the help overlay. */
	title: string;
	/** Short label for the footer; bindings without one are only in the help overlay. */
	hint?: string;
	/** Changes the daemon: hidden and refused in read-only mode. */
	dangerous?: boolean;
}

/** All bindings, in the order the help overlay lists them. */
export const BINDINGS: readonly Binding[] = [
	{command: 'list.down', keys: ['j', 'down'], scope: 'list', title: 'Move down', hint: 'move'},
	{command: 'list.up', keys: ['k', 'up'], scope: 'list', title: 'Move up'},
	{command: 'list.pageDown', keys: ['pagedown', 'ctrl+f'], scope: 'list', title: 'Page down'},
	{command: 'list.pageUp', keys: ['pageup', 'ctrl+b'], scope: 'list', title: 'Page up'},
	{command: 'list.home', keys: ['g', 'home'], scope: 'list', title: 'First row'},
	{command: 'list.end', keys: ['G', 'end'], scope: 'list', title: 'Last row'},
	{command: 'list.filter', keys: ['/'], scope: 'list', title: 'Filter: words, or key=value like docker ps --filter', hint: 'filter'},
	{command: 'list.clearFilter', keys: ['escape'], scope: 'list', title: 'Clear the filter (else back to the list before)'},
	{command: 'containers.all', keys: ['a'], scope: 'containers', title: 'Show all containers / running only'},
	{command: 'list.sort', keys: ['s'], scope: 'list', title: 'Sort by the next column'},
	{command: 'list.reverse', keys: ['S'], scope: 'list', title: 'Reverse the sort order'},
	{command: 'containers.stats', keys: ['enter'], scope: 'containers', title: 'Live stats with graphs for the selected container', hint: 'stats'},
	{command: 'containers.top', keys: ['t'], scope: 'containers', title: 'Processes of the selected container (docker top)', hint: 'top'},
	{command: 'containers.topSort', keys: ['o'], scope: 'containers', title: 'Processes: sort by %CPU, %MEM or PID'},
	{command: 'list.mark', keys: [' '], scope: 'list', title: 'Mark / unmark the selected row'},
	{command: 'list.markAll', keys: ['v'], scope: 'list', title: 'Mark every row shown (all matching the filter)'},
	{command: 'list.clearMarks', keys: ['V'], scope: 'list', title: 'Clear all marks'},
	{command: 'containers.logs', keys: ['l'], scope: 'containers', title: 'Logs of the selected container', hint: 'logs'},
	{command: 'containers.mergedLogs', keys: ['L'], scope: 'containers', title: 'Merged logs: marked containers, else the compose project, else all shown'},
	{command: 'logs.close', keys: ['escape', 'q'], scope: 'logs', title: 'Back to the list', hint: 'back'},
	{command: 'logs.down', keys: ['j', 'down'], scope: 'logs', title: 'Scroll down (the bottom resumes following)'},
	{command: 'logs.up', keys: ['k', 'up'], scope: 'logs', title: 'Scroll up (pauses following)', hint: 'scroll'},
	{command: 'logs.pageDown', keys: ['pagedown', 'ctrl+f', ' '], scope: 'logs', title: 'Page down'},
	{command: 'logs.pageUp', keys: ['pageup', 'ctrl+b'], scope: 'logs', title: 'Page up'},
	{command: 'logs.top', keys: ['g', 'home'], scope: 'logs', title: 'Oldest line'},
	{command: 'logs.bottom', keys: ['G', 'end'], scope: 'logs', title: 'Newest line and follow', hint: 'follow'},
	{command: 'logs.left', keys: ['left'], scope: 'logs', title: 'Scroll left (when not wrapping)'},
	{command: 'logs.right', keys: ['right'], scope: 'logs', title: 'Scroll right (when not wrapping)'},
	{command: 'logs.search', keys: ['/'], scope: 'logs', title: 'Search (text or regular expression)', hint: 'search'},
	{command: 'logs.next', keys: ['n'], scope: 'logs', title: 'Next match'},
	{command: 'logs.prev', keys: ['N'], scope: 'logs', title: 'Previous match'},
	{command: 'logs.filter', keys: ['f'], scope: 'logs', title: 'Show only matching lines (like grep)', hint: 'filter'},
	{command: 'logs.regex', keys: ['r'], scope: 'logs', title: 'Search: regular expression on/off'},
	{command: 'logs.case', keys: ['i'], scope: 'logs', title: 'Search: case-sensitive on/off'},
	{command: 'logs.wrap', keys: ['w'], scope: 'logs', title: 'Wrap long lines on/off', hint: 'wrap'},
	{command: 'logs.timestamps', keys: ['t'], scope: 'logs', title: 'Timestamps on/off', hint: 'time'},
	{command: 'logs.color', keys: ['c'], scope: 'logs', title: 'Colours from the container on/off'},
	{command: 'logs.save', keys: ['s'], scope: 'logs', title: 'Save the lines shown (respecting the filter) to a file', hint: 'save'},
	{command: 'logs.tail', keys: ['T'], scope: 'logs', title: 'Change how many lines to start with (tail)'},
	{command: 'logs.since', keys: ['S'], scope: 'logs', title: 'Only lines since a time (10m, 2h, RFC 3339)'},
	{command: 'logs.until', keys: ['U'], scope: 'logs', title: 'Only lines until a time (stops following)'},
	{command: 'prompt.apply', keys: ['enter'], scope: 'prompt', title: 'Apply', hint: 'apply'},
	{command: 'prompt.cancel', keys: ['escape'], scope: 'prompt', title: 'Cancel', hint: 'cancel'},
	{command: 'prompt.keep', keys: ['right', 'end'], scope: 'prompt', title: 'Keep the pre-filled text and edit it (typing replaces it)'},
	{command: 'prompt.regex', keys: ['tab'], scope: 'prompt', title: 'Search: regular expression on/off'},
	{command: 'prompt.case', keys: ['ctrl+t'], scope: 'prompt', title: 'Search: case-sensitive on/off'},
	{command: 'confirm.yes', keys: ['y'], scope: 'confirm', title: 'Yes', hint: 'yes'},
	{command: 'confirm.no', keys: ['n', 'escape'], scope: 'confirm', title: 'No', hint: 'no'},
	{command: 'containers.start', keys: ['u'], scope: 'containers', title: 'Start (marked or selected)', dangerous: true},
	{command: 'containers.stop', keys: ['x'], scope: 'containers', title: 'Stop (10 s grace, then SIGKILL, as docker stop)', hint: 'stop', dangerous: true},
	{command: 'containers.restart', keys: ['r'], scope: 'containers', title: 'Restart', dangerous: true},
	{command: 'containers.kill', keys: ['K'], scope: 'containers', title: 'Kill with a signal (asks; SIGKILL by default)', dangerous: true},
	{command: 'containers.pause', keys: ['p'], scope: 'containers', title: 'Pause / unpause', dangerous: true},
	{command: 'containers.remove', keys: ['D'], scope: 'containers', title: 'Remove (asks; says what is lost)', dangerous: true},
	{command: 'containers.rename', keys: ['R'], scope: 'containers', title: 'Rename', dangerous: true},
	{command: 'containers.prune', keys: ['P'], scope: 'containers', title: 'Prune containers, images, volumes or networks (with a preview)', dangerous: true},
	{command: 'containers.exec', keys: ['e'], scope: 'containers', title: 'Shell in the container (configured shell, else bash, else sh)', hint: 'shell', dangerous: true},
	{command: 'containers.execCommand', keys: ['E'], scope: 'containers', title: 'Run a command in the container (optionally as another user)', dangerous: true},
	{command: 'containers.attach', keys: ['A'], scope: 'containers', title: 'Attach to the main process (Ctrl-P Ctrl-Q detaches)', dangerous: true},
	{command: 'containers.copyFrom', keys: ['C'], scope: 'containers', title: 'Copy a path out of the container to the host'},
	{command: 'containers.copyTo', keys: ['U'], scope: 'containers', title: 'Copy a host file or directory into the container', dangerous: true},
	{command: 'containers.inspect', keys: ['i'], scope: 'containers', title: 'Inspect: summary and full JSON (secrets masked)', hint: 'inspect'},
	{command: 'containers.diff', keys: ['d'], scope: 'containers', title: 'Filesystem changes (docker diff)'},
	{command: 'containers.whatHappened', keys: ['w'], scope: 'containers', title: 'What happened: why it exited, OOM, restarts, last log lines'},
	{command: 'dialog.confirm', keys: ['enter', 'y'], scope: 'dialog', title: 'Confirm', hint: 'confirm'},
	{command: 'dialog.cancel', keys: ['escape', 'n', 'q'], scope: 'dialog', title: 'Cancel', hint: 'cancel'},
	{command: 'dialog.up', keys: ['k', 'up'], scope: 'dialog', title: 'Previous choice'},
	{command: 'dialog.down', keys: ['j', 'down'], scope: 'dialog', title: 'Next choice'},
	{command: 'dialog.force', keys: ['f'], scope: 'dialog', title: 'Remove: force (kills a running container) on/off'},
	{command: 'dialog.volumes', keys: ['v'], scope: 'dialog', title: 'Remove: also remove anonymous volumes on/off'},
	{command: 'doc.close', keys: ['escape', 'q'], scope: 'doc', title: 'Back to the list', hint: 'back'},
	{command: 'doc.down', keys: ['j', 'down'], scope: 'doc', title: 'Scroll down', hint: 'scroll'},
	{command: 'doc.up', keys: ['k', 'up'], scope: 'doc', title: 'Scroll up'},
	{command: 'doc.pageDown', keys: ['pagedown', 'ctrl+f', ' '], scope: 'doc', title: 'Page down'},
	{command: 'doc.pageUp', keys: ['pageup', 'ctrl+b'], scope: 'doc', title: 'Page up'},
	{command: 'doc.top', keys: ['g', 'home'], scope: 'doc', title: 'Top'},
	{command: 'doc.bottom', keys: ['G', 'end'], scope: 'doc', title: 'Bottom'},
	{command: 'doc.search', keys: ['/'], scope: 'doc', title: 'Search', hint: 'search'},
	{command: 'doc.next', keys: ['n'], scope: 'doc', title: 'Next match'},
	{command: 'doc.prev', keys: ['N'], scope: 'doc', title: 'Previous match'},
	{command: 'doc.toggle', keys: ['tab'], scope: 'doc', title: 'Inspect: summary / full JSON', hint: 'summary/JSON'},
	{command: 'doc.reveal', keys: ['$'], scope: 'doc', title: 'Reveal / mask secret environment values', hint: 'reveal secrets'},
	{command: 'doc.save', keys: ['s'], scope: 'doc', title: 'Save this view to a file (secrets stay masked unless revealed)', hint: 'save'},
	{command: 'df.close', keys: ['escape', 'q'], scope: 'df', title: 'Back (while measuring: stop measuring)', hint: 'back'},
	{command: 'df.measure', keys: ['r'], scope: 'df', title: 'Measure again (the daemon walks every layer and volume: slow on big hosts)', hint: 'measure'},
	{command: 'df.details', keys: ['enter', 'v'], scope: 'df', title: 'Every object and its size (docker system df -v)', hint: 'details'},
	{command: 'df.down', keys: ['j', 'down'], scope: 'df', title: 'Next line'},
	{command: 'df.up', keys: ['k', 'up'], scope: 'df', title: 'Previous line'},
	{command: 'df.prune', keys: ['P'], scope: 'df', title: 'Prune what this line can reclaim (with a preview first)', hint: 'prune', dangerous: true},
	{command: 'events.close', keys: ['escape', 'q'], scope: 'events', title: 'Back', hint: 'back'},
	{command: 'events.down', keys: ['j', 'down'], scope: 'events', title: 'Scroll down (the bottom follows new events)'},
	{command: 'events.up', keys: ['k', 'up'], scope: 'events', title: 'Scroll up', hint: 'scroll'},
	{command: 'events.pageDown', keys: ['pagedown', 'ctrl+f', ' '], scope: 'events', title: 'Page down'},
	{command: 'events.pageUp', keys: ['pageup', 'ctrl+b'], scope: 'events', title: 'Page up'},
	{command: 'events.top', keys: ['g', 'home'], scope: 'events', title: 'Oldest event'},
	{command: 'events.bottom', keys: ['G', 'end'], scope: 'events', title: 'Newest event, and follow', hint: 'follow'},
	{command: 'events.pause', keys: ['p'], scope: 'events', title: 'Pause / resume (new events are counted meanwhile)', hint: 'pause'},
	{command: 'events.filter', keys: ['f'], scope: 'events', title: 'Filter like docker events --filter (type=container event=die label=…)', hint: 'filter'},
	{command: 'events.search', keys: ['/'], scope: 'events', title: 'Search the events shown', hint: 'search'},
	{command: 'events.next', keys: ['n'], scope: 'events', title: 'Next match'},
	{command: 'events.prev', keys: ['N'], scope: 'events', title: 'Previous match'},
	{command: 'events.since', keys: ['S'], scope: 'events', title: 'Backlog since (10m, 2h, RFC 3339; default 10m)'},
	{command: 'filter.apply', keys: ['enter'], scope: 'filter', title: 'Keep the filter and return to the list', hint: 'keep'},
	{command: 'filter.cancel', keys: ['escape'], scope: 'filter', title: 'Clear the filter and return to the list', hint: 'clear'},
	{command: 'help.close', keys: ['escape', '?', 'q'], scope: 'help', title: 'Close this help', hint: 'close'},
	{command: 'help.down', keys: ['j', 'down', 'pagedown', ' '], scope: 'help', title: 'Scroll the help down', hint: 'scroll'},
	{command: 'help.up', keys: ['k', 'up', 'pageup'], scope: 'help', title: 'Scroll the help up'},
	{command: 'help.top', keys: ['g', 'home'], scope: 'help', title: 'Top of the help'},
	{command: 'help.bottom', keys: ['G', 'end'], scope: 'help', title: 'End of the help'},
	{command: 'list.nextKind', keys: ['tab'], scope: 'list', title: 'Next kind: containers, images, volumes, networks'},
	{command: 'list.prevKind', keys: ['shift+tab'], scope: 'list', title: 'Previous kind'},
	{command: 'command.run', keys: ['enter'], scope: 'command', title: 'Go: :containers :images :volumes :networks :df :events (short :co :im :vol :net)', hint: 'go'},
	{command: 'command.complete', keys: ['tab'], scope: 'command', title: 'Complete the name typed', hint: 'complete'},
	{command: 'command.cancel', keys: ['escape'], scope: 'command', title: 'Close the command line', hint: 'cancel'},
	{command: 'commandLine', keys: [':'], scope: 'global', title: 'Command line: go to another kind of object (:images, :df, :events…)', hint: 'kinds'},
	{command: 'help', keys: ['?'], scope: 'global', title: 'Help: every key', hint: 'help'},
	{command: 'quit', keys: ['q', 'ctrl+c'], scope: 'global', title: 'Quit', hint: 'quit'},
];

/** The subset of Ink's Key that names keys. */
export interface KeyFlags {
	upArrow?: boolean;
	downArrow?: boolean;
	leftArrow?: boolean;
	rightArrow?: boolean;
	pageUp?: boolean;
	pageDown?: boolean;
	home?: boolean;
	end?: boolean;
	return?: boolean;
	escape?: boolean;
	ctrl?: boolean;
	shift?: boolean;
	meta?: boolean;
	tab?: boolean;
	backspace?: boolean;
	delete?: boolean;
}

/** Canonical name of a key press from Ink's (input, key). */
export function keyName(input: string, key: KeyFlags): string {
	if (key.upArrow) return 'up';
	if (key.downArrow) return 'down';
	if (key.leftArrow) return 'left';
	if (key.rightArrow) return 'right';
	if (key.pageUp) return 'pageup';
	if (key.pageDown) return 'pagedown';
	if (key.home) return 'home';
	if (key.end) return 'end';
	if (key.return) return 'enter';
	if (key.escape) return 'escape';
	if (key.tab) return key.shift ? 'shift+tab' : 'tab';
	if (key.backspace) return 'backspace';
	if (key.delete) return 'delete';
	if (key.ctrl && input) return `ctrl+${input.toLowerCase()}`;
	if (key.meta && input) return `meta+${input}`;
	return input;
}

/**
 * The key table rows of the kinds' own keys: their actions, documents and toggles, in each kind's
 * scope, with the `<kind>.<action>` command names. Key handling, help and docs/keys.md read these
 * with BINDINGS, so a kind's key cannot work undocumented.
 */
export function kindBindings(kinds: readonly AnyKind[]): Binding[] {
	const rows: Binding[] = [];
	for (const kind of kinds) {
		for (const toggle of kind.toggles ?? []) rows.push({command: toggle.command, keys: toggle.keys, scope: kind.id, title: toggle.title});
		for (const document of kind.documents ?? []) rows.push({command: document.command, keys: document.keys, scope: kind.id, title: document.title, ...(document.hint ? {hint: document.hint} : {})});
		for (const action of kind.actions) rows.push({command: action.command, keys: action.keys, scope: kind.id, title: action.title, ...(action.hint ? {hint: action.hint} : {}), ...(action.dangerous ? {dangerous: true} : {})});
	}
	return rows;
}

/** The command bound to a key in a scope, if any. */
export function commandFor(scope: Scope, name: string, bindings: readonly Binding[] = BINDINGS): Command | undefined {
	return bindings.find((binding) => binding.scope === scope && binding.keys.includes(name))?.command;
}

/** How a key name is shown to people. */
export function displayKey(name: string): string {
	const names: Record<string, string> = {
		up: '↑',
		down: '↓',
		left: '←',
		right: '→',
		pageup: 'PgUp',
		pagedown: 'PgDn',
		home: 'Home',
		end: 'End',
		enter: 'Enter',
		escape: 'Esc',
		tab: 'Tab',
		backspace: 'Backspace',
		' ': 'Space',
	};
	if (names[name]) return names[name];
	if (name.startsWith('ctrl+')) return `Ctrl-${name.slice(5).toUpperCase()}`;
	return name;
}

/** Bindings usable now: in read-only mode the dangerous ones are removed (k9s' ClearDanger). */
export function activeBindings(readOnly: boolean, bindings: readonly Binding[] = BINDINGS): readonly Binding[] {
	return readOnly ? bindings.filter((binding) => !binding.dangerous) : bindings;
}

/**
 * The change a key would have made in one of `scopes` when read-only mode took its binding away,
 * so the user can be told it was refused rather than see nothing happen.
 */
export function refusedInReadOnly(scopes: readonly Scope[], name: string, bindings: readonly Binding[] = BINDINGS): Binding | undefined {
	return bindings.find((binding) => binding.dangerous && scopes.includes(binding.scope) && binding.keys.includes(name));
}

/** Footer hints for the given scopes, most specific first: "/ filter  a all/running  ? help". */
export function footerHints(scopes: readonly Scope[], bindings: readonly Binding[] = BINDINGS): Array<{key: string; label: string; global: boolean}> {
	const hints: Array<{key: string; label: string; global: boolean}> = [];
	for (const scope of scopes) {
		for (const binding of bindings) {
			if (binding.scope !== scope || !binding.hint) continue;
			const key = binding.command === 'list.down' ? 'j/k' : displayKey(binding.keys[0]!);
			hints.push({key, label: binding.hint, global: scope === 'global'});
		}
	}
	return hints;
}

/**
 * The hints that fit `width` columns ("key label" joined by two spaces): the view's own hints give
 * way from the last, so the global ones ("? help  q quit") always show when anything does.
 */
export function fitHints(hints: ReadonlyArray<{key: string; label: string; global?: boolean}>, width: number): Array<{key: string; label: string}> {
	const kept = [...hints];
	const span = () => kept.reduce((sum, hint, index) => sum + (index > 0 ? 2 : 0) + hint.key.length + 1 + hint.label.length, 0);
	while (span() > width) {
		const index = kept.findLastIndex((hint) => !hint.global);
		kept.splice(index >= 0 ? index : kept.length - 1, 1);
	}
	return kept.map(({key, label}) => ({key, label}));
}

/** Rows for the help overlay, grouped by scope. */
export function helpRows(bindings: readonly Binding[] = BINDINGS): Array<{scope: Scope; keys: string; title: string}> {
	return bindings.map((binding) => ({scope: binding.scope, keys: binding.keys.map(displayKey).join(' '), title: binding.title}));
}
