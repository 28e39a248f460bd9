// What a 409 `already_exists` and a namespace filter tell a caller, asked as a ServiceAccount that
// may read and create ConfigMaps in team-b only, on a console that watches team-a and team-b:
// the existing resource's text (a Perses Secret, with its password) only where the caller may
// read it, and nothing at all about namespaces the console does not watch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthenticationV1Api,
  KubeConfig,
  RbacAuthorizationV1Api,
  type CoreV1Api,
} from '@kubernetes/client-node';
import { resourceToConfigMap } from '@perses-cm/resources';
import type { Identity } from './domain/identity.ts';
import type { RunningServer } from './main.ts';
import { apiClient } from './testing/api-client.ts';
import { core, stackEnv, startKubeServer, uniq, type StackEnv } from './testing/kube-fixture.ts';
import { eventually } from './testing/sse.ts';

/** Unique per run: the stack may be reused by the next run. */
const SA = uniq('team-b-reader');
let env: StackEnv;
let admin: CoreV1Api;
let reader: Identity;
let srv: RunningServer;
let rbac: RbacAuthorizationV1Api;

const secret = (name: string, password: string) => ({
  kind: 'Secret',
  metadata: { project: 'leaks', name },
  spec: { basicAuth: { username: 'svc', password } },
});

/** A ServiceAccount with get/list/watch/create on ConfigMaps of team-b, as the API server names it. */
async function serviceAccountIdentity(): Promise<Identity> {
  const kc = new KubeConfig();
  kc.loadFromFile(env.kubeconfigs.admin);
  rbac = kc.makeApiClient(RbacAuthorizationV1Api);
  await admin.createNamespacedServiceAccount({
    namespace: 'team-b',
    body: { metadata: { name: SA } },
  });
  await rbac.createNamespacedRole({
    namespace: 'team-b',
    body: {
      metadata: { name: SA },
      rules: [
        { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch', 'create'] },
      ],
    },
  });
  await rbac.createNamespacedRoleBinding({
    namespace: 'team-b',
    body: {
      metadata: { name: SA },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: SA },
      subjects: [{ kind: 'ServiceAccount', name: SA, namespace: 'team-b' }],
    },
  });
  const token = await admin.createNamespacedServiceAccountToken({
    namespace: 'team-b',
    name: SA,
    body: { spec: { audiences: [], expirationSeconds: 600 } },
  });
  // Who the API server says the token is: user and groups exactly as reviews will see them.
  const as = new KubeConfig();
  as.loadFromOptions({
    clusters: kc.clusters,
    users: [{ name: SA, token: token.status?.token }],
    contexts: [{ name: SA, cluster: kc.getCurrentCluster()?.name ?? '', user: SA }],
    currentContext: SA,
  });
  const review = await as.makeApiClient(AuthenticationV1Api).createSelfSubjectReview({
    body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
  });
  const info = review.status?.userInfo;
  return { name: info?.username ?? '', groups: info?.groups ?? [], source: 'kubeconfig' };
}

beforeAll(async () => {
  env = stackEnv();
  admin = core(env.kubeconfigs.admin);
  reader = await serviceAccountIdentity();
  expect(reader.name).toBe(`system:serviceaccount:team-b:${SA}`);
  // The console runs as admin and watches both namespaces; requests come from the ServiceAccount.
  srv = await startKubeServer(
    env.kubeconfigs.admin,
    ['team-a', 'team-b'],
    {},
    {
      identify: async () => reader,
    },
  );
});
afterAll(async () => {
  await srv?.close();
  const gone = { namespace: 'team-b', name: SA };
  await admin.deleteNamespacedServiceAccount(gone).catch(() => 0);
  await rbac?.deleteNamespacedRoleBinding(gone).catch(() => 0);
  await rbac?.deleteNamespacedRole(gone).catch(() => 0);
});

async function seed(namespace: string, doc: object) {
  const cm = resourceToConfigMap(doc, { namespace });
  await admin.createNamespacedConfigMap({ namespace, body: cm });
  await eventually(
    () => srv.index.idsOfContainer(`cm:${namespace}/${cm.metadata.name}`).length > 0,
    5_000,
    'indexed',
  );
}

describe('409 already_exists', () => {
  it('does not show a resource the caller may not read, nor where it is', async () => {
    const name = uniq('hidden');
    const password = uniq('pw-team-a');
    await seed('team-a', secret(name, password));
    const res = await apiClient(srv.url).create({
      document: secret(name, 'mine'),
      namespace: 'team-b',
    });
    expect(res.status).toBe(409);
    expect(res.error.code).toBe('already_exists');
    expect(res.error.details).toBeUndefined();
    expect(JSON.stringify(res.error)).not.toContain(password);
    expect(res.error.message).not.toContain('team-a');
    expect(res.error.message).toMatch(/already exists, in a namespace you may not read/);
  });

  it('shows it, with where it is, to a caller who may read it there', async () => {
    const name = uniq('visible');
    const password = uniq('pw-team-b');
    await seed('team-b', secret(name, password));
    const res = await apiClient(srv.url).create({
      document: secret(name, 'mine'),
      namespace: 'team-b',
    });
    expect(res.status).toBe(409);
    expect(res.error.message).toContain('team-b');
    expect(res.current()?.text).toContain(password);
  });

  it('is never reached where the caller may not create: 403 first, nothing said of what exists', async () => {
    const name = uniq('nocreate');
    await seed('team-a', secret(name, uniq('pw')));
    const res = await apiClient(srv.url).create({
      document: secret(name, 'mine'),
      namespace: 'team-a',
    });
    expect(res.status).toBe(403);
    expect(res.error.message).not.toMatch(/exists/);
  });
});

describe('namespace filters', () => {
  it('refuses a namespace the console does not watch, naming the field', async () => {
    const res = await apiClient(srv.url).list('?namespace=kube-system');
    expect(res.status).toBe(400);
    expect(res.fields()).toEqual([{ field: 'namespace', message: 'not a watched namespace' }]);
  });
});
