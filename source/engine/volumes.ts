/**
 * Volumes on the Docker Engine API. Every answer is read through the shape guards (./shapes.ts) and
 * every failure is an EngineError.
 */
import type {EngineContext} from './context.js';
import type {VolumesApi} from './volumes-api.js';

/** `engine.volumes` of the real engine. */
export class DockerVolumes implements VolumesApi {
	constructor(private readonly context: EngineContext) {}
}
