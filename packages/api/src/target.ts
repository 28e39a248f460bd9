import { z } from 'zod';

export const LabelSelector = z.object({
  key: z.string(),
  /** Unset: any value of the label matches (as the sidecar's LABEL without LABEL_VALUE). */
  value: z.string().optional(),
});
export type LabelSelector = z.infer<typeof LabelSelector>;

/** What the server edits: a cluster (context and namespaces) or a chart directory. */
export const Target = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('kubernetes'),
    cluster: z.string(),
    context: z.string().optional(),
    server: z.string(),
    /** `'all'` when the server watches every namespace. */
    namespaces: z.union([z.literal('all'), z.array(z.string())]),
    label: LabelSelector,
  }),
  z.object({
    type: z.literal('directory'),
    path: z.string(),
  }),
]);
export type Target = z.infer<typeof Target>;

/** Header that carries a short description of the active target on every API response. */
export const TARGET_HEADER = 'x-perses-cm-target';
