/**
 * Volumes, as `docker volume ls` shows them (DRIVER, VOLUME NAME) plus scope, the containers using
 * each (from the container list's mounts, not a call per volume), the mountpoint and, on demand
 * (z), the size `/system/df` measures. Create, inspect, remove (refused while in use), prune with a
 * preview, and Enter for the containers using the selected volume.
 */
import {runWithStatus} from '../actions/status.js';
import type {Engine} from '../engine/types.js';
import type {VolumeSummary, VolumeUsage} from '../engine/volumes-api.js';
import {naturalCompare} from '../present/natural-sort.js';
import {sanitizeLine} from '../present/sanitize.js';
import {validVolumeName, volumeRemovalText, volumeSizeText, volumeUsers, parseVolumeFilters} from '../present/volumes.js';
import type {ResourceKind} from './kind.js';
import {askPairs, inspectDocument, mapRows, plainWordProblem, pruneAction} from './kind-steps.js';

/** Events after which the volumes list may differ. */
const VOLUME_EVENTS = /^(create|destroy|mount|unmount|prune)/;

/** The toggle that makes the list also measure sizes (a walk of every volume on disk). */
export const VOLUME_SIZES_TOGGLE = 'sizes';

/** A row of the volumes list: the summary, plus its measured usage once sizes were asked for. */
export interface VolumeListRow extends VolumeSummary {
	/** From `/system/df`, only while the sizes toggle is on; undefined when not measured. */
	usage?: VolumeUsage;
}

/** The volumes, with their sizes when asked: both requests at once, the sizes only on demand. */
async function listVolumes(engine: Engine, filters: Record<string, string[]>, sizes: boolean, signal: AbortSignal): Promise<VolumeListRow[]> {
	const [volumes, usage] = await Promise.all([engine.volumes.list({filters: {...filters}, signal}), sizes ? engine.volumes.sizes(signal) : undefined]);
	return volumes.map((volume): VolumeListRow => ({...volume, ...(usage ? {usage: usage.get(volume.name) ?? {size: -1, refCount: -1}} : {})})).sort((a, b) => naturalCompare(a.name, b.name));
}

/** Bytes for sorting by size: unmeasured volumes last. */
const sizeOf = (row: VolumeListRow) => row.usage?.size ?? -1;

