import { z } from 'zod';
import { IdentityInfo } from './auth.ts';
import { Target } from './target.ts';

export const Verb = z.enum(['list', 'get', 'create', 'update', 'delete']);
export type Verb = z.infer<typeof Verb>;

export const NamespaceCapabilities = z.object({
  namespace: z.string(),
  /** Verb → allowed; `reasons` says why a verb is denied, for the UI to show. */
  allowed: z.record(Verb, z.boolean()),
  reasons: z.record(z.string(), z.string()),
});
export type NamespaceCapabilities = z.infer<typeof NamespaceCapabilities>;

export const WhoAmIResponse = z.object({
  /** Who: the kubeconfig's user, the local user on a directory, or the signed-in person. */
  identity: IdentityInfo,
  target: Target,
  capabilities: z.array(NamespaceCapabilities),
});
export type WhoAmIResponse = z.infer<typeof WhoAmIResponse>;

export const HealthResponse = z.object({
  status: z.enum(['ok', 'stale', 'starting']),
  detail: z.string().optional(),
  /** Ready, with work still running on its own: items left per task (e.g. `checking`). */
  settling: z.record(z.string(), z.number().int().nonnegative()).optional(),
});
export type HealthResponse = z.infer<typeof HealthResponse>;
