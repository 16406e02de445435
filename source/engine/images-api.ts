/**
 * Images as they cross the engine boundary: plain types and the API the rest of porthole calls
 * (`engine.images`). No dockerode here; the real implementation is ./images.ts, the fake ./fake/images.ts.
 */

/** What porthole asks of the engine about images. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in as the kind grows
export interface ImagesApi {}
