/**
 * Prune with a preview that lists exactly what the daemon's prune will remove. Each preview
 * replays the daemon's own rules (moby 20.10 `daemon/prune.go`, `daemon/images/image_prune.go`
 * and `image_delete.go`, `volume/service/service.go`) on listed data, so that what the user
 * confirms is what goes:
 *
 * - containers: every container that is not running. Paused and restarting containers count as
 *   running; so the daemon removes `exited`, `created` and `dead` ones. Reclaimed = their SizeRw.
 * - images-dangling (`docker image prune`): images without children that have no tag (digest-only
 *   references included), unless a container (running or stopped) uses them; deleting one also
 *   deletes its untagged parents that nothing else holds.
 * - images-unused (`docker image prune -a`): every tagged image or childless image that no
 *   container uses directly, plus their freed parents. The daemon deletes by reference: an image
 *   with several tags that a container uses loses all its tags but one, and a tagged image that is
 *   only the PARENT of a used image (a `docker commit` base, a local build's FROM) is untagged and
 *   kept. Those untags change nothing on disk but are real: the preview reports them in
 *   `untagged` so the confirmation can say so.
 * - volumes: unused volumes of the `local` driver without mount options. Docker ≥ 23 (API ≥ 1.42)
 *   removes only anonymous ones by default (label `com.docker.volume.anonymous`); 20.10 (API 1.41)
 *   removes named ones too. The preview follows the daemon's API version.
 * - networks: non-predefined networks without endpoints. Endpoints exist only for running
 *   containers, so a network that only stopped containers are attached to IS removed (measured
 *   on 20.10). Swarm-scoped networks are left out (they are pruned by the swarm manager).
 *
 * Sizes: containers from SizeRw, volumes from `/system/df`. For images the preview's item size is
 * the image's size as `docker images` shows it, which counts layers shared with other images; the
 * preview's `reclaimable` counts each layer once and only if no kept image still uses it, which is
 * how the daemon computes SpaceReclaimed (diff size of the layers actually deleted).
 */
import {createHash} from 'node:crypto';
import type Docker from 'dockerode';
import {toEngineError} from './errors.js';
import {listOf, numberOf, recordOf, textOf} from './shapes.js';
import type {PruneKind, PrunePreview, PruneResult} from './types.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- raw API JSON is untyped until mapped here */

const DEFAULT_ENDPOINT = 'the Docker daemon';

/** Docker's own networks, which prune never removes (moby `runconfig.IsPreDefinedNetwork`). */
const PREDEFINED_NETWORKS = new Set(['bridge', 'host', 'none', 'default', 'ingress']);

/** Label Docker ≥ 23 puts on anonymous volumes; prune removes only those by default there. */
const ANONYMOUS_VOLUME_LABEL = 'com.docker.volume.anonymous';

/** How many inspect/history calls run at once while sizing image layers. */
const PARALLEL_CALLS = 8;

/** A preview, plus the image tags a prune -a would remove from images it keeps. */
export interface PrunePreviewDetail extends PrunePreview {
	/** Tags and digests removed without deleting their image (images kinds only; else empty). */
	untagged: string[];
}

/** A prune's result, plus the daemon's untag records. */
export interface PruneResultDetail extends PruneResult {
	/** Tags and digests the daemon removed ("Untagged" records), whether or not the image went. */
	untagged: string[];
}

async function call<T>(endpoint: string, run: () => Promise<T>): Promise<T> {
	try {
		return await run();
	} catch (error) {
		throw toEngineError(error, endpoint);
	}
}

/** `filters` as the API takes them: JSON of name → values. */
function filters(value: Record<string, string[]>): string {
	return JSON.stringify(value);
}

/** Runs `run` over `items`, at most `limit` at a time, keeping the order of results. */
async function mapLimit<T, R>(items: readonly T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
	const results: R[] = new Array(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			results[index] = await run(items[index]!);
		}
	};
	await Promise.all(Array.from({length: Math.min(limit, items.length)}, worker));
	return results;
}

