/**
 * Images, as `docker images` shows them (REPOSITORY, TAG, IMAGE ID, CREATED, SIZE; DIGEST with the
 * digests toggle) plus CONTAINERS, the count of containers created from each (from the container
 * list, not a call per image). Actions: remove (untag or delete), tag, pull and push with live
 * progress, prune with a preview; documents: history and inspect.
 */
import type {ActionContext} from '../actions/context.js';
import {runWithStatus} from '../actions/status.js';
import type {ImageSummary} from '../engine/images-api.js';
import type {Engine, PruneKind} from '../engine/types.js';
import {shortId} from '../present/containers.js';
import type {DocLine, DocSource} from '../present/document.js';
import {containersUsing, historyRows, imageRows, type ImageRow, parseReference, removalText} from '../present/images.js';
import {argvText, isSecretKey, maskedInspectJson, maskUrlCredentials, SECRET_MASK, secretWords, timeText} from '../present/inspect.js';
import {defaultLogFileName} from '../present/logs.js';
import {naturalCompare} from '../present/natural-sort.js';
import {pruneWithPreview} from '../actions/prune.js';
import {PullProgress} from '../present/pull-progress.js';
import {sanitizeLine} from '../present/sanitize.js';
import {humanSize} from '../present/stats.js';
import type {KindColumn, ResourceKind} from './kind.js';

/** Image events after which the list may differ (push and save change nothing listed). */
const IMAGE_EVENTS = /^(pull|tag|untag|delete|import|load|prune)$/;

/** Width the progress lines are drawn for: fits an 80-column dialog with its border. */
const PROGRESS_WIDTH = 76;

/** The least time a pull or push dialog stays up, so its final lines can be seen. */
const MIN_TASK_MS = 800;

/**
 * The daemon's record behind each row, for removalText (shared size, every tag). Keyed by the row
 * object, so it lives exactly as long as the rows the list store holds.
 */
const summaries = new WeakMap<ImageRow, ImageSummary>();


/** The row as messages name it: "busybox:latest", or the short id of a dangling image. */
function rowName(row: ImageRow): string {
	return row.dangling ? row.id : sanitizeLine(row.reference);
}

const BASE_COLUMNS: ReadonlyArray<KindColumn<ImageRow>> = [
	{id: 'repository', title: 'REPOSITORY', min: 10, max: 50, keep: 1, cut: 'middle', cell: (row) => row.repository},
	{id: 'tag', title: 'TAG', min: 3, max: 24, keep: 2, cell: (row) => row.tag},
	{id: 'id', title: 'IMAGE ID', min: 12, max: 12, keep: 3, cell: (row) => row.id},
	{id: 'created', title: 'CREATED', min: 7, max: 18, keep: 5, cell: (row) => row.created},
	{id: 'size', title: 'SIZE', min: 4, max: 8, keep: 4, align: 'right', cell: (row) => row.size},
	{id: 'containers', title: 'CONTAINERS', min: 10, max: 10, keep: 6, align: 'right', cell: (row, context) => String(containersUsing(row.imageId, context.containers).count)},
];

/** DIGEST only with the digests toggle (as `docker images --digests`): an empty one would take room at 80 columns. */
const DIGEST_COLUMN: KindColumn<ImageRow> = {id: 'digest', title: 'DIGEST', min: 12, max: 71, keep: 7, cut: 'middle', shown: (query) => query.toggles.has('digests'), cell: (row) => row.digest};

const COLUMNS: ReadonlyArray<KindColumn<ImageRow>> = [...BASE_COLUMNS.slice(0, 2), DIGEST_COLUMN, ...BASE_COLUMNS.slice(2)];

