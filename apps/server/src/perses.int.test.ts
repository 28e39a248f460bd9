// The server with a Perses URL: Perses's own verdict in validation, and a resource created
// through the API reaching Perses through the sidecar and provisioning.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from './main.ts';
import { apiClient } from './testing/api-client.ts';
import { projectText } from './testing/documents.ts';
import { stackEnv, startKubeServer, uniq, type StackEnv } from './testing/kube-fixture.ts';
import { fixtureDashboards, requirePluginSchemas } from '@perses-cm/stack/testing';
import { eventually } from './testing/sse.ts';
import { toYamlText } from '@perses-cm/resources';

let env: StackEnv;
let srv: RunningServer;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  env = stackEnv();
  srv = await startKubeServer(env.kubeconfigs.admin, ['perses'], { persesUrl: env.persesUrl });
  api = apiClient(srv.url);
});
afterAll(async () => srv?.close());

function demoDashboard(): Record<string, unknown> {
  const demo = fixtureDashboards().find((d) => d.metadata.name === 'Demo');
  if (!demo) throw new Error('fixture Demo dashboard missing');
  return { ...demo };
}

describe('validation with Perses', () => {
  // Perses judges dashboards with its plugin schemas: without them these checks fail, saying so.
  it('reports Perses accepting a real dashboard', async () => {
    requirePluginSchemas(env);
    const res = await api.validate({ document: demoDashboard() });
    expect(res.status).toBe(200);
    expect(res.body.perses).toMatchObject({ checked: true, valid: true });
    expect(res.body.perses.url).toMatch(/\/api\/validate\/dashboards$/);
  });

  it('reports Perses refusing a panel of an unknown plugin', async () => {
    requirePluginSchemas(env);
    const doc = demoDashboard();
    const spec = doc.spec as { panels: Record<string, { spec: { plugin: { kind: string } } }> };
    const first = Object.values(spec.panels)[0];
    if (!first) throw new Error('no panel');
    first.spec.plugin.kind = 'NoSuchChartPlugin';
    const res = await api.validate({ document: doc });
    expect(res.body.perses.checked).toBe(true);
    expect(res.body.perses.valid).toBe(false);
    expect(res.body.perses.message).toMatch(/NoSuchChartPlugin|plugin/i);
  });

  it('puts each field Perses refuses on its line of the text, JSON and YAML alike', async () => {
    requirePluginSchemas(env);
    const doc = demoDashboard();
    const spec = doc.spec as { panels: Record<string, { spec: { plugin: { spec: object } } }> };
    const [key, first] = Object.entries(spec.panels)[0] ?? [];
    if (!key || !first) throw new Error('no panel');
    first.spec.plugin.spec = { ...first.spec.plugin.spec, notAField: 1 };
    const text = `${JSON.stringify(doc, null, 2)}\n`;
    const line = text.split('\n').findIndex((l) => l.includes('"notAField"')) + 1;
    const res = await api.validate({ text, format: 'json' });
    expect(res.body.perses).toMatchObject({ checked: true, valid: false });
    expect(res.body.perses.findings).toEqual([
      expect.objectContaining({
        rule: 'perses',
        severity: 'error',
        line,
        message: `Perses refuses this document: panel "${key}": spec.notAField: field not allowed`,
      }),
    ]);
    const yaml = toYamlText(doc);
    const yamlLine = yaml.split('\n').findIndex((l) => l.trim().startsWith('notAField:')) + 1;
    const fromYaml = await api.validate({ text: yaml, format: 'yaml' });
    expect(fromYaml.body.perses.findings?.[0]?.line).toBe(yamlLine);
  });

  it("states a refused name once: lint says the rule, Perses's regexp stays in its panel", async () => {
    requirePluginSchemas(env);
    const doc = demoDashboard();
    doc.metadata = { ...(doc.metadata as object), name: 'not valid!' };
    const res = await api.validate({ text: `${JSON.stringify(doc, null, 2)}\n` });
    expect(res.body.perses).toMatchObject({ checked: true, valid: false });
    expect(res.body.perses.message).toContain('is not a correct name');
    expect(res.body.perses.findings ?? []).toEqual([]);
    expect(res.body.findings.filter((f) => f.rule === 'invalid-name')).toHaveLength(1);
  });

  it('names the wrong-case kind as the reason Perses was not asked', async () => {
    const res = await api.validate({
      text: '{"kind":"dashboard","metadata":{"name":"x"},"spec":{}}',
    });
    expect(res.body.perses).toEqual({
      checked: false,
      skipped: 'kind "dashboard" is spelled in the wrong case (Perses expects "Dashboard")',
    });
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
