// A real kube-apiserver restart under a watching server: the cache reports stale, recovers, and
// replays every change made while it was blind. Runs on a private etcd + API server pair, so the
// restart does not disturb the shared stack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreV1Api } from '@kubernetes/client-node';
import { API } from '@perses-cm/api';
import {
  startFaultProxy,
  startRestartableApiserver,
  type FaultProxy,
  type RestartableApiserver,
} from '@perses-cm/stack/testing';
import { apiClient } from './testing/api-client.ts';
import { projectText } from './testing/documents.ts';
import { core, kubeconfigVia, startKubeServer, uniq } from './testing/kube-fixture.ts';
import { eventually, openSse, sawChange, waitForMissedChanges } from './testing/sse.ts';

const LABEL = { 'perses.dev/resource': 'true' };
const NS = 'default';
let kube: RestartableApiserver;
let proxy: FaultProxy;

const portOf = (url: string) => Number(new URL(url).port);
const adminAt = async (url: string): Promise<CoreV1Api> =>
  core(await kubeconfigVia(kube.adminKubeconfig, portOf(url)));

beforeAll(async () => {
  kube = await startRestartableApiserver();
  proxy = await startFaultProxy('127.0.0.1', portOf(kube.url()));
}, 120_000);
afterAll(async () => {
  await proxy?.close();
  await kube?.stop();
});

describe('kube-apiserver restart', () => {
  it('goes stale, recovers and replays the changes it could not see', async () => {
    const srv = await startKubeServer(await kubeconfigVia(kube.adminKubeconfig, proxy.port), [NS]);
    const c = apiClient(srv.url);
    const names = {
      kept: uniq('kept'),
      gone: uniq('gone'),
      changed: uniq('changed'),
      born: uniq('born'),
    };
    const body = (name: string, display = name) => ({
      metadata: { name, labels: LABEL },
      data: { [`${name}.json`]: projectText(name, display) },
    });
    try {
      let admin = await adminAt(kube.url());
      for (const n of [names.kept, names.gone, names.changed])
        await admin.createNamespacedConfigMap({ namespace: NS, body: body(n) });
      await eventually(async () => (await c.list()).body.items.length === 3, 5000, 'seeded');
      const sse = await openSse(`${srv.url}/api/v1/events`);
      try {
        await kube.stopApiserver();
        await sse.waitFor((e) => e.type === 'stale', 20_000, 'stale');
        // Keep the console blind while the new API server takes the changes.
        await proxy.cut();
        const url = await kube.startApiserver();
        proxy.retarget(portOf(url));
        admin = await adminAt(url);
        await admin.deleteNamespacedConfigMap({ namespace: NS, name: names.gone });
        await admin.replaceNamespacedConfigMap({
          namespace: NS,
          name: names.changed,
          body: body(names.changed, 'After restart'),
        });
        await admin.createNamespacedConfigMap({ namespace: NS, body: body(names.born) });
        expect((await c.health(API.readyz)).body.status).toBe('stale');
        await proxy.restore();
        await sse.waitFor((e) => e.type === 'recovered', 20_000, 'recovered');
        await waitForMissedChanges(sse, names);
        expect(sawChange(sse, 'deleted', names.kept)).toBe(false);
        const [changed] = (await c.list(`?q=${names.changed}`)).body.items;
        expect((await c.get(changed?.id ?? '')).body.text).toContain('After restart');
        // And the watch is live again: a new change arrives on its own.
        const late = uniq('late');
        await admin.createNamespacedConfigMap({ namespace: NS, body: body(late) });
        await sse.waitFor(
          (e) => e.type === 'added' && e.resource.configMapName === late,
          5000,
          'live again',
        );
      } finally {
        sse.close();
      }
    } finally {
      await srv.close();
    }
  });
});
