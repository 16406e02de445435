/**
 * Container lifecycle actions: which make sense in which state, what they are called while they
 * run and when done, and running one on many containers with progress and a list of failures.
 * No React here: the UI asks, confirms, and shows what this reports.
 */
import {EngineError} from '../engine/errors.js';
import type {ContainerState, ContainerSummary, Engine, KillSignal} from '../engine/types.js';

/** Every lifecycle action. */
export type LifecycleAction = 'start' | 'stop' | 'restart' | 'kill' | 'pause' | 'unpause' | 'remove';

/** Words for an action: "stop" / "stopping" / "stopped". */
export const ACTION_WORDS: Record<LifecycleAction, {verb: string; doing: string; done: string; dangerous: boolean}> = {
	start: {verb: 'start', doing: 'starting', done: 'started', dangerous: false},
	stop: {verb: 'stop', doing: 'stopping', done: 'stopped', dangerous: false},
	restart: {verb: 'restart', doing: 'restarting', done: 'restarted', dangerous: false},
	kill: {verb: 'kill', doing: 'killing', done: 'killed', dangerous: true},
	pause: {verb: 'pause', doing: 'pausing', done: 'paused', dangerous: false},
	unpause: {verb: 'unpause', doing: 'unpausing', done: 'unpaused', dangerous: false},
	remove: {verb: 'remove', doing: 'removing', done: 'removed', dangerous: true},
};

/** Actions that make sense for a container in this state (no "unpause" on a running container). */
export function availableActions(state: ContainerState): LifecycleAction[] {
	switch (state) {
		case 'running':
			return ['stop', 'restart', 'kill', 'pause', 'remove'];
		case 'paused':
			return ['unpause', 'stop', 'restart', 'kill', 'remove'];
		case 'restarting':
			return ['stop', 'restart', 'kill', 'remove'];
		case 'created':
		case 'exited':
			return ['start', 'restart', 'remove'];
		case 'dead':
			return ['remove'];
		case 'removing':
			return [];
	}
}

/** docker's container name rule. */
export const NAME_RULE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/** Why a new name is refused before asking the daemon, or undefined when it is valid. */
export function invalidName(name: string): string | undefined {
	if (name === '') return 'A name is needed.';
	if (!NAME_RULE.test(name)) return `Invalid container name "${name}": only [a-zA-Z0-9][a-zA-Z0-9_.-]+ is allowed (at least two characters).`;
	return undefined;
}

/** Parameters some actions take. */
export interface ActionParams {
	signal?: KillSignal;
	force?: boolean;
	volumes?: boolean;
	timeoutSeconds?: number;
	/** Kill: how long to watch for the container to stop (KILL_WATCH_MS by default). */
	watchMs?: number;
}

/** What a kill did: a signal is only a request, so say whether the container stopped. */
export interface KillOutcome {
	exited: boolean;
	/** The exit code when it exited (143 after SIGTERM, 137 after SIGKILL). */
	exitCode?: number;
	/** Still running because it is paused: the signal waits until it is unpaused. */
	paused?: boolean;
	/** It exited and its restart policy started it again (or is about to). */
	restarted?: boolean;
}

/** How long a kill watches the container before saying it is still running. */
export const KILL_WATCH_MS = 1500;
const KILL_POLL_MS = 100;

/**
 * A typed signal as the daemon takes it: a name with or without SIG (USR2, SIGRTMIN+3) in capitals,
 * or a number from 1 to 64. A message when it is neither; the daemon refuses names it does not know.
 */
export function parseSignal(text: string): {ok: true; signal: KillSignal} | {ok: false; error: string} {
	const value = text.trim().toUpperCase();
	if (/^\d+$/.test(value)) {
		const number = Number(value);
		return number >= 1 && number <= 64 ? {ok: true, signal: String(number)} : {ok: false, error: `Signal ${value} is out of range: 1 to 64.`};
	}
	if (/^(SIG)?[A-Z][A-Z0-9]*([+-]\d+)?$/.test(value)) return {ok: true, signal: value.startsWith('SIG') ? value : `SIG${value}`};
	return {ok: false, error: `"${text}" is not a signal: type a name like HUP or SIGUSR2, or a number like 9.`};
}

/**
 * Send the signal, then watch the container for up to `watchMs`: "killed" was reported for a
 * SIGTERM that a process ignored (`trap '' TERM`), while the row still said Up.
 */
export async function killAndWatch(engine: Engine, id: string, signal: KillSignal, watchMs = KILL_WATCH_MS): Promise<KillOutcome> {
	// Its start time and restart count before: a container with a restart policy exits and is
	// started again within the watch, and "still running" would then be wrong.
	const before = await engine.inspectState(id).catch(() => undefined);
	await engine.kill(id, signal);
	const deadline = Date.now() + watchMs;
	for (;;) {
		let detail;
		try {
			detail = await engine.inspectState(id);
		} catch (error) {
			// Removed as it died (--rm): it certainly stopped.
			if (error instanceof EngineError && error.code === 'not-found') return {exited: true};
			throw error;
		}
		if (detail.restarting || (before && (detail.restartCount !== before.restartCount || detail.startedAt !== before.startedAt)))
			return {exited: true, exitCode: detail.exitCode, restarted: true};
		if (!detail.running) return {exited: true, exitCode: detail.exitCode};
		if (Date.now() >= deadline) return {exited: false, paused: detail.paused};
		await new Promise((resolve) => setTimeout(resolve, KILL_POLL_MS));
	}
}

