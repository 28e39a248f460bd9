// Who is asking. Today the identity is the server's own (kubeconfig user, or the local user on a
// directory); a later sign-in adds per-request identities used for impersonation.
import type { Verb } from '@perses-cm/api';

export interface Identity {
  name: string;
  groups: string[];
  source: 'kubeconfig' | 'in-cluster' | 'directory';
}

export interface Decision {
  allowed: boolean;
  reason?: string;
}

/** Answers whether an identity may act on labeled ConfigMaps of a namespace (null: cluster-wide). */
export interface Authorizer {
  can(who: Identity, verb: Verb, namespace: string | null): Promise<Decision>;
}

export const allowAll: Authorizer = {
  can: async () => ({ allowed: true }),
};
