// Authorizer backed by the API server's access reviews: about the server itself
// (SelfSubjectAccessReview), about a person signed in with a token (SelfSubjectAccessReview with
// that token), or about another caller, user and groups (SubjectAccessReview).
// Decisions are cached per user, groups, verb and namespace for a short time; while the API server
// cannot answer, the last known decision stands.
import type { Verb } from '@perses-cm/api';
import type { Authorizer, Decision, Identity } from '../../domain/identity.ts';
import type { KubeClient } from './kube-client.ts';

interface Cached {
  at: number;
  decision: Promise<Decision>;
  settled?: Decision;
}

/**
 * The cache key of a decision. Groups are part of it (the same name with other groups may have
 * other rights) and are sorted, so their order does not split the cache.
 */
export function decisionKey(who: Identity, verb: Verb, namespace: string | null): string {
  return JSON.stringify([who.name, [...who.groups].sort(), verb, namespace ?? '']);
}

export class KubeAuthorizer implements Authorizer {
  private cache = new Map<string, Cached>();
  private readonly selfKey: string;

  constructor(
    private readonly client: KubeClient,
    /** The client's own identity: asked about with a SelfSubjectAccessReview. */
    self: Identity,
    private readonly ttlMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {
    this.selfKey = decisionKey(self, 'get', null);
  }

  can(who: Identity, verb: Verb, namespace: string | null): Promise<Decision> {
    const key = decisionKey(who, verb, namespace);
    const hit = this.cache.get(key);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.decision;
    const entry: Cached = { at: this.now(), decision: Promise.resolve({ allowed: false }) };
    const review =
      who.credential?.type === 'token'
        ? // The token's own review also sees what a user name and groups cannot (OIDC extras).
          this.client.forIdentity(who).accessReview(verb, namespace)
        : this.client.accessReview(verb, namespace, this.subjectOf(who));
    entry.decision = review.then(
      (r) => {
        const decision: Decision = r.allowed
          ? { allowed: true }
          : {
              allowed: false,
              reason: `${who.name} may not ${verb} ConfigMaps${namespace ? ` in ${namespace}` : ''}${r.reason ? ` (${r.reason})` : ''}`,
            };
        entry.settled = decision;
        return decision;
      },
      (err: unknown) => {
        this.cache.delete(key);
        if (hit?.settled) return hit.settled;
        return { allowed: false, reason: `cannot check access: ${(err as Error).message}` };
      },
    );
    this.cache.set(key, entry);
    return entry.decision;
  }

  /** Undefined for the server itself (asked about with a SelfSubjectAccessReview). */
  private subjectOf(who: Identity): { user: string; groups: string[] } | undefined {
    const isSelf = !who.credential && decisionKey(who, 'get', null) === this.selfKey;
    return isSelf ? undefined : { user: who.name, groups: who.groups };
  }
}
