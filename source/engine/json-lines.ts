/**
 * The daemon's streams of JSON messages (stats, pull and push progress): one object a line, split
 * across any chunk boundaries. Its own module so every resource's engine file can use it.
 */

/* eslint-disable @typescript-eslint/no-explicit-any -- raw API JSON is untyped until mapped */

/**
 * Split a byte stream of concatenated/newline-separated JSON objects into parsed objects; `reviver`
 * is JSON.parse's (the events stream uses it to keep exact nanoseconds).
 */
export async function* jsonLines(stream: AsyncIterable<Buffer | string>, reviver?: (key: string, value: unknown, context?: {source?: string}) => unknown): AsyncGenerator<any> {
	let pending = '';
	for await (const chunk of stream) {
		pending += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
		let newline: number;
		while ((newline = pending.indexOf('\n')) >= 0) {
			const line = pending.slice(0, newline).trim();
			pending = pending.slice(newline + 1);
			if (line) {
				try {
					yield JSON.parse(line, reviver as ((key: string, value: unknown) => unknown) | undefined);
				} catch {
					// A malformed line from the daemon is skipped rather than ending the stream.
				}
			}
		}
	}
}

