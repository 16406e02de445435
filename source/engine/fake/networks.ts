/**
 * In-memory networks for component tests (see ../fake.ts).
 */
import type {NetworksApi} from '../networks-api.js';
import type {FakeEngine} from '../fake.js';

/** `engine.networks` of the fake engine. */
export class FakeNetworks implements NetworksApi {
	constructor(private readonly engine: FakeEngine) {}
}
