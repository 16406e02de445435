/**
 * `docker system df` and `docker system df -v`, computed as the docker CLI computes them so the
 * two never disagree. Ported from docker/cli v28.2.2 `cli/command/formatter/disk_usage.go`,
 * `system/df.go`, `formatter/image.go`, `volume.go`, `buildcache.go` and `container.go`, with
 * docker/go-units `size.go`. Every string that came from the daemon goes through sanitizeLine.
 */
import type {DiskUsage, DiskUsageContainer, DiskUsageImage} from '../engine/system-api.js';
import {commandText, createdText, familiarString, imageText, namesText, parseNormalizedNamed, shortId} from './containers.js';
import {sanitizeLine} from './sanitize.js';
import {goG} from './stats.js';

const DECIMAL = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];

/** go-units `HumanSizeWithPrecision`: decimal units with `%.{precision}g`. */
function humanSizeWithPrecision(size: number, precision: number): string {
	let index = 0;
	while (size >= 1000 && index < DECIMAL.length - 1) {
		size /= 1000;
		index += 1;
	}
	return goG(size, precision) + DECIMAL[index];
}

/** go-units `HumanSize` (4 significant digits, "1.234GB"): what `docker system df` prints. */
export function goHumanSize(size: number): string {
	return humanSizeWithPrecision(size, 4);
}

/** The CLI's "1.2GB (45%)": the percentage is integer division, and only when the total is positive. */
function reclaimableText(reclaimable: number, total: number): string {
	if (total > 0) return `${goHumanSize(reclaimable)} (${Math.trunc((reclaimable * 100) / total)}%)`;
	return goHumanSize(reclaimable);
}

/** Which line of `docker system df`: also what a prune preview opened from it removes. */
export type DfKind = 'images' | 'containers' | 'volumes' | 'build-cache';

/** One line of `docker system df`: the texts of its columns plus the byte figures behind them. */
export interface DfRow {
	kind: DfKind;
	/** TYPE: "Images", "Containers", "Local Volumes", "Build Cache". */
	type: string;
	/** TOTAL */
	total: string;
	/** ACTIVE */
	active: string;
	/** SIZE */
	size: string;
	/** RECLAIMABLE, e.g. "1.2GB (45%)" */
	reclaimable: string;
	sizeBytes: number;
	reclaimableBytes: number;
}

/** The column titles of `docker system df`, in order. */
export const DF_COLUMNS = ['TYPE', 'TOTAL', 'ACTIVE', 'SIZE', 'RECLAIMABLE'] as const;

/** `isActive` of the containers line: running, paused and restarting containers hold their layer. */
function containerActive(container: DiskUsageContainer): boolean {
	return container.state === 'running' || container.state === 'paused' || container.state === 'restarting';
}

/** The four lines of `docker system df`, in the CLI's order. */
export function dfRows(du: DiskUsage): DfRow[] {
	// Images: the size is LayersSize; what active images hold alone (size - shared) is not reclaimable.
	let imagesUsed = 0;
	for (const image of du.images) {
		if (image.containers === 0 || image.size === -1 || image.sharedSize === -1) continue;
		imagesUsed += image.size - image.sharedSize;
	}
	const imagesReclaimable = du.layersSize - imagesUsed;

	let containersSize = 0;
	let containersReclaimable = 0;
	for (const container of du.containers) {
		if (!containerActive(container)) containersReclaimable += container.sizeRw;
		containersSize += container.sizeRw;
	}

	let volumesSize = 0;
	let volumesReclaimable = 0;
	for (const volume of du.volumes) {
		const size = volume.usage?.size ?? 0;
		if (size === -1) continue;
		if ((volume.usage?.refCount ?? 0) === 0) volumesReclaimable += size;
		volumesSize += size;
	}

	// system/df.go: the builder's size counts only records no one else shares.
	let builderSize = 0;
	let inUseBytes = 0;
	for (const record of du.buildCache) {
		if (!record.shared) builderSize += record.size;
		if (record.inUse && !record.shared) inUseBytes += record.size;
	}
	const builderReclaimable = builderSize - inUseBytes;

	return [
		{
			kind: 'images',
			type: 'Images',
			total: String(du.images.length),
			active: String(du.images.filter((image) => image.containers > 0).length),
			size: goHumanSize(du.layersSize),
			reclaimable: reclaimableText(imagesReclaimable, du.layersSize),
			sizeBytes: du.layersSize,
			reclaimableBytes: imagesReclaimable,
		},
		{
			kind: 'containers',
			type: 'Containers',
			total: String(du.containers.length),
			active: String(du.containers.filter(containerActive).length),
			size: goHumanSize(containersSize),
			reclaimable: reclaimableText(containersReclaimable, containersSize),
			sizeBytes: containersSize,
			reclaimableBytes: containersReclaimable,
		},
		{
			kind: 'volumes',
			type: 'Local Volumes',
			total: String(du.volumes.length),
			active: String(du.volumes.filter((volume) => (volume.usage?.refCount ?? 0) > 0).length),
			size: goHumanSize(volumesSize),
			reclaimable: reclaimableText(volumesReclaimable, volumesSize),
			sizeBytes: volumesSize,
			reclaimableBytes: volumesReclaimable,
		},
		{
			kind: 'build-cache',
			type: 'Build Cache',
			total: String(du.buildCache.length),
			active: String(du.buildCache.filter((record) => record.inUse).length),
			size: goHumanSize(builderSize),
			// The CLI prints no percentage on this line.
			reclaimable: goHumanSize(builderReclaimable),
			sizeBytes: builderSize,
			reclaimableBytes: builderReclaimable,
		},
	];
}