/** True when the daemon's API version is at least major.minor. */
export function apiAtLeast(version: string, major: number, minor: number): boolean {
	const [a = 0, b = 0] = version.split('.').map(part => Number.parseInt(part, 10) || 0);
	return a > major || (a === major && b >= minor);
}

// ---------------------------------------------------------------------------------------------
// Images: the daemon's algorithm, replayed

/** An image as `/images/json?all=1` lists it. */
export interface ImageRow {
	id: string;
	/** '' when the image has no parent (pulled images; built and committed ones have one). */
	parentId: string;
	/** "repo:tag" references, without "<none>:<none>". */
	tags: string[];
	/** "repo@sha256:…" references, without "<none>@<none>". */
	digests: string[];
	size: number;
}

interface Ref {
	text: string;
	repo: string;
	canonical: boolean;
}

function toRef(text: string, canonical: boolean): Ref {
	if (canonical) return {text, repo: text.slice(0, text.indexOf('@')), canonical};
	const colon = text.lastIndexOf(':');
	return {text, repo: colon > text.lastIndexOf('/') ? text.slice(0, colon) : text, canonical};
}

/** moby `isSingleReference`: one reference, or one tag plus digests of the same repository. */
function isSingleReference(refs: readonly Ref[]): boolean {
	if (refs.length <= 1) return refs.length === 1;
	let single: Ref | undefined;
	const canonicalRepos = new Set<string>();
	for (const ref of refs) {
		if (ref.canonical) canonicalRepos.add(ref.repo);
		else if (single === undefined) single = ref;
		else return false;
	}
	single ??= refs[0]!;
	return canonicalRepos.size === 1 && canonicalRepos.has(single.repo);
}

/**
 * Which images `POST /images/prune` deletes (in deletion order) and which references it removes,
 * replaying moby 20.10's ImagesPrune → ImageDelete(ref, force=false, prune=true) on listed data.
 * `usedImageIds`: the ImageID of every container, running or not.
 */
export function planImagePrune(images: readonly ImageRow[], usedImageIds: ReadonlySet<string>, danglingOnly: boolean): {deleted: string[]; untagged: string[]} {
	const live = new Map<string, {parent: string; refs: Ref[]}>();
	for (const image of images) {
		live.set(image.id, {parent: image.parentId, refs: [...image.tags.map(tag => toRef(tag, false)), ...image.digests.map(digest => toRef(digest, true))]});
	}
	const hasChildren = (id: string): boolean => {
		for (const node of live.values()) if (node.parent === id) return true;
		return false;
	};
	const deleted: string[] = [];
	const untagged: string[] = [];

	// imageDeleteHelper: deleted only without children, references and containers; then its parent.
	const deleteHelper = (id: string): void => {
		const node = live.get(id);
		if (node === undefined || node.refs.length > 0 || hasChildren(id) || usedImageIds.has(id)) return;
		live.delete(id);
		deleted.push(id);
		if (node.parent) deleteHelper(node.parent);
	};
	// ImageDelete by reference: untag (unless it is the last reference of a used image), then delete if none is left.
	const deleteByRef = (id: string, ref: Ref): void => {
		const node = live.get(id);
		if (node === undefined || !node.refs.some(r => r.text === ref.text)) return;
		if (isSingleReference(node.refs) && usedImageIds.has(id)) return;
		node.refs = node.refs.filter(r => r.text !== ref.text);
		untagged.push(ref.text);
		if (!ref.canonical && !node.refs.some(r => !r.canonical && r.repo === ref.repo)) {
			// A removed tag takes the digests of its repository along when no other tag of it is left.
			for (const r of node.refs) if (r.canonical && r.repo === ref.repo) untagged.push(r.text);
			node.refs = node.refs.filter(r => !(r.canonical && r.repo === ref.repo));
		}
		if (node.refs.length === 0) deleteHelper(id);
	};

	// The daemon iterates a Go map (random order); the outcome does not depend on it, so sort for stable output.
	const candidates = images
		.map(image => image.id)
		.filter(id => !danglingOnly || !hasChildren(id))
		.filter(id => live.get(id)!.refs.length > 0 || !hasChildren(id))
		.sort();
	for (const id of candidates) {
		const node = live.get(id);
		if (node === undefined) continue; // already deleted as a parent
		const refs = [...node.refs];
		if (refs.length > 0) {
			// Dangling-only: an image is deleted only when none of its references is a tag.
			const shouldDelete = !danglingOnly || !refs.some(ref => !ref.canonical);
			if (shouldDelete) for (const ref of refs) deleteByRef(id, ref);
		} else if (!hasChildren(id) && !usedImageIds.has(id)) {
			deleteHelper(id);
		}
	}
	return {deleted, untagged};
}

