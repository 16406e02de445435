// Prune's words: counts with the right number, the kind's human name, and nothing about space
// for networks (they hold none).
import {describe, expect, it} from 'vitest';
import type {PruneKind, PrunePreview} from '../../source/engine/types.js';
import {prunedText, prunePreviewTitle, pruningText} from '../../source/present/prune.js';

const preview = (kind: PruneKind, sizes: number[]): PrunePreview => ({
	kind,
	items: sizes.map((size, i) => ({id: `id${i}`, name: `item${i}`, size})),
	reclaimable: sizes.reduce((sum, size) => sum + size, 0),
});

describe('prunePreviewTitle', () => {
	it.each<[PruneKind, number[], string]>([
		['networks', [0], 'Prune 1 unused network?'],
		['networks', [0, 0], 'Prune 2 unused networks?'],
		['containers', [2048], 'Prune 1 stopped container: reclaims up to 2KiB'],
		['volumes', [1024, 1024, 1024], 'Prune 3 unused volumes: reclaims up to 3KiB'],
		['images-dangling', [], 'Nothing to prune: no dangling images.'],
		['images-unused', [], 'Nothing to prune: no unused images.'],
		['networks', [], 'Nothing to prune: no unused networks.'],
	])('%s %j → %s', (kind, sizes, title) => {
		expect(prunePreviewTitle(preview(kind, sizes))).toBe(title);
	});
});

describe('after a prune', () => {
	it('says what was pruned by its name, with space only where there is any', () => {
		expect(pruningText(preview('networks', [0]))).toBe('Pruning 1 unused network…');
		expect(prunedText(preview('networks', [0]), {kind: 'networks', removed: ['id0'], reclaimed: 0})).toBe('Pruned 1 unused network');
		expect(prunedText(preview('volumes', [1024, 1024]), {kind: 'volumes', removed: ['id0', 'id1', 'new'], reclaimed: 3072})).toBe(
			'Pruned 3 unused volumes (3KiB reclaimed, as the daemon reports); 1 more than previewed (created meanwhile)',
		);
		expect(prunedText(preview('containers', [10, 10]), {kind: 'containers', removed: ['id0'], reclaimed: 10})).toBe(
			'Pruned 1 stopped container (10B reclaimed, as the daemon reports); 1 previewed were kept (in use meanwhile)',
		);
	});
});