/** The history document: `docker history` rows, truncated as the CLI does, or with full commands. */
export function historyDocument(name: string, entries: Parameters<typeof historyRows>[0], nowMs = Date.now()): DocSource {
	const table = (noTrunc: boolean): DocLine[] => {
		const rows = historyRows(entries, {human: true, noTrunc, nowMs});
		if (rows.length === 0) return [{text: 'No history: the daemon lists no layers for this image.'}];
		const cells = [['IMAGE', 'CREATED', 'CREATED BY', 'SIZE', 'COMMENT'], ...rows.map((row) => [row.id, row.created, row.createdBy, row.size, row.comment])];
		// Full commands can be very long: only the columns before them are padded then.
		const padded = noTrunc ? 2 : 4;
		const widths = cells[0]!.map((_, column) => Math.max(...cells.map((line) => line[column]!.length)));
		return cells.map((line, index) => ({
			text: line.map((cell, column) => (column < padded ? cell.padEnd(widths[column]!) : cell)).join('   ').trimEnd(),
			...(index === 0 ? {bold: true} : {}),
		}));
	};
	return {
		title: `History of ${name}`,
		variants: ['history', 'full commands'],
		hasSecrets: false,
		build: (variant) => table(variant === 1),
		fileName: (variant) => defaultLogFileName(`${name}-history${variant === 1 ? '-full' : ''}`, Date.now()).replace(/\.log$/, '.txt'),
	};
}

function text(value: unknown): string {
	return value === undefined || value === null ? '' : sanitizeLine(typeof value === 'string' ? value : JSON.stringify(value));
}

/** An argv as a shell would read it back ("sh -c \"echo hi\""), sanitised. */
function words(value: unknown): string {
	return sanitizeLine(argvText(value));
}

/** The inspect document: a summary (what docker image inspect says that people look for) and the JSON, secrets masked. */
export function imageInspectDocument(name: string, inspect: Record<string, unknown>, secretKeys?: readonly string[], nowMs = Date.now()): DocSource {
	const config = (inspect.Config ?? {}) as Record<string, unknown>;
	const rootFs = (inspect.RootFS ?? {}) as Record<string, unknown>;
	const summary = (reveal: boolean): DocLine[] => {
		const secret = secretWords(secretKeys);
		const env = Array.isArray(config.Env) ? (config.Env as unknown[]).map((entry) => String(entry)) : [];
		const sections: Array<[string, Array<[string, string]>]> = [
			[
				'Image',
				[
					['Id', text(inspect.Id)],
					['Tags', Array.isArray(inspect.RepoTags) && inspect.RepoTags.length > 0 ? inspect.RepoTags.map((tag) => text(tag)).join(', ') : '<none>'],
					['Digests', Array.isArray(inspect.RepoDigests) && inspect.RepoDigests.length > 0 ? inspect.RepoDigests.map((digest) => text(digest)).join(', ') : '<none>'],
					['Created', timeText(inspect.Created, nowMs)],
					['Size', typeof inspect.Size === 'number' ? `${humanSize(inspect.Size)} (${inspect.Size.toLocaleString('en')} bytes)` : ''],
					['Platform', [inspect.Os, inspect.Architecture, inspect.Variant].filter((part) => typeof part === 'string' && part !== '').map(text).join('/')],
					['Layers', Array.isArray(rootFs.Layers) ? String(rootFs.Layers.length) : ''],
					['Parent', text(inspect.Parent)],
				],
			],
			[
				'Config',
				[
					['Entrypoint', words(config.Entrypoint)],
					['Cmd', words(config.Cmd)],
					['WorkingDir', text(config.WorkingDir)],
					['User', text(config.User)],
					['ExposedPorts', Object.keys((config.ExposedPorts ?? {}) as object).map(text).join(', ')],
					['Volumes', Object.keys((config.Volumes ?? {}) as object).map(text).join(', ')],
				],
			],
			[
				'Env',
				env.map((entry): [string, string] => {
					const at = entry.indexOf('=');
					const key = at < 0 ? entry : entry.slice(0, at);
					const value = at < 0 ? '' : entry.slice(at + 1);
					if (reveal) return [text(key), text(value)];
					return [text(key), value !== '' && isSecretKey(key, secret) ? SECRET_MASK : text(maskUrlCredentials(value))];
				}),
			],
			['Labels', Object.entries((config.Labels ?? {}) as Record<string, unknown>).map(([key, value]): [string, string] => [text(key), text(value)])],
		];
		const lines: DocLine[] = [];
		for (const [section, rows] of sections) {
			// Empty facts are left out; a label or variable whose value is empty (or only control
			// sequences, which sanitizing removes) is still a fact.
			const shown = section === 'Env' || section === 'Labels' ? rows : rows.filter(([, value]) => value !== '');
			if (shown.length === 0) continue;
			lines.push({text: section, bold: true});
			const width = Math.min(24, Math.max(0, ...shown.map(([key]) => key.length)));
			for (const [key, value] of shown) lines.push({text: `  ${key.padEnd(width)}  ${value}`});
			lines.push({text: ''});
		}
		return lines;
	};
	return {
		title: `Inspect image ${name}`,
		variants: ['summary', 'JSON'],
		hasSecrets: true,
		build: (variant, reveal) => (variant === 1 ? maskedInspectJson(inspect, {reveal, secretKeys}).split('\n').map((line) => ({text: line})) : summary(reveal)),
		fileName: (variant) => defaultLogFileName(`${name}-inspect`, Date.now()).replace(/\.log$/, variant === 1 ? '.json' : '.txt'),
	};
}

