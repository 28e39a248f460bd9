import { z } from 'zod';

// A finding is the resource model's (one definition, in @perses-cm/resources); the contract sends
// it as it is.
export { Finding } from '@perses-cm/resources';

export const FindingCounts = z.object({
  errors: z.number().int().nonnegative(),
  warnings: z.number().int().nonnegative(),
  /**
   * True while the resource's own findings are not known yet: the console indexed it from a
   * summary at start and checks it in the background (GET of the resource checks it at once).
   * The counts then hold only what is known (where it is stored, clashes with others): a pending
   * resource is never clean.
   */
  pending: z.literal(true).optional(),
});
export type FindingCounts = z.infer<typeof FindingCounts>;
