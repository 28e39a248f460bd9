// Import on the real stack: an exported chart `.tgz` round-trips into an empty namespace; a
// hostile zip is refused entry by entry with nothing written for those; what was made through
// the Perses API is adopted with Perses's content; a hand-written Grafana dashboard becomes a
// Perses Dashboard through the real `/api/migrate`; perses-operator manifests import; an update
// is written only when ticked.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { API, type ImportPreview } from '@perses-cm/api';
import { startExtraPerses, type ExtraPerses } from '@perses-cm/stack';
import type { RunningServer } from './main.ts';
import { apiClient, type ApiClient } from './testing/api-client.ts';
import { startDirectoryServer, type DirectoryServer } from './testing/directory-server.ts';
import { makeZip } from './testing/hostile-zip.ts';
import { importApi } from './testing/import-api.ts';
import { core, removeNamespace, stackEnv, startKubeServer, uniq } from './testing/kube-fixture.ts';
import { eventually } from './testing/sse.ts';
import { dashboard, persesGet } from './testing/status.ts';

const FIXTURES = path.join(import.meta.dirname, 'testing/import');
const ns = uniq('import-dst');
const proj = uniq('imported');
let admin: CoreV1Api;
let perses: ExtraPerses;
let srv: RunningServer;
let chart: DirectoryServer;
let api: ApiClient;
let imp: ReturnType<typeof importApi>;

const keysOf = (p: ImportPreview) => p.entries.map((e) => ({ key: e.key }));
const stored = async (name: string, key: string): Promise<unknown> => {
  const cm = await admin.readNamespacedConfigMap({ namespace: ns, name });
  // YAML reads JSON too: operator manifests keep their YAML.
  return parseYaml(cm.data?.[key] ?? 'null') as unknown;
};
const configMapCount = async () =>
  (await admin.listNamespacedConfigMap({ namespace: ns })).items.filter(
    (c) => c.metadata?.labels?.['perses.dev/resource'] === 'true',
  ).length;