function toImageRow(raw: any): ImageRow {
	return {
		id: String(raw.Id),
		parentId: String(raw.ParentId ?? ''),
		tags: ((raw.RepoTags ?? []) as string[]).filter(tag => tag !== '<none>:<none>'),
		digests: ((raw.RepoDigests ?? []) as string[]).filter(digest => !digest.startsWith('<none>@')),
		size: Number(raw.Size ?? 0),
	};
}

/** Chain IDs of a layer stack (OCI image spec: ChainID(n) = sha256(ChainID(n-1) + " " + DiffID(n))). */
export function chainIds(diffIds: readonly string[]): string[] {
	const out: string[] = [];
	for (const diffId of diffIds) {
		const previous = out.at(-1);
		out.push(previous === undefined ? diffId : `sha256:${createHash('sha256').update(`${previous} ${diffId}`).digest('hex')}`);
	}
	return out;
}

/** Instructions that never create a layer (their history entries are "empty layers"). */
const METADATA_ONLY = /#\(nop\)|^(ENV|CMD|LABEL|EXPOSE|ENTRYPOINT|WORKDIR|USER|ARG|ONBUILD|STOPSIGNAL|HEALTHCHECK|SHELL|VOLUME|MAINTAINER)\b/;

/**
 * Size of each layer from `/images/{id}/history` (newest first). The API does not say which
 * entries are empty layers: entries with a size are layers; among size-0 ones, metadata-only
 * instructions are taken as empty first. Undefined when the entries cannot be matched up.
 */
export function layerSizes(history: ReadonlyArray<{Size?: number; CreatedBy?: string}>, layerCount: number): number[] | undefined {
	const entries = [...history].reverse();
	const withSize = entries.filter(entry => Number(entry.Size ?? 0) > 0).length;
	if (withSize > layerCount) return undefined;
	let zeroLayers = layerCount - withSize;
	const zeros = entries.map((entry, index) => ({entry, index})).filter(({entry}) => Number(entry.Size ?? 0) === 0);
	const chosen = new Set<number>();
	for (const pass of [false, true]) {
		for (const {entry, index} of zeros) {
			if (zeroLayers === 0) break;
			if (chosen.has(index) || METADATA_ONLY.test(String(entry.CreatedBy ?? '').trim()) !== pass) continue;
			chosen.add(index);
			zeroLayers -= 1;
		}
	}
	if (zeroLayers > 0) return undefined;
	return entries.filter((entry, index) => Number(entry.Size ?? 0) > 0 || chosen.has(index)).map(entry => Number(entry.Size ?? 0));
}

/**
 * Bytes the deletion frees: the layers of deleted images that no kept image still uses, each
 * counted once. An image whose layer sizes cannot be read counts its full size (an upper bound).
 */
async function freedBytes(docker: Docker, rows: readonly ImageRow[], deleted: ReadonlySet<string>): Promise<number> {
	if (deleted.size === 0) return 0;
	const layers = await mapLimit(rows, PARALLEL_CALLS, async row => {
		const inspect = recordOf(await docker.getImage(row.id).inspect());
		return chainIds(listOf(recordOf(inspect.RootFS).Layers).map((layer) => textOf(layer)));
	});
	const kept = new Set<string>();
	const users = new Map<string, number>();
	rows.forEach((row, index) => {
		for (const chain of layers[index]!) {
			if (!deleted.has(row.id)) kept.add(chain);
			users.set(chain, (users.get(chain) ?? 0) + 1);
		}
	});
	let total = 0;
	const counted = new Set<string>();
	const deletedRows = rows.map((row, index) => ({row, chains: layers[index]!})).filter(({row}) => deleted.has(row.id));
	await mapLimit(deletedRows, PARALLEL_CALLS, async ({row, chains}) => {
		// An image sharing no layer with any other image frees exactly its size: no history needed.
		if (chains.every(chain => users.get(chain) === 1)) {
			total += row.size;
			return;
		}
		const sizes = layerSizes(listOf(await docker.getImage(row.id).history()).map(recordOf), chains.length);
		if (sizes === undefined) {
			total += row.size;
			return;
		}
		chains.forEach((chain, index) => {
			if (kept.has(chain) || counted.has(chain)) return;
			counted.add(chain);
			total += sizes[index] ?? 0;
		});
	});
	return total;
}

