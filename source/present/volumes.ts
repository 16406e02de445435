/**
 * The volumes list as `docker volume ls` prints it (DRIVER, VOLUME NAME, in the CLI's natural
 * order) plus SCOPE, MOUNTPOINT and USED BY, which porthole reads from the container list's mounts
 * (never a call per volume); the remove confirmation; docker's volume name rule. Pure functions.
 */
import type {ContainerSummary} from '../engine/types.js';
import type {VolumeSummary, VolumeUsage} from '../engine/volumes-api.js';
import {goQuote} from './containers.js';
import {anyValue, isFilterBoolean, parseFilterWords, type ParsedFilters} from './filter-words.js';
import {labelsText} from './labels.js';
import {naturalCompare} from './natural-sort.js';
import {sanitizeLine} from './sanitize.js';
import {humanSize} from './stats.js';

/** One row of the volumes list: the `docker volume ls` texts plus porthole's columns, all sanitised. */
export interface VolumeRow {
	/** Stable key for the list (the volume's name is unique per daemon). */
	key: string;
	/** DRIVER */
	driver: string;
	/** VOLUME NAME */
	name: string;
	/** SCOPE */
	scope: string;
	/** MOUNTPOINT */
	mountpoint: string;
	/** LABELS as `--format '{{.Labels}}'` prints them (sorted). */
	labels: string;
	/** Names of the containers whose mounts name this volume, running or not. */
	usedBy: string[];
	/** USED BY: those names joined by ", "; empty when none. */
	usedByText: string;
	/** The summary the row was made from (raw daemon text: sanitise before showing). */
	volume: VolumeSummary;
}

/** A container's display name: its first name, else its short id. */
function containerName(container: ContainerSummary): string {
	return sanitizeLine(container.names[0] ?? container.id.slice(0, 12));
}

/**
 * Names of the containers using a volume, from the container list (`/containers/json?all=1`):
 * the containers `docker ps -a --filter volume=NAME` lists (that filter also takes a mount's
 * destination path, which a volume's name never is), in natural order.
 */
export function volumeUsers(name: string, containers: readonly ContainerSummary[]): string[] {
	if (name === '') return [];
	return containers
		.filter((container) => container.mounts.some((mount) => mount.name === name))
		.map(containerName)
		.sort(naturalCompare);
}

/** The rows of the volumes list, in `docker volume ls` order (natural order of names). */
export function volumeRows(volumes: readonly VolumeSummary[], containers: readonly ContainerSummary[]): VolumeRow[] {
	return [...volumes]
		.sort((a, b) => naturalCompare(a.name, b.name))
		.map((volume) => {
			const usedBy = volumeUsers(volume.name, containers);
			return {
				key: volume.name,
				driver: sanitizeLine(volume.driver),
				name: sanitizeLine(volume.name),
				scope: sanitizeLine(volume.scope),
				mountpoint: sanitizeLine(volume.mountpoint),
				labels: labelsText(volume.labels),
				usedBy,
				usedByText: usedBy.join(', '),
				volume,
			};
		});
}

/**
 * The SIZE cell, measured on demand through `engine.volumes.sizes()`: "measuring…" while the
 * daemon walks the disk, blank before anyone asked, "N/A" where the daemon did not measure (as
 * `docker volume ls --format '{{.Size}}'` prints it), else go-units HumanSize as `docker system df -v`.
 */
export function volumeSizeText(usage: VolumeUsage | undefined, measuring: boolean): string {
	if (measuring) return 'measuring…';
	if (usage === undefined) return '';
	if (usage.size < 0) return 'N/A';
	return humanSize(usage.size);
}

/** What a remove would do: whether the daemon will accept it, and the text to show. */
export interface RemovalText {
	allowed: boolean;
	text: string;
}

/**
 * The confirmation (or refusal) for removing a volume. The daemon refuses to remove a volume any
 * container uses, running or not (even with force), so porthole says which ones before asking.
 */
export function volumeRemovalText(name: string, containers: readonly ContainerSummary[]): RemovalText {
	const shown = sanitizeLine(name);
	const users = volumeUsers(name, containers);
	if (users.length > 0) {
		const which = users.length === 1 ? `container ${users[0]}` : `containers ${users.join(', ')}`;
		return {allowed: false, text: `Volume ${shown} is in use by ${which}: remove ${users.length === 1 ? 'it' : 'them'} first.`};
	}
	return {allowed: true, text: `Remove volume ${shown}? Its data is deleted for good.`};
}

/** The characters the local driver allows in a volume name (moby's RestrictedNamePattern). */
const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/**
 * Docker's check of a volume name for the local driver, in the daemon's words; undefined when the
 * name is valid. An empty name is valid: the daemon makes up an anonymous one. Other drivers
 * (plugins) judge names themselves, so only 'local' is checked.
 */
export function validVolumeName(name: string, driver = 'local'): string | undefined {
	if (name === '' || (driver !== '' && driver !== 'local')) return undefined;
	if ([...name].length === 1) return 'volume name is too short, names should be at least two alphanumeric characters';
	if (!VOLUME_NAME.test(name))
		return `${sanitizeLine(goQuote(name))} includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path`;
	return undefined;
}

/**
 * A `docker volume ls --filter` line (`dangling=true driver=local label=k=v name=db`) checked as
 * the daemon checks it, for `engine.volumes.list({filters})`.
 */
export function parseVolumeFilters(text: string): ParsedFilters {
	return parseFilterWords(text, {
		dangling: (value) => (isFilterBoolean(value) ? undefined : `Invalid filter 'dangling=[${value}]'`),
		driver: anyValue,
		label: anyValue,
		name: anyValue,
	});
}
