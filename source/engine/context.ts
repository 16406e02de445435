/**
 * What every part of the real engine shares: the dockerode client, the endpoint for error texts,
 * and the answer timeout for requests the connection's health is judged by. DockerEngine builds one
 * and hands it to each resource's module (images.ts, volumes.ts, networks.ts, system.ts), so a
 * resource is a file of its own behind the same boundary, and read-only (enforced on the client's
 * modem) covers them all.
 */
import type Docker from 'dockerode';
import {EngineError, notResponding, toEngineError} from './errors.js';

/** The engine's shared plumbing, for the per-resource modules. */
export interface EngineContext {
	/** The dockerode client (read-only mode already wraps its modem). */
	readonly docker: Docker;
	/** The endpoint URL, for error messages. */
	readonly url: string;
	/** The answer timeout in ms (see ANSWER_TIMEOUT_MS). */
	readonly answerTimeoutMs: number;
}

/**
 * Run a request that must be answered within the context's answer timeout (for a stream: its
 * headers). The request gets a signal that aborts with the caller's or when the time is up; the
 * latter throws EngineError('not-responding').
 */
export async function answered<T>(context: EngineContext, signal: AbortSignal | undefined, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
	const deadline = new AbortController();
	let timedOut = false;
	const onAbort = () => deadline.abort(signal?.reason);
	if (signal?.aborted) deadline.abort(signal.reason);
	else signal?.addEventListener('abort', onAbort, {once: true});
	const timer = setTimeout(() => {
		timedOut = true;
		deadline.abort();
	}, context.answerTimeoutMs);
	try {
		return await call(deadline.signal);
	} catch (error) {
		if (timedOut) throw notResponding(context.url, Math.round(context.answerTimeoutMs / 100) / 10);
		throw error;
	} finally {
		// Answered (or failed): a stream's life from here is the caller's to end, through its own
		// signal; the long-lived signals callers pass must not gather a listener per request.
		clearTimeout(timer);
		signal?.removeEventListener('abort', onAbort);
	}
}

/** Run a call and turn whatever it throws into an EngineError naming the endpoint. */
export async function mapped<T>(context: EngineContext, call: () => Promise<T>): Promise<T> {
	try {
		return await call();
	} catch (error) {
		throw toEngineError(error, context.url);
	}
}

export {EngineError};
