// A console started over many dashboards is ready before it has checked them: it says so in
// /readyz (`settling: {checking: n}`), lists them as pending, checks one at once when it is read
// alone, and settles with the findings a full check gives, announcing each check as `modified`.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreV1Api, V1ConfigMap } from '@kubernetes/client-node';
import { API, HealthResponse, type ResourceEvent } from '@perses-cm/api';
import { toYamlText } from '@perses-cm/resources';
import type { RunningServer } from './main.ts';
import { ResourceIndex } from './services/resource-index.ts';
import { toContainer } from './stores/kubernetes/configmap-entries.ts';
import { apiClient } from './testing/api-client.ts';
import { core, stackEnv, startKubeServer, uniq } from './testing/kube-fixture.ts';
import { eventually, openSse } from './testing/sse.ts';

const NAMESPACE = 'team-a';
const LABEL_KEY = 'perses-cm.dev/lazy-check-test';
const label = uniq('lazy');
const project = uniq('lazyproj');
let admin: CoreV1Api;
let srv: RunningServer;

/** The real dashboards of the Perses dev data, renamed into this test's project. */
function dashboards(): Record<string, unknown>[] {
  const url = new URL(
    '../../../../shared/fixtures/perses-dev-data/9-dashboard.json',
    import.meta.url,
  );
  return JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>[];
}

/** `copies` of every real dashboard (JSON and YAML), one clean extra and one with a bad ref. */
function documents(copies: number): { name: string; key: string; text: string }[] {
  const out: { name: string; key: string; text: string }[] = [];
  for (let c = 0; c < copies; c++) {
    dashboards().forEach((d, i) => {
      const name = `d${c}-${i}`;
      const doc = { ...d, metadata: { ...(d.metadata as object), name, project } };
      const yaml = (c + i) % 2 === 0;
      out.push({
        name,
        key: `${name}.${yaml ? 'yaml' : 'json'}`,
        text: yaml ? toYamlText(doc) : `${JSON.stringify(doc, null, 2)}\n`,
      });
    });
  }
  out.push({
    name: 'bad-ref',
    key: 'bad-ref.yaml',
    text: `kind: Dashboard\nmetadata:\n  name: bad-ref\n  project: ${project}\nspec:\n  display:\n    name: Bad ref\n  panels: {}\n  layouts:\n  - kind: Grid\n    spec:\n      items:\n      - x: 0\n        y: 0\n        width: 1\n        height: 1\n        content:\n          $ref: "#/spec/panels/missing"\n`,
  });
  out.push({
    name: 'project',
    key: 'project.json',
    text: JSON.stringify({ kind: 'Project', metadata: { name: project }, spec: {} }),
  });
  return out;
}

const docs = documents(12);
const configMaps: V1ConfigMap[] = docs.map((d) => ({
  metadata: {
    namespace: NAMESPACE,
    name: `${label}-${d.name}`,
    resourceVersion: '1',
    labels: { [LABEL_KEY]: label },
  },
  data: { [d.key]: d.text },
}));

beforeAll(async () => {
  admin = core(stackEnv().kubeconfigs.admin);
  await Promise.all(
    configMaps.map(({ metadata, data }) =>
      admin.createNamespacedConfigMap({
        namespace: NAMESPACE,
        body: { metadata: { name: metadata!.name, labels: metadata!.labels }, data },
      }),
    ),
  );
  srv = await startKubeServer(stackEnv().kubeconfigs.admin, [NAMESPACE], {
    label: { key: LABEL_KEY, value: label },
  });
}, 120_000);

afterAll(async () => {
  await srv?.close();
  await admin
    ?.deleteCollectionNamespacedConfigMap({
      namespace: NAMESPACE,
      labelSelector: `${LABEL_KEY}=${label}`,
    })
    .catch(() => undefined);
});

describe('checking after the start', () => {
  it('reports settling, checks on demand, and settles with the findings of a full check', async () => {
    const api = apiClient(srv.url);
    const readyz = async () =>
      HealthResponse.parse(await fetch(`${srv.url}${API.readyz}`).then((r) => r.json()));
    // Ready, with the check still to do: the dashboards were indexed from their head.
    const first = await readyz();
    expect(first.status).toBe('ok');
    expect(first.settling?.checking).toBeGreaterThan(0);
    const listed = (await api.list()).body.items;
    expect(listed).toHaveLength(docs.length);
    const bad = listed.find((r) => r.name === 'bad-ref')!;
    // Read alone, a resource is checked at once: its findings, with positions, are there.
    const detail = (await api.get(bad.id)).body;
    expect(detail.findings.pending).toBeUndefined();
    expect(detail.findingList.some((f) => f.severity === 'error' && f.line !== undefined)).toBe(
      true,
    );

    // Every check is announced: the stream replays what happened since the start.
    const live = await openSse(`${srv.url}${API.events}`);
    const epoch = (
      await eventually(() => /^id: ([0-9a-f]+)\./m.exec(live.raw.join('\n')), 5000, 'an event id')
    )[1];
    live.close();

    await eventually(async () => (await readyz()).settling === undefined, 60_000, 'settled');
    const settled = (await api.list()).body.items;
    expect(settled.filter((r) => r.findings.pending)).toEqual([]);
    expect(settled.find((r) => r.name === 'bad-ref')!.findings.errors).toBeGreaterThan(0);
    // What a full index of the same ConfigMaps holds, findings and all.
    const full = new ResourceIndex();
    for (const cm of configMaps) full.put(toContainer(cm));
    const expected = full.list({}, () => true).map((r) => [r.summary.name, r.summary.findings]);
    expect(settled.map((r) => [r.name, r.findings])).toEqual(expected);
    const real = settled.filter((r) => /^d\d+-\d+$/.test(r.name));
    expect(real.length).toBe(docs.length - 2);

    const replay = await openSse(`${srv.url}${API.events}`, { 'last-event-id': `${epoch}.0` });
    const modified = new Set<string>();
    await eventually(
      () => {
        for (const e of replay.events as ResourceEvent[])
          if (e.type === 'modified' && !e.resource.findings.pending) modified.add(e.resource.id);
        return modified.size >= real.length;
      },
      10_000,
      'a modified event per checked dashboard',
    );
    replay.close();
    for (const r of real) expect(modified.has(r.id), r.name).toBe(true);
  });
});