async function imagesPreview(docker: Docker, kind: 'images-dangling' | 'images-unused'): Promise<PrunePreviewDetail> {
	const [rawImages, containers] = await Promise.all([docker.listImages({all: true}), docker.listContainers({all: true})]);
	const rows = listOf(rawImages).map(recordOf).map(toImageRow);
	const used = new Set(listOf(containers).map(container => textOf(recordOf(container).ImageID)));
	const plan = planImagePrune(rows, used, kind === 'images-dangling');
	const deleted = new Set(plan.deleted);
	const byId = new Map(rows.map(row => [row.id, row]));
	return {
		kind,
		items: plan.deleted.map(id => {
			const row = byId.get(id)!;
			return {id, name: [...row.tags, ...row.digests].join(', ') || '<none>:<none>', size: row.size};
		}),
		reclaimable: await freedBytes(docker, rows, deleted),
		untagged: plan.untagged.filter(text => {
			// Only the references of images that stay: those of deleted images go with them.
			const owner = rows.find(row => row.tags.includes(text) || row.digests.includes(text));
			return owner !== undefined && !deleted.has(owner.id);
		}),
	};
}

// ---------------------------------------------------------------------------------------------

async function apiVersion(docker: Docker): Promise<string> {
	return textOf(recordOf(await docker.version()).ApiVersion);
}

async function volumesPreview(docker: Docker): Promise<PrunePreviewDetail> {
	const [version, listed, df] = await Promise.all([
		apiVersion(docker),
		docker.listVolumes({filters: filters({dangling: ['true'], driver: ['local']})}),
		docker.df().then(recordOf),
	]);
	const anonymousOnly = apiAtLeast(version, 1, 42);
	const sizes = new Map<string, number>();
	for (const volume of listOf(df.Volumes).map(recordOf)) sizes.set(String(volume.Name), Math.max(0, numberOf(recordOf(volume.UsageData).Size)));
	const items = listOf(recordOf(listed).Volumes)
		.map(recordOf)
		.filter((volume: any) => String(volume.Driver) === 'local')
		// Volumes with mount options (NFS, tmpfs, binds via `-o`) are skipped by the daemon: nothing to reclaim.
		.filter((volume: any) => Object.keys(volume.Options ?? {}).length === 0)
		.filter((volume: any) => !anonymousOnly || (volume.Labels ?? {})[ANONYMOUS_VOLUME_LABEL] !== undefined)
		.map((volume: any) => ({id: String(volume.Name), name: String(volume.Name), size: sizes.get(String(volume.Name)) ?? 0}))
		.sort((a: {id: string}, b: {id: string}) => a.id.localeCompare(b.id));
	return {kind: 'volumes', items, reclaimable: items.reduce((sum: number, item: {size: number}) => sum + item.size, 0), untagged: []};
}

async function networksPreview(docker: Docker): Promise<PrunePreviewDetail> {
	const listed = listOf(await docker.listNetworks()).map(recordOf);
	const candidates = listed.filter(network => !PREDEFINED_NETWORKS.has(String(network.Name)) && String(network.Scope ?? 'local') !== 'swarm');
	// The list leaves `Containers` empty: only inspect says whether a network has endpoints.
	const inspected = await mapLimit(candidates, PARALLEL_CALLS, async network => {
		try {
			return recordOf(await docker.getNetwork(String(network.Id)).inspect());
		} catch {
			return undefined; // gone meanwhile: nothing to prune
		}
	});
	const items = inspected
		.filter((network): network is any => network !== undefined && Object.keys(network.Containers ?? {}).length === 0)
		.map(network => ({id: String(network.Id), name: String(network.Name), size: 0}))
		.sort((a, b) => a.name.localeCompare(b.name));
	return {kind: 'networks', items, reclaimable: 0, untagged: []};
}

