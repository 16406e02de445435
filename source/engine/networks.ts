/**
 * Networks on the Docker Engine API. Every answer is read through the shape guards (./shapes.ts) and
 * every failure is an EngineError.
 */
import type {EngineContext} from './context.js';
import type {NetworksApi} from './networks-api.js';

/** `engine.networks` of the real engine. */
export class DockerNetworks implements NetworksApi {
	constructor(private readonly context: EngineContext) {}
}
