// Finding Perses in the cluster, on the real kube-apiserver: a Service in front of pods labeled
// app.kubernetes.io/name=perses, as the perses chart makes them (a StatefulSet, a Service, a
// headless one beside it). Nothing runs pods here and the API server does not proxy to loopback,
// so this proves the choice up to the Service, its pod's containers, and what the console then
// says: how it found Perses, that it does not answer, and why the pod log cannot be read.
import type { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import { AppsV1Api as Apps, KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../main.ts';
import { KubeClient } from '../../stores/kubernetes/kube-client.ts';
import { apiClient } from '../../testing/api-client.ts';
import { core, stackEnv, startKubeServer } from '../../testing/kube-fixture.ts';
import { eventually } from '../../testing/sse.ts';
import { discoverPerses } from './perses-discovery.ts';

const NS = 'team-b';
const labels = { 'app.kubernetes.io/name': 'perses', 'app.kubernetes.io/instance': 'demo' };
let admin: CoreV1Api;
let apps: AppsV1Api;
let srv: RunningServer | undefined;

beforeAll(async () => {
  const env = stackEnv();
  admin = core(env.kubeconfigs.admin);
  const kc = new KubeConfig();
  kc.loadFromFile(env.kubeconfigs.admin);
  apps = kc.makeApiClient(Apps);
  await admin
    .createNamespacedServiceAccount({ namespace: NS, body: { metadata: { name: 'default' } } })
    .catch(() => undefined);
  await admin.createNamespacedService({
    namespace: NS,
    body: {
      metadata: { name: 'perses-headless', labels },
      spec: { clusterIP: 'None', selector: labels, ports: [{ name: 'http', port: 8080 }] },
    },
  });
  await admin.createNamespacedService({
    namespace: NS,
    body: {
      metadata: { name: 'perses', labels },
      spec: { selector: labels, ports: [{ name: 'http', port: 8080, targetPort: 8080 }] },
    },
  });
  const podSpec = {
    automountServiceAccountToken: false,
    containers: [
      { name: 'perses-provisioning-sidecar', image: 'kiwigrid/k8s-sidecar:2.10.0' },
      { name: 'perses', image: 'persesdev/perses:v0.54.0' },
    ],
  };
  await apps.createNamespacedStatefulSet({
    namespace: NS,
    body: {
      metadata: { name: 'perses', labels },
      spec: {
        serviceName: 'perses-headless',
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: podSpec },
      },
    },
  });
  // What the StatefulSet controller would create (no controller runs in the stack).
  await admin.createNamespacedPod({
    namespace: NS,
    body: { metadata: { name: 'perses-0', labels }, spec: podSpec },
  });
});

afterAll(async () => {
  await srv?.close();
  await admin
    .deleteNamespacedPod({ namespace: NS, name: 'perses-0', gracePeriodSeconds: 0 })
    .catch(() => undefined);
  await apps.deleteNamespacedStatefulSet({ namespace: NS, name: 'perses' }).catch(() => undefined);
  for (const name of ['perses', 'perses-headless'])
    await admin.deleteNamespacedService({ namespace: NS, name }).catch(() => undefined);
});

describe('Perses discovery', () => {
  it('chooses the Service with a cluster IP in front of the Perses pods, and its containers', async () => {
    const env = stackEnv();
    const kube = new KubeClient({
      type: 'kubernetes',
      kubeconfig: env.kubeconfigs.admin,
      context: null,
      inCluster: false,
      namespaces: null,
    });
    const d = await discoverPerses(kube, [NS]);
    expect(d.found).toMatchObject({ namespace: NS, name: 'perses', port: 'http', others: 0 });
    expect('containers' in d && d.containers).toEqual({
      namespace: NS,
      pod: 'perses-0',
      perses: 'perses',
      sidecar: 'perses-provisioning-sidecar',
    });
    const none = await discoverPerses(kube, ['team-a']);
    expect(none.found).toBeNull();
    expect('reason' in none && none.reason).toMatch(
      /no Service selecting pods labeled app\.kubernetes\.io\/name=perses in namespaces team-a/,
    );
  });

  it('tells how the console found Perses, and why it cannot read it yet', async () => {
    const env = stackEnv();
    srv = await startKubeServer(
      env.kubeconfigs.admin,
      [NS],
      {},
      { status: { slowMs: 1000, history: null } },
    );
    const api = apiClient(srv.url);
    const overview = await eventually(
      async () => {
        const o = (await api.status()).body;
        return o.perses.found.how === 'cluster-service' && o.perses.state === 'unreachable'
          ? o
          : undefined;
      },
      20_000,
      'discovered',
    );
    expect(overview.perses.found.description).toBe(
      `Service ${NS}/perses port http in front of pods labeled app.kubernetes.io/name=perses, through the Kubernetes API server's service proxy at ${env.apiServer}`,
    );
    expect(overview.perses.message).toMatch(/does not answer/);
    expect(overview.logs.perses.description).toBe(
      `container perses of pod ${NS}/perses-0 (pods/log)`,
    );
    expect(overview.logs.perses.available).toBe(false);
    expect(overview.logs.perses.message).toMatch(
      /^cannot read container perses of pod team-b\/perses-0 \(pods\/log\): /,
    );
    expect(overview.logs.sidecar.description).toBe(
      `container perses-provisioning-sidecar of pod ${NS}/perses-0 (pods/log)`,
    );
  });
});
