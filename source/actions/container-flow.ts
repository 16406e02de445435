/**
 * Actions on containers, from key to result (no React: the UI renders this flow's dialog and feeds
 * it keys; ui/use-actions.ts gives it the terminal for exec and attach): pick the targets (marked, else selected), ask where
 * the action is destructive (saying what will be lost), show a status while it runs and a message
 * when it ends. Errors name the container and quote the daemon; a refused remove of a running
 * container offers the forced variant. Exec and attach hand the terminal to the container and
 * take it back, leaving porthole's state as it was.
 */
import {ACTION_WORDS, availableActions, bulkMessage, invalidName, killMessage, parseSignal, type LifecycleAction, runBulk, type ActionParams} from './container-actions.js';
import {KILL_SIGNALS, type ContainerState, type ContainerSummary, type Engine, type InteractiveSession, type PruneKind, type PrunePreview, type RemovalImpact} from '../engine/types.js';
import type {CoreCommand} from '../keymap/keymap.js';
import type {StatusStore} from './status.js';
import {Store} from '../store/emitter.js';
import {messages} from '../messages.js';
import {namesText} from '../present/containers.js';
import {prunedText, prunePreviewTitle, pruningText} from '../present/prune.js';

/** Prune kinds, in the order the picker lists them. */
export const PRUNE_KINDS: ReadonlyArray<{kind: PruneKind; title: string}> = [
	{kind: 'containers', title: 'Stopped containers'},
	{kind: 'images-dangling', title: 'Dangling images (untagged, unused)'},
	{kind: 'images-unused', title: 'All unused images (not used by any container)'},
	{kind: 'volumes', title: 'Unused volumes'},
	{kind: 'networks', title: 'Unused networks'},
];

/** A dialog over the list. */
export type Dialog =
	| {kind: 'confirm'; action: LifecycleAction; targets: ContainerSummary[]; params: ActionParams; title: string; lines: string[]}
	| {kind: 'kill'; targets: ContainerSummary[]; choice: number; typed: string; error?: string}
	| {kind: 'remove'; targets: ContainerSummary[]; impacts: Map<string, RemovalImpact>; force: boolean; volumes: boolean}
	| {kind: 'forceRemove'; targets: ContainerSummary[]; reason: string; volumes: boolean}
	| {kind: 'text'; purpose: 'rename' | 'exec' | 'copyFrom' | 'copyTo'; target: ContainerSummary; label: string; text: string; error?: string; step?: {source: string}}
	| {kind: 'prunePick'; choice: number}
	| {kind: 'prunePreview'; preview: PrunePreview}
	| {kind: 'attachWarning'; target: ContainerSummary};

/** Commands this hook handles. */
export type ActionCommand = Extract<
	CoreCommand,
	| `dialog.${string}`
	| `containers.${'start' | 'stop' | 'restart' | 'kill' | 'pause' | 'remove' | 'rename' | 'prune' | 'exec' | 'execCommand' | 'attach' | 'copyFrom' | 'copyTo'}`
>;

/** What the flow shows: its dialog, and whether a shell or attach has the terminal. */
export interface ContainerFlowState {
	dialog?: Dialog;
	suspended: boolean;
}

/** The terminal, as exec and attach need it: its size, and handing it to a session and back. */
export interface FlowTerminal {
	size(): {columns: number; rows: number};
	/** Give the terminal to `session` until it ends; the screen is restored afterwards. */
	handOver(session: InteractiveSession, options: {banner: string; tty: boolean; stdinOpen: boolean; holdLine?: (code: number | undefined) => string}): Promise<{exitCode?: number}>;
}

class FlowStore extends Store<ContainerFlowState> {
	set(patch: Partial<ContainerFlowState>): void {
		this.update(patch);
	}
}

