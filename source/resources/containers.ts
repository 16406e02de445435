/**
 * The containers, as a kind: their identity for the `:` command line, the header and Tab. Their
 * list, columns and actions live in store/containers.ts, present/columns.ts and the key table's
 * `containers` scope (see kind.ts for why).
 */
import type {KindIdentity} from './kind.js';

/** `:containers`, `:co`, `:ps`. */
export const containersKind: KindIdentity = {
	id: 'containers',
	title: 'Containers',
	singular: 'container',
	aliases: ['containers', 'container', 'co', 'ps'],
};
