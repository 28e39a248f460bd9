// Apply now: after the ConfigMap write, the console also writes the resource through the Perses
// API, so Perses serves it at once instead of at the next provisioning cycle. The ConfigMap stays
// the source of truth: the next cycle writes the same content.
import { z } from 'zod';

/** `GET /api/v1/apply-now`: whether the console can write through to Perses, and if not why. */
export const ApplyNowAvailability = z.object({
  available: z.boolean(),
  /** Why not: Perses read-only, the console's Perses identity may not write (403), unreachable. */
  reason: z.string().nullable(),
  /** Where the console reaches Perses, for people. */
  perses: z.string().nullable(),
  /** Whether the save review starts with it on (a setting). */
  byDefault: z.boolean().default(true),
});
export type ApplyNowAvailability = z.infer<typeof ApplyNowAvailability>;

/**
 * What became of the direct write asked for with `applyNow`:
 * - `applied`: Perses took it (and the Project first, when `projectApplied` names it);
 * - `failed`: the ConfigMap is saved but Perses did not take it (`message` says why);
 *   provisioning takes it at its next cycle;
 * - `skipped`: not tried (apply now unavailable, or nothing to do), `message` says why.
 */
export const ApplyOutcome = z.object({
  outcome: z.enum(['applied', 'failed', 'skipped']),
  message: z.string(),
  projectApplied: z.string().nullable(),
});
export type ApplyOutcome = z.infer<typeof ApplyOutcome>;

/** `DELETE /api/v1/resources/{id}?applyNow=true`: the ConfigMap is deleted; the Perses side. */
export const DeleteResourceResponse = z.object({ applied: ApplyOutcome });
export type DeleteResourceResponse = z.infer<typeof DeleteResourceResponse>;

/** A resource's status detail after a direct write of its current content. */
export const DirectApply = z.object({
  at: z.iso.datetime({ offset: true }),
  outcome: z.enum(['applied', 'failed']),
  /** Why Perses did not take it (failed). */
  message: z.string().nullable(),
  /** The first provisioning cycle seen after the direct write (it wrote the same content). */
  confirmedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type DirectApply = z.infer<typeof DirectApply>;
