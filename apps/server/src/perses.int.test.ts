// The server with a Perses URL: Perses's own verdict in validation, and a resource created
// through the API reaching Perses through the sidecar and provisioning.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from './main.ts';
import { apiClient } from './testing/api-client.ts';
import { projectText } from './testing/documents.ts';
import { stackEnv, startKubeServer, uniq, type StackEnv } from './testing/kube-fixture.ts';
import { eventually } from './testing/sse.ts';
import { missingPluginSchemas } from '../../../tools/stack/src/testing/plugins.ts';

const FIXTURES = new URL('../../../../shared/fixtures/perses-dev-data/', import.meta.url);

// Perses judges dashboards with its plugin schemas; without them these checks cannot be made.
const noPlugins = missingPluginSchemas(stackEnv());
let env: StackEnv;
let srv: RunningServer;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  env = stackEnv();
  srv = await startKubeServer(env.kubeconfigs.admin, ['perses'], { persesUrl: env.persesUrl });
  api = apiClient(srv.url);
});
afterAll(async () => srv?.close());

async function demoDashboard(): Promise<Record<string, unknown>> {
  const all = JSON.parse(await readFile(new URL('9-dashboard.json', FIXTURES), 'utf8')) as Record<
    string,
    unknown
  >[];
  const demo = all.find((d) => (d.metadata as { name: string }).name === 'Demo');
  if (!demo) throw new Error('fixture Demo dashboard missing');
  return demo;
}

describe('validation with Perses', () => {
  it.skipIf(noPlugins)('reports Perses accepting a real dashboard', async () => {
    const res = await api.validate({ document: await demoDashboard() });
    expect(res.status).toBe(200);
    expect(res.body.perses).toMatchObject({ checked: true, valid: true });
    expect(res.body.perses.url).toMatch(/\/api\/validate\/dashboards$/);
  });

  it.skipIf(noPlugins)('reports Perses refusing a panel of an unknown plugin', async () => {
    const doc = await demoDashboard();
    const spec = doc.spec as { panels: Record<string, { spec: { plugin: { kind: string } } }> };
    const first = Object.values(spec.panels)[0];
    if (!first) throw new Error('no panel');
    first.spec.plugin.kind = 'NoSuchChartPlugin';
    const res = await api.validate({ document: doc });
    expect(res.body.perses.checked).toBe(true);
    expect(res.body.perses.valid).toBe(false);
    expect(res.body.perses.message).toMatch(/NoSuchChartPlugin|plugin/i);
  });

  it('says why Perses was not asked for a kind without a validation route', async () => {
    const res = await api.validate({ text: projectText('p') });
    expect(res.body.perses).toEqual({
      checked: false,
      skipped: 'Perses has no validation route for Project',
    });
  });
});

describe('end to end', () => {
  it('a project created through the API is served by Perses after provisioning', async () => {
    const name = uniq('e2e');
    const created = await api.create({ text: projectText(name), namespace: 'perses' });
    expect(created.status).toBe(201);
    await eventually(
      async () => (await fetch(`${env.persesUrl}/api/v1/projects/${name}`)).status === 200,
      45_000,
      'Perses serves the project',
    );
  });
});
