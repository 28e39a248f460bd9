// Who is asking: the server's own identity (kubeconfig user, ServiceAccount, or the local user on
// a directory), or a person signed in through an auth proxy or with their own token, on whose
// behalf the server calls Kubernetes.
import type { IdentitySource, Verb } from '@perses-cm/api';
import type { Secret } from './secret.ts';

/**
 * How the server acts on Kubernetes for a person: impersonating them (proxy mode), or with
 * their own token (token mode). Absent: the server acts as itself.
 */
export type Credential = { type: 'impersonate' } | { type: 'token'; token: Secret };

export interface Identity {
  name: string;
  groups: string[];
  source: IdentitySource;
  credential?: Credential;
  /** Aborted when the identity's session ends (sign-out, idle timeout): open streams close. */
  ended?: AbortSignal;
}

/** Whether the identity is a person the server acts for, rather than the server itself. */
export function isPerson(who: Identity): boolean {
  return who.credential !== undefined;
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
