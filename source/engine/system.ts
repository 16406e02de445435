/**
 * System on the Docker Engine API. Every answer is read through the shape guards (./shapes.ts) and
 * every failure is an EngineError.
 */
import type {EngineContext} from './context.js';
import type {SystemApi} from './system-api.js';

/** `engine.system` of the real engine. */
export class DockerSystem implements SystemApi {
	constructor(private readonly context: EngineContext) {}
}
