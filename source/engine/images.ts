/**
 * Images on the Docker Engine API. Every answer is read through the shape guards (./shapes.ts) and
 * every failure is an EngineError.
 */
import type {EngineContext} from './context.js';
import {answered, mapped} from './context.js';
import {authFor, type RegistryAuth, registryAuthHeader, registryOf} from './credentials.js';
import {jsonLines} from './json-lines.js';
import {EngineError, toEngineError} from './errors.js';
import type {
	ImageHistoryEntry,
	ImageListOptions,
	ImageRemoveOptions,
	ImageRemoveResult,
	ImageSummary,
	ImagesApi,
	ProgressMessage,
	TransferOptions,
} from './images-api.js';
import {listOf, numberOf, recordOf, stringMapOf, textOf} from './shapes.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- dockerode's client is untyped here */

const texts = (value: unknown): string[] => listOf(value).filter((entry): entry is string => typeof entry === 'string');

/** Map one `/images/json` row (missing fields empty; unknown counts -1, as the daemon writes them). */
export function toImageSummary(input: unknown): ImageSummary {
	const raw = recordOf(input);
	return {
		id: textOf(raw.Id),
		parentId: textOf(raw.ParentId),
		repoTags: texts(raw.RepoTags),
		repoDigests: texts(raw.RepoDigests),
		created: numberOf(raw.Created),
		size: numberOf(raw.Size),
		sharedSize: numberOf(raw.SharedSize, -1),
		labels: stringMapOf(raw.Labels),
		containers: numberOf(raw.Containers, -1),
	};
}

/** Map `/images/json`: a list whatever came back, rows without an id dropped. */
export function toImageSummaries(raw: unknown): ImageSummary[] {
	return listOf(raw)
		.map(toImageSummary)
		.filter((image) => image.id !== '');
}

/** Map `/images/{id}/history`. */
export function toHistory(raw: unknown): ImageHistoryEntry[] {
	return listOf(raw).map((entry) => {
		const layer = recordOf(entry);
		return {
			id: textOf(layer.Id, '<missing>') || '<missing>',
			created: numberOf(layer.Created),
			createdBy: textOf(layer.CreatedBy),
			size: numberOf(layer.Size),
			comment: textOf(layer.Comment),
			tags: texts(layer.Tags),
		};
	});
}

/** Map `DELETE /images/{name}`: `[{Untagged}|{Deleted}]`. */
export function toRemoveResult(raw: unknown): ImageRemoveResult {
	const result: ImageRemoveResult = {untagged: [], deleted: []};
	for (const entry of listOf(raw)) {
		const item = recordOf(entry);
		if (typeof item.Untagged === 'string') result.untagged.push(item.Untagged);
		if (typeof item.Deleted === 'string') result.deleted.push(item.Deleted);
	}
	return result;
}

/** Map one JSON line of a pull/push stream. */
export function toProgressMessage(input: unknown): ProgressMessage {
	const raw = recordOf(input);
	const detail = recordOf(raw.progressDetail);
	const errorDetail = recordOf(raw.errorDetail);
	const error = textOf(errorDetail.message) || textOf(raw.error);
	const message: ProgressMessage = {status: textOf(raw.status)};
	if (typeof raw.id === 'string' && raw.id !== '') message.id = raw.id;
	if (typeof detail.current === 'number') message.current = detail.current;
	if (typeof detail.total === 'number' && detail.total > 0) message.total = detail.total;
	if (typeof raw.progress === 'string' && raw.progress !== '') message.progress = raw.progress;
	if (error !== '') message.error = error;
	if (raw.aux !== undefined) message.aux = recordOf(raw.aux);
	return message;
}

/** Split "name:tag" / "name@digest" for the API's fromImage/tag parameters (the tag defaults to latest). */
export function splitReference(reference: string): {name: string; tag: string} {
	const at = reference.indexOf('@');
	if (at !== -1) return {name: reference.slice(0, at), tag: reference.slice(at + 1)};
	const slash = reference.lastIndexOf('/');
	const colon = reference.lastIndexOf(':');
	if (colon > slash) return {name: reference.slice(0, colon), tag: reference.slice(colon + 1)};
	return {name: reference, tag: 'latest'};
}

/** `engine.images` of the real engine. */
export class DockerImages implements ImagesApi {
	constructor(private readonly context: EngineContext) {}

	private get api(): any {
		return this.context.docker;
	}