/**
 * Split what the user typed for docker tag: "repo[:tag]" → repository and tag (latest by default),
 * or docker's own words for what is wrong, before anything is sent.
 */
export function tagTarget(typed: string): {ok: true; repository: string; tag: string} | {ok: false; error: string} {
	const value = typed.trim();
	const parsed = parseReference(value);
	if (!parsed.ok) return parsed;
	// docker tag: reference.ParseNormalizedNamed, then "refusing to create a tag with a digest reference".
	if (parsed.reference.digest !== undefined) return {ok: false, error: 'refusing to create a tag with a digest reference'};
	const colon = value.lastIndexOf(':');
	if (colon > value.lastIndexOf('/')) return {ok: true, repository: value.slice(0, colon), tag: value.slice(colon + 1)};
	return {ok: true, repository: value, tag: 'latest'};
}

/** Run one pull or push in a live task dialog (Esc cancels), then say on the status line what came of it. */
async function transfer(context: ActionContext<ImageRow>, kind: 'pull' | 'push', reference: string): Promise<void> {
	const {engine, dialogs, status} = context;
	const verb = kind === 'pull' ? 'Pulling' : 'Pushing';
	const name = sanitizeLine(reference);
	let cancelled = false;
	let progress: PullProgress | undefined;
	const result = await runWithStatus(
		status,
		{
			busy: `${verb} ${name}…`,
			done: (id: string | undefined) => {
				if (cancelled) return `${kind === 'pull' ? 'Pull' : 'Push'} of ${name} cancelled.`;
				// "Downloaded newer image" / "Image is up to date": the name it goes on to repeat is already said.
				const last = progress?.status?.replace(/^Status: /, '').replace(/ for .*$/, '') ?? (progress?.digest ? `digest ${progress.digest}` : undefined);
				return `${kind === 'pull' ? 'Pulled' : 'Pushed'} ${name}${id ? `: image ${id}` : ''}${last ? ` (${sanitizeLine(last)})` : ''}.`;
			},
			failed: (message) => `Could not ${kind} ${name}: ${message}`,
		},
		() =>
			dialogs.task(`${verb} ${name}`, async (show, signal) => {
				const run = new PullProgress(kind);
				progress = run;
				const draw = () => show(run.lines(PROGRESS_WIDTH, {maxLines: 14}));
				// The elapsed time moves even while the daemon is quiet.
				const timer = setInterval(draw, 1000);
				timer.unref?.();
				try {
					const stream = kind === 'pull' ? engine.images.pull(reference, {signal}) : engine.images.push(reference, {signal});
					for await (const message of stream) {
						run.push(message);
						draw();
					}
				} finally {
					clearInterval(timer);
					run.end();
				}
				draw();
				// The stream ends quietly when aborted: only an abort before its end is a cancel.
				const aborted = signal.aborted;
				// A transfer of a small image over loopback ends within a frame: hold its last lines
				// long enough to be read (Esc still closes at once).
				const shown = Date.now() - run.startedMs;
				if (shown < MIN_TASK_MS && !signal.aborted) await new Promise<void>((resolve) => {
					const wait = setTimeout(resolve, MIN_TASK_MS - shown);
					signal.addEventListener('abort', () => (clearTimeout(wait), resolve()), {once: true});
				});
				if (aborted) {
					cancelled = true;
					return undefined;
				}
				if (kind === 'push') return undefined;
				// The new image's id, as `docker pull` users then look it up.
				const inspect = await engine.images.inspect(reference).catch(() => undefined);
				return typeof inspect?.Id === 'string' ? shortId(inspect.Id) : undefined;
			}),
	);
	if (result !== undefined || cancelled) context.refresh();
}