/** The containers' actions: their state (a store) and a handler per command. */
export function createContainerFlow({
	engine,
	targets,
	selected,
	stateOf,
	shell,
	status,
	terminal,
	onDone,
}: {
	engine: Engine;
	/** The terminal for exec and attach (given by the UI). */
	terminal: () => FlowTerminal;
	/** The status line every action reports to. */
	status: StatusStore;
	/** Marked containers, else the selected one. */
	targets: () => ContainerSummary[];
	selected: () => ContainerSummary | undefined;
	/**
	 * A container's state now: the list's, unless a fresher inspect says otherwise (after "pause"
	 * the row's detail can know before the next list refresh does).
	 */
	stateOf: (c: ContainerSummary) => ContainerState;
	shell?: string;
	onDone: () => void;
}) {
	const store = new FlowStore({suspended: false});
	const setDialog = (next: Dialog | undefined | ((dialog: Dialog | undefined) => Dialog | undefined)) =>
		store.set({dialog: typeof next === 'function' ? next(store.getSnapshot().dialog) : next});
	const setSuspended = (suspended: boolean) => store.set({suspended});
	const flash = (text: string, error = false) => status.flash(text, error);
	const setBusy = (text: string | undefined) => status.busy(text);

	const nameOf = (c: ContainerSummary) => namesText(c);
	const describe = (list: ContainerSummary[]) => (list.length === 1 ? nameOf(list[0]!) : `${list.length} containers`);

	/** Run a lifecycle action with progress, then report; a must-stop refusal offers force. */
	const run = async (action: LifecycleAction, list: ContainerSummary[], params: ActionParams = {}) => {
		setDialog(undefined);
		const words = ACTION_WORDS[action];
		setBusy(`${words.doing[0]!.toUpperCase()}${words.doing.slice(1)} ${describe(list)}…`);
		try {
			const result = await runBulk(engine, action, list, params, (finished, total) => {
				if (total > 1) setBusy(`${finished}/${total} ${words.done}…`);
			});
			const mustStop = result.failed.filter((f) => f.error.code === 'must-stop');
			if (action === 'remove' && mustStop.length > 0 && !params.force) {
				const again = list.filter((c) => mustStop.some((f) => f.id === c.id));
				setDialog({kind: 'forceRemove', targets: again, reason: mustStop[0]!.error.message, volumes: params.volumes ?? false});
				if (result.done.length > 0) flash(`${result.done.length}/${list.length} removed; ${again.length} running: force?`, true);
				return;
			}
			if (action === 'kill') {
				const {text, error} = killMessage(result, list.length);
				return flash(text, error);
			}
			const {text, error} = bulkMessage(result, list.length);
			flash(list.length === 1 && !error ? `${nameOf(list[0]!)}: ${text.toLowerCase().replace(/\.$/, '')}.` : text, error);
		} finally {
			setBusy(undefined);
			onDone();
		}
	};

	/** Targets for which the action makes sense; says so when none does. */
	const applicable = (action: LifecycleAction): ContainerSummary[] | undefined => {
		const all = targets();
		if (all.length === 0) return void flash('No container selected.', true);
		const ok = all.filter((c) => availableActions(stateOf(c)).includes(action));
		if (ok.length === 0) {
			flash(all.length === 1 ? `Cannot ${action} ${nameOf(all[0]!)}: it is ${stateOf(all[0]!)}.` : `None of the ${all.length} containers can be ${ACTION_WORDS[action].done}.`, true);
			return undefined;
		}
		return ok;
	};

	/** Plain actions: one container runs at once; several ask first. */
	const simple = (action: LifecycleAction) => () => {
		const list = applicable(action);
		if (!list) return;
		if (list.length === 1) return void run(action, list);
		setDialog({
			kind: 'confirm',
			action,
			targets: list,
			params: {},
			title: `${ACTION_WORDS[action].verb[0]!.toUpperCase()}${ACTION_WORDS[action].verb.slice(1)} ${list.length} containers?`,
			lines: list.slice(0, 12).map(nameOf).concat(list.length > 12 ? [`… and ${list.length - 12} more`] : []),
		});
	};

	const single = (): ContainerSummary | undefined => {
		const target = selected();
		if (!target) flash('No container selected.', true);
		return target;
	};

	const openShell = async (target: ContainerSummary, command?: string[], user?: string) => {
		if (stateOf(target) !== 'running') return flash(`${nameOf(target)} is ${stateOf(target)}: exec needs a running container.`, true);
		let argv = command;
		if (!argv) {
			const candidates = shell ? [shell] : ['bash', 'sh'];
			for (const candidate of candidates) {
				const code = await engine.probe(target.id, [candidate, '-c', 'exit 0']).catch((error: unknown) => {
					flash(`Cannot exec in ${nameOf(target)}: ${(error as Error).message}`, true);
					return -1;
				});
				if (code === -1) return;
				if (code === 0) {
					argv = [candidate];
					break;
				}
			}
			if (!argv) return flash(`${nameOf(target)} has no shell (${candidates.join(', ')} not found) — a distroless image? Use E to run a command it has.`, true);
		}
		// A command's output is kept on screen until a key is pressed (E); a shell's user saw it all (e).
		await session(`exec ${argv.join(' ')} in ${nameOf(target)}`, () => engine.exec(target.id, argv!, {user, ...terminal().size()}), {hold: command !== undefined});
	};

	const session = async (what: string, open: () => Promise<InteractiveSession & {tty?: boolean; stdinOpen?: boolean}>, {hold = false, detachable = false} = {}) => {
		let result: {exitCode?: number} = {};
		try {
			const opened = await open();
			setSuspended(true);
			const how = {tty: opened.tty ?? true, stdinOpen: opened.stdinOpen ?? true};
			const banner = messages.sessionBanner(what, {...how, detachable});
			const holdLine = hold ? (code: number | undefined) => messages.commandEnded(code) : undefined;
			result = await terminal().handOver(opened, {banner, ...how, ...(holdLine ? {holdLine} : {})});
			flash(result.exitCode === undefined ? `Back from ${what}.` : `Back from ${what}: exit code ${result.exitCode}.`, (result.exitCode ?? 0) !== 0);
		} catch (error) {
			flash(`Could not ${what}: ${error instanceof Error ? error.message : String(error)}`, true);
		} finally {
			setSuspended(false);
			onDone();
		}
	};

	const handlers: Record<ActionCommand, () => void> = {
		'containers.start': simple('start'),
		'containers.stop': simple('stop'),
		'containers.restart': simple('restart'),
		'containers.pause': () => {
			const all = targets();
			const anyRunning = all.some((c) => stateOf(c) === 'running');
			simple(anyRunning ? 'pause' : 'unpause')();
		},
		'containers.kill': () => {
			const list = applicable('kill');
			if (list) setDialog({kind: 'kill', targets: list, choice: 0, typed: ''});
		},
		'containers.remove': () => {
			const list = applicable('remove');
			if (!list) return;
			setBusy('Measuring what would be lost…');
			void Promise.all(list.map(async (c) => [c.id, await engine.removalImpact(c.id)] as const))
				.then((pairs) => setDialog({kind: 'remove', targets: list, impacts: new Map(pairs), force: false, volumes: false}))
				.catch((error: unknown) => flash(`Could not read ${describe(list)}: ${(error as Error).message}`, true))
				.finally(() => setBusy(undefined));
		},
		'containers.rename': () => {
			const target = single();
			if (target) setDialog({kind: 'text', purpose: 'rename', target, label: `New name for ${nameOf(target)}`, text: nameOf(target)});
		},
		'containers.prune': () => setDialog({kind: 'prunePick', choice: 0}),
		'containers.exec': () => {
			const target = single();
			if (target) void openShell(target);
		},
		'containers.execCommand': () => {
			const target = single();
			if (target) setDialog({kind: 'text', purpose: 'exec', target, label: `Command to run in ${nameOf(target)} (prefix with user@ to run as another user, e.g. nobody@id)`, text: ''});
		},
		'containers.attach': () => {
			const target = single();
			if (!target) return;
			if (stateOf(target) !== 'running') return flash(`${nameOf(target)} is ${stateOf(target)}: attach needs a running container.`, true);
			setDialog({kind: 'attachWarning', target});
		},
		'containers.copyFrom': () => {
			const target = single();
			if (target) setDialog({kind: 'text', purpose: 'copyFrom', target, label: `Path in ${nameOf(target)} to copy out`, text: '/'});
		},
		'containers.copyTo': () => {
			const target = single();
			if (target) setDialog({kind: 'text', purpose: 'copyTo', target, label: `Host file or directory to copy into ${nameOf(target)}`, text: process.cwd() + '/'});
		},
		'dialog.confirm': () => void confirm(),
		'dialog.cancel': () => setDialog(undefined),
		'dialog.up': () => setDialog((d) => (d?.kind === 'kill' ? {...d, choice: Math.max(0, d.choice - 1)} : d?.kind === 'prunePick' ? {...d, choice: Math.max(0, d.choice - 1)} : d)),
		'dialog.down': () =>
			setDialog((d) =>
				d?.kind === 'kill'
					? {...d, choice: Math.min(KILL_SIGNALS.length - 1, d.choice + 1)}
					: d?.kind === 'prunePick'
						? {...d, choice: Math.min(PRUNE_KINDS.length - 1, d.choice + 1)}
						: d,
			),
		'dialog.force': () => setDialog((d) => (d?.kind === 'remove' ? {...d, force: !d.force} : d)),
		'dialog.volumes': () => setDialog((d) => (d?.kind === 'remove' ? {...d, volumes: !d.volumes} : d?.kind === 'forceRemove' ? {...d, volumes: !d.volumes} : d)),
	};

	const confirm = async () => {
		const d = store.getSnapshot().dialog;
		if (!d) return;
		switch (d.kind) {
			case 'confirm':
				return run(d.action, d.targets, d.params);
			case 'kill': {
				if (!d.typed) return run('kill', d.targets, {signal: KILL_SIGNALS[d.choice]});
				const parsed = parseSignal(d.typed);
				if (!parsed.ok) return setDialog({...d, error: parsed.error});
				return run('kill', d.targets, {signal: parsed.signal});
			}
			case 'remove':
				return run('remove', d.targets, {force: d.force, volumes: d.volumes});
			case 'forceRemove':
				return run('remove', d.targets, {force: true, volumes: d.volumes});
			case 'attachWarning':
				setDialog(undefined);
				return session(`attach to ${nameOf(d.target)}`, () => engine.attach(d.target.id, terminal().size()), {detachable: true});
			case 'prunePick': {
				const kind = PRUNE_KINDS[d.choice]!.kind;
				setDialog(undefined);
				setBusy('Listing what a prune would remove…');
				try {
					setDialog({kind: 'prunePreview', preview: await engine.prunePreview(kind)});
				} catch (error) {
					flash(`Could not preview the prune: ${(error as Error).message}`, true);
				} finally {
					setBusy(undefined);
				}
				return;
			}
			case 'prunePreview': {
				setDialog(undefined);
				if (d.preview.items.length === 0) return flash(prunePreviewTitle(d.preview));
				setBusy(pruningText(d.preview));
				try {
					flash(prunedText(d.preview, await engine.prune(d.preview.kind)));
				} catch (error) {
					flash(`Prune failed: ${(error as Error).message}`, true);
				} finally {
					setBusy(undefined);
					onDone();
				}
				return;
			}
			case 'text':
				return submitText(d);
		}
	};

	const submitText = async (d: Extract<Dialog, {kind: 'text'}>) => {
		const text = d.text.trim();
		switch (d.purpose) {
			case 'rename': {
				const problem = invalidName(text);
				if (problem) return setDialog({...d, error: problem});
				setDialog(undefined);
				setBusy(`Renaming ${nameOf(d.target)}…`);
				try {
					await engine.rename(d.target.id, text);
					flash(`Renamed ${nameOf(d.target)} to ${text}.`);
				} catch (error) {
					flash(`Could not rename ${nameOf(d.target)}: ${(error as Error).message}`, true);
				} finally {
					setBusy(undefined);
					onDone();
				}
				return;
			}
			case 'exec': {
				if (!text) return setDialog({...d, error: 'Type a command.'});
				const userMatch = /^([A-Za-z0-9_.-]+(?::[A-Za-z0-9_.-]+)?)@(\S.*)$/.exec(text);
				const command = userMatch ? userMatch[2]! : text;
				setDialog(undefined);
				return openShell(d.target, splitCommand(command), userMatch?.[1]);
			}
			case 'copyFrom': {
				if (!d.step) return setDialog({...d, step: {source: text}, label: `Host directory to copy ${text} into`, text: process.cwd(), error: undefined});
				setDialog(undefined);
				setBusy(`Copying ${d.step.source} out of ${nameOf(d.target)}…`);
				try {
					const result = await engine.copyFrom(d.target.id, d.step.source, text);
					const refused = result.refused.length > 0 ? `; refused ${result.refused.length}: ${result.refused.slice(0, 3).join('; ')}` : '';
					flash(`Copied ${result.written.length} file${result.written.length === 1 ? '' : 's'} to ${text}${refused}`, result.refused.length > 0);
				} catch (error) {
					flash(`Could not copy from ${nameOf(d.target)}: ${(error as Error).message}`, true);
				} finally {
					setBusy(undefined);
				}
				return;
			}
			case 'copyTo': {
				if (!d.step) return setDialog({...d, step: {source: text}, label: `Directory in ${nameOf(d.target)} to copy ${text} into`, text: '/tmp', error: undefined});
				setDialog(undefined);
				setBusy(`Copying ${d.step.source} into ${nameOf(d.target)}…`);
				try {
					const result = await engine.copyTo(d.target.id, d.step.source, text);
					const skipped = result.skipped.length > 0 ? `; skipped ${result.skipped.length}: ${result.skipped.slice(0, 3).join('; ')}` : '';
					flash(`Copied ${result.sent.length} entr${result.sent.length === 1 ? 'y' : 'ies'} from ${d.step.source} into ${nameOf(d.target)}:${text}${skipped}`, result.skipped.length > 0);
				} catch (error) {
					flash(`Could not copy into ${nameOf(d.target)}: ${(error as Error).message}`, true);
				} finally {
					setBusy(undefined);
				}
				return;
			}
		}
	};

	/** Typing a signal into the kill picker (names in capitals: lower-case letters are its keys). */
	const editSignal = (edit: (text: string) => string) =>
		setDialog((d) => (d?.kind === 'kill' ? {...d, typed: edit(d.typed).toUpperCase().replace(/[^A-Z0-9+-]/g, ''), error: undefined} : d));

	/** Typing into a text dialog. */
	const editText = (edit: (text: string) => string) => setDialog((d) => (d?.kind === 'text' ? {...d, text: edit(d.text), error: undefined} : d));

	return {store, handlers, editText, editSignal, flash};
}

/** Split a command line like a shell would for simple quoting ("a b" and 'a b'). */
export function splitCommand(line: string): string[] {
	const parts: string[] = [];
	for (const match of line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) parts.push(match[1] ?? match[2] ?? match[3]!);
	return parts;
}