/** One row of a `docker system df -v` section: the object's full id (for actions) and its cells. */
export interface DfVerboseRow {
	id: string;
	cells: string[];
}

/** One section of `docker system df -v`: its title line, column titles and rows. */
export interface DfSection {
	kind: DfKind;
	/** "Images space usage:", …, "Build cache usage: 1.2GB" */
	title: string;
	columns: string[];
	rows: DfVerboseRow[];
}

/** Options of dfVerbose: the clock for the "ago" columns, and the table's truncation of ids. */
export interface DfVerboseOptions {
	nowMs: number;
	/** The table format truncates ids and commands (`--no-trunc` does not exist for df); default true. */
	truncate?: boolean;
}

/** image.go `isDangling`. */
function isDangling(image: DiskUsageImage): boolean {
	if (image.repoTags.length === 0 && image.repoDigests.length === 0) return true;
	return image.repoTags.length === 1 && image.repoTags[0] === '<none>:<none>' && image.repoDigests.length === 1 && image.repoDigests[0] === '<none>@<none>';
}

/**
 * REPOSITORY and TAG of an image line: the first tag only; undefined when the CLI skips the image
 * (its first tag does not parse as a reference).
 */
function repoAndTag(image: DiskUsageImage): {repo: string; tag: string} | undefined {
	if (image.repoTags.length === 0 || isDangling(image)) return {repo: '<none>', tag: '<none>'};
	const ref = parseNormalizedNamed(image.repoTags[0]!);
	if (ref === undefined) return undefined;
	if (ref.tag === '') return {repo: '<none>', tag: '<none>'};
	return {repo: familiarString({...ref, tag: ''}), tag: ref.tag};
}

function idText(id: string, truncate: boolean): string {
	return truncate ? shortId(id) : sanitizeLine(id);
}

/** The sections of `docker system df -v`, in the CLI's order. */
export function dfVerbose(du: DiskUsage, options: DfVerboseOptions): DfSection[] {
	const {nowMs} = options;
	const truncate = options.truncate ?? true;

	const images: DfVerboseRow[] = [];
	for (const image of du.images) {
		const names = repoAndTag(image);
		if (names === undefined) continue;
		images.push({
			id: image.id,
			cells: [
				sanitizeLine(names.repo),
				sanitizeLine(names.tag),
				idText(image.id, truncate),
				createdText(image.created, nowMs),
				humanSizeWithPrecision(image.size, 3),
				image.sharedSize === -1 ? 'N/A' : goHumanSize(image.sharedSize),
				image.size === -1 || image.sharedSize === -1 ? 'N/A' : goHumanSize(image.size - image.sharedSize),
				image.containers === -1 ? 'N/A' : String(image.containers),
			],
		});
	}

	const containers: DfVerboseRow[] = du.containers.map((container) => ({
		id: container.id,
		cells: [
			idText(container.id, truncate),
			imageText(container, truncate),
			commandText(container.command, truncate),
			String(container.mountDrivers.filter((driver) => driver === 'local').length),
			// The CLI zeroes SizeRootFs here: no "(virtual …)".
			humanSizeWithPrecision(container.sizeRw, 3),
			createdText(container.created, nowMs),
			sanitizeLine(container.status),
			namesText(container, truncate),
		],
	}));

	const volumes: DfVerboseRow[] = du.volumes.map((volume) => ({
		id: volume.name,
		cells: [
			sanitizeLine(volume.name),
			volume.usage === undefined ? 'N/A' : String(volume.usage.refCount),
			volume.usage === undefined ? 'N/A' : goHumanSize(volume.usage.size),
		],
	}));

	// buildcache.go `buildCacheSort`: never used first, then by last use, ties by id.
	const records = [...du.buildCache].sort((a, b) => {
		if (a.lastUsedAt === b.lastUsedAt) return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
		if (a.lastUsedAt === undefined) return -1;
		if (b.lastUsedAt === undefined) return 1;
		return a.lastUsedAt - b.lastUsedAt;
	});
	const buildCache: DfVerboseRow[] = records.map((record) => ({
		id: record.id,
		cells: [
			idText(record.id, truncate) + (record.inUse ? '*' : ''),
			sanitizeLine(record.type),
			humanSizeWithPrecision(record.size, 3),
			record.createdAt === undefined ? '' : createdText(record.createdAt / 1000, nowMs),
			record.lastUsedAt === undefined ? '' : createdText(record.lastUsedAt / 1000, nowMs),
			String(record.usageCount),
			String(record.shared),
		],
	}));
	const builderSize = du.buildCache.reduce((sum, record) => (record.shared ? sum : sum + record.size), 0);

	return [
		{kind: 'images', title: 'Images space usage:', columns: ['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE', 'SHARED SIZE', 'UNIQUE SIZE', 'CONTAINERS'], rows: images},
		{kind: 'containers', title: 'Containers space usage:', columns: ['CONTAINER ID', 'IMAGE', 'COMMAND', 'LOCAL VOLUMES', 'SIZE', 'CREATED', 'STATUS', 'NAMES'], rows: containers},
		{kind: 'volumes', title: 'Local Volumes space usage:', columns: ['VOLUME NAME', 'LINKS', 'SIZE'], rows: volumes},
		{kind: 'build-cache', title: `Build cache usage: ${goHumanSize(builderSize)}`, columns: ['CACHE ID', 'CACHE TYPE', 'SIZE', 'CREATED', 'LAST USED', 'USAGE', 'SHARED'], rows: buildCache},
	];
}
