/**
 * In-memory images for component tests (see ../fake.ts).
 */
import type {ImagesApi} from '../images-api.js';
import type {FakeEngine} from '../fake.js';

/** `engine.images` of the fake engine. */
export class FakeImages implements ImagesApi {
	constructor(private readonly engine: FakeEngine) {}
}
