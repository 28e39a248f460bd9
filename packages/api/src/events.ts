import { z } from 'zod';
import { ResourceSummary } from './resources.ts';
import { StatusEvents } from './status.ts';

/**
 * Messages of `GET /api/v1/events` (Server-Sent Events; the SSE `event:` field is `type`). Events
 * carry an `id:`; a reconnect sending `Last-Event-ID` gets the events it missed replayed.
 */
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
  /**
   * Sent after a reconnect whose `Last-Event-ID` the server can no longer replay (too old, or
   * from before a server restart): re-read the list; the stream continues from here.
   */
  z.object({ type: z.literal('resync'), reason: z.string() }),
  // Provisioning status: see status.ts.
  ...StatusEvents,
]);
export type ResourceEvent = z.infer<typeof ResourceEvent>;
