// The proof of issue 3: ConfigMap -> sidecar -> provisioning folder -> Perses, on the real stack.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { waitFor } from './proc.ts';
import { waitForFile, waitForNoFile } from './testing/fs.ts';
import { configMap, coreApi, statusOf, uniq } from './testing/kube.ts';
import { requirePluginSchemas } from './testing/plugins.ts';
import {
  fixtureDashboards,
  persesGet,
  validateDashboard,
  type Resource,
} from './testing/perses.ts';

const stack = inject('stack');
const admin = coreApi(stack.kubeconfigs.admin);
const labels = { [stack.sidecar.label]: stack.sidecar.labelValue };
// Provisioning runs every few seconds; allow several cycles on a loaded CI machine.
const cycleTimeout = 60_000;

function demoDashboard(project: string): Resource {
  const demo = fixtureDashboards().find((d) => d.metadata.name === 'Demo');
  if (!demo) throw new Error('fixture dashboard Demo not found');
  return { kind: demo.kind, metadata: { name: demo.metadata.name, project }, spec: demo.spec };
}

function withUnknownPanelKind(d: Resource, project: string, name: string): Resource {
  const spec = structuredClone(d.spec) as {
    panels: Record<string, { spec: { plugin: { kind: string } } }>;
  };
  const first = Object.values(spec.panels)[0];
  if (!first) throw new Error('dashboard without panels');
  first.spec.plugin.kind = 'NoSuchPanelPlugin';
  return {
    kind: 'Dashboard',
    metadata: { name, project },
    spec: spec as unknown as Record<string, unknown>,
  };
}

async function persesResource(path: string): Promise<Resource> {
  return waitFor(
    `Perses ${path}`,
    async () => {
      const r = await persesGet(stack.persesUrl, path);
      return r.status === 200 ? (r.body as Resource) : undefined;
    },
    { timeoutMs: cycleTimeout, intervalMs: 250 },
  );
}

describe('stack: ConfigMap to Perses', () => {
  // Several provisioning cycles in a row: more than the default test timeout.
  it(
    'provisions a Project and a real dashboard, refuses unknown plugins, and keeps orphans',
    { timeout: 240_000 },
    async () => {
      requirePluginSchemas(stack);
      const project = uniq('proof');
      const projectFile = `${project}-project.json`;
      const dashFile = `${project}-demo.json`;
      const dashboard = demoDashboard(project);
      const projectSpec = { display: { name: 'Proof project' } };
      await admin.createNamespacedConfigMap({
        namespace: 'perses',
        body: configMap('perses', `${project}-project`, {
          labels,
          data: {
            [projectFile]: JSON.stringify({
              kind: 'Project',
              metadata: { name: project },
              spec: projectSpec,
            }),
          },
        }),
      });
      await admin.createNamespacedConfigMap({
        namespace: 'team-a',
        body: configMap('team-a', `${project}-demo`, {
          labels,
          data: { [dashFile]: JSON.stringify(dashboard) },
        }),
      });
      await waitForFile(join(stack.provisioningDir, projectFile));
      await waitForFile(join(stack.provisioningDir, dashFile), JSON.stringify(dashboard));

      expect((await persesResource(`/api/v1/projects/${project}`)).spec).toEqual(projectSpec);
      // Perses lower-cases names on store (case-insensitive database).
      const dashPath = `/api/v1/projects/${project}/dashboards/demo`;
      const served = await persesResource(dashPath);
      // Perses re-serialises the spec through its Go model, which adds defaults such as
      // `allowMultiple: false`: every field of the file must be served unchanged.
      expect(served.spec).toMatchObject(dashboard.spec);

      // Plugin schemas are really loaded: the real dashboard validates, an unknown panel kind does not.
      expect(await validateDashboard(stack.persesUrl, dashboard)).toEqual({
        status: 200,
        message: '',
      });
      const bad = withUnknownPanelKind(dashboard, project, 'bad');
      const refused = await validateDashboard(stack.persesUrl, bad);
      expect(refused.status).toBe(400);
      expect(refused.message).toContain('NoSuchPanelPlugin');

      // Through provisioning too: the file arrives, Perses logs the refusal and never stores it.
      const badName = uniq('bad');
      const badFile = `${project}-${badName}.json`;
      await admin.createNamespacedConfigMap({
        namespace: 'team-a',
        body: configMap('team-a', `${project}-${badName}`, {
          labels,
          data: { [badFile]: JSON.stringify(withUnknownPanelKind(dashboard, project, badName)) },
        }),
      });
      await waitForFile(join(stack.provisioningDir, badFile));
      await waitFor(
        'the Perses log to refuse the dashboard',
        async () => {
          const log = readFileSync(join(stack.logsDir, 'perses.log'), 'utf8');
          // logrus' text format escapes the quotes inside msg="...".
          return log.includes(`unable to create the \\"Dashboard\\" \\"${badName}\\"`)
            ? true
            : undefined;
        },
        { timeoutMs: cycleTimeout, intervalMs: 250 },
      );
      expect(
        (await persesGet(stack.persesUrl, `/api/v1/projects/${project}/dashboards/${badName}`))
          .status,
      ).toBe(404);

      // Deleting the ConfigMap removes the file but not the resource: provisioning never deletes.
      await admin.deleteNamespacedConfigMap({ namespace: 'team-a', name: `${project}-demo` });
      await waitForNoFile(join(stack.provisioningDir, dashFile));
      // Every cycle bumps the version of each provisioned resource: two bumps = a full cycle
      // has run since the file disappeared.
      const versionNow =
        (await persesResource(`/api/v1/projects/${project}`)).metadata.version ?? 0;
      await waitFor(
        'two provisioning cycles',
        async () => {
          const p = await persesResource(`/api/v1/projects/${project}`);
          return (p.metadata.version ?? 0) >= versionNow + 2 ? true : undefined;
        },
        { timeoutMs: cycleTimeout, intervalMs: 250 },
      );
      expect(existsSync(join(stack.provisioningDir, dashFile))).toBe(false);
      const orphan = await persesGet(stack.persesUrl, dashPath);
      expect(orphan.status).toBe(200);
      expect((orphan.body as Resource).spec).toMatchObject(dashboard.spec);
    },
  );
});

describe('stack: RBAC of the static users', () => {
  it('refuses ConfigMap writes to viewer, and to editor outside team-a', async () => {
    const viewer = coreApi(stack.kubeconfigs.viewer);
    const editor = coreApi(stack.kubeconfigs.editor);
    const body = (ns: string) => configMap(ns, uniq('rbac'), { data: { 'x.json': '{}' } });
    expect(
      await statusOf(
        viewer.createNamespacedConfigMap({ namespace: 'team-a', body: body('team-a') }),
      ),
    ).toBe(403);
    expect(await statusOf(viewer.listNamespacedConfigMap({ namespace: 'team-a' }))).toBe(200);
    expect(
      await statusOf(
        editor.createNamespacedConfigMap({ namespace: 'team-b', body: body('team-b') }),
      ),
    ).toBe(403);
    expect(await statusOf(editor.listNamespacedConfigMap({ namespace: 'team-b' }))).toBe(200);
    expect(
      await statusOf(
        editor.createNamespacedConfigMap({ namespace: 'team-a', body: body('team-a') }),
      ),
    ).toBe(200);
  });
});
