/**
 * Volumes as they cross the engine boundary: plain types and the API the rest of porthole calls
 * (`engine.volumes`). No dockerode here; the real implementation is ./volumes.ts, the fake ./fake/volumes.ts.
 */

/** What porthole asks of the engine about volumes. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in as the kind grows
export interface VolumesApi {}