const persesPost = async (apiPath: string, doc: unknown) => {
  const res = await fetch(`${perses.url}${apiPath}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(doc),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as { metadata: Record<string, unknown> };
};

beforeAll(async () => {
  const env = stackEnv();
  admin = core(env.kubeconfigs.admin);
  await admin.createNamespace({ body: { metadata: { name: ns } } });
  // A Perses of its own, provisioning nothing: what it serves is only what this test made.
  perses = await startExtraPerses({}, { plugins: true });
  srv = await startKubeServer(
    env.kubeconfigs.admin,
    [ns],
    {
      persesUrl: perses.url,
      status: {
        persesLogFile: perses.logFile,
        sidecarLogFile: `${env.logsDir}/sidecar.log`,
        persesNamespaces: null,
        persesUiUrl: null,
      },
    },
    { status: { fastMs: 300, slowMs: 1000, maxBackoffMs: 1000, history: null } },
  );
  chart = await startDirectoryServer();
  api = apiClient(srv.url);
  imp = importApi(srv.url, api);
}, 120_000);

afterAll(async () => {
  await srv?.close();
  await chart?.dispose();
  await perses?.stop();
  await removeNamespace(stackEnv().kubeconfigs.admin, ns);
});

describe('import on the real stack', () => {
  it('round-trips an exported chart .tgz into an empty namespace, content equal', async () => {
    const res = await fetch(`${chart.url}${API.export}?format=tgz`);
    expect(res.status).toBe(200);
    const tgz = Buffer.from(await res.arrayBuffer());
    const preview = (await imp.upload(tgz, { filename: 'perses-resources.tgz', namespace: ns }))
      .body;
    const source = (await apiClient(chart.url).list()).body.items;
    expect(preview.counts).toEqual({ create: source.length, update: 0, unchanged: 0, refused: 0 });
    expect(preview.skipped.map((s) => s.path)).toContain(
      'perses-resources.tgz: perses-resources/Chart.yaml',
    );
    const { report } = await imp.apply(preview.id, { items: keysOf(preview) });
    expect(report.counts.created).toBe(source.length);
    await eventually(
      async () => (await api.list()).body.items.length === source.length,
      20_000,
      'all listed',
    );
    const chartApi = apiClient(chart.url);
    for (const item of report.items) {
      const want = source.find(
        (s) => s.kind === item.kind && s.name === item.name && s.project === item.project,
      );
      const wantDoc = (await chartApi.get(want?.id ?? '')).body.document;
      const got = (await api.get(item.resourceId ?? '')).body;
      expect(got.namespace).toBe(ns);
      expect(got.document).toEqual(wantDoc);
    }
    // The same archive again: nothing left to do.
    const again = (await imp.upload(tgz, { filename: 'perses-resources.tgz', namespace: ns })).body;
    expect(again.counts).toMatchObject({ create: 0, update: 0, unchanged: source.length });
  }, 120_000);

  it('refuses each hostile entry of a zip by name and writes nothing for them', async () => {
    const before = await configMapCount();
    const good = dashboard('zip_good', proj);
    const filler = Buffer.alloc(2 ** 20 - 1, 0x20);
    const zip = await makeZip([
      { name: 'good.json', data: JSON.stringify(good) },
      { name: '../evil.json', data: JSON.stringify(dashboard('evil', proj)) },
      { name: '/abs.json', data: JSON.stringify(dashboard('abs', proj)) },
      { name: 'link.json', data: '../../etc/passwd', mode: 0o120777 },
      { name: 'big.json', data: Buffer.alloc(2 * 2 ** 20, 0x20) },
      // A bomb last: under 1 MiB compressed, past the 64 MiB total once inflated.
      ...Array.from({ length: 70 }, (_, i) => ({ name: `bomb/${i}.json`, data: filler })),
    ]);
    expect(zip.length).toBeLessThan(2 ** 20);
    const preview = (await imp.upload(zip, { filename: 'hostile.zip', namespace: ns })).body;
    const reason = (p: string) =>
      preview.entries.find((e) => e.origin === `hostile.zip: ${p}`)?.reason;
    expect(reason('../evil.json')).toMatch(/path traversal/);
    expect(reason('/abs.json')).toMatch(/absolute path/);
    expect(reason('link.json')).toMatch(/symbolic link/);
    expect(reason('big.json')).toMatch(/larger than 1 MiB/);
    expect(preview.errors.map((e) => e.message).join()).toMatch(/inflates past 64 MiB/);
    expect(preview.counts.create).toBe(1);
    const { report } = await imp.apply(preview.id, { items: keysOf(preview) });
    expect(report.counts.created).toBe(1);
    expect(report.counts.failed).toBe(0);
    expect(await configMapCount()).toBe(before + 1);
  }, 120_000);

  it('adopts a dashboard made through the Perses API, the ConfigMap holding what Perses serves', async () => {
    const p = uniq('ui-made');
    await persesPost('/api/v1/projects', {
      kind: 'Project',
      metadata: { name: p },
      spec: { display: { name: p } },
    });
    await persesPost(`/api/v1/projects/${p}/dashboards`, dashboard('clicked', p));
    let preview: ImportPreview | undefined;
    await eventually(
      async () => {
        preview = (await imp.preview({ source: 'perses', namespace: ns })).body;
        return preview.entries.some((e) => e.name === 'clicked');
      },
      30_000,
      'the dashboard listed as served without a ConfigMap',
    );
    const picked = (preview?.entries ?? []).filter((e) => e.project === p || e.name === p);
    expect(picked.map((e) => `${e.kind}/${e.action}`).sort()).toEqual([
      'Dashboard/create',
      'Project/create',
    ]);
    const { report } = await imp.apply(preview?.id ?? '', {
      items: picked.map((e) => ({ key: e.key })),
    });
    expect(report.counts.created).toBe(2);
    const served = (await persesGet(perses.url, `/api/v1/projects/${p}/dashboards/clicked`))
      .body as { metadata: Record<string, unknown> };
    const { createdAt: _c, updatedAt: _u, version: _v, ...metadata } = served.metadata;
    const dest = report.items.find((i) => i.kind === 'Dashboard')?.destination;
    if (dest?.type !== 'configmap') throw new Error('expected a ConfigMap destination');
    expect(await stored(dest.name, dest.key)).toEqual({ ...served, metadata });
  }, 120_000);

  it('turns a Grafana dashboard into a valid Perses Dashboard through the real /api/migrate', async () => {
    const text = await readFile(path.join(FIXTURES, 'grafana-dashboard.json'), 'utf8');
    const preview = (await imp.preview({ source: 'grafana', text, project: proj, namespace: ns }))
      .body;
    const entry = preview.entries[0];
    expect(entry).toMatchObject({
      action: 'create',
      kind: 'Dashboard',
      name: 'node-overview',
      project: proj,
    });
    expect(entry?.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(entry?.perses).toMatchObject({ checked: true, valid: true });
    const doc = JSON.parse((await imp.texts(preview.id, entry?.key ?? '')).body.text) as {
      spec: { panels: Record<string, { spec: { plugin: { kind: string } } }> };
    };
    const kinds = Object.values(doc.spec.panels)
      .map((p) => p.spec.plugin.kind)
      .sort();
    expect(kinds).toEqual(['Markdown', 'StatChart', 'TimeSeriesChart']);
    // The third panel's type has no migration: named, so nobody mistakes the placeholder.
    expect(entry?.notes).toContain(
      'panel "Vendor widget" was not migrated: Perses has no migration for its Grafana panel type',
    );
    // The two supported panels carry real queries: Perses's Prometheus migration reads each
    // target's own `datasource.type` (a target without one becomes a placeholder query).
    const text2 = JSON.stringify(doc.spec.panels);
    expect(text2).toContain('node_cpu_seconds_total');
    expect(text2).toContain('count(up');
    expect(entry?.notes.filter((n) => /CPU usage|Targets up/.test(n))).toEqual([]);
    const { report } = await imp.apply(preview.id, { items: keysOf(preview) });
    expect(report.items[0]).toMatchObject({ outcome: 'created' });
  }, 60_000);

  it('imports perses-operator manifests (v1alpha2 and v1alpha1) into the CR namespace as project, and updates only when ticked', async () => {
    const text = (await readFile(path.join(FIXTURES, 'operator-crs.yaml'), 'utf8')).replaceAll(
      'IMPORT_PROJECT',
      proj,
    );
    const preview = (
      await imp.preview({ source: 'files', files: [{ name: 'crs.yaml', text }], namespace: ns })
    ).body;
    expect(preview.entries.map((e) => [e.kind, e.project, e.name, e.action])).toEqual([
      ['Dashboard', proj, 'cr-dash-v2', 'create'],
      ['Dashboard', proj, 'cr-dash-v1', 'create'],
      ['GlobalDatasource', null, 'cr-global-prom', 'create'],
    ]);
    expect(preview.entries[0]?.notes.join()).toMatch(/instanceSelector/);
    const { report } = await imp.apply(preview.id, { items: keysOf(preview) });
    expect(report.counts.created).toBe(3);
    const v1 = report.items.find((i) => i.name === 'cr-dash-v1')?.destination;
    if (v1?.type !== 'configmap') throw new Error('expected a ConfigMap destination');
    const before = await stored(v1.name, v1.key);
    expect(before).toMatchObject({
      spec: { display: { name: 'From a v1alpha1 CR' }, duration: '30m' },
    });

    const changed = text.replace('From a v1alpha1 CR', 'Renamed in the CR');
    const update = (
      await imp.preview({
        source: 'files',
        files: [{ name: 'crs.yaml', text: changed }],
        namespace: ns,
      })
    ).body;
    const entry = update.entries.find((e) => e.name === 'cr-dash-v1');
    expect(entry?.action).toBe('update');
    expect(update.entries.filter((e) => e.action === 'unchanged')).toHaveLength(2);
    const texts = (await imp.texts(update.id, entry?.key ?? '')).body;
    expect(texts.existingText).toContain('From a v1alpha1 CR');
    expect(texts.text).toContain('Renamed in the CR');
    const unticked = await imp.apply(update.id, { items: [{ key: entry?.key ?? '' }] });
    expect(unticked.report.items[0]?.outcome).toBe('skipped');
    expect(await stored(v1.name, v1.key)).toEqual(before);
    const version = entry?.existing?.version ?? '';
    const ticked = await imp.apply(update.id, {
      items: [{ key: entry?.key ?? '', overwrite: { version } }],
    });
    expect(ticked.report.items[0]?.outcome).toBe('updated');
    expect(await stored(v1.name, v1.key)).toMatchObject({
      spec: { display: { name: 'Renamed in the CR' } },
    });
  }, 60_000);
});
