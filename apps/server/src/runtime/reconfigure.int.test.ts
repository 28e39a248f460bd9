// The runtime seam on the real stack: a running server changes its namespaces, then its label,
// without a restart; the list, the target header, whoami and an open event stream follow, and no
// list answered meanwhile mixes the old settings with the new.
import type { CoreV1Api } from '@kubernetes/client-node';
import { TARGET_HEADER } from '@perses-cm/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../main.ts';
import { apiClient } from '../testing/api-client.ts';
import { projectText } from '../testing/documents.ts';
import { core, stackEnv, startKubeServer, uniq } from '../testing/kube-fixture.ts';
import { openSse, sawChange, type SseClient } from '../testing/sse.ts';

// A label of this test's own, so ConfigMaps of other tests never show up here.
const KEY = `test.perses-cm/${uniq('rt')}`;
let admin: CoreV1Api;
let srv: RunningServer;
let api: ReturnType<typeof apiClient>;
const made: { namespace: string; name: string }[] = [];

async function configMap(namespace: string, name: string, value: string): Promise<void> {
  await admin.createNamespacedConfigMap({
    namespace,
    body: {
      metadata: { name, labels: { [KEY]: value } },
      data: { [`${name}.json`]: projectText(name) },
    },
  });
  made.push({ namespace, name });
}

const listed = async (): Promise<string[]> =>
  ((await api.list()).body.items as { configMapName: string }[]).map((i) => i.configMapName).sort();

const resyncs = (sse: SseClient) => sse.events.filter((e) => e.type === 'resync').length;

beforeAll(async () => {
  admin = core(stackEnv().kubeconfigs.admin);
  srv = await startKubeServer(stackEnv().kubeconfigs.admin, ['team-a'], {
    label: { key: KEY, value: 'one' },
  });
  api = apiClient(srv.url);
});
afterAll(async () => {
  await srv?.close();
  for (const { namespace, name } of made)
    await admin.deleteNamespacedConfigMap({ namespace, name }).catch(() => undefined);
});

describe('changing settings of a running server', () => {
  it('follows new namespaces, then a new label, with the event stream kept open', async () => {
    const n = { a: uniq('a'), b: uniq('b'), two: uniq('two') };
    const sse = await openSse(`${srv.url}/api/v1/events`);
    try {
      await configMap('team-a', n.a, 'one');
      await configMap('team-b', n.b, 'one');
      await configMap('team-a', n.two, 'two');
      await sse.waitFor((e) => e.type === 'added' && e.resource.configMapName === n.a, 10_000);
      expect(await listed()).toEqual([n.a]);

      // Lists answered while the new store loads see the old set or the new one, never a mix.
      const answers: string[][] = [];
      let swapping = true;
      const probe = (async () => {
        while (swapping) answers.push(await listed());
      })();
      const settings = await srv.reconfigure({ namespaces: ['team-a', 'team-b'] });
      swapping = false;
      await probe;
      expect(settings.namespaces).toEqual(['team-a', 'team-b']);
      const before = JSON.stringify([n.a]);
      const after = JSON.stringify([n.a, n.b].sort());
      expect(answers.length).toBeGreaterThan(0);
      for (const a of answers) expect([before, after]).toContain(JSON.stringify(a));

      const res = await api.list();
      expect(res.headers.get(TARGET_HEADER)).toMatch(/namespaces=team-a,team-b$/);
      expect(await listed()).toEqual([n.a, n.b].sort());
      const whoami = await api.whoami();
      expect(whoami.body.capabilities.map((c) => c.namespace)).toEqual(['team-a', 'team-b']);
      await sse.waitFor((e) => e.type === 'resync', 5000, 'resync after new namespaces');

      // The same connection carries changes of the new store, in the namespace just added.
      const late = uniq('late');
      await configMap('team-b', late, 'one');
      await sse.waitFor((e) => e.type === 'added' && e.resource.configMapName === late, 10_000);

      await srv.reconfigure({ label: { key: KEY, value: 'two' } });
      expect(await listed()).toEqual([n.two]);
      await sse.waitFor(() => resyncs(sse) === 2, 5000, 'resync after a new label');

      // The old store is stopped: a ConfigMap with the old label, written before one with the
      // new label in the same namespace (one watch, in order), never reaches the stream.
      const oldLabel = uniq('old');
      const newLabel = uniq('new');
      await configMap('team-a', oldLabel, 'one');
      await configMap('team-a', newLabel, 'two');
      await sse.waitFor((e) => e.type === 'added' && e.resource.configMapName === newLabel, 10_000);
      expect(sawChange(sse, 'added', oldLabel)).toBe(false);
      expect(await listed()).toEqual([n.two, newLabel].sort());
    } finally {
      sse.close();
    }
  });
});
