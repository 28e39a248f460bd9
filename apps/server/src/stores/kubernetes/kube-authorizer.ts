// Authorizer backed by the API server's access reviews: about the server itself
// (SelfSubjectAccessReview), about a person signed in with a token (SelfSubjectAccessReview with
// that token), or about another caller, user and groups (SubjectAccessReview).
// Decisions are cached per user, groups, verb and namespace in a bounded LRU for a short time.
// While the API server cannot answer, the last known decision stands: an outage must not turn
// into "forbidden", nor make every read wait for a review that will not come.
import { LRUCache } from 'lru-cache';
import type { Verb } from '@perses-cm/api';
import { AppError } from '../../domain/errors.ts';
import type { Authorizer, Decision, Identity } from '../../domain/identity.ts';
import type { KubeClient } from './kube-client.ts';

export interface AuthorizerOptions {
  /** How long a decision is used without asking again. */
  ttlMs?: number;
  /** Decisions kept; the least recently used go first (every `?namespace=` value makes one). */
  max?: number;
  /** How long a read waits for a new answer before the last known decision stands in. */
  waitMs?: number;
  /** Clock of the TTL (tests move it). */
  now?: () => number;
}

type Client = Pick<KubeClient, 'accessReview' | 'unreachable'> & {
  forIdentity(who: Identity): Pick<KubeClient, 'accessReview'>;
};

/**
 * The cache key of a decision. Groups are part of it (the same name with other groups may have
 * other rights) and are sorted, so their order does not split the cache.
 */
export function decisionKey(who: Identity, verb: Verb, namespace: string | null): string {
  return JSON.stringify([who.name, [...who.groups].sort(), verb, namespace ?? '']);
}

interface Question {
  who: Identity;
  verb: Verb;
  namespace: string | null;
}

export class KubeAuthorizer implements Authorizer {
  private readonly cache: LRUCache<string, Decision, Question>;
  private readonly selfKey: string;
  private readonly waitMs: number;

  constructor(
    private readonly client: Client,
    /** The client's own identity: asked about with a SelfSubjectAccessReview. */
    self: Identity,
    options: AuthorizerOptions = {},
  ) {
    this.selfKey = decisionKey(self, 'get', null);
    this.waitMs = options.waitMs ?? 2_000;
    const ttl = options.ttlMs ?? 30_000;
    this.cache = new LRUCache<string, Decision, Question>({
      max: options.max ?? 10_000,
      ttl,
      ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
      // An expired decision stays as the fallback until a new answer replaces it or it is evicted.
      noDeleteOnStaleGet: true,
      // A refresh that outlives the wait still lands in the cache for the next request.
      ignoreFetchAbort: true,
      allowStaleOnFetchAbort: true,
      fetchMethod: (_key, last, { context, options: entry }) =>
        this.review(context).catch((err: unknown) => {
          if (last === undefined || (err as AppError).code !== 'unavailable') throw err;
          // Keep the last known decision; ask again soon rather than after a whole TTL.
          entry.ttl = Math.min(ttl, this.waitMs);
          return last;
        }),
    });
  }

  /**
   * Rejects with `unavailable` only when the API server cannot answer and nothing is known about
   * this caller, verb and namespace: an unknown answer is not a refusal.
   */
  async can(who: Identity, verb: Verb, namespace: string | null): Promise<Decision> {
    const key = decisionKey(who, verb, namespace);
    const context: Question = { who, verb, namespace };
    const known = this.cache.peek(key, { allowStale: true }) !== undefined;
    const decision = await this.cache.fetch(key, {
      context,
      // Known to be down: answer with what is known now, and let the refresh find out.
      allowStale: known && this.client.unreachable !== null,
      signal: known ? AbortSignal.timeout(this.waitMs) : undefined,
    });
    if (!decision) throw new AppError('internal', 'no access decision');
    return decision;
  }

  private async review({ who, verb, namespace }: Question): Promise<Decision> {
    let r: { allowed: boolean; reason?: string };
    try {
      r =
        who.credential?.type === 'token'
          ? // The token's own review also sees what a user name and groups cannot (OIDC extras).
            await this.client.forIdentity(who).accessReview(verb, namespace)
          : await this.client.accessReview(verb, namespace, this.subjectOf(who));
    } catch (err) {
      // A refusal of the review itself is an answer; anything else means no answer.
      if (err instanceof AppError && (err.code === 'forbidden' || err.code === 'unauthorized'))
        throw err;
      throw new AppError(
        'unavailable',
        `cannot check whether ${who.name} may ${verb} ConfigMaps${namespace ? ` in ${namespace}` : ''}: ${(err as Error).message}`,
      );
    }
    return r.allowed
      ? { allowed: true }
      : {
          allowed: false,
          reason: `${who.name} may not ${verb} ConfigMaps${namespace ? ` in ${namespace}` : ''}${r.reason ? ` (${r.reason})` : ''}`,
        };
  }

  /** Undefined for the server itself (asked about with a SelfSubjectAccessReview). */
  private subjectOf(who: Identity): { user: string; groups: string[] } | undefined {
    const isSelf = !who.credential && decisionKey(who, 'get', null) === this.selfKey;
    return isSelf ? undefined : { user: who.name, groups: who.groups };
  }
}