async function containersPreview(docker: Docker): Promise<PrunePreviewDetail> {
	const rows = listOf(await docker.listContainers({all: true, size: true, filters: filters({status: ['exited', 'created', 'dead']})})).map(recordOf);
	const items = rows
		.map(row => ({id: String(row.Id), name: String(row.Names?.[0] ?? '').replace(/^\//, ''), size: Math.max(0, Number(row.SizeRw ?? 0))}))
		.sort((a, b) => a.name.localeCompare(b.name));
	return {kind: 'containers', items, reclaimable: items.reduce((sum, item) => sum + item.size, 0), untagged: []};
}

/** What `prune(kind)` would remove right now, computed with the daemon's own rules (see the module comment). */
export async function prunePreview(docker: Docker, kind: PruneKind, endpoint: string = DEFAULT_ENDPOINT): Promise<PrunePreviewDetail> {
	return call(endpoint, async () => {
		switch (kind) {
			case 'containers':
				return containersPreview(docker);
			case 'images-dangling':
			case 'images-unused':
				return imagesPreview(docker, kind);
			case 'volumes':
				return volumesPreview(docker);
			case 'networks':
				return networksPreview(docker);
		}
	});
}

/**
 * Runs the daemon's prune for `kind` (no filters, so it matches the preview) and reports what the
 * daemon says it removed: container ids, image ids (not layers), volume names, network ids.
 */
export async function prune(docker: Docker, kind: PruneKind, endpoint: string = DEFAULT_ENDPOINT): Promise<PruneResultDetail> {
	return call(endpoint, async () => {
		switch (kind) {
			case 'containers': {
				const report = recordOf(await docker.pruneContainers());
				return {kind, removed: listOf(report.ContainersDeleted).map((id) => textOf(id)), reclaimed: numberOf(report.SpaceReclaimed), untagged: []};
			}
			case 'images-dangling':
			case 'images-unused': {
				// The report's "Deleted" records mix image ids and layer ids: keep those that were images.
				const rows = listOf(await docker.listImages({all: true})).map(recordOf).map(toImageRow);
				const before = new Set(rows.map(row => row.id));
				const report = recordOf(await docker.pruneImages({filters: filters({dangling: [kind === 'images-dangling' ? 'true' : 'false']})}));
				const records = listOf(report.ImagesDeleted).map(recordOf);
				const removed = records.map(record => String(record.Deleted ?? '')).filter(id => before.has(id));
				const gone = new Set(removed);
				return {
					kind,
					removed,
					reclaimed: numberOf(report.SpaceReclaimed),
					// As in the preview: only references of images that stay (those of deleted images went with them).
					untagged: records
						.filter(record => record.Untagged)
						.map(record => String(record.Untagged))
						.filter(text => {
							const owner = rows.find(row => row.tags.includes(text) || row.digests.includes(text));
							return owner === undefined || !gone.has(owner.id);
						}),
				};
			}
			case 'volumes': {
				const report = recordOf(await docker.pruneVolumes());
				return {kind, removed: listOf(report.VolumesDeleted).map((name) => textOf(name)), reclaimed: numberOf(report.SpaceReclaimed), untagged: []};
			}
			case 'networks': {
				// The daemon answers with names; report ids, the networks that were there and are gone.
				const before = listOf(await docker.listNetworks()).map(recordOf);
				const report = recordOf(await docker.pruneNetworks());
				const names = new Set(listOf(report.NetworksDeleted).map((name) => textOf(name)));
				const after = new Set(listOf(await docker.listNetworks()).map(network => textOf(recordOf(network).Id)));
				const removed = before.filter(network => names.has(String(network.Name)) && !after.has(String(network.Id))).map(network => String(network.Id));
				return {kind, removed, reclaimed: 0, untagged: []};
			}
		}
	});
}
