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

/**
 * Which namespaces a caller may read (null: a chart directory's, or nothing of a namespace). What
 * a person is shown per namespace follows it, as the resource list does.
 */
export type Visible = (namespace: string | null) => boolean;

/** The namespaces of `namespaces` that `who` may list ConfigMaps in; no answer hides one. */
export async function listableBy(
  authorizer: Authorizer,
  who: Identity,
  namespaces: Iterable<string>,
): Promise<Visible> {
  const allowed = new Set<string>();
  await Promise.all(
    [...new Set(namespaces)].map(async (ns) => {
      const d = await authorizer.can(who, 'list', ns).catch(() => null);
      if (d?.allowed) allowed.add(ns);
    }),
  );
  return (ns) => ns === null || allowed.has(ns);
}
