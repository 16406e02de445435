/**
 * Engine errors as codes. The UI branches on `code` (e.g. offer a forced remove on 'must-stop')
 * and shows `message`, which keeps the daemon's own words; it never parses daemon text itself.
 */

/** What went wrong, in terms the UI can act on. */
export type EngineErrorCode =
	| 'unreachable'
	| 'not-responding'
	| 'permission'
	| 'not-found'
	| 'conflict'
	| 'must-stop'
	| 'not-running'
	| 'bad-request'
	| 'read-only'
	| 'aborted'
	| 'engine';

/** An error from the engine boundary. */
export class EngineError extends Error {
	override readonly name = 'EngineError';
	constructor(
		readonly code: EngineErrorCode,
		message: string,
		readonly statusCode?: number,
	) {
		super(message);
	}
}

/**
 * The daemon accepted the request and did not answer in time: a stopped (SIGSTOP) or wedged
 * dockerd, or a proxy in front of it that holds connections. Only a timeout tells it from a slow one.
 */
export function notResponding(endpoint: string, seconds: number): EngineError {
	return new EngineError('not-responding', `Docker at ${endpoint} is not responding (no answer for ${seconds} s).`);
}

interface DockerodeLikeError {
	code?: string;
	errno?: number;
	statusCode?: number;
	reason?: string;
	json?: {message?: string} | null;
	message?: string;
	name?: string;
}

/** The daemon's own message from a dockerode error, without dockerode's "(HTTP code 409) …" prefix. */
function daemonMessage(error: DockerodeLikeError): string {
	if (error.json && typeof error.json === 'object' && typeof error.json.message === 'string') return error.json.message;
	const raw = error.message ?? String(error);
	return raw.replace(/^\(HTTP code \d+\) [^-]*- /, '').trim();
}

/** Map anything thrown by dockerode / the socket into an EngineError. */
export function toEngineError(error: unknown, endpoint: string): EngineError {
	if (error instanceof EngineError) return error;
	const e = (error ?? {}) as DockerodeLikeError;
	if (e.name === 'AbortError' || e.code === 'ABORT_ERR') return new EngineError('aborted', 'aborted');
	switch (e.code) {
		case 'ECONNREFUSED':
		case 'ENOENT':
		case 'ECONNRESET':
		case 'EPIPE':
		case 'ETIMEDOUT':
		case 'EHOSTUNREACH':
		case 'ENOTFOUND':
		case 'ENOTSOCK':
			return new EngineError('unreachable', `Cannot connect to the Docker daemon at ${endpoint}. Is the docker daemon running?`);
		case 'EACCES':
		case 'EPERM':
			return new EngineError(
				'permission',
				`Permission denied while trying to connect to the Docker daemon at ${endpoint}. ` +
					'Your user needs access to the socket (for example membership in the `docker` group, which is root-equivalent: anyone in it can take over the host).',
			);
		default:
			break;
	}
	const message = daemonMessage(e);
	switch (e.statusCode) {
		case 304:
			return new EngineError('conflict', message || 'nothing to do', 304);
		case 400:
			return new EngineError('bad-request', message, 400);
		case 404:
			return new EngineError('not-found', message, 404);
		case 409: {
			if (/stop the container before|cannot remove a running container|You cannot remove a running container/i.test(message))
				return new EngineError('must-stop', message, 409);
			if (/is not running/i.test(message)) return new EngineError('not-running', message, 409);
			return new EngineError('conflict', message, 409);
		}
		default:
			if (e.statusCode) return new EngineError('engine', message, e.statusCode);
			return new EngineError('engine', message || 'unknown engine error');
	}
}
