// The two text formats a resource file or data key can hold. The HTTP API (`@perses-cm/api`)
// uses this schema as it is.
import { z } from 'zod';

export const DocFormat = z.enum(['json', 'yaml']);
export type DocFormat = z.infer<typeof DocFormat>;

/** The files Perses provisioning reads (v0.54.0 `internal/api/provisioning`); others are skipped. */
export function isProvisionedFile(name: string): boolean {
  return /\.(json|ya?ml)$/.test(name);
}
