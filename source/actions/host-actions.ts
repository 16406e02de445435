/**
 * Everything the UI may ask of one host's engine, and nothing more: the containers' action flow,
 * the kinds' actions and documents, the container documents' data, disk usage, the events backlog
 * and prune. Built where the engine is built (cli.tsx); the UI holds this, never the engine, so
 * every call that changes or reads the daemon on a key press goes through actions/.
 */
import type {DiskUsage} from '../engine/system-api.js';
import type {ContainerInspect, Engine, EngineEvent, FileChange, PruneKind} from '../engine/types.js';
import type {DocSource} from '../present/document.js';
import type {AnyKind, KindCommandName} from '../resources/kind.js';
import {TimestampedLines} from '../store/log-lines.js';
import type {ActionContext} from './context.js';
import {createContainerFlow} from './container-flow.js';
import {DialogStore} from './dialogs.js';
import {runKindAction} from './kind-actions.js';
import {pruneWithPreview} from './prune.js';
import {StatusStore} from './status.js';

/** A kind action's context as the UI gives it: everything but what this object supplies. */
export type KindContext = Omit<ActionContext<unknown>, 'engine' | 'status' | 'dialogs'>;

/** One host's actions. */
export class HostActions {
	/** The status line every action reports to. */
	readonly status = new StatusStore();
	/** The dialogs actions ask through. */
	readonly dialogs = new DialogStore();

	constructor(private readonly engine: Engine) {}

	/** The containers' action flow (see container-flow.ts), on this host's engine. */
	containerFlow(deps: Omit<Parameters<typeof createContainerFlow>[0], 'engine' | 'status'>): ReturnType<typeof createContainerFlow> {
		return createContainerFlow({...deps, engine: this.engine, status: this.status});
	}

	/** Run one of a kind's actions. */
	runKind(kind: AnyKind, command: KindCommandName, context: KindContext): Promise<void> {
		const action = kind.actions.find((entry) => entry.command === command);
		if (!action) return Promise.resolve();
		return runKindAction(kind, action, {...context, engine: this.engine, status: this.status, dialogs: this.dialogs});
	}

	/** Load one of a kind's documents for a row. */
	loadDocument(kind: AnyKind, command: KindCommandName, row: unknown, options: {secretKeys?: readonly string[]}): Promise<DocSource> {
		const document = kind.documents?.find((entry) => entry.command === command);
		if (!document) return Promise.reject(new Error(`${kind.title} has no document ${command}`));
		return document.load(this.engine, row, options);
	}

	/** A container's full inspect (for the inspect document). */
	inspect(id: string): Promise<ContainerInspect> {
		return this.engine.inspect(id);
	}

	/** A container's filesystem changes (docker diff). */
	diff(id: string): Promise<FileChange[]> {
		return this.engine.diff(id);
	}

	/** The last 20 log lines before a container stopped, for "what happened". */
	async lastLogLines(id: string, finishedAt?: string): Promise<string[]> {
		const until = finishedAt && !finishedAt.startsWith('0001-') ? String(Math.ceil(Date.parse(finishedAt) / 1000) + 1) : undefined;
		const lines: string[] = [];
		const abort = new AbortController();
		const streams = {stdout: new TimestampedLines({keepColor: false}), stderr: new TimestampedLines({keepColor: false})};
		try {
			for await (const chunks of this.engine.logs(id, {tail: 20, follow: false, ...(until ? {until} : {})}, abort.signal))
				for (const chunk of chunks) for (const line of streams[chunk.stream].push(chunk.data, chunk.framed ?? false)) lines.push(line.text);
		} catch {
			// No logs (e.g. a logging driver without read support): the view says so.
		}
		return lines.length > 0 ? lines.slice(-20) : ['(no log lines)'];
	}

	/** `docker system df` (slow on big hosts; cancelled through the signal). */
	diskUsage(signal: AbortSignal): Promise<DiskUsage> {
		return this.engine.system.diskUsage({signal});
	}

	/** Preview a prune, ask, prune; resolves with whether anything was pruned. */
	prune(kind: PruneKind): Promise<boolean> {
		return pruneWithPreview(this.engine, kind, this.dialogs, this.status);
	}

	/** One finite read of past events, for the events view's backlog. */
	eventsBacklog(since: string, until: string, signal: AbortSignal): AsyncIterable<EngineEvent> {
		return this.engine.system.events({since, until, signal});
	}

	/** Drop timers (at exit). */
	stop(): void {
		this.status.stop();
		this.dialogs.cancel();
	}
}
