/**
 * Volumes on the Docker Engine API. Every answer is read through the shape guards (./shapes.ts) and
 * every failure is an EngineError.
 */
import {answered, mapped, type EngineContext} from './context.js';
import {toEngineError} from './errors.js';
import {listOf, numberOf, recordOf, stringMapOf, textOf} from './shapes.js';
import type {VolumeCreateOptions, VolumeFilters, VolumeSummary, VolumesApi, VolumeUsage} from './volumes-api.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- dockerode's option types lag the API; the answers are mapped here */

/** Map one entry of `/volumes` (`Volumes[]`) into a VolumeSummary. */
export function toVolumeSummary(input: unknown): VolumeSummary {
	const raw = recordOf(input);
	return {
		name: textOf(raw.Name),
		driver: textOf(raw.Driver),
		scope: textOf(raw.Scope),
		mountpoint: textOf(raw.Mountpoint),
		labels: stringMapOf(raw.Labels),
		options: stringMapOf(raw.Options),
		createdAt: textOf(raw.CreatedAt),
	};
}

/** Map `/volumes` (`{Volumes, Warnings}`; `Volumes` is `null` when there are none): rows without a name dropped. */
export function toVolumeSummaries(answer: unknown): VolumeSummary[] {
	return listOf(recordOf(answer).Volumes)
		.map(toVolumeSummary)
		.filter((volume) => volume.name !== '');
}

/** Map the `Volumes` of `/system/df` into name → usage. */
export function toVolumeUsages(answer: unknown): Map<string, VolumeUsage> {
	const out = new Map<string, VolumeUsage>();
	for (const entry of listOf(recordOf(answer).Volumes)) {
		const volume = recordOf(entry);
		const name = textOf(volume.Name);
		if (name === '') continue;
		const usage = recordOf(volume.UsageData);
		out.set(name, {size: numberOf(usage.Size, -1), refCount: numberOf(usage.RefCount, -1)});
	}
	return out;
}

/** `engine.volumes` of the real engine. */
export class DockerVolumes implements VolumesApi {
	constructor(private readonly context: EngineContext) {}

	async list(options: {filters?: VolumeFilters; signal?: AbortSignal} = {}): Promise<VolumeSummary[]> {
		const query = options.filters && Object.keys(options.filters).length > 0 ? {filters: JSON.stringify(options.filters)} : {};
		try {
			const answer = await answered(this.context, options.signal, (deadline) => (this.context.docker as any).listVolumes({...query, abortSignal: deadline}) as Promise<unknown>);
			return toVolumeSummaries(answer);
		} catch (error) {
			throw toEngineError(error, this.context.url);
		}
	}

	inspect(name: string): Promise<Record<string, unknown>> {
		return mapped(this.context, async () => recordOf(await this.context.docker.getVolume(name).inspect()));
	}

	create(options: VolumeCreateOptions = {}): Promise<string> {
		return mapped(this.context, async () => {
			const body = {
				Name: options.name ?? '',
				Driver: options.driver || 'local',
				Labels: options.labels ?? {},
				DriverOpts: options.options ?? {},
			};
			const volume = (await this.context.docker.createVolume(body as any)) as unknown;
			// dockerode answers with a Volume handle named after the answer's `Name`.
			return textOf(recordOf(volume).name, options.name ?? '');
		});
	}

	remove(name: string, options: {force?: boolean} = {}): Promise<void> {
		return mapped(this.context, async () => {
			await this.context.docker.getVolume(name).remove({force: Boolean(options.force)} as any);
		});
	}

	sizes(signal?: AbortSignal): Promise<Map<string, VolumeUsage>> {
		return mapped(this.context, async () => toVolumeUsages(await this.context.docker.df({...(signal ? {abortSignal: signal} : {})} as any)));
	}
}
