import { z } from 'zod';
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
  identity: z.object({
    name: z.string(),
    groups: z.array(z.string()),
    /** How the identity was established: the kubeconfig's user, or the local user on a directory. */
    source: z.enum(['kubeconfig', 'in-cluster', 'directory']),
  }),
  target: Target,
  capabilities: z.array(NamespaceCapabilities),
});
export type WhoAmIResponse = z.infer<typeof WhoAmIResponse>;

export const HealthResponse = z.object({
  status: z.enum(['ok', 'stale', 'starting']),
  detail: z.string().optional(),
});
export type HealthResponse = z.infer<typeof HealthResponse>;
