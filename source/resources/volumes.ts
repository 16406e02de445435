/**
 * Volumes, as `docker volume ls` shows them (DRIVER, VOLUME NAME) plus scope, the containers using
 * each (from the container list's mounts, not a call per volume) and the mountpoint.
 */
import {runWithStatus} from '../actions/status.js';
import type {VolumeSummary} from '../engine/volumes-api.js';
import {naturalCompare} from '../present/natural-sort.js';
import {sanitizeLine} from '../present/sanitize.js';
import {volumeRemovalText, volumeUsers} from '../present/volumes.js';
import type {ResourceKind} from './kind.js';

/** Events after which the volumes list may differ. */
const VOLUME_EVENTS = /^(create|destroy|mount|unmount|prune)/;

/** `:volumes`. */
export const volumesKind: ResourceKind<VolumeSummary> = {
	id: 'volumes',
	title: 'Volumes',
	singular: 'volume',
	aliases: ['volumes', 'volume', 'vol', 'vols'],
	list: async (engine, query, signal) => (await engine.volumes.list({filters: {...query.filters}, signal})).sort((a, b) => naturalCompare(a.name, b.name)),
	key: (volume) => volume.name,
	name: (volume) => sanitizeLine(volume.name),
	// Containers created or removed change USED BY, which is read from the container list.
	refreshOn: (event) => event.type === 'volume' && VOLUME_EVENTS.test(event.action),
	columns: [
		{id: 'driver', title: 'DRIVER', min: 6, max: 12, keep: 3, cell: (volume) => sanitizeLine(volume.driver)},
		{id: 'name', title: 'VOLUME NAME', min: 12, max: 64, keep: 1, cut: 'middle', cell: (volume) => sanitizeLine(volume.name)},
		{id: 'scope', title: 'SCOPE', min: 5, max: 6, keep: 5, cell: (volume) => sanitizeLine(volume.scope)},
		{id: 'used', title: 'USED BY', min: 8, max: 40, keep: 2, cell: (volume, context) => volumeUsers(volume.name, context.containers).join(', ')},
		{id: 'mountpoint', title: 'MOUNTPOINT', min: 10, max: 80, keep: 6, cut: 'middle', cell: (volume) => sanitizeLine(volume.mountpoint)},
	],
	sorts: [
		{id: 'name', title: 'name', compare: (a, b) => naturalCompare(a.name, b.name)},
		{id: 'driver', title: 'driver', compare: (a, b) => naturalCompare(a.driver, b.driver)},
		{id: 'created', title: 'created', compare: (a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? '')},
	],
	filterKeys: ['dangling', 'driver', 'label', 'name'],
	words: (volume) => `${volume.name} ${volume.driver} ${volume.mountpoint}`,
	emptyText: 'No volumes.',
	actions: [
		{
			command: 'volumes.remove',
			keys: ['D'],
			title: 'Remove the volume (refused while a container uses it; its data is lost)',
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
						failed: (message) => `Could not remove: ${message}`,
					},
					async () => {
						for (const name of names) await context.engine.volumes.remove(name);
					},
				);
				context.refresh();
			},
		},
	],
};
