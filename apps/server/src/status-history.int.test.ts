// The lag history survives a console restart: kept in a ConfigMap the console owns, which the
// sidecar never copies (it does not carry the sidecar's label).
import type { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from './main.ts';
import { ConfigMapHistoryStore } from './services/status/history-store.ts';
import { KubeClient } from './stores/kubernetes/kube-client.ts';
import { apiClient } from './testing/api-client.ts';
import { projectText } from './testing/documents.ts';
import { core, stackEnv, startKubeServer, uniq } from './testing/kube-fixture.ts';
import { waitForStatus } from './testing/status.ts';

const historyName = uniq('history');
let admin: CoreV1Api;
let kube: KubeClient;
const servers: RunningServer[] = [];
const made: string[] = [];

const start = async () => {
  const env = stackEnv();
  const srv = await startKubeServer(
    env.kubeconfigs.admin,
    ['perses'],
    { persesUrl: env.persesUrl },
    {
      status: {
        fastMs: 500,
        slowMs: 2000,
        history: new ConfigMapHistoryStore(kube, 'perses', historyName),
      },
    },
  );
  servers.push(srv);
  return srv;
};

beforeAll(() => {
  const env = stackEnv();
  admin = core(env.kubeconfigs.admin);
  kube = new KubeClient({
    type: 'kubernetes',
    kubeconfig: env.kubeconfigs.admin,
    context: null,
    inCluster: false,
    namespaces: null,
  });
});

afterAll(async () => {
  for (const s of servers) await s.close().catch(() => undefined);
  for (const n of [...made, historyName])
    await admin.deleteNamespacedConfigMap({ namespace: 'perses', name: n }).catch(() => undefined);
});

describe('the lag history', () => {
  it('is read back by the next console from its own unlabeled ConfigMap', async () => {
    const first = await start();
    const created = await apiClient(first.url).create({
      text: projectText(uniq('hist')),
      namespace: 'perses',
    });
    made.push(created.body.configMapName as string);
    const id = created.body.id as string;
    const synced = await waitForStatus(
      first.url,
      id,
      (s) => s.lagMs !== null,
      30_000,
      'lag measured',
    );
    const before = (await apiClient(first.url).lag(id)).body;
    expect(before.samples).toHaveLength(1);
    expect(before.samples[0]?.lagMs).toBe(synced.lagMs);
    await first.close();

    const cm = await admin.readNamespacedConfigMap({ namespace: 'perses', name: historyName });
    expect(Object.keys(cm.metadata?.labels ?? {})).not.toContain('perses.dev/resource');
    expect(Object.keys(cm.binaryData ?? {})).toEqual(['lag-history.json.gz']);

    const second = await start();
    const api = apiClient(second.url);
    const after = (await api.lag(id)).body;
    expect(after).toEqual(before);
    const overview = (await api.status()).body;
    expect(overview.history.where).toBe(`ConfigMap perses/${historyName}`);
    expect(overview.lag.recent.count).toBeGreaterThanOrEqual(1);
  });
});
