/**
 * In-memory volumes for component tests (see ../fake.ts). Which containers use a volume comes from
 * the fake's containers' `mounts`, as on a real daemon; filters follow the daemon's rules.
 */
import {EngineError} from '../errors.js';
import type {FakeEngine} from '../fake.js';
import type {VolumeCreateOptions, VolumeFilters, VolumeSummary, VolumesApi, VolumeUsage} from '../volumes-api.js';

/** The filter keys `/volumes` accepts. */
const VOLUME_FILTER_KEYS = new Set(['dangling', 'driver', 'label', 'name']);

/** A fake volume: its summary plus what `/system/df` would say of its size. */
export interface FakeVolume extends VolumeSummary {
	/** Bytes on disk for `sizes()`; -1 (unmeasured) when absent. */
	size?: number;
}

/** Build a fake volume with the defaults a local volume gets. */
export function fakeVolume(partial: Partial<FakeVolume> & {name: string}): FakeVolume {
	return {
		driver: 'local',
		scope: 'local',
		mountpoint: `/var/lib/docker/volumes/${partial.name}/_data`,
		labels: {},
		options: {},
		createdAt: new Date().toISOString(),
		...partial,
	};
}

/** `label=key` or `label=key=value` against a label map, as the daemon's MatchKVList does. */
export function labelsMatch(wanted: string[], labels: Record<string, string>): boolean {
	return wanted.every((entry) => {
		const equals = entry.indexOf('=');
		if (equals === -1) return entry in labels;
		return labels[entry.slice(0, equals)] === entry.slice(equals + 1);
	});
}

/** The daemon's `filters.Match`: a value matches when it is found in the text as a regular expression. */
export function filterMatch(wanted: string[], text: string): boolean {
	return wanted.some((pattern) => {
		try {
			return new RegExp(pattern).test(text);
		} catch {
			return text.includes(pattern);
		}
	});
}

/** `engine.volumes` of the fake engine. */
export class FakeVolumes implements VolumesApi {
	/** The fake daemon's volumes; tests set or push to it. */
	items: FakeVolume[] = [];

	constructor(private readonly engine: FakeEngine) {}

	/** Names of fake containers whose mounts name the volume. */
	private users(name: string): string[] {
		return this.engine.containers.filter((c) => (c.mounts ?? []).some((m) => m.type === 'volume' && m.name === name)).map((c) => c.id);
	}

	async list(options: {filters?: VolumeFilters; signal?: AbortSignal} = {}): Promise<VolumeSummary[]> {
		this.engine.check('volumes.list', [options.filters ?? {}]);
		const filters = options.filters ?? {};
		for (const key of Object.keys(filters)) if (!VOLUME_FILTER_KEYS.has(key)) throw new EngineError('bad-request', `Invalid filter '${key}'`, 400);
		for (const value of filters['dangling'] ?? [])
			if (!['true', 'false', '1', '0'].includes(value)) throw new EngineError('bad-request', `Invalid filter 'dangling=[${value}]'`, 400);
		return this.items
			.filter((v) => !filters['name'] || filterMatch(filters['name'], v.name))
			.filter((v) => !filters['driver'] || filters['driver'].includes(v.driver))
			.filter((v) => !filters['label'] || labelsMatch(filters['label'], v.labels))
			.filter((v) => {
				const dangling = filters['dangling'];
				if (!dangling || dangling.length === 0) return true;
				const wantDangling = dangling[0] === 'true' || dangling[0] === '1';
				return (this.users(v.name).length === 0) === wantDangling;
			})
			.map(({size: _size, ...summary}) => structuredClone(summary));
	}

	async inspect(name: string): Promise<Record<string, unknown>> {
		this.engine.check('volumes.inspect', [name]);
		const v = this.find(name);
		return {Name: v.name, Driver: v.driver, Scope: v.scope, Mountpoint: v.mountpoint, Labels: {...v.labels}, Options: {...v.options}, CreatedAt: v.createdAt};
	}

	async create(options: VolumeCreateOptions = {}): Promise<string> {
		this.engine.check('volumes.create', [options]);
		if (this.engine.readOnly) throw new EngineError('read-only', 'porthole is in read-only mode: POST /volumes/create was not sent to the daemon.');
		const name = options.name || Array.from({length: 64}, () => Math.floor(Math.random() * 16).toString(16)).join('');
		const existing = this.items.find((v) => v.name === name);
		// The daemon answers an existing name with the existing volume (docker volume create is idempotent).
		if (existing) return existing.name;
		const driver = options.driver || 'local';
		this.items.push(fakeVolume({name, driver, labels: {...options.labels}, options: {...options.options}}));
		this.emit('create', name, {driver});
		return name;
	}

	async remove(name: string, options: {force?: boolean} = {}): Promise<void> {
		this.engine.check('volumes.remove', [name, options]);
		if (this.engine.readOnly) throw new EngineError('read-only', `porthole is in read-only mode: DELETE /volumes/${name} was not sent to the daemon.`);
		const index = this.items.findIndex((v) => v.name === name);
		if (index === -1) {
			if (options.force) return;
			throw new EngineError('not-found', `get ${name}: no such volume`, 404);
		}
		const users = this.users(name);
		if (users.length > 0) throw new EngineError('conflict', `remove ${name}: volume is in use - [${users.join(', ')}]`, 409);
		const [removed] = this.items.splice(index, 1);
		this.emit('destroy', name, {driver: removed!.driver});
	}

	async sizes(): Promise<Map<string, VolumeUsage>> {
		this.engine.check('volumes.sizes', []);
		return new Map(this.items.map((v) => [v.name, {size: v.size ?? -1, refCount: this.users(v.name).length}]));
	}

	private find(name: string): FakeVolume {
		const volume = this.items.find((v) => v.name === name);
		if (!volume) throw new EngineError('not-found', `get ${name}: no such volume`, 404);
		return volume;
	}

	private emit(action: string, name: string, attributes: Record<string, string>): void {
		const now = Date.now();
		this.engine.emitRaw({Type: 'volume', Action: action, Actor: {ID: name, Attributes: attributes}, time: Math.floor(now / 1000), timeNano: now * 1e6});
	}
}
