/**
 * Words for prune: what a kind is called in a count ("1 unused network", "3 stopped containers"),
 * the preview's title and the report after. Networks hold no data, so nothing is said about space
 * for them ("reclaims up to 0B" read as if something were wrong).
 */
import type {PruneKind, PrunePreview, PruneResult} from '../engine/types.js';
import {sanitizeLine} from './sanitize.js';
import {bytesSize} from './stats.js';

const NOUNS: Record<PruneKind, [one: string, many: string]> = {
	containers: ['stopped container', 'stopped containers'],
	'images-dangling': ['dangling image', 'dangling images'],
	'images-unused': ['unused image', 'unused images'],
	volumes: ['unused volume', 'unused volumes'],
	networks: ['unused network', 'unused networks'],
};

/** "1 unused network", "3 stopped containers". */
export function pruneCount(kind: PruneKind, count: number): string {
	const [one, many] = NOUNS[kind];
	return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}

/** Whether pruning this kind frees disk space (networks hold none). */
function reclaimsSpace(kind: PruneKind): boolean {
	return kind !== 'networks';
}

/** The preview dialog's title: "Prune 2 unused volumes: reclaims up to 1.2MiB", "Nothing to prune: no unused images". */
export function prunePreviewTitle(preview: PrunePreview): string {
	const count = preview.items.length;
	if (count === 0) return `Nothing to prune: no ${NOUNS[preview.kind][1]}.`;
	if (!reclaimsSpace(preview.kind)) return `Prune ${pruneCount(preview.kind, count)}?`;
	return `Prune ${pruneCount(preview.kind, count)}: reclaims up to ${bytesSize(preview.reclaimable)}`;
}

/** The busy text while pruning: "Pruning 1 unused network…". */
export function pruningText(preview: PrunePreview): string {
	return `Pruning ${pruneCount(preview.kind, preview.items.length)}…`;
}

/**
 * The report after a prune, from what the daemon said: "Pruned 2 unused volumes (1.2MiB reclaimed,
 * as the daemon reports)", plus any difference from the preview (created or taken into use meanwhile).
 */
export function prunedText(preview: PrunePreview, result: PruneResult): string {
	const expected = new Set(preview.items.map((item) => item.id));
	const surprise = result.removed.filter((id) => !expected.has(id)).length;
	const space = reclaimsSpace(preview.kind) ? ` (${bytesSize(result.reclaimed)} reclaimed, as the daemon reports)` : '';
	return (
		`Pruned ${pruneCount(preview.kind, result.removed.length)}${space}` +
		(surprise > 0 ? `; ${surprise} more than previewed (created meanwhile)` : '') +
		(result.removed.length < expected.size ? `; ${expected.size - result.removed.length} previewed were kept (in use meanwhile)` : '')
	);
}

/**
 * The preview's lines: what goes, one line each (the first 14, then a count), with its size where
 * it holds data, and the tags `prune -a` only removes (the image stays for its other tags).
 */
export function prunePreviewLines(preview: PrunePreview, shown = 14): string[] {
	const items = preview.items;
	return items
		.slice(0, shown)
		.map((item) => `${sanitizeLine(item.name)}  ${item.id.replace(/^sha256:/, '').slice(0, 12)}${reclaimsSpace(preview.kind) ? `  ${bytesSize(item.size)}` : ''}`)
		.concat(items.length > shown ? [`… and ${items.length - shown} more`] : [])
		.concat((preview.untagged ?? []).slice(0, 6).map((tag) => `untagged (image kept): ${sanitizeLine(tag)}`));
}
