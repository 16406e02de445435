/**
 * Prune with a preview, for every view that offers it (disk usage, the kinds' lists): list exactly
 * what would go and how much space, ask, prune, and report what the daemon said it removed.
 */
import type {Engine, PruneKind} from '../engine/types.js';
import {prunedText, prunePreviewLines, prunePreviewTitle, pruningText} from '../present/prune.js';
import type {DialogStore} from './dialogs.js';
import {runWithStatus, type StatusStore} from './status.js';

/** Preview a prune of `kind`, ask, and prune; resolves with whether anything was pruned. */
export async function pruneWithPreview(engine: Engine, kind: PruneKind, dialogs: DialogStore, status: StatusStore): Promise<boolean> {
	const preview = await runWithStatus(status, {busy: 'Listing what a prune would remove…', done: () => undefined, failed: (message) => `Could not preview the prune: ${message}`}, () => engine.prunePreview(kind));
	if (!preview) return false;
	if (preview.items.length === 0) {
		status.flash(prunePreviewTitle(preview));
		return false;
	}
	const answer = await dialogs.confirm({title: prunePreviewTitle(preview), lines: prunePreviewLines(preview), danger: true});
	if (!answer.yes) return false;
	const result = await runWithStatus(status, {busy: pruningText(preview), done: (pruned) => prunedText(preview, pruned), failed: (message) => `Prune failed: ${message}`}, () => engine.prune(kind));
	return result !== undefined;
}