/** A reference as pull takes it: docker's reference grammar, checked before anything is sent. */
function pullProblem(typed: string): string | undefined {
	const parsed = parseReference(typed);
	return parsed.ok ? undefined : parsed.error;
}

/** Remove one row: untag it, or delete its whole image when the user chose that. */
async function removeOne(context: ActionContext<ImageRow>, row: ImageRow): Promise<void> {
	const summary = summaries.get(row);
	const tags = summary ? summary.repoTags.filter((tag) => tag !== '<none>:<none>') : [];
	const byTag = !row.dangling && row.tag !== '<none>';
	let whole = !byTag;
	if (byTag && tags.length > 1) {
		const choice = await context.dialogs.choose({
			title: `Remove ${rowName(row)}: the image has ${tags.length} tags`,
			choices: [`Untag ${rowName(row)} only (the image stays)`, `Delete image ${row.id} and all ${tags.length} tags`],
		});
		if (choice === undefined) return;
		whole = choice === 1;
	}
	const images = summary ? [summary] : [];
	// removalText for the whole image: the row as if named by id (not by one of its tags).
	const shownRow = whole ? {...row, tag: '<none>'} : row;
	const users = containersUsing(row.imageId, context.cell.containers);
	const answer = await context.dialogs.confirm({
		title: whole ? `Delete image ${row.id}?` : `Remove ${rowName(row)}?`,
		// removalText counts tags beside the row's own ("its 2 other tags"); named by id, the row has none of its own.
		lines: [whole ? removalText(shownRow, images, context.cell.containers).replace(/ and its (\d+) other tags?/, (_all, count: string) => ` and its ${count === '1' ? 'tag' : `${count} tags`}`) : removalText(shownRow, images, context.cell.containers)],
		danger: true,
		toggles: [{id: 'force', label: 'force (docker rmi -f)', on: false}],
	});
	if (!answer.yes) return;
	const force = answer.toggles.force === true;
	const usedBy = users.count > 0 ? ` (used by ${users.names.slice(0, 3).join(', ')}${users.count > 3 ? ` and ${users.count - 3} more` : ''})` : '';
	// Deleting by id with several tags needs force at the daemon; that force must not also
	// override a container's use the user did not choose to override, so that case is said here.
	if (whole && tags.length > 1 && users.count > 0 && !force) {
		context.status.flash(`Could not delete image ${row.id}: it is used by ${users.count === 1 ? 'container' : 'containers'} ${users.names.slice(0, 3).join(', ')} (turn on force with f to delete it anyway).`, true);
		return;
	}
	const reference = whole ? row.imageId : row.reference;
	await runWithStatus(
		context.status,
		{
			busy: `Removing ${whole ? `image ${row.id}` : rowName(row)}…`,
			done: (result) => (result.deleted.length > 0 ? `Deleted image ${row.id} (${result.untagged.length} untagged).` : `Untagged ${rowName(row)}.`),
			failed: (message) => `Could not remove ${whole ? `image ${row.id}` : rowName(row)}${usedBy}: ${message}`,
		},
		() => context.engine.images.remove(reference, {force: force || (whole && tags.length > 1)}),
	);
	context.refresh();
}

