/**
 * Networks as they cross the engine boundary: plain types and the API the rest of porthole calls
 * (`engine.networks`). No dockerode here; the real implementation is ./networks.ts, the fake ./fake/networks.ts.
 */

/** What porthole asks of the engine about networks. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in as the kind grows
export interface NetworksApi {}