/** Run one action on one container; a kill reports what it did. */
export async function runAction(engine: Engine, action: LifecycleAction, id: string, params: ActionParams = {}): Promise<KillOutcome | void> {
	switch (action) {
		case 'start':
			return engine.start(id);
		case 'stop':
			return engine.stop(id, params.timeoutSeconds);
		case 'restart':
			return engine.restart(id, params.timeoutSeconds);
		case 'kill':
			return killAndWatch(engine, id, params.signal ?? 'SIGKILL', params.watchMs);
		case 'pause':
			return engine.pause(id);
		case 'unpause':
			return engine.unpause(id);
		case 'remove':
			return engine.remove(id, {force: params.force ?? false, volumes: params.volumes ?? false});
	}
}

/** A failure in a bulk run: which container, and the daemon's words. */
export interface ActionFailure {
	id: string;
	name: string;
	error: EngineError;
}

/** Outcome of a bulk run. */
export interface BulkResult {
	action: LifecycleAction;
	done: string[];
	failed: ActionFailure[];
	/** Kill: the signal, and what it did to each container it reached (by id, with its name). */
	signal?: KillSignal;
	killed?: Map<string, KillOutcome & {name: string}>;
}

/**
 * Run an action on many containers, a few at a time (the daemon serialises per container anyway;
 * a small pool keeps "stop 50" from taking 50 × 10 s), reporting progress after each one.
 */
export async function runBulk(
	engine: Engine,
	action: LifecycleAction,
	targets: ReadonlyArray<Pick<ContainerSummary, 'id' | 'names'>>,
	params: ActionParams,
	onProgress: (finished: number, total: number) => void,
	concurrency = 4,
): Promise<BulkResult> {
	const done: string[] = [];
	const failed: ActionFailure[] = [];
	const killed = new Map<string, KillOutcome & {name: string}>();
	let next = 0;
	let finished = 0;
	const worker = async () => {
		while (next < targets.length) {
			const target = targets[next]!;
			next += 1;
			const name = target.names[0] ?? target.id.slice(0, 12);
			try {
				const outcome = await runAction(engine, action, target.id, params);
				if (outcome) killed.set(target.id, {...outcome, name});
				done.push(target.id);
			} catch (error) {
				failed.push({id: target.id, name, error: error instanceof EngineError ? error : new EngineError('engine', String(error))});
			}
			finished += 1;
			onProgress(finished, targets.length);
		}
	};
	await Promise.all(Array.from({length: Math.min(concurrency, targets.length)}, worker));
	return action === 'kill' ? {action, done, failed, signal: params.signal ?? 'SIGKILL', killed} : {action, done, failed};
}

/** "it exited (143)", "it is still running", "it is paused: …". */
function killOutcomeText(outcome: KillOutcome): string {
	if (outcome.restarted) return `it exited${outcome.exitCode ? ` (${outcome.exitCode})` : ''} and its restart policy started it again`;
	if (outcome.exited) return outcome.exitCode === undefined ? 'it stopped' : `it exited (${outcome.exitCode})`;
	return outcome.paused ? 'it is paused: the signal waits until it is unpaused' : 'it is still running';
}

/**
 * The message after a kill: the signal was sent, and what became of each container — "SIGTERM sent
 * to web; it is still running", "SIGKILL sent to 3 containers: 2 exited, 1 still running (web)".
 */
export function killMessage(result: BulkResult, total: number): {text: string; error: boolean} {
	const signal = /^\d+$/.test(result.signal ?? '') ? `Signal ${result.signal}` : (result.signal ?? 'SIGKILL');
	const outcomes = [...(result.killed?.values() ?? [])];
	const failures = result.failed.map((f) => `${f.name}: ${f.error.message}`).join('; ');
	if (total === 1 && outcomes.length === 1) return {text: `${signal} sent to ${outcomes[0]!.name}; ${killOutcomeText(outcomes[0]!)}.`, error: false};
	if (total === 1) return {text: `Could not send ${signal} to ${result.failed[0]!.name}: ${result.failed[0]!.error.message}`, error: true};
	if (outcomes.length === 0) return {text: `Could not send ${signal} to any of the ${total} containers — ${failures}`, error: true};
	const exited = outcomes.filter((o) => o.exited);
	const running = outcomes.filter((o) => !o.exited);
	const parts = [`${exited.length} exited`];
	if (running.length > 0) parts.push(`${running.length} still running (${running.map((o) => o.name).join(', ')})`);
	const text = `${signal} sent to ${outcomes.length}/${total} containers: ${parts.join(', ')}`;
	return result.failed.length > 0 ? {text: `${text}; ${result.failed.length} failed — ${failures}`, error: true} : {text: `${text}.`, error: false};
}

/** The message after a bulk run: "3/4 stopped; 1 failed: web: <daemon's words>". */
export function bulkMessage(result: BulkResult, total: number): {text: string; error: boolean} {
	const words = ACTION_WORDS[result.action];
	if (result.failed.length === 0) {
		return {text: total === 1 ? `${words.done[0]!.toUpperCase()}${words.done.slice(1)}.` : `${result.done.length}/${total} ${words.done}.`, error: false};
	}
	const reasons = result.failed.map((f) => `${f.name}: ${f.error.message}`).join('; ');
	if (total === 1) return {text: `Could not ${words.verb} ${result.failed[0]!.name}: ${result.failed[0]!.error.message}`, error: true};
	return {text: `${result.done.length}/${total} ${words.done}; ${result.failed.length} failed — ${reasons}`, error: true};
}
