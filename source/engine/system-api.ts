/**
 * System as they cross the engine boundary: plain types and the API the rest of porthole calls
 * (`engine.system`). No dockerode here; the real implementation is ./system.ts, the fake ./fake/system.ts.
 */

/** What porthole asks of the engine about system. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in as the kind grows
export interface SystemApi {}
