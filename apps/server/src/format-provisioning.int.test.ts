// A YAML dashboard with panel keys like 0_0 and 1_0, formatted by the console's formatter, saved
// through the server as a labeled ConfigMap, is served by the real Perses (sidecar, then
// provisioning) with the change: the formatter keeps the keys strings for Go's yaml.v3. The same
// text with the keys plain, written behind the console's back, is refused by Perses (yaml.v3
// reads 0_0 and 1_0 as numbers, so no $ref finds its panel) and the formatted version stays.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { formatYamlText } from '@perses-cm/resources';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningServer } from './main.ts';
import { apiClient } from './testing/api-client.ts';
import { projectText } from './testing/documents.ts';
import { core, stackEnv, startKubeServer, uniq, type StackEnv } from './testing/kube-fixture.ts';
import { eventually } from './testing/sse.ts';
import { persesGet } from './testing/status.ts';

let env: StackEnv;
let srv: RunningServer;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  env = stackEnv();
  srv = await startKubeServer(env.kubeconfigs.admin, ['perses'], { persesUrl: env.persesUrl });
  api = apiClient(srv.url);
});
afterAll(async () => srv?.close());

/**
 * As a person might keep it: 4-space indentation, the numeric-looking keys quoted. One key is
 * unique to the run, so Perses's log line about it can only be about this file.
 */
function dashboardText(project: string, name: string, keys: string[], title: string): string {
  const panel = (key: string) =>
    [
      `        "${key}":`,
      '            kind: Panel',
      '            spec:',
      '                display:',
      `                    name: ${title} ${key}`,
      '                plugin:',
      '                    kind: Markdown',
      '                    spec:',
      '                        text: hello',
    ].join('\n');
  const item = (key: string, x: number) =>
    [
      `                  - x: ${x}`,
      '                    y: 0',
      '                    width: 12',
      '                    height: 6',
      '                    content:',
      `                        $ref: "#/spec/panels/${key}"`,
    ].join('\n');
  return [
    'kind: Dashboard',
    'metadata:',
    `    name: ${name}`,
    `    project: ${project}`,
    'spec:',
    '    duration: 1h',
    '    panels:',
    ...keys.map(panel),
    '    layouts:',
    '        - kind: Grid',
    '          spec:',
    '              items:',
    ...keys.map((key, i) => item(key, (i % 2) * 12)),
    '',
  ].join('\n');
}

interface Served {
  spec: {
    panels: Record<string, { spec: { display: { name: string } } }>;
    layouts: { spec: { items: { content: { $ref: string } }[] } }[];
  };
}

async function served(project: string, name: string): Promise<Served | undefined> {
  const res = await persesGet(env.persesUrl, `/api/v1/projects/${project}/dashboards/${name}`);
  return res.status === 200 ? (res.body as Served) : undefined;
}

function titles(d: Served | undefined): string[] {
  return Object.entries(d?.spec.panels ?? {})
    .map(([key, p]) => `${key}=${p.spec.display.name}`)
    .sort();
}

it('a formatted YAML dashboard with panel keys 0_0 and 1_0 reaches Perses with the change', async () => {
  const project = uniq('fmt');
  const name = uniq('keys');
  const runKey = `9_${Date.now() % 1_000_000}`;
  const keys = [runKey, '0_0', '1_0'];
  const shown = (title: string) =>
    keys
      .map((k) => `${k}=${title} ${k}`)
      .sort()
      .join();
  expect((await api.create({ text: projectText(project), namespace: 'perses' })).status).toBe(201);
  const created = await api.create({
    text: dashboardText(project, name, keys, 'Before'),
    namespace: 'perses',
  });
  expect(created.status).toBe(201);
  expect(created.body.format).toBe('yaml');
  const kube = core(env.kubeconfigs.admin);
  const cmName = created.body.configMapName as string;
  try {
    await eventually(
      async () => titles(await served(project, name)).join() === shown('Before'),
      45_000,
      'Perses serves the first version',
    );

    // The edit, then Format: 2-space indentation, the keys and refs still quoted.
    const formatted = formatYamlText(dashboardText(project, name, keys, 'After')) ?? '';
    for (const key of keys) {
      expect(formatted).toContain(`\n    "${key}":\n`);
      expect(formatted).toContain(`$ref: "#/spec/panels/${key}"`);
    }
    const updated = await api.update(created.body.id, {
      text: formatted,
      version: created.body.version,
    });
    expect(updated.status).toBe(200);
    expect(updated.body.text).toBe(formatted);
    await eventually(
      async () => titles(await served(project, name)).join() === shown('After'),
      45_000,
      'Perses serves the formatted version with the change',
    );
    const now = await served(project, name);
    expect(now?.spec.layouts[0]?.spec.items.map((i) => i.content.$ref)).toEqual(
      keys.map((k) => `#/spec/panels/${k}`),
    );

    // The control: the same text with the keys plain, written behind the console's back.
    let plain = formatted.replaceAll('After', 'Plain');
    for (const key of keys) plain = plain.replaceAll(`"${key}":`, `${key}:`);
    const log = path.join(env.logsDir, 'perses.log');
    const logStart = (await readFile(log, 'utf8')).length;
    const cm = await kube.readNamespacedConfigMap({ name: cmName, namespace: 'perses' });
    cm.data = { [created.body.key]: plain };
    await kube.replaceNamespacedConfigMap({ name: cmName, namespace: 'perses', body: cm });
    await eventually(
      async () =>
        (await readFile(log, 'utf8'))
          .slice(logStart)
          .includes(`no panel found for ref \\"${runKey}\\"`),
      45_000,
      'Perses logs that the plain keys break the refs',
    );
    expect(titles(await served(project, name)).join()).toBe(shown('After'));
  } finally {
    // A file Perses refuses would be logged on every cycle for the rest of the run.
    await kube.deleteNamespacedConfigMap({ name: cmName, namespace: 'perses' }).catch(() => {});
  }
});