/** `:volumes`. */
export const volumesKind: ResourceKind<VolumeListRow> = {
	id: 'volumes',
	title: 'Volumes',
	singular: 'volume',
	aliases: ['volumes', 'volume', 'vol', 'vols'],
	list: (engine, query, signal) => listVolumes(engine, query.filters, query.toggles.has(VOLUME_SIZES_TOGGLE), signal),
	key: (volume) => volume.name,
	name: (volume) => sanitizeLine(volume.name),
	// Containers created or removed change USED BY, which is read from the container list.
	refreshOn: (event) => event.type === 'volume' && VOLUME_EVENTS.test(event.action),
	columns: [
		{id: 'driver', title: 'DRIVER', min: 6, max: 12, keep: 3, cell: (volume) => sanitizeLine(volume.driver)},
		{id: 'name', title: 'VOLUME NAME', min: 12, max: 64, keep: 1, cut: 'middle', cell: (volume) => sanitizeLine(volume.name)},
		{id: 'scope', title: 'SCOPE', min: 5, max: 6, keep: 5, cell: (volume) => sanitizeLine(volume.scope)},
		{id: 'used', title: 'USED BY', min: 8, max: 40, keep: 2, cell: (volume, context) => volumeUsers(volume.name, context.containers).join(', ')},
		// Blank until z asks for sizes; narrow, so it costs little while blank.
		{id: 'size', title: 'SIZE', min: 4, max: 10, keep: 4, align: 'right', cell: (volume) => volumeSizeText(volume.usage, false)},
		{id: 'mountpoint', title: 'MOUNTPOINT', min: 10, max: 80, keep: 6, cut: 'middle', cell: (volume) => sanitizeLine(volume.mountpoint)},
	],
	sorts: [
		{id: 'name', title: 'name', compare: (a, b) => naturalCompare(a.name, b.name)},
		{id: 'driver', title: 'driver', compare: (a, b) => naturalCompare(a.driver, b.driver)},
		{id: 'created', title: 'created', compare: (a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? '')},
		{id: 'size', title: 'size (z measures)', compare: (a, b) => sizeOf(b) - sizeOf(a) || naturalCompare(a.name, b.name)},
	],
	filterKeys: ['dangling', 'driver', 'label', 'name'],
	checkFilter: (token) => {
		const parsed = parseVolumeFilters(token);
		return parsed.ok ? undefined : parsed.message;
	},
	words: (volume) => `${volume.name} ${volume.driver} ${volume.mountpoint}`,
	emptyText: 'No volumes.',
	toggles: [{id: VOLUME_SIZES_TOGGLE, command: 'volumes.sizes', keys: ['z'], title: 'Sizes on/off (walks every volume on disk: slow)', slow: true}],
	// The sizes measured when z was pressed stay on the rows; z twice measures again.
	carry: (previous, next) => (previous.usage === undefined || next.usage !== undefined ? next : {...next, usage: previous.usage}),
	documents: [
		{
			command: 'volumes.inspect',
			keys: ['i'],
			title: 'Inspect: summary and JSON (Tab)',
			hint: 'inspect',
			load: async (engine, volume) => {
				const [raw, containers] = await Promise.all([engine.volumes.inspect(volume.name), engine.listContainers({all: true}).catch(() => [])]);
				const users = volumeUsers(volume.name, containers);
				const name = sanitizeLine(volume.name);
				return inspectDocument(
					`Inspect volume ${name}`,
					`volume-${name}`,
					[
						{
							title: 'Volume',
							rows: [
								['Name', name],
								['Driver', sanitizeLine(volume.driver)],
								['Scope', sanitizeLine(volume.scope)],
								['Mountpoint', sanitizeLine(volume.mountpoint)],
								['Created', sanitizeLine(volume.createdAt)],
								...(volume.usage ? [['Size', volumeSizeText(volume.usage, false)] as [string, string]] : []),
							],
						},
						{title: 'Used by', rows: users.length > 0 ? users.map((user): [string, string] => [user, '']) : [['(no container)', '']]},
						{title: 'Labels', rows: mapRows(volume.labels)},
						{title: 'Options', rows: mapRows(volume.options)},
					],
					raw,
				);
			},
		},
	],
	actions: [
		{
			command: 'volumes.users',
			keys: ['enter'],
			title: 'Containers using this volume (filter volume=…)',
			hint: 'used by',
			target: 'one',
			run: async (context) => {
				if (context.row) context.jump('containers', `volume=${context.row.name}`);
			},
		},
		{
			command: 'volumes.create',
			keys: ['c'],
			title: 'Create a volume (name, driver, labels, options)',
			hint: 'create',
			dangerous: true,
			target: 'none',
			run: async (context) => {
				const name = await context.dialogs.input({
					title: 'Create volume (1/4)',
					label: 'Name',
					hint: 'Empty: the daemon makes up a name. Letters, digits, _ . - (local driver).',
					validate: (text) => validVolumeName(text),
				});
				if (name === undefined) return;
				const driver = await context.dialogs.input({
					title: 'Create volume (2/4)',
					label: 'Driver',
					text: 'local',
					hint: 'local, or a volume plugin',
					validate: (text) => plainWordProblem('a driver name', text) ?? validVolumeName(name, text || 'local'),
				});
				if (driver === undefined) return;
				const labels = await askPairs(context, {title: 'Create volume (3/4)', label: 'Labels', hint: 'key=value words, e.g. app=db tier=data (empty: none)'});
				if (labels === undefined) return;
				const options = await askPairs(context, {title: 'Create volume (4/4)', label: 'Options', hint: 'driver options, e.g. type=tmpfs device=tmpfs (empty: none)'});
				if (options === undefined) return;
				await runWithStatus(
					context.status,
					{
						busy: `Creating volume${name ? ` ${sanitizeLine(name)}` : ''}…`,
						done: (created) => `Created volume ${sanitizeLine(created)}.`,
						failed: (message) => `Could not create the volume: ${sanitizeLine(message)}`,
					},
					() => context.engine.volumes.create({...(name ? {name} : {}), driver: driver || 'local', labels, options}),
				);
				context.refresh();
			},
		},
		{
			command: 'volumes.remove',
			keys: ['D'],
			title: 'Remove (refused while in use; the data is lost)',
			hint: 'remove',
			dangerous: true,
			target: 'many',
			refuses: (volume, context) => {
				const removal = volumeRemovalText(volume.name, context.containers);
				return removal.allowed ? undefined : removal.text;
			},
			run: async (context) => {
				const names = context.targets.map((volume) => volume.name);
				const answer = await context.dialogs.confirm({
					title: names.length === 1 ? `Remove volume ${sanitizeLine(names[0]!)}?` : `Remove ${names.length} volumes?`,
					lines: [...names.slice(0, 10).map((name) => sanitizeLine(name)), ...(names.length > 10 ? [`… and ${names.length - 10} more`] : []), 'Their data is deleted for good.'],
					danger: true,
				});
				if (!answer.yes) return;
				await runWithStatus(
					context.status,
					{
						busy: `Removing ${names.length === 1 ? sanitizeLine(names[0]!) : `${names.length} volumes`}…`,
						done: () => (names.length === 1 ? `Removed volume ${sanitizeLine(names[0]!)}.` : `Removed ${names.length} volumes.`),
						failed: (message) => `Could not remove: ${sanitizeLine(message)}`,
					},
					async () => {
						for (const name of names) await context.engine.volumes.remove(name);
					},
				);
				context.refresh();
			},
		},
		pruneAction('volumes.prune', 'volumes', 'Prune unused volumes (preview with sizes first)'),
	],
};
