/**
 * Images on the Docker Engine API. Every answer is read through the shape guards (./shapes.ts) and
 * every failure is an EngineError.
 */
import type {EngineContext} from './context.js';
import type {ImagesApi} from './images-api.js';

/** `engine.images` of the real engine. */
export class DockerImages implements ImagesApi {
	constructor(private readonly context: EngineContext) {}
}
