import { z } from 'zod';

// A finding is the resource model's (one definition, in @perses-cm/resources); the contract sends
// it as it is.
export { Finding } from '@perses-cm/resources';

export const FindingCounts = z.object({
  errors: z.number().int().nonnegative(),
  warnings: z.number().int().nonnegative(),
});
export type FindingCounts = z.infer<typeof FindingCounts>;
