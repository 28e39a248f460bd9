// The provisioning status on the real stack: the sidecar copies labeled ConfigMaps into the
// folder the real Perses v0.54.0 provisions every 3 s, and the console reads Perses's API and the
// two logs. An edit goes Pending then Synced with its lag measured against the truth; refusals say
// Perses's reason; one data key in two ConfigMaps names the winner; a deleted ConfigMap leaves an
// orphan that cleanup removes.
import type { CoreV1Api } from '@kubernetes/client-node';
import { ExportPreview, type ResourceEvent, type ResourceStatus } from '@perses-cm/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requirePluginSchemas } from '@perses-cm/stack/testing';
import type { RunningServer } from './main.ts';
import { apiClient } from './testing/api-client.ts';
import { project, projectText } from './testing/documents.ts';
import { core, stackEnv, startKubeServer, uniq, type StackEnv } from './testing/kube-fixture.ts';
import { eventually, openSse, type SseClient } from './testing/sse.ts';
import { dashboard, idOf, persesGet, putConfigMap, waitForStatus } from './testing/status.ts';

const FAST_MS = 500;
let env: StackEnv;
let admin: CoreV1Api;
let srv: RunningServer;
let api: ReturnType<typeof apiClient>;
let sse: SseClient;
const made: { namespace: string; name: string }[] = [];
const proj = uniq('status');

async function configMap(namespace: string, name: string, key: string, doc: unknown) {
  await putConfigMap(admin, namespace, name, key, doc);
  made.push({ namespace, name });
}

beforeAll(async () => {
  env = stackEnv();
  admin = core(env.kubeconfigs.admin);
  srv = await startKubeServer(
    env.kubeconfigs.admin,
    ['perses', 'team-a'],
    {
      persesUrl: env.persesUrl,
      status: {
        persesLogFile: `${env.logsDir}/perses.log`,
        sidecarLogFile: `${env.logsDir}/sidecar.log`,
        persesNamespaces: null,
        persesUiUrl: null,
      },
    },
    { status: { fastMs: FAST_MS, slowMs: 2000, history: null } },
  );
  api = apiClient(srv.url);
  sse = await openSse(`${srv.url}/api/v1/events`);
  await configMap('perses', proj, `${proj}.json`, project(proj));
  await waitForStatus(
    srv.url,
    await idOf(srv.url, proj),
    (s) => s.state === 'synced',
    30_000,
    'project synced',
  );
});

afterAll(async () => {
  sse?.close();
  await srv?.close();
  for (const { namespace, name } of made)
    await admin.deleteNamespacedConfigMap({ namespace, name }).catch(() => undefined);
});

const statusEvents = (id: string): ResourceStatus[] =>
  sse.events.flatMap((e: ResourceEvent) =>
    e.type === 'status' ? e.items.filter((i) => i.id === id).map((i) => i.status) : [],
  );

