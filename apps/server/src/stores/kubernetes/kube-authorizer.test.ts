// The authorizer's cache and choice of review, over a recording stand-in for the API server.
import { describe, expect, it, vi } from 'vitest';
import type { Identity } from '../../domain/identity.ts';
import { AppError } from '../../domain/errors.ts';
import { KubeAuthorizer, decisionKey } from './kube-authorizer.ts';
import type { KubeClient } from './kube-client.ts';

const server: Identity = {
  name: 'console',
  groups: ['system:authenticated'],
  source: 'kubeconfig',
};
const alice = (groups: string[]): Identity => ({ name: 'alice', groups, source: 'kubeconfig' });

/**
 * A stand-in for the API server's reviews; `answer` may throw (no answer) or never settle (a hung
 * server), and `unreachable` is what the client last learnt about the API server.
 */
function recordingClient(
  allow: (subject: string) => boolean,
  answer: () => Promise<void> = async () => undefined,
) {
  const asked: string[] = [];
  const client = {
    unreachable: null as string | null,
    accessReview: async (
      verb: string,
      ns: string | null,
      subject?: { user: string; groups: string[] },
    ) => {
      const who = subject ? `${subject.user}[${subject.groups.join(',')}]` : 'self';
      asked.push(`${who} ${verb} ${ns ?? '*'}`);
      await answer();
      return { allowed: allow(who) };
    },
    // A person's own token asks about itself, as the server does (SelfSubjectAccessReview).
    forIdentity(): Pick<KubeClient, 'accessReview'> {
      return this;
    },
  } satisfies Pick<KubeClient, 'accessReview' | 'unreachable'> & {
    forIdentity(): Pick<KubeClient, 'accessReview'>;
  };
  return { client, asked };
}

const down = async () => {
  throw new AppError('unavailable', 'Kubernetes is unreachable: ECONNREFUSED');
};

describe('decisionKey', () => {
  it('tells apart the same user with other groups, and ignores the order of groups', () => {
    const key = (groups: string[]) => decisionKey(alice(groups), 'update', 'team-a');
    expect(key(['dev'])).not.toBe(key(['admins']));
    expect(key(['dev'])).not.toBe(key([]));
    expect(key(['a', 'b'])).toBe(key(['b', 'a']));
    expect(decisionKey(alice([]), 'update', 'team-a')).not.toBe(
      decisionKey(alice([]), 'update', null),
    );
  });

  it('cannot be forged by a name or group holding the separator', () => {
    const odd: Identity = { name: 'alice","x', groups: [], source: 'kubeconfig' };
    expect(decisionKey(odd, 'get', null)).not.toBe(decisionKey(alice(['x']), 'get', null));
  });
});

describe('KubeAuthorizer', () => {
  it('asks about itself with a self review and about others with their user and groups', async () => {
    const { client, asked } = recordingClient((who) => who === 'self' || who.includes('admins'));
    const authz = new KubeAuthorizer(client, server);
    expect((await authz.can(server, 'list', 'team-a')).allowed).toBe(true);
    expect((await authz.can(alice(['dev']), 'create', 'team-a')).allowed).toBe(false);
    expect((await authz.can(alice(['admins']), 'create', 'team-a')).allowed).toBe(true);
    expect(asked).toEqual([
      'self list team-a',
      'alice[dev] create team-a',
      'alice[admins] create team-a',
    ]);
  });

  it('caches per groups: a cached answer for one set of groups is not reused for another', async () => {
    const { client, asked } = recordingClient(() => true);
    // lru-cache takes a start time of 0 for "no TTL": the clock starts later.
    let now = 1_000_000;
    const authz = new KubeAuthorizer(client, server, { ttlMs: 30_000, now: () => now });
    await authz.can(alice(['dev']), 'get', 'team-a');
    await authz.can(alice(['dev']), 'get', 'team-a');
    await authz.can(alice(['ops']), 'get', 'team-a');
    expect(asked).toHaveLength(2);
    now += 30_001;
    await authz.can(alice(['dev']), 'get', 'team-a');
    expect(asked).toHaveLength(3);
  });
});

