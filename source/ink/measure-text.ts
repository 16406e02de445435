/**
 * Ink's `measure-text.js` (a text node's width and height for layout) with a frame cache
 * (frame-cache.ts) instead of Ink's LRU of 4,096 texts: same answers, but a flood's log lines are
 * let go a frame after they leave the screen instead of seconds later. Swapped in by
 * scripts/build.mjs; compared with Ink's own in test/unit/ink-output.test.ts.
 */
import widestLine from 'widest-line';
import {FrameCache} from './frame-cache.js';

const cache = new FrameCache<{width: number; height: number}>();

/** Width (widest line) and height (lines) of a text. */
export default function measureText(text: string): {width: number; height: number} {
	if (text.length === 0) return {width: 0, height: 0};
	return cache.get(text) ?? cache.set(text, {width: widestLine(text), height: text.split('\n').length});
}
