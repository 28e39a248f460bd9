// Access reviews on the real kube-apiserver: the server's own rights (SelfSubjectAccessReview) and
// those of other callers, the stack's editor and viewer (SubjectAccessReview), groups included.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '../../domain/identity.ts';
import { stackEnv } from '../../testing/kube-fixture.ts';
import { KubeAuthorizer } from './kube-authorizer.ts';
import { KubeClient } from './kube-client.ts';

const user = (name: string, groups = ['system:authenticated']): Identity => ({
  name,
  groups,
  source: 'kubeconfig',
});
let authz: KubeAuthorizer;
let self: Identity;

beforeAll(async () => {
  const client = new KubeClient({
    type: 'kubernetes',
    kubeconfig: stackEnv().kubeconfigs.admin,
    context: null,
    inCluster: false,
    namespaces: null,
  });
  const me = await client.whoami();
  self = { name: me.name, groups: me.groups, source: 'kubeconfig' };
  authz = new KubeAuthorizer(client, self);
});

describe('KubeAuthorizer on kube-apiserver', () => {
  it('answers for the server itself', async () => {
    expect(self.groups).toContain('system:masters');
    expect((await authz.can(self, 'delete', 'team-b')).allowed).toBe(true);
  });

  it('answers for the editor: ConfigMap writes in team-a only, reads everywhere', async () => {
    const editor = user('editor');
    expect((await authz.can(editor, 'create', 'team-a')).allowed).toBe(true);
    expect((await authz.can(editor, 'list', 'team-b')).allowed).toBe(true);
    const denied = await authz.can(editor, 'create', 'team-b');
    expect(denied.allowed).toBe(false);
    expect(denied.reason).toMatch(/^editor may not create ConfigMaps in team-b/);
  });

  it('answers for the viewer: reads, never writes', async () => {
    const viewer = user('viewer');
    expect((await authz.can(viewer, 'list', 'team-a')).allowed).toBe(true);
    expect((await authz.can(viewer, 'update', 'team-a')).allowed).toBe(false);
    expect((await authz.can(viewer, 'delete', null)).allowed).toBe(false);
  });

  it('asks with the caller’s groups: the same name in another group gets that group’s rights', async () => {
    expect((await authz.can(user('viewer'), 'delete', 'team-b')).allowed).toBe(false);
    const masters = user('viewer', ['system:authenticated', 'system:masters']);
    expect((await authz.can(masters, 'delete', 'team-b')).allowed).toBe(true);
  });
});
