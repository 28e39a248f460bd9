// The authorizer's cache and choice of review, over a recording stand-in for the API server.
import { describe, expect, it } from 'vitest';
import type { Identity } from '../../domain/identity.ts';
import { KubeAuthorizer, decisionKey } from './kube-authorizer.ts';
import type { KubeClient } from './kube-client.ts';

const server: Identity = {
  name: 'console',
  groups: ['system:authenticated'],
  source: 'kubeconfig',
};
const alice = (groups: string[]): Identity => ({ name: 'alice', groups, source: 'kubeconfig' });

function recordingClient(allow: (subject: string) => boolean) {
  const asked: string[] = [];
  const client = {
    accessReview: async (
      verb: string,
      ns: string | null,
      subject?: { user: string; groups: string[] },
    ) => {
      const who = subject ? `${subject.user}[${subject.groups.join(',')}]` : 'self';
      asked.push(`${who} ${verb} ${ns ?? '*'}`);
      return { allowed: allow(who) };
    },
  } as unknown as KubeClient;
  return { client, asked };
}

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
    let now = 0;
    const authz = new KubeAuthorizer(client, server, 30_000, () => now);
    await authz.can(alice(['dev']), 'get', 'team-a');
    await authz.can(alice(['dev']), 'get', 'team-a');
    await authz.can(alice(['ops']), 'get', 'team-a');
    expect(asked).toHaveLength(2);
    now = 30_001;
    await authz.can(alice(['dev']), 'get', 'team-a');
    expect(asked).toHaveLength(3);
  });
});