describe('KubeAuthorizer during an outage', () => {
  it('keeps the last known decision, allowed or not, when the API server stops answering', async () => {
    let answer: () => Promise<void> = async () => undefined;
    const { client, asked } = recordingClient(
      (who) => who === 'self',
      () => answer(),
    );
    // lru-cache takes a start time of 0 for "no TTL": the clock starts later.
    let now = 1_000_000;
    const authz = new KubeAuthorizer(client, server, { ttlMs: 1_000, now: () => now });
    expect(await authz.can(server, 'list', 'team-a')).toEqual({ allowed: true });
    const refused = await authz.can(alice([]), 'list', 'team-a');
    expect(refused.allowed).toBe(false);
    answer = down;
    now += 5_000;
    expect(await authz.can(server, 'list', 'team-a')).toEqual({ allowed: true });
    expect(await authz.can(alice([]), 'list', 'team-a')).toEqual(refused);
    // It did ask: the old answers stood in for ones that did not come.
    expect(asked).toHaveLength(4);
  });

  it('says it cannot check, never "forbidden", about a question never answered', async () => {
    const { client } = recordingClient(() => true, down);
    const authz = new KubeAuthorizer(client, server);
    const err = await authz.can(server, 'get', 'team-b').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('unavailable');
    expect((err as AppError).message).toMatch(/cannot check whether console may get/);
  });

  it('answers a hung review with the last decision after the wait, and learns the late answer', async () => {
    let release: () => void = () => undefined;
    let hang = false;
    let allowed = true;
    const { client } = recordingClient(
      () => allowed,
      () => (hang ? new Promise<void>((r) => (release = r)) : Promise.resolve()),
    );
    // lru-cache takes a start time of 0 for "no TTL": the clock starts later.
    let now = 1_000_000;
    const authz = new KubeAuthorizer(client, server, { ttlMs: 1_000, waitMs: 20, now: () => now });
    await authz.can(alice([]), 'get', 'team-a');
    hang = true;
    allowed = false;
    now += 2_000;
    // The review hangs; the read goes on with the last known answer.
    expect(await authz.can(alice([]), 'get', 'team-a')).toEqual({ allowed: true });
    release();
    await vi.waitFor(async () =>
      expect((await authz.can(alice([]), 'get', 'team-a')).allowed).toBe(false),
    );
  });

  it('answers from the last decision at once while the API server is known to be unreachable', async () => {
    let hang = false;
    const { client, asked } = recordingClient(
      () => true,
      () => (hang ? new Promise<void>(() => undefined) : Promise.resolve()),
    );
    // lru-cache takes a start time of 0 for "no TTL": the clock starts later.
    let now = 1_000_000;
    // A wait longer than the test's own timeout: answering at all proves it did not wait.
    const authz = new KubeAuthorizer(client, server, {
      ttlMs: 1_000,
      waitMs: 60_000,
      now: () => now,
    });
    await authz.can(server, 'get', 'team-a');
    hang = true;
    client.unreachable = 'no answer within 30 s';
    now += 2_000;
    expect(await authz.can(server, 'get', 'team-a')).toEqual({ allowed: true });
    // It still asks in the background, to learn when the API server is back.
    expect(asked).toHaveLength(2);
  });
});

describe('KubeAuthorizer cache bound', () => {
  it('keeps at most `max` decisions: the least recently used is asked again', async () => {
    const { client, asked } = recordingClient(() => true);
    const authz = new KubeAuthorizer(client, server, { max: 3 });
    for (const ns of ['a', 'b', 'c', 'd']) await authz.can(server, 'list', ns);
    await authz.can(server, 'list', 'd');
    await authz.can(server, 'list', 'b');
    expect(asked).toEqual(['self list a', 'self list b', 'self list c', 'self list d']);
    await authz.can(server, 'list', 'a');
    expect(asked).toHaveLength(5);
  });
});
