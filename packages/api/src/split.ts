import { z } from 'zod';
import { ResourceSummary } from './resources.ts';

/** One resource of a list file or key, and where a split would store it on its own. */
export const SplitItem = z.object({
  kind: z.string(),
  project: z.string().nullable(),
  name: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  /** `namespace/name` and key of the new ConfigMap, or the chart file. */
  target: z
    .discriminatedUnion('type', [
      z.object({
        type: z.literal('configmap'),
        namespace: z.string(),
        name: z.string(),
        key: z.string(),
      }),
      z.object({ type: z.literal('file'), path: z.string() }),
    ])
    .nullable(),
  /** Why this resource cannot be stored on its own (the split is refused while any has one). */
  problem: z.string().nullable(),
});
export type SplitItem = z.infer<typeof SplitItem>;

/** `GET /api/v1/resources/{id}/split`: what a split would write, and what it would remove. */
export const SplitPlan = z.object({
  /** The key or file that holds the list: removed once every resource is stored on its own. */
  source: z.string(),
  /** Version of the source to send back with the split. */
  version: z.string(),
  items: z.array(SplitItem),
  /** Null when the split can be applied; else why not. */
  refused: z.string().nullable(),
});
export type SplitPlan = z.infer<typeof SplitPlan>;

export const SplitRequest = z.object({ version: z.string().min(1) });
export type SplitRequest = z.infer<typeof SplitRequest>;

/** The resources now stored one per ConfigMap (or file), in list order. */
export const SplitResponse = z.object({ created: z.array(ResourceSummary) });
export type SplitResponse = z.infer<typeof SplitResponse>;
