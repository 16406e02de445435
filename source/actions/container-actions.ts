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
}

/** Run one action on one container. */
export function runAction(engine: Engine, action: LifecycleAction, id: string, params: ActionParams = {}): Promise<void> {
	switch (action) {
		case 'start':
			return engine.start(id);
		case 'stop':
			return engine.stop(id, params.timeoutSeconds);
		case 'restart':
			return engine.restart(id, params.timeoutSeconds);
		case 'kill':
			return engine.kill(id, params.signal ?? 'SIGKILL');
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
	let next = 0;
	let finished = 0;
	const worker = async () => {
		while (next < targets.length) {
			const target = targets[next]!;
			next += 1;
			try {
				await runAction(engine, action, target.id, params);
				done.push(target.id);
			} catch (error) {
				failed.push({id: target.id, name: target.names[0] ?? target.id.slice(0, 12), error: error instanceof EngineError ? error : new EngineError('engine', String(error))});
			}
			finished += 1;
			onProgress(finished, targets.length);
		}
	};
	await Promise.all(Array.from({length: Math.min(concurrency, targets.length)}, worker));
	return {action, done, failed};
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
