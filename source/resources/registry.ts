/**
 * Every kind porthole shows, and the other views the `:` command line opens. The order is the
 * order Tab cycles through and the help lists. Adding a kind: declare it in a file of this folder
 * (kind.ts says what), give it its engine calls (engine/<kind>-api.ts), and list it here.
 */
import type {AnyKind, KindId, KindIdentity} from './kind.js';
import {containersKind} from './containers.js';
import {imagesKind} from './images.js';
import {networksKind} from './networks.js';
import {volumesKind} from './volumes.js';

/** The kinds shown by the generic list, by id. */
export const LIST_KINDS: Partial<Record<KindId, AnyKind>> = {images: imagesKind, volumes: volumesKind, networks: networksKind};

/** Every kind, in Tab order. */
export const KINDS: readonly KindIdentity[] = [containersKind, ...Object.values(LIST_KINDS)];

/** The kind declared with this id, when it is a generic-list kind. */
export function listKind(id: KindId): AnyKind | undefined {
	return LIST_KINDS[id];
}

/** Views that are not lists of one kind, with their `:` names. */
export const OTHER_VIEWS: ReadonlyArray<{id: 'df' | 'events'; title: string; aliases: readonly string[]}> = [
	{id: 'df', title: 'Disk usage (docker system df)', aliases: ['df', 'disk', 'system']},
	{id: 'events', title: 'Events (docker events)', aliases: ['events', 'event', 'ev']},
];

/** Something the `:` command line can go to. */
export type CommandTarget = {type: 'kind'; kind: KindId} | {type: 'view'; view: 'df' | 'events'} | {type: 'quit'} | {type: 'help'};

/** Every name the command line knows, canonical first, for completion. */
export function commandNames(): string[] {
	return [...KINDS.flatMap((kind) => kind.aliases), ...OTHER_VIEWS.flatMap((view) => view.aliases), 'help', 'quit', 'q'];
}

/** What `:text` means; an error in the words the command line shows. */
export function parseCommand(text: string): {ok: true; target: CommandTarget} | {ok: false; error: string} {
	const name = text.trim().replace(/^:/, '').toLowerCase();
	if (!name) return {ok: false, error: 'Type a name: containers, images, volumes, networks, df, events.'};
	const kind = KINDS.find((entry) => entry.aliases.includes(name));
	if (kind) return {ok: true, target: {type: 'kind', kind: kind.id}};
	const view = OTHER_VIEWS.find((entry) => entry.aliases.includes(name));
	if (view) return {ok: true, target: {type: 'view', view: view.id}};
	if (name === 'q' || name === 'quit') return {ok: true, target: {type: 'quit'}};
	if (name === 'help') return {ok: true, target: {type: 'help'}};
	return {ok: false, error: `Unknown: ${name}. Try ${[...KINDS.map((entry) => entry.aliases[0]), ...OTHER_VIEWS.map((entry) => entry.aliases[0])].join(', ')}.`};
}

/** Completion of a partly typed name: the common part of every name it starts, and the candidates. */
export function completeCommand(text: string): {text: string; candidates: string[]} {
	const typed = text.trim().toLowerCase();
	const candidates = [...new Set(commandNames().filter((name) => name.startsWith(typed)))];
	if (candidates.length === 0) return {text, candidates};
	let common = candidates[0]!;
	for (const candidate of candidates) while (!candidate.startsWith(common)) common = common.slice(0, -1);
	return {text: candidates.length === 1 ? candidates[0]! : common.length > typed.length ? common : text, candidates};
}

/** The kind after (or before) `id` in Tab order. */
export function cycleKind(id: KindId, step: 1 | -1): KindId {
	const index = KINDS.findIndex((kind) => kind.id === id);
	return KINDS[(index + step + KINDS.length) % KINDS.length]!.id;
}
