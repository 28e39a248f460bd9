// ConfigMaps that hold Perses resources but lack the label, on the real stack: absent from the
// default list, listed read-only with the reason when asked, readable, and never written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreV1Api } from '@kubernetes/client-node';
import type { RunningServer } from './main.ts';
import { apiClient, type ApiClient } from './testing/api-client.ts';
import { readConfigMap, startAdminConsole } from './testing/admin-console.ts';
import { projectText } from './testing/documents.ts';
import { core, startKubeServer, uniq, type StackEnv } from './testing/kube-fixture.ts';
import { eventually } from './testing/sse.ts';

const LABEL = { 'perses.dev/resource': 'true' };
const REASON =
  'lacks the label perses.dev/resource=true: the sidecar does not copy it, so Perses never sees it; the console does not edit it';
let env: StackEnv;
let admin: CoreV1Api;
let srv: RunningServer;
let api: ApiClient;

const dashboardText = (name: string, display = name) =>
  `${JSON.stringify(
    {
      kind: 'Dashboard',
      metadata: { name, project: 'perses' },
      spec: { display: { name: display }, duration: '1h', panels: {}, layouts: [] },
    },
    null,
    2,
  )}\n`;

const readCm = (namespace: string, name: string) => readConfigMap(admin, namespace, name);

beforeAll(async () => {
  ({ env, admin, srv, api } = await startAdminConsole(['perses', 'team-a']));
});
afterAll(async () => srv?.close());

describe('unlabeled ConfigMaps', () => {
  it('are listed read-only only when asked, readable, and refused on write', async () => {
    const tag = uniq('unl');
    const names = { plain: `${tag}-dash`, labeled: `${tag}-labeled`, other: `${tag}-notes` };
    const key = `${names.plain}.json`;
    const text = dashboardText(names.plain);
    await admin.createNamespacedConfigMap({
      namespace: 'team-a',
      body: { metadata: { name: names.plain, labels: { app: 'x' } }, data: { [key]: text } },
    });
    // Holds no Perses resource: never listed, not even when asked.
    await admin.createNamespacedConfigMap({
      namespace: 'team-a',
      body: { metadata: { name: names.other }, data: { 'README.md': `# ${tag}`, 'a.json': '{}' } },
    });
    await admin.createNamespacedConfigMap({
      namespace: 'team-a',
      body: {
        metadata: { name: names.labeled, labels: LABEL },
        data: { [`${names.labeled}.json`]: projectText(names.labeled) },
      },
    });
    // Once the labeled one is listed, the watch has seen both: the other is absent by design.
    const listed = await eventually(
      async () => {
        const items = (await api.list(`?q=${tag}`)).body.items;
        return items.length > 0 && items;
      },
      5000,
      'labeled ConfigMap listed',
    );
    expect(listed.map((i) => i.configMapName)).toEqual([names.labeled]);

    const asked = await api.list(`?q=${tag}&unlabeled=true`);
    expect(asked.status).toBe(200);
    expect(asked.body.errors).toEqual([]);
    const items = asked.body.items;
    expect(items.map((i) => [i.kind, i.configMapName]).sort()).toEqual([
      ['Dashboard', names.plain],
      ['Project', names.labeled],
    ]);
    const item = items.find((i) => i.configMapName === names.plain);
    if (!item) throw new Error('unreachable');
    expect(item.readOnly).toBe(REASON);
    expect(item.unlabeled).toBe(true);
    expect(items.find((i) => i.configMapName === names.labeled)?.unlabeled).toBeUndefined();
    // Filters apply to them as to the others.
    expect((await api.list(`?q=${tag}&unlabeled=true&kind=Project`)).body.items).toHaveLength(1);
    expect((await api.list(`?q=${tag}&unlabeled=true&namespace=perses`)).body.items).toEqual([]);

    const got = await api.get(item.id);
    expect(got.status).toBe(200);
    expect(got.body.text).toBe(text);
    expect(got.body.readOnly).toBe(REASON);
    expect(got.body.origin).toMatchObject({
      type: 'configmap',
      namespace: 'team-a',
      labels: { app: 'x' },
    });

    const before = await readCm('team-a', names.plain);
    const put = await api.update(item.id, {
      text: dashboardText(names.plain, 'Edited'),
      version: item.version,
    });
    expect(put.status).toBe(403);
    expect(put.error.code).toBe('forbidden');
    expect(put.error.message).toContain('lacks the label perses.dev/resource=true');
    const del = await api.remove(item.id, item.version);
    expect(del.status).toBe(403);
    const after = await readCm('team-a', names.plain);
    expect(after?.data).toEqual({ [key]: text });
    expect(after?.metadata?.resourceVersion).toBe(before?.metadata?.resourceVersion);
    expect(after?.metadata?.labels).toEqual({ app: 'x' });
  });

  it('are checked per identity: a namespace the viewer may not list is an error, not an empty list', async () => {
    const viewer = await startKubeServer(env.kubeconfigs.viewer, ['team-a']);
    try {
      const canList = await core(env.kubeconfigs.viewer)
        .listNamespacedConfigMap({ namespace: 'team-a' })
        .then(
          () => true,
          () => false,
        );
      const res = await apiClient(viewer.url).list('?unlabeled=true');
      expect(res.status).toBe(200);
      if (!canList)
        expect(res.body.errors).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ source: 'team-a', code: 'forbidden' }),
          ]),
        );
      else expect(res.body.errors).toEqual([]);
    } finally {
      await viewer.close();
    }
  });
});
