// perses-operator custom resources read from the real kube-apiserver: with the operator's CRDs
// installed (no operator runs), the import preview lists the PersesDashboards (v1alpha2),
// PersesDatasources (a CRD serving only v1alpha1, as older operator releases install) and
// PersesGlobalDatasources of the cluster, mapped as the operator maps them; a CRD that is not
// installed is named as such, not as a failure.
import type { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportPreview } from '@perses-cm/api';
import type { RunningServer } from './main.ts';
import { apiClient } from './testing/api-client.ts';
import { importApi } from './testing/import-api.ts';
import { core, removeNamespace, stackEnv, startKubeServer, uniq } from './testing/kube-fixture.ts';
import { clients, crd, GROUP, installCrd, removeCrd } from './testing/operator-crds.ts';

const crNs = uniq('operator-crs');
const dst = uniq('import-op');
const globalName = uniq('cr-global');
let admin: CoreV1Api;
let kubeconfig: string;
let srv: RunningServer;
let imp: ReturnType<typeof importApi>;

const CRDS = [
  ['persesdashboards', 'v1alpha1'],
  ['persesdatasources', 'v1alpha1'],
  ['persesglobaldatasources', 'v1alpha2'],
] as const;
const GLOBAL = crd('PersesGlobalDatasource', 'persesglobaldatasources', 'Cluster', ['v1alpha2']);
const prom = { default: true, plugin: { kind: 'PrometheusDatasource', spec: {} } };
const dashboardSpec = {
  display: { name: 'From the cluster' },
  duration: '1h',
  layouts: [],
  panels: {},
};

// Only this test's CRs: the source lists the whole cluster.
const mine = (p: ImportPreview) =>
  p.entries
    .filter((e) => e.origin.includes(` ${crNs}/`) || e.name === globalName)
    .map((e) => [e.kind, e.project, e.name, e.action]);

beforeAll(async () => {
  kubeconfig = stackEnv().kubeconfigs.admin;
  admin = core(kubeconfig);
  for (const name of [crNs, dst]) await admin.createNamespace({ body: { metadata: { name } } });
  // CRDs a previous run left (its afterAll stopped) would hide the "not installed" answer.
  for (const [plural, version] of CRDS) await removeCrd(kubeconfig, plural, version);
  await installCrd(
    kubeconfig,
    crd('PersesDashboard', 'persesdashboards', 'Namespaced', ['v1alpha1', 'v1alpha2']),
  );
  await installCrd(
    kubeconfig,
    crd('PersesDatasource', 'persesdatasources', 'Namespaced', ['v1alpha1']),
  );
  const { custom } = clients(kubeconfig);
  await custom.createNamespacedCustomObject({
    group: GROUP,
    version: 'v1alpha2',
    namespace: crNs,
    plural: 'persesdashboards',
    body: {
      apiVersion: `${GROUP}/v1alpha2`,
      kind: 'PersesDashboard',
      metadata: { name: 'cluster-dash' },
      spec: { config: dashboardSpec, instanceSelector: { matchLabels: { a: 'b' } } },
    },
  });
  await custom.createNamespacedCustomObject({
    group: GROUP,
    version: 'v1alpha1',
    namespace: crNs,
    plural: 'persesdatasources',
    body: {
      apiVersion: `${GROUP}/v1alpha1`,
      kind: 'PersesDatasource',
      metadata: { name: 'cluster-prom' },
      spec: { config: prom },
    },
  });
  srv = await startKubeServer(kubeconfig, [dst]);
  imp = importApi(srv.url, apiClient(srv.url));
}, 120_000);

afterAll(async () => {
  await srv?.close();
  // Deleting a CRD deletes its custom resources.
  for (const [plural, version] of CRDS) await removeCrd(kubeconfig, plural, version);
  for (const name of [crNs, dst]) await removeNamespace(kubeconfig, name);
}, 120_000);

describe('perses-operator resources in the cluster', () => {
  it('previews the CRs of the installed CRDs, names the missing CRD, then sees it once installed', async () => {
    const first = (await imp.preview({ source: 'operator', namespace: dst })).body;
    expect(first.errors).toEqual([]);
    expect(mine(first)).toEqual([
      ['Dashboard', crNs, 'cluster-dash', 'create'],
      ['Datasource', crNs, 'cluster-prom', 'create'],
    ]);
    const dash = first.entries.find((e) => e.name === 'cluster-dash');
    expect(dash?.notes.join()).toMatch(/instanceSelector/);
    expect(first.skipped).toEqual([
      {
        path: `PersesGlobalDatasource (${GROUP})`,
        reason: 'its CRD is not installed in this cluster',
      },
    ]);
    const text = (await imp.texts(first.id, dash?.key ?? '')).body.text;
    expect(JSON.parse(text)).toEqual({
      kind: 'Dashboard',
      metadata: { name: 'cluster-dash', project: crNs },
      spec: dashboardSpec,
    });

    await installCrd(kubeconfig, GLOBAL);
    await clients(kubeconfig).custom.createClusterCustomObject({
      group: GROUP,
      version: 'v1alpha2',
      plural: 'persesglobaldatasources',
      body: {
        apiVersion: `${GROUP}/v1alpha2`,
        kind: 'PersesGlobalDatasource',
        metadata: { name: globalName },
        spec: { config: prom },
      },
    });
    const second = (await imp.preview({ source: 'operator', namespace: dst, project: 'picked' }))
      .body;
    expect(second.skipped).toEqual([]);
    expect(mine(second)).toEqual([
      ['Dashboard', 'picked', 'cluster-dash', 'create'],
      ['Datasource', 'picked', 'cluster-prom', 'create'],
      ['GlobalDatasource', null, globalName, 'create'],
    ]);
  }, 120_000);
});
