// The console works under the chart's RBAC: the server bundle of the image, configured by the
// chart's environment, runs as the chart's ServiceAccount against the real kube-apiserver.
// Types inject('stack'): the global setup declares what it provides.
import type {} from '@perses-cm/stack/vitest-global-setup';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiClient } from '@perses-cm/server/src/testing/api-client.ts';
import { project } from '@perses-cm/server/src/testing/documents.ts';
import { waitFor } from '@perses-cm/stack';
import { rbacOf, renderChart } from './chart.ts';
import {
  bundleIntoTempRoot,
  startBundledConsole,
  type RunningConsole,
} from './testing/bundled-console.ts';
import { TestCluster } from './testing/cluster.ts';

const stack = inject('stack');
const cluster = new TestCluster(stack);
let bundle: Awaited<ReturnType<typeof bundleIntoTempRoot>>;
let home: string;

/** Installs a release's RBAC for real and runs the console as its ServiceAccount. */
async function run(release: string, values: object): Promise<RunningConsole> {
  const manifests = await renderChart(release, home, {
    perses: { url: stack.persesUrl },
    ...values,
  });
  const rbac = rbacOf(manifests);
  await cluster.apply(rbac);
  const sa = rbac.find((m) => m.kind === 'ServiceAccount')!.metadata.name;
  const token = await cluster.token({ namespace: home, name: sa });
  return startBundledConsole({ appRoot: bundle.appRoot, manifests, stack, token });
}

/** A dashboard without panels: Perses validates it with or without plugin schemas. */
const dashboard = (name: string) => ({
  kind: 'Dashboard',
  metadata: { name, project: 'p' },
  spec: { display: { name }, duration: '1h', panels: {}, layouts: [] },
});

beforeAll(async () => {
  [bundle, home] = await Promise.all([bundleIntoTempRoot(), cluster.namespace('pcm-console')]);
});
afterAll(async () => {
  await cluster.cleanup();
  bundle?.dispose();
});

describe.each([
  ['namespace', {}],
  ['cluster', { scope: 'cluster' }],
])('scope=%s', (scope, values) => {
  let app: RunningConsole;
  beforeAll(async () => {
    app = await run(`c-${scope.slice(0, 2)}`, values);
  });
  afterAll(() => app?.stop());

  it('is ready, as the ServiceAccount, allowed to edit in its namespace', async () => {
    const api = apiClient(app.url);
    const who = await api.whoami();
    expect(who.status).toBe(200);
    expect(who.body.identity.name).toBe(
      `system:serviceaccount:${home}:c-${scope.slice(0, 2)}-perses-cm`,
    );
    const caps = who.body.capabilities.find((c) => c.namespace === home);
    expect(caps?.allowed).toEqual({
      list: true,
      get: true,
      create: true,
      update: true,
      delete: true,
    });
  });

  it('creates, lists and deletes a resource, with Perses validating it', async () => {
    const api = apiClient(app.url);
    const name = `pcm-${scope}`;
    const validated = await api.validate({ document: dashboard(name) });
    expect(validated.body.perses).toMatchObject({ checked: true, valid: true });
    const created = await api.create({ document: project(name), namespace: home });
    expect(created.status).toBe(201);
    expect(created.body.origin).toMatchObject({ type: 'configmap', namespace: home });
    // The list is served from the console's watch cache: it shows the write once the watch has.
    await waitFor('the created resource in the list', async () => {
      const listed = await api.list(`?namespace=${home}`);
      expect(listed.body.errors).toEqual([]);
      const names = listed.body.items.map((i) => i.name);
      return names.includes(name) ? true : undefined;
    });
    expect((await api.remove(created.body.id, created.body.version)).status).toBe(204);
  });
});