/** Remove several marked rows, one after another (untagging two tags of one image works in turn). */
async function removeMany(context: ActionContext<ImageRow>, rows: readonly ImageRow[]): Promise<void> {
	const lines = rows.slice(0, 8).map((row) => `${rowName(row)}: ${removalText(row, summaries.has(row) ? [summaries.get(row)!] : [], context.cell.containers)}`);
	if (rows.length > 8) lines.push(`… and ${rows.length - 8} more`);
	const answer = await context.dialogs.confirm({
		title: `Remove ${rows.length} images?`,
		lines,
		danger: true,
		toggles: [{id: 'force', label: 'force (docker rmi -f)', on: false}],
	});
	if (!answer.yes) return;
	const force = answer.toggles.force === true;
	const failures: string[] = [];
	let done = 0;
	context.status.busy(`Removing ${rows.length} images…`);
	try {
		for (const row of rows) {
			try {
				await context.engine.images.remove(row.reference, {force});
				done += 1;
			} catch (error) {
				const users = containersUsing(row.imageId, context.cell.containers);
				failures.push(`${rowName(row)}${users.count > 0 ? ` (used by ${users.names.slice(0, 3).join(', ')})` : ''}: ${error instanceof Error ? error.message : String(error)}`);
			}
			context.status.busy(`Removing ${rows.length} images… ${done + failures.length}/${rows.length}`);
		}
	} finally {
		context.status.busy(undefined);
	}
	if (failures.length === 0) context.status.flash(`Removed ${done}/${rows.length} images.`);
	else context.status.flash(`Removed ${done}/${rows.length} images; ${failures.length} failed — ${failures.join('; ')}`, true);
	context.refresh();
}

