/**
 * In-memory images for component tests (see ../fake.ts). Behaves like the daemon where the UI
 * depends on it: filters, untag vs delete, the 409 refusals with the daemon's wording, events,
 * read-only refusals, and scripted pull/push streams (a failing script throws after its lines).
 */
import {EngineError} from '../errors.js';
import type {
	ImageHistoryEntry,
	ImageListOptions,
	ImageRemoveOptions,
	ImageRemoveResult,
	ImageSummary,
	ImagesApi,
	ProgressMessage,
	TransferOptions,
} from '../images-api.js';
import type {FakeEngine} from '../fake.js';

/** A fake image: its list row plus what history and inspect answer. */
export interface FakeImage extends ImageSummary {
	history?: ImageHistoryEntry[];
	inspect?: Record<string, unknown>;
}

let counter = 0;

/** Build a fake image with sensible defaults (one tag, 2 MB, created a minute ago). */
export function fakeImage(partial: Partial<FakeImage> & {tags?: string[]} = {}): FakeImage {
	counter += 1;
	const {tags, ...rest} = partial;
	return {
		id: 'sha256:' + counter.toString(16).padStart(4, '0').padEnd(64, 'a'),
		parentId: '',
		repoTags: tags ?? [`fake/image${counter}:latest`],
		repoDigests: [],
		created: Math.floor(Date.now() / 1000) - 60,
		size: 2_000_000,
		sharedSize: -1,
		labels: {},
		containers: -1,
		...rest,
	};
}

/** "name" → "name:latest"; references with a tag or digest as they are. */
function withTag(reference: string): string {
	if (reference.includes('@')) return reference;
	return reference.lastIndexOf(':') > reference.lastIndexOf('/') ? reference : `${reference}:latest`;
}

/** Go's path.Match for reference= filters ("busybox", "porthole-*:*"). */
function globMatch(pattern: string, text: string): boolean {
	const source = pattern.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
	return new RegExp(`^${source}$`).test(text);
}

const sleep = (ms: number, signal?: AbortSignal) =>
	new Promise<void>((resolve) => {
		const timer = setTimeout(resolve, ms);
		signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), {once: true});
	});

/** `engine.images` of the fake engine. */
export class FakeImages implements ImagesApi {
	/** The images the fake daemon holds. */
	images: FakeImage[] = [];
	/** Scripted pull streams by reference as given; without one, a pull of a known image succeeds in a few lines. */
	pullScripts = new Map<string, ProgressMessage[]>();
	/** Scripted push streams by reference. */
	pushScripts = new Map<string, ProgressMessage[]>();
	/** Milliseconds between streamed lines (to watch progress). */
	lineDelayMs = 0;

	constructor(private readonly engine: FakeEngine) {}

	private find(reference: string): FakeImage | undefined {
		const tagged = withTag(reference);
		return this.images.find(
			(image) => image.id === reference || image.id === `sha256:${reference}` || image.id.replace(/^sha256:/, '').startsWith(reference) || image.repoTags.includes(tagged),
		);
	}

	private mutation(method: string): void {
		if (this.engine.readOnly) throw new EngineError('read-only', `porthole is in read-only mode: ${method} was not sent to the daemon.`);
	}

	/**
	 * An image event shaped as Engine 20.10 sends them: tag → ID image id, name the new reference;
	 * untag/delete → ID and name the image id; pull/push → ID the reference, name the repository.
	 */
	private emit(action: string, id: string, name: string): void {
		const now = Date.now();
		this.engine.emitRaw({Type: 'image', Action: action, Actor: {ID: id, Attributes: {name}}, time: Math.floor(now / 1000), timeNano: now * 1e6});
	}

	async list(options: ImageListOptions = {}): Promise<ImageSummary[]> {
		this.engine.check('images.list', [options]);
		const filters = options.filters ?? {};
		for (const key of Object.keys(filters)) {
			if (!['dangling', 'reference', 'before', 'since', 'label'].includes(key)) throw new EngineError('bad-request', `invalid filter '${key}'`, 400);
		}
		const createdOf = (reference: string) => {
			const image = this.find(reference);
			if (!image) throw new EngineError('not-found', `No such image: ${reference}`, 404);
			return image.created;
		};
		return this.images
			.filter((image) => !filters.dangling || filters.dangling.some((value) => (value === 'true') === (image.repoTags.length === 0)))
			.filter((image) => !filters.reference || image.repoTags.some((tag) => filters.reference!.some((pattern) => globMatch(pattern, tag) || globMatch(pattern, tag.slice(0, tag.lastIndexOf(':'))))))
			.filter((image) => !filters.before || filters.before.every((reference) => image.created < createdOf(reference)))
			.filter((image) => !filters.since || filters.since.every((reference) => image.created > createdOf(reference)))
			.filter(
				(image) =>
					!filters.label ||
					filters.label.every((label) => {
						const [key, value] = label.split('=', 2) as [string, string | undefined];
						return value === undefined ? key in image.labels : image.labels[key] === value;
					}),
			)
			.map(({history: _history, inspect: _inspect, ...summary}) => structuredClone(summary));
	}

	async history(id: string): Promise<ImageHistoryEntry[]> {
		this.engine.check('images.history', [id]);
		const image = this.find(id);
		if (!image) throw new EngineError('not-found', `No such image: ${id}`, 404);
		return structuredClone(image.history ?? [{id: image.id, created: image.created, createdBy: '', size: image.size, comment: '', tags: image.repoTags}]);
	}

