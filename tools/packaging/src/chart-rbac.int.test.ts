// The chart's RBAC, applied for real to the stack's kube-apiserver, allows exactly what the console
// needs: asked as the console's ServiceAccount (`kubectl auth can-i --as=system:serviceaccount:...`).
// Types inject('stack'): the global setup declares what it provides.
import type {} from '@perses-cm/stack/vitest-global-setup';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PRESETS, rbacOf, renderChart } from './chart.ts';
import { TestCluster, type ServiceAccountRef } from './testing/cluster.ts';

const cluster = new TestCluster(inject('stack'));
/** Release namespace (watched), another watched one, one not watched, and Perses's own. */
let home: string, watched: string, other: string, perses: string;

const CONFIGMAPS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'].map(
  (v) => `${v} /configmaps`,
);
const PERSES_WORKLOAD = [
  'get apps/statefulsets',
  'list apps/statefulsets',
  'get apps/deployments',
  'list apps/deployments',
  'get /services',
  'list /services',
  'get /pods',
  'list /pods',
  'get /pods/log',
  'get /services/proxy',
];
const REVIEWS = [
  'create authorization.k8s.io/selfsubjectaccessreviews',
  'create authorization.k8s.io/subjectaccessreviews',
  'create authentication.k8s.io/selfsubjectreviews',
];

/** Installs the RBAC of a release for real and returns its ServiceAccount. */
async function install(release: string, values: object): Promise<ServiceAccountRef> {
  const rbac = rbacOf(await renderChart(release, home, values));
  await cluster.apply(rbac);
  const sa = rbac.find((m) => m.kind === 'ServiceAccount');
  return { namespace: home, name: sa!.metadata.name };
}

/**
 * The SA's permissions in a namespace are the expected ones, and beyond them only what every
 * ServiceAccount of the cluster has (measured on an account without any binding).
 */
async function expectExactly(sa: ServiceAccountRef, namespace: string, expected: string[]) {
  const granted = await cluster.rules(sa, namespace);
  const baseline = await cluster.rules({ namespace: sa.namespace, name: 'no-bindings' }, namespace);
  for (const rule of expected) expect(granted, `${namespace}: ${rule}`).toContain(rule);
  const extra = [...granted].filter((r) => !baseline.has(r) && !expected.includes(r));
  expect(extra, `${namespace}: beyond what the console needs`).toEqual([]);
}

const can = (
  sa: ServiceAccountRef,
  verb: string,
  resource: string,
  namespace?: string,
  subresource?: string,
) => cluster.canI(sa, { verb, resource, namespace, subresource });

beforeAll(async () => {
  [home, watched, other, perses] = await Promise.all([
    cluster.namespace('pcm-home'),
    cluster.namespace('pcm-watched'),
    cluster.namespace('pcm-other'),
    cluster.namespace('pcm-perses'),
  ]);
});
afterAll(() => cluster.cleanup());

describe('scope=namespace', () => {
  let sa: ServiceAccountRef;
  beforeAll(async () => {
    sa = await install('ns', { namespaces: [home, watched], perses: { namespace: perses } });
  });

  it('edits ConfigMaps in the watched namespaces and nowhere else', async () => {
    await expectExactly(sa, home, [...CONFIGMAPS, ...REVIEWS]);
    await expectExactly(sa, watched, [...CONFIGMAPS, ...REVIEWS]);
    await expectExactly(sa, other, REVIEWS);
    expect(await can(sa, 'create', 'configmaps', other)).toBe(false);
    expect(await can(sa, 'list', 'configmaps')).toBe(false); // cluster-wide
  });

  it('reads the Perses workload, its logs and its service proxy in the Perses namespace only', async () => {
    await expectExactly(sa, perses, [...PERSES_WORKLOAD, ...REVIEWS]);
    expect(await can(sa, 'get', 'pods', perses, 'log')).toBe(true);
    expect(await can(sa, 'get', 'pods', home, 'log')).toBe(false);
  });

  it('has no secrets, no cluster-admin, no impersonation, no escalation', async () => {
    expect(await can(sa, 'get', 'secrets', home)).toBe(false);
    expect(await can(sa, 'list', 'secrets')).toBe(false);
    expect(await can(sa, '*', '*')).toBe(false);
    expect(await can(sa, 'impersonate', 'users')).toBe(false);
    expect(await can(sa, 'impersonate', 'groups')).toBe(false);
    expect(await can(sa, 'create', 'rolebindings.rbac.authorization.k8s.io', home)).toBe(false);
    expect(await can(sa, 'create', 'serviceaccounts', home, 'token')).toBe(false);
    expect(await can(sa, 'create', 'pods', perses, 'exec')).toBe(false);
    expect(await can(sa, 'update', 'deployments.apps', perses)).toBe(false);
  });
});

describe('scope=cluster', () => {
  let sa: ServiceAccountRef;
  beforeAll(async () => {
    sa = await install('cl', { scope: 'cluster' });
  });

  it('edits ConfigMaps and reads the Perses workload in every namespace', async () => {
    const everywhere = [...CONFIGMAPS, ...PERSES_WORKLOAD, 'list /namespaces', ...REVIEWS];
    await expectExactly(sa, home, everywhere);
    await expectExactly(sa, other, everywhere);
    expect(await can(sa, 'watch', 'configmaps')).toBe(true); // one cluster-wide watch
  });

  it('has no secrets, no cluster-admin, no impersonation', async () => {
    expect(await can(sa, 'list', 'secrets')).toBe(false);
    expect(await can(sa, '*', '*')).toBe(false);
    expect(await can(sa, 'impersonate', 'users')).toBe(false);
    expect(await can(sa, 'get', 'nodes', undefined, 'proxy')).toBe(false);
    expect(await can(sa, 'delete', 'namespaces')).toBe(false);
  });
});

describe('auth.mode=proxy', () => {
  it('adds impersonation of users and groups, and nothing else', async () => {
    const sa = await install('px', { ...PRESETS.proxy, perses: { namespace: perses } });
    await expectExactly(sa, home, [
      ...CONFIGMAPS,
      ...REVIEWS,
      'impersonate /users',
      'impersonate /groups',
    ]);
    expect(await can(sa, 'impersonate', 'users')).toBe(true);
    expect(await can(sa, 'impersonate', 'serviceaccounts', home)).toBe(false);
    expect(await can(sa, 'get', 'secrets', home)).toBe(false);
  });

  it('limits impersonation to the listed groups', async () => {
    const sa = await install('pg', {
      auth: {
        mode: 'proxy',
        proxy: { trustedProxies: ['10.0.0.0/8'], impersonateGroups: ['team-a-editors'] },
      },
    });
    expect(await can(sa, 'impersonate', 'groups/team-a-editors')).toBe(true);
    expect(await can(sa, 'impersonate', 'groups/system:masters')).toBe(false);
  });
});
