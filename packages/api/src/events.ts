import { z } from 'zod';
import { ResourceSummary } from './resources.ts';

/** Messages of `GET /api/v1/events` (Server-Sent Events; the SSE `event:` field is `type`). */
export const ResourceEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('added'), resource: ResourceSummary }),
  z.object({ type: z.literal('modified'), resource: ResourceSummary }),
  z.object({
    type: z.literal('deleted'),
    resource: ResourceSummary,
  }),
  /** The store cannot refresh (watch failing); reads are served from a possibly old cache. */
  z.object({ type: z.literal('stale'), reason: z.string() }),
  z.object({ type: z.literal('recovered') }),
]);
export type ResourceEvent = z.infer<typeof ResourceEvent>;
