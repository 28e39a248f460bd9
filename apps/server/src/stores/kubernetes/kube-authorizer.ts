// Authorizer backed by SelfSubjectAccessReview, cached per identity, verb and namespace for a
// short time. While the API server cannot answer, the last known decision stands.
import type { Verb } from '@perses-cm/api';
import type { Authorizer, Decision, Identity } from '../../domain/identity.ts';
import type { KubeClient } from './kube-client.ts';

interface Cached {
  at: number;
  decision: Promise<Decision>;
  settled?: Decision;
}

export class KubeAuthorizer implements Authorizer {
  private cache = new Map<string, Cached>();

  constructor(
    private readonly client: KubeClient,
    private readonly ttlMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  can(who: Identity, verb: Verb, namespace: string | null): Promise<Decision> {
    // Later, per-user identities review through impersonation; today `who` is the client's own.
    const key = `${who.name}\n${verb}\n${namespace ?? ''}`;
    const hit = this.cache.get(key);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.decision;
    const entry: Cached = { at: this.now(), decision: Promise.resolve({ allowed: false }) };
    entry.decision = this.client.accessReview(verb, namespace).then(
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
}
