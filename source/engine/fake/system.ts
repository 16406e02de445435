/**
 * In-memory system for component tests (see ../fake.ts).
 */
import {toEngineEvent} from '../answers.js';
import {EngineError} from '../errors.js';
import type {DiskUsage, EventsOptions, SystemApi} from '../system-api.js';
import {toDiskUsage} from '../system.js';
import type {EngineEvent} from '../types.js';
import type {FakeEngine} from '../fake.js';
// The fake daemon filters as the real one does; the port of its filter lives with the presenters.
import {eventTimeKey, matchesEventFilters} from '../../present/events.js';

/** Docker's time value (Unix seconds, fractions allowed, or RFC 3339) as nanoseconds. */
function nanosOf(value: string): bigint {
	if (/^\d+(\.\d{1,9})?$/.test(value)) {
		const [seconds = '0', fraction = ''] = value.split('.');
		return BigInt(seconds) * 1_000_000_000n + BigInt(fraction.padEnd(9, '0'));
	}
	return BigInt(Date.parse(value)) * 1_000_000n;
}

/** `engine.system` of the fake engine. */
export class FakeSystem implements SystemApi {
	/**
	 * What `/system/df` answers: a DiskUsage, or a raw daemon answer (any shape) mapped as the real
	 * engine maps it. Unset: the fake's containers with their `sizeRw`, and nothing else.
	 */
	diskUsageAnswer?: DiskUsage | {raw: unknown};
	/** How long diskUsage takes (ms), to show "measuring" and cancel it in component tests. */
	diskUsageDelayMs = 0;
	/** Every event the fake daemon has sent (see record()), in order: what `since`/`until` read. */
	history: EngineEvent[] = [];

	constructor(private readonly engine: FakeEngine) {}

	/** Send an event as the daemon would: kept for backlog reads and pushed to every open stream. */
	record(raw: unknown): EngineEvent {
		const event = toEngineEvent(raw);
		this.history.push(event);
		this.engine.emitRaw(raw);
		return event;
	}

	async diskUsage({signal}: {signal?: AbortSignal}): Promise<DiskUsage> {
		this.engine.check('system.diskUsage', []);
		if (this.diskUsageDelayMs > 0) {
			await new Promise<void>((resolve, reject) => {
				const timer = setTimeout(resolve, this.diskUsageDelayMs);
				if (signal?.aborted) {
					clearTimeout(timer);
					reject(new EngineError('aborted', 'aborted'));
				}
				signal?.addEventListener(
					'abort',
					() => {
						clearTimeout(timer);
						reject(new EngineError('aborted', 'aborted'));
					},
					{once: true},
				);
			});
		}
		if (signal?.aborted) throw new EngineError('aborted', 'aborted');
		const answer = this.diskUsageAnswer;
		if (answer !== undefined) return 'raw' in answer ? toDiskUsage(answer.raw) : structuredClone(answer);
		return {
			layersSize: 0,
			images: [],
			containers: this.engine.containers.map((c) => ({...c, sizeRw: c.sizeRw ?? 0, sizeRootFs: 0, mountDrivers: []})),
			volumes: [],
			buildCache: [],
		};
	}

	async *events({since, until, filters, signal}: EventsOptions): AsyncIterable<EngineEvent> {
		this.engine.check('system.events', [{since, until, filters}]);
		const from = since === undefined ? undefined : nanosOf(since);
		const to = until === undefined ? undefined : nanosOf(until);
		const wanted = (event: EngineEvent) => {
			const time = BigInt(eventTimeKey(event));
			return (from === undefined || time >= from) && (to === undefined || time <= to) && matchesEventFilters(event, filters ?? {});
		};
		// Like the daemon: the backlog only when a since is given, then live events until `until`.
		if (from !== undefined) {
			for (const event of [...this.history]) {
				if (signal.aborted) return;
				if (wanted(event)) yield event;
			}
		}
		if (to !== undefined && to <= BigInt(Date.now()) * 1_000_000n) return;
		for await (const event of this.engine.events(signal)) {
			if (to !== undefined && BigInt(eventTimeKey(event)) > to) return;
			if (wanted(event)) yield event;
		}
	}
}
