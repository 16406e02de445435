/**
 * Shape guards for the daemon's answers. Nothing the daemon sends is trusted to have the shape
 * its documentation gives: lists come back as `null` (Engine 20.10 `/containers/{id}/changes`
 * with no changes), fields are missing or `null` on older API versions, and docker-modem hands
 * back a Buffer instead of JSON whenever the body parses to something falsy (`null`, empty) or
 * not at all. The mappers in this directory read raw answers only through these helpers, once,
 * so everything above the engine boundary gets the plain types of ./types.ts.
 */

/* eslint-disable @typescript-eslint/no-explicit-any -- raw API JSON is untyped until mapped */

/**
 * The JSON value an answer holds. docker-modem returns the parsed body, or the raw Buffer when
 * parsing gave a falsy value or failed: a body of `null\n` arrives as a Buffer holding `null\n`.
 * An empty or unparseable body is `undefined`.
 */
export function jsonOf(raw: unknown): unknown {
	if (!(raw instanceof Uint8Array)) return raw;
	const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8').trim();
	if (!text) return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/** The answer as a list: anything but a JSON array (null, an object, a Buffer of `null`) is empty. */
export function listOf(raw: unknown): any[] {
	const value = jsonOf(raw);
	return Array.isArray(value) ? value : [];
}

/** The answer as an object: anything but a JSON object (null, a list, a string) is empty. */
export function recordOf(raw: unknown): Record<string, any> {
	const value = jsonOf(raw);
	return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, any>) : {};
}

/** A text field: strings as they are, numbers and booleans written out, anything else the fallback. */
export function textOf(value: unknown, fallback = ''): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
	return fallback;
}

/** A numeric field: finite numbers and numeric strings; anything else (null, NaN, objects) the fallback. */
export function numberOf(value: unknown, fallback = 0): number {
	if (typeof value === 'number') return Number.isFinite(value) ? value : fallback;
	if (typeof value === 'string' && value.trim() !== '') {
		const parsed = Number(value);
		return Number.isFinite(parsed) ? parsed : fallback;
	}
	return fallback;
}

/** A string-to-string map (labels, event attributes): non-text values are dropped, null is empty. */
export function stringMapOf(value: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, entry] of Object.entries(recordOf(value))) {
		if (entry === null || entry === undefined || typeof entry === 'object') continue;
		out[key] = textOf(entry);
	}
	return out;
}

/** A string-to-number map (memory stats): non-numeric values are dropped, null is empty. */
export function numberMapOf(value: unknown): Record<string, number> {
	const out: Record<string, number> = {};
	for (const [key, entry] of Object.entries(recordOf(value))) if (typeof entry === 'number' && Number.isFinite(entry)) out[key] = entry;
	return out;
}