/** `:images`, `:im`. */
export const imagesKind: ResourceKind<ImageRow> = {
	id: 'images',
	title: 'Images',
	singular: 'image',
	aliases: ['images', 'image', 'im', 'img'],
	list: async (engine: Engine, query, signal) => {
		const all = query.toggles.has('all');
		const digests = query.toggles.has('digests');
		const images = await engine.images.list({all, digests, filters: {...query.filters}, signal});
		const rows = imageRows(images, {all, digests});
		const byId = new Map(images.map((image) => [image.id, image]));
		for (const row of rows) {
			const summary = byId.get(row.imageId);
			if (summary) summaries.set(row, summary);
		}
		return rows;
	},
	key: (row) => row.key,
	name: rowName,
	// Containers created or removed change CONTAINERS, which is read from the container list.
	refreshOn: (event) => event.type === 'image' && IMAGE_EVENTS.test(event.action),
	columns: COLUMNS,
	sorts: [
		{id: 'created', title: 'created', compare: (a, b) => b.createdAt - a.createdAt || naturalCompare(a.reference, b.reference)},
		{id: 'repository', title: 'repository', compare: (a, b) => naturalCompare(a.repository, b.repository) || naturalCompare(a.tag, b.tag)},
		{id: 'size', title: 'size', compare: (a, b) => b.sizeBytes - a.sizeBytes || naturalCompare(a.reference, b.reference)},
	],
	filterKeys: ['dangling', 'reference', 'before', 'since', 'label'],
	words: (row) => `${row.repository}:${row.tag} ${row.id} ${row.digest}`,
	emptyText: 'No images.',
	toggles: [
		{id: 'all', command: 'images.all', keys: ['a'], title: 'All images, intermediate layers too (docker images -a)'},
		{id: 'digests', command: 'images.digests', keys: ['d'], title: 'Show digests (docker images --digests)'},
	],
	documents: [
		{
			command: 'images.history',
			keys: ['h'],
			title: 'History: the layers of the image (docker history)',
			hint: 'history',
			load: async (engine, row) => historyDocument(rowName(row), await engine.images.history(row.imageId)),
		},
		{
			command: 'images.inspect',
			keys: ['i'],
			title: 'Inspect the image: summary and JSON, secrets masked',
			hint: 'inspect',
			load: async (engine, row, options) => imageInspectDocument(rowName(row), await engine.images.inspect(row.imageId), options.secretKeys),
		},
	],
	actions: [
		{
			command: 'images.containers',
			keys: ['enter'],
			title: 'The containers created from the image',
			hint: 'containers',
			target: 'one',
			run: async (context) => {
				if (context.row) context.jump('containers', `ancestor=${context.row.imageId}`);
			},
		},
		{
			command: 'images.remove',
			keys: ['D'],
			title: 'Remove: untag, or delete the image (refused while a container uses it unless forced)',
			hint: 'remove',
			dangerous: true,
			target: 'many',
			run: async (context) => {
				if (context.targets.length === 1) await removeOne(context, context.targets[0]!);
				else if (context.targets.length > 1) await removeMany(context, context.targets);
			},
		},
		{
			command: 'images.tag',
			keys: ['t'],
			title: 'Tag the image with a new repository[:tag] (docker tag)',
			hint: 'tag',
			dangerous: true,
			target: 'one',
			run: async (context) => {
				const row = context.row!;
				const typed = await context.dialogs.input({
					title: `Tag ${rowName(row)}`,
					label: 'New name',
					text: row.dangling ? '' : row.repository === '<none>' ? '' : `${row.repository}:`,
					hint: 'repository[:tag], e.g. 127.0.0.1:5000/app:v2 (tag defaults to latest)',
					validate: (value) => {
						const target = tagTarget(value);
						return target.ok ? undefined : target.error;
					},
				});
				if (typed === undefined) return;
				const target = tagTarget(typed);
				if (!target.ok) return;
				const name = sanitizeLine(`${target.repository}:${target.tag}`);
				await runWithStatus(
					context.status,
					{busy: `Tagging ${row.id} as ${name}…`, done: () => `Tagged ${row.id} as ${name}.`, failed: (message) => `Could not tag ${rowName(row)}: ${message}`},
					() => context.engine.images.tag(row.imageId, target.repository, target.tag),
				);
				context.refresh();
			},
		},
		{
			command: 'images.pull',
			keys: ['p'],
			title: 'Pull an image (docker pull), with live progress; Esc cancels',
			hint: 'pull',
			dangerous: true,
			target: 'none',
			run: async (context) => {
				const row = context.row;
				const typed = await context.dialogs.input({
					title: 'Pull an image',
					label: 'Image',
					text: row && !row.dangling ? row.reference : '',
					hint: 'name[:tag|@digest], e.g. 127.0.0.1:5000/app:v2 (tag defaults to latest)',
					validate: pullProblem,
				});
				if (typed === undefined || pullProblem(typed)) return;
				await transfer(context, 'pull', typed.trim());
			},
		},
		{
			command: 'images.push',
			keys: ['u'],
			title: 'Push the image to its registry (docker push), with live progress; Esc cancels',
			hint: 'push',
			dangerous: true,
			target: 'one',
			refuses: (row) => (row.dangling || row.tag === '<none>' ? `Cannot push ${rowName(row)}: push needs a repository:tag.` : undefined),
			run: async (context) => {
				const row = context.row!;
				const parsed = parseReference(row.reference);
				const registry = parsed.ok ? parsed.reference.registry : '';
				const answer = await context.dialogs.confirm({
					title: `Push ${rowName(row)}?`,
					lines: [`Sends its layers to ${sanitizeLine(registry) || 'its registry'}, with the credentials docker login saved for it.`],
					danger: true,
				});
				if (!answer.yes) return;
				await transfer(context, 'push', row.reference);
			},
		},
		{
			command: 'images.prune',
			keys: ['P'],
			title: 'Prune dangling or all unused images, after a preview of what goes (docker image prune)',
			hint: 'prune',
			dangerous: true,
			target: 'none',
			run: async (context) => {
				const choice = await context.dialogs.choose({
					title: 'Prune which images?',
					choices: ['Dangling images only (docker image prune)', 'All images no container uses (docker image prune -a)'],
				});
				if (choice === undefined) return;
				const kind: PruneKind = choice === 0 ? 'images-dangling' : 'images-unused';
				if (await pruneWithPreview(context.engine, kind, context.dialogs, context.status)) context.refresh();
			},
		},
	],
};