	async inspect(id: string): Promise<Record<string, unknown>> {
		this.engine.check('images.inspect', [id]);
		const image = this.find(id);
		if (!image) throw new EngineError('not-found', `No such image: ${id}`, 404);
		return structuredClone(
			image.inspect ?? {Id: image.id, RepoTags: image.repoTags, RepoDigests: image.repoDigests, Created: new Date(image.created * 1000).toISOString(), Size: image.size, Config: {Labels: image.labels}},
		);
	}

	async remove(reference: string, options: ImageRemoveOptions = {}): Promise<ImageRemoveResult> {
		this.engine.check('images.remove', [reference, options]);
		this.mutation(`DELETE /images/${reference}`);
		const image = this.find(reference);
		if (!image) throw new EngineError('not-found', `No such image: ${reference}`, 404);
		const byTag = image.repoTags.includes(withTag(reference));
		// Untagging one of several tags never touches containers, as in the daemon.
		if (byTag && image.repoTags.length > 1) {
			image.repoTags = image.repoTags.filter((tag) => tag !== withTag(reference));
			this.emit('untag', image.id, image.id);
			return {untagged: [withTag(reference)], deleted: []};
		}
		const users = this.engine.containers.filter((container) => container.imageId === image.id);
		if (users.length > 0 && !options.force) {
			// moby's wording (daemon/images/image_delete.go), which the UI shows as it is.
			const user = users[0]!;
			const short = image.id.replace(/^sha256:/, '').slice(0, 12);
			const running = user.state === 'running' || user.state === 'paused' || user.state === 'restarting';
			throw new EngineError(
				'conflict',
				byTag
					? `conflict: unable to remove repository reference "${reference}" (must force) - container ${user.id.slice(0, 12)} is using its referenced image ${short}`
					: `conflict: unable to delete ${short} (${running ? 'cannot be forced' : 'must be forced'}) - image is being used by ${running ? 'running' : 'stopped'} container ${user.id.slice(0, 12)}`,
				409,
			);
		}
		if (!byTag && image.repoTags.length > 1 && !options.force)
			throw new EngineError('conflict', `conflict: unable to delete ${image.id.replace(/^sha256:/, '').slice(0, 12)} (must be forced) - image is referenced in multiple repositories`, 409);
		this.images = this.images.filter((entry) => entry !== image);
		for (const _tag of image.repoTags) this.emit('untag', image.id, image.id);
		this.emit('delete', image.id, image.id);
		return {untagged: [...image.repoTags, ...image.repoDigests], deleted: [image.id]};
	}

	async tag(source: string, repository: string, tag: string): Promise<void> {
		this.engine.check('images.tag', [source, repository, tag]);
		this.mutation(`POST /images/${source}/tag`);
		const image = this.find(source);
		if (!image) throw new EngineError('not-found', `No such image: ${source}`, 404);
		const reference = `${repository}:${tag || 'latest'}`;
		for (const other of this.images) other.repoTags = other.repoTags.filter((entry) => entry !== reference);
		image.repoTags.push(reference);
		this.emit('tag', image.id, reference);
	}

	// Generators, so a refusal arrives on iteration, where the real engine's does.
	async *pull(reference: string, options: TransferOptions = {}): AsyncIterable<ProgressMessage> {
		this.engine.check('images.pull', [reference]);
		this.mutation(`POST /images/create?fromImage=${reference}`);
		const script = this.pullScripts.get(reference) ?? [
			{status: `Pulling from ${reference.replace(/:[^/:]*$/, '')}`, id: withTag(reference).replace(/^.*:/, '')},
			{status: 'Pulling fs layer', id: 'aaaaaaaaaaaa'},
			{status: 'Downloading', id: 'aaaaaaaaaaaa', current: 1_000_000, total: 2_000_000},
			{status: 'Pull complete', id: 'aaaaaaaaaaaa'},
			{status: `Status: Downloaded newer image for ${withTag(reference)}`},
		];
		yield* this.stream(script, options.signal, () => {
			if (!this.find(reference)) this.images.push(fakeImage({tags: [withTag(reference)]}));
			this.emit('pull', withTag(reference), withTag(reference).replace(/:[^/:]*$/, ''));
		});
	}

	async *push(reference: string, options: TransferOptions = {}): AsyncIterable<ProgressMessage> {
		this.engine.check('images.push', [reference]);
		this.mutation(`POST /images/${reference}/push`);
		if (!this.find(reference)) throw new EngineError('not-found', `An image does not exist locally with the tag: ${reference}`, 404);
		const script = this.pushScripts.get(reference) ?? [
			{status: `The push refers to repository [${reference.replace(/:[^/:]*$/, '')}]`},
			{status: 'Preparing', id: 'aaaaaaaaaaaa'},
			{status: 'Pushed', id: 'aaaaaaaaaaaa'},
		];
		yield* this.stream(script, options.signal, () => this.emit('push', withTag(reference), withTag(reference).replace(/:[^/:]*$/, '')));
	}

	private async *stream(script: ProgressMessage[], signal: AbortSignal | undefined, done: () => void): AsyncGenerator<ProgressMessage> {
		for (const line of script) {
			if (this.lineDelayMs > 0) await sleep(this.lineDelayMs, signal);
			if (signal?.aborted) return;
			yield structuredClone(line);
			if (line.error !== undefined) throw new EngineError('engine', line.error);
		}
		done();
	}
}
