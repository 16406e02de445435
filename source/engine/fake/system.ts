/**
 * In-memory system for component tests (see ../fake.ts).
 */
import type {SystemApi} from '../system-api.js';
import type {FakeEngine} from '../fake.js';

/** `engine.system` of the fake engine. */
export class FakeSystem implements SystemApi {
	constructor(private readonly engine: FakeEngine) {}
}
