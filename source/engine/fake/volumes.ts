/**
 * In-memory volumes for component tests (see ../fake.ts).
 */
import type {VolumesApi} from '../volumes-api.js';
import type {FakeEngine} from '../fake.js';

/** `engine.volumes` of the fake engine. */
export class FakeVolumes implements VolumesApi {
	constructor(private readonly engine: FakeEngine) {}
}
