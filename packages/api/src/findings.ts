import { z } from 'zod';

/** A lint or validation finding, as produced by @perses-cm/resources and by Perses's validator. */
export const Finding = z.object({
  path: z.string().optional(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  severity: z.enum(['error', 'warning']),
  rule: z.string(),
  message: z.string(),
  kind: z.string().optional(),
  project: z.string().optional(),
  name: z.string().optional(),
  field: z.string().optional(),
});
export type Finding = z.infer<typeof Finding>;

export const FindingCounts = z.object({
  errors: z.number().int().nonnegative(),
  warnings: z.number().int().nonnegative(),
});
export type FindingCounts = z.infer<typeof FindingCounts>;