	async list(options: ImageListOptions = {}): Promise<ImageSummary[]> {
		const query: Record<string, unknown> = {all: Boolean(options.all)};
		if (options.digests) query.digests = true;
		if (options.filters && Object.keys(options.filters).length > 0) query.filters = JSON.stringify(options.filters);
		return mapped(this.context, async () =>
			toImageSummaries(await answered(this.context, options.signal, (deadline) => this.api.listImages({...query, abortSignal: deadline}))),
		);
	}

	/**
	 * A GET on the modem itself: dockerode's image history/inspect take no abort signal, so the
	 * answer timeout could not end a request to a wedged daemon.
	 */
	private get(path: string, signal: AbortSignal): Promise<unknown> {
		return new Promise((resolve, reject) => {
			this.api.modem.dial(
				{path, method: 'GET', options: {}, abortSignal: signal, statusCodes: {200: true, 404: 'no such image', 500: 'server error'}},
				(error: unknown, data: unknown) => (error ? reject(error) : resolve(data)),
			);
		});
	}

	history(id: string, signal?: AbortSignal): Promise<ImageHistoryEntry[]> {
		return mapped(this.context, async () => toHistory(await answered(this.context, signal, (deadline) => this.get(`/images/${id}/history`, deadline))));
	}

	inspect(id: string, signal?: AbortSignal): Promise<Record<string, unknown>> {
		return mapped(this.context, async () => recordOf(await answered(this.context, signal, (deadline) => this.get(`/images/${id}/json`, deadline))));
	}

	remove(reference: string, options: ImageRemoveOptions = {}): Promise<ImageRemoveResult> {
		return mapped(this.context, async () =>
			toRemoveResult(await this.api.getImage(reference).remove({force: Boolean(options.force), noprune: Boolean(options.noPrune)})),
		);
	}

	async tag(source: string, repository: string, tag: string): Promise<void> {
		await mapped(this.context, () => this.api.getImage(source).tag({repo: repository, tag}));
	}

	pull(reference: string, options: TransferOptions = {}): AsyncIterable<ProgressMessage> {
		const {name, tag} = splitReference(reference);
		return this.transfer(reference, options, (authconfig, signal) => this.api.createImage({fromImage: name, tag, authconfig, abortSignal: signal}));
	}

	push(reference: string, options: TransferOptions = {}): AsyncIterable<ProgressMessage> {
		const {name, tag} = splitReference(reference);
		return this.transfer(reference, options, (authconfig, signal) => this.api.getImage(name).push({tag, authconfig, abortSignal: signal}));
	}

	/**
	 * Open a pull/push stream and yield its lines. The daemon answers HTTP 200 and reports a failure
	 * as a line with `errorDetail`: that line is yielded, then thrown as an EngineError with the
	 * daemon's text. Aborting destroys the stream and ends the iteration quietly.
	 */
	private async *transfer(
		reference: string,
		options: TransferOptions,
		open: (authconfig: {key: string}, signal: AbortSignal | undefined) => Promise<unknown>,
	): AsyncGenerator<ProgressMessage> {
		const signal = options.signal;
		if (signal?.aborted) return;
		let auth: RegistryAuth | undefined;
		try {
			auth = await authFor(registryOf(reference), options.configPath ? {configPath: options.configPath} : {});
		} catch (error) {
			// A broken config or credential helper: say so rather than pull anonymously.
			throw new EngineError('engine', error instanceof Error ? error.message : String(error));
		}
		let stream: NodeJS.ReadableStream;
		try {
			stream = (await open({key: registryAuthHeader(auth)}, signal)) as NodeJS.ReadableStream;
		} catch (error) {
			if (signal?.aborted) return;
			throw toEngineError(error, this.context.url);
		}
		const onAbort = () => (stream as any).destroy?.();
		signal?.addEventListener('abort', onAbort, {once: true});
		try {
			for await (const raw of jsonLines(stream as AsyncIterable<Buffer>)) {
				const message = toProgressMessage(raw);
				yield message;
				if (message.error !== undefined) throw new EngineError('engine', message.error);
			}
		} catch (error) {
			if (signal?.aborted) return;
			const engineError = toEngineError(error, this.context.url);
			if (engineError.code === 'aborted') return;
			throw engineError;
		} finally {
			signal?.removeEventListener('abort', onAbort);
			(stream as any).destroy?.();
		}
	}
}
