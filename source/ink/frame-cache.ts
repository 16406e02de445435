/**
 * Caches for the Ink swaps that keep what the last frame used and drop the rest. All of them
 * start a new frame together when Ink makes the frame's Output (output.ts): once per rendered
 * frame (Ink makes a second Output for `<Static>` content, which porthole does not use; with it
 * the caches would only help less). Memory follows what is on screen, and nothing outlives the
 * frame after it was last used, so a log flood's texts never live long enough to reach V8's old
 * generation (an LRU of 4,096 texts, as Ink's measure-text.js keeps, holds each for seconds).
 */
const all: Array<FrameCache<unknown>> = [];

/** A two-frame cache. */
export class FrameCache<V> {
	private current = new Map<string, V>();
	private previous = new Map<string, V>();

	constructor() {
		all.push(this as FrameCache<unknown>);
	}

	get(key: string): V | undefined {
		let value = this.current.get(key);
		if (value === undefined) {
			value = this.previous.get(key);
			if (value !== undefined) this.current.set(key, value);
		}
		return value;
	}

	set(key: string, value: V): V {
		this.current.set(key, value);
		return value;
	}

	/** A new frame starts: drop what the frame before last used and this one did not. */
	rotate(): void {
		this.previous = this.current;
		this.current = new Map();
	}
}

/** Every FrameCache starts a new frame. */
export function rotateFrameCaches(): void {
	for (const cache of all) cache.rotate();
}