describe('an edit on its way to Perses', () => {
  it('goes Pending, then Synced, with the lag within one fast poll of the truth', async () => {
    const name = uniq('lag');
    const created = await api.create({ text: projectText(name, 'before'), namespace: 'perses' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    made.push({ namespace: 'perses', name: created.body.configMapName ?? '' });
    await waitForStatus(srv.url, id, (s) => s.state === 'synced', 30_000, 'first version synced');

    const edited = JSON.parse(projectText(name, 'after')) as unknown;
    const t0 = Date.now();
    const put = await api.update(id, { document: edited, version: created.body.version });
    const t1 = Date.now();
    expect(put.status).toBe(200);
    // The truth: poll Perses every 50 ms for the new content.
    let lastMiss = t0;
    let firstSeen = 0;
    await eventually(
      async () => {
        const asked = Date.now();
        const p = await persesGet(env.persesUrl, `/api/v1/projects/${name}`);
        const display = (p.body as { spec?: { display?: { name?: string } } }).spec?.display?.name;
        if (display === 'after') firstSeen = Date.now();
        else lastMiss = asked;
        return display === 'after';
      },
      30_000,
      'Perses serves the edit',
    );
    const synced = await waitForStatus(
      srv.url,
      id,
      (s) =>
        s.state === 'synced' &&
        s.lagMs !== null &&
        s.changedAt !== null &&
        Date.parse(s.changedAt) >= t0,
      10_000,
      'edit synced',
    );
    expect(statusEvents(id).some((s) => s.state === 'pending' && s.expectedAt !== null)).toBe(true);
    const changedAt = Date.parse(synced.changedAt ?? '');
    // The console learns of its own write when the API server answers it.
    expect(changedAt).toBeGreaterThanOrEqual(t0);
    expect(changedAt).toBeLessThanOrEqual(t1);
    // It saw Perses serve the change no earlier than Perses did, and at most one fast poll (and
    // the request that poll makes) after the test's own poll saw it.
    const seen = changedAt + (synced.lagMs ?? 0);
    expect(seen).toBeGreaterThanOrEqual(lastMiss);
    expect(seen - firstSeen).toBeLessThanOrEqual(FAST_MS + 150);
    expect(Date.parse(synced.servedSince ?? '')).toBe(seen);
    const lag = await api.lag(id);
    expect(lag.body.samples.at(-1)).toMatchObject({
      id,
      lagMs: synced.lagMs,
      kind: 'Project',
      name,
    });
  });
});

describe('refusals', () => {
  it('says a dashboard in a missing project is Rejected for that reason', async () => {
    const name = uniq('nopro');
    await configMap('perses', name, `${name}.json`, dashboard('d', `${name}-missing`));
    const s = await waitForStatus(
      srv.url,
      await idOf(srv.url, name),
      (x) => x.state === 'rejected' && x.reason?.code === 'project_missing',
      30_000,
      'rejected for its project',
    );
    expect(s.reason?.message).toMatch(new RegExp(`project "${name}-missing"`));
    // The export takes what the list's status filter shows.
    const id = await idOf(srv.url, name);
    const preview = async (states: string) =>
      ExportPreview.parse(
        await (await fetch(`${srv.url}/api/v1/export/preview?q=${name}&status=${states}`)).json(),
      );
    expect((await preview('rejected')).tree.some((f) => f.resourceId === id)).toBe(true);
    expect((await preview('synced,pending')).resources).toBe(0);
    // Confirmed by the Perses log once a cycle refused it.
    await waitForStatus(
      srv.url,
      await idOf(srv.url, name),
      (x) => x.reason?.source === 'perses-log',
      30_000,
      'from the Perses log',
    );
  });

  it('gives Perses’s own message for a panel of an unknown plugin', async () => {
    requirePluginSchemas(env);
    const name = uniq('plugin');
    await configMap('perses', name, `${name}.json`, dashboard(name, proj, 'NoSuchChartPlugin'));
    const id = await idOf(srv.url, name);
    const s = await waitForStatus(srv.url, id, (x) => x.state === 'rejected', 30_000, 'rejected');
    expect(s.reason?.message).toMatch(/schema not found for plugin NoSuchChartPlugin/);
    // The provisioning log line says the same once a cycle tried it.
    const logged = await waitForStatus(
      srv.url,
      id,
      (x) => x.reason?.source === 'perses-log',
      30_000,
      'log line',
    );
    expect(logged.reason).toMatchObject({ code: 'provisioning_error', inferred: false });
    expect(logged.reason?.message).toMatch(/refused to create it: .*NoSuchChartPlugin/);
  });
});

describe('one data key in two ConfigMaps', () => {
  it('shadows the one whose file was overwritten, naming the winner', async () => {
    const key = `${uniq('shared')}.json`;
    const [a, b] = [uniq('shadow-a'), uniq('shadow-b')];
    await configMap('perses', a, key, project(a));
    const idA = await idOf(srv.url, a);
    await waitForStatus(srv.url, idA, (s) => s.state === 'synced', 30_000, 'first one synced');
    await configMap('team-a', b, key, project(b));
    const idB = await idOf(srv.url, b);
    const loser = await waitForStatus(
      srv.url,
      idA,
      (s) => s.state === 'shadowed' && s.winner?.basis === 'served',
      30_000,
      'shadowed',
    );
    expect(loser.winner).toMatchObject({ id: idB, namespace: 'team-a', configMapName: b, key });
    expect(loser.reason?.code).toBe('same_file');
    expect(loser.reason?.message).toMatch(
      new RegExp(`ConfigMap team-a/${b} key "${key}" writes the same sidecar file`),
    );
    await waitForStatus(srv.url, idB, (s) => s.state === 'synced', 30_000, 'winner synced');
  });
});

describe('orphans', () => {
  it('lists what a deleted ConfigMap left in Perses, and cleanup removes it after confirmation', async () => {
    const name = uniq('orphan');
    const created = await api.create({ text: projectText(name), namespace: 'perses' });
    const id = created.body.id as string;
    await waitForStatus(srv.url, id, (s) => s.state === 'synced', 30_000, 'synced');
    expect((await api.remove(id, created.body.version)).status).toBe(204);
    const orphan = await eventually(
      async () => {
        const list = await api.orphans();
        return list.body.items.find((o) => o.name === name);
      },
      15_000,
      'listed as an orphan',
    );
    expect(orphan?.lastSeen).toMatchObject({
      namespace: 'perses',
      configMapName: created.body.configMapName,
    });
    const wrong = await api.deleteOrphan(orphan?.id ?? '', 'someone-else');
    expect(wrong.status).toBe(400);
    expect(wrong.fields()[0]?.field).toBe('confirm');
    expect((await persesGet(env.persesUrl, `/api/v1/projects/${name}`)).status).toBe(200);
    expect((await api.deleteOrphan(orphan?.id ?? '', name)).status).toBe(204);
    expect((await persesGet(env.persesUrl, `/api/v1/projects/${name}`)).status).toBe(404);
    const after = await api.orphans();
    expect(after.body.items.some((o) => o.name === name)).toBe(false);
  });
});
