// The settings on the real stack: the real perses chart rendered by the real helm, its StatefulSet,
// ConfigMaps and Service applied to kube-apiserver (no kubelet: the objects are what discovery
// reads); discovery finds them and says each mismatch; the console's Helm values, fed back to
// `helm template`, give the sidecar env asked for; a label saved takes effect without a restart.
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppsV1Api, KubeConfig, type CoreV1Api, type V1StatefulSet } from '@kubernetes/client-node';
import { stackBinaries } from '@perses-cm/stack/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { RunningServer } from './main.ts';
import { apiClient } from './testing/api-client.ts';
import { projectText } from './testing/documents.ts';
import { core, removeNamespace, stackEnv, startKubeServer, uniq } from './testing/kube-fixture.ts';
import { openSse } from './testing/sse.ts';

const CHART = path.resolve(import.meta.dirname, '../../../../shared/perses-helm-chart/perses');
const PERSES_NS = uniq('perses');
const TEAM_NS = uniq('team');
const KEY = `test.perses-cm/${uniq('set')}`;
let admin: CoreV1Api;
let apps: AppsV1Api;
let srv: RunningServer;

function helm(args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(stackBinaries().helm, args, { maxBuffer: 16 * 1024 * 1024 }, (err, out, stderr) =>
      err ? reject(new Error(`${err.message}: ${stderr}`)) : resolve(out),
    ),
  );
}

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** `perses-cm doctor --format json` with this test's console flags: exit code and report. */
function doctor(): Promise<{
  code: number | null;
  report: { ok: boolean; findings: { severity: string }[] };
}> {
  const env = stackEnv();
  const args = ['--kubeconfig', env.kubeconfigs.admin, '--namespaces', `${PERSES_NS},${TEAM_NS}`];
  args.push('--label', `${KEY}=one`, '--perses-url', env.persesUrl, '--format', 'json');
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'apps/server/src/cli/main.ts', 'doctor', ...args],
      { cwd: ROOT },
    );
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('close', (code) => resolve({ code, report: JSON.parse(stdout) as never }));
  });
}

type Manifest = { kind: string; metadata: { name: string } } & Record<string, unknown>;
/** The stack's Perses reads this folder: the chart's sidecar must write there, as in a real pod. */
const base = () =>
  `sidecar:\n  enabled: true\n  allNamespaces: false\nconfig:\n  provisioning:\n    folders: [${JSON.stringify(stackEnv().provisioningDir)}]\n`;

/** `helm template` with the base values, then `extra` over them (as `--reuse-values -f extra`). */
async function render(extra?: string): Promise<Manifest[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'perses-cm-values-'));
  const args = ['template', 'obs', CHART, '--namespace', PERSES_NS];
  for (const [i, text] of [base(), extra].entries()) {
    if (text === undefined) continue;
    const file = path.join(dir, `values-${i}.yaml`);
    await writeFile(file, text);
    args.push('-f', file);
  }
  return parseAllDocuments(await helm(args))
    .map((d) => d.toJS() as Manifest | null)
    .filter((d): d is Manifest => d !== null);
}

const sidecarEnv = (sts: Manifest) =>
  ((sts as V1StatefulSet).spec?.template.spec?.containers ?? [])
    .find((c) => c.name === 'perses-provisioning-sidecar')
    ?.env?.map((e) => `${e.name}=${e.value ?? ''}`);

/** The rendered StatefulSet, ConfigMaps and Service, created (or replaced) in the cluster. */
async function applyRendered(objects: Manifest[]): Promise<void> {
  for (const o of objects) {
    const namespace = PERSES_NS;
    const name = o.metadata.name;
    if (o.kind === 'StatefulSet') {
      await apps.deleteNamespacedStatefulSet({ namespace, name }).catch(() => undefined);
      await apps.createNamespacedStatefulSet({ namespace, body: o as V1StatefulSet });
    } else if (o.kind === 'ConfigMap') {
      await admin.deleteNamespacedConfigMap({ namespace, name }).catch(() => undefined);
      await admin.createNamespacedConfigMap({ namespace, body: o });
    } else if (o.kind === 'Service') {
      await admin.deleteNamespacedService({ namespace, name }).catch(() => undefined);
      await admin.createNamespacedService({ namespace, body: o });
    }
  }
}

beforeAll(async () => {
  const env = stackEnv();
  admin = core(env.kubeconfigs.admin);
  const kc = new KubeConfig();
  kc.loadFromFile(env.kubeconfigs.admin);
  apps = kc.makeApiClient(AppsV1Api);
  for (const name of [PERSES_NS, TEAM_NS])
    await admin.createNamespace({ body: { metadata: { name } } });
  // The chart as a user installs it with the sidecar on, watching only its own namespace.
  await applyRendered(await render());
  for (let i = 0; i < 12; i++)
    await admin.createNamespacedConfigMap({
      namespace: TEAM_NS,
      body: {
        metadata: { name: `p${i}`, labels: { [KEY]: 'one' } },
        data: { [`p${i}.json`]: projectText(`${TEAM_NS}-p${i}`) },
      },
    });
  srv = await startKubeServer(
    env.kubeconfigs.admin,
    [PERSES_NS, TEAM_NS],
    { label: { key: KEY, value: 'one' }, persesUrl: env.persesUrl },
    { status: false },
  );
});

afterAll(async () => {
  await srv?.close();
  await apps
    ?.deleteNamespacedStatefulSet({ namespace: PERSES_NS, name: 'obs-perses' })
    .catch(() => 0);
  await admin?.deleteNamespacedService({ namespace: PERSES_NS, name: 'obs-perses' }).catch(() => 0);
  for (const ns of [PERSES_NS, TEAM_NS]) await removeNamespace(stackEnv().kubeconfigs.admin, ns);
});

describe('settings against the real chart', () => {
  it('finds the StatefulSet and its sidecar env, and says each mismatch', async () => {
    const view = (await apiClient(srv.url).settings()).body;
    expect(view.discovered.workload).toBe(`StatefulSet ${PERSES_NS}/obs-perses`);
    expect(view.discovered.release).toBe('obs');
    expect(view.discovered.sidecar).toMatchObject({
      label: { key: 'perses.dev/resource', value: 'true' },
      namespaces: [PERSES_NS],
      folder: stackEnv().provisioningDir,
      uniqueFilenames: false,
      method: 'WATCH',
    });
    expect(view.discovered.perses?.version).toBe('0.54.0');
    const messages = view.findings.map((f) => `${f.severity}: ${f.message}`);
    expect(messages).toContain(
      `blocking: the console labels new ConfigMaps \`${KEY}=one\`, but the sidecar watches \`perses.dev/resource=true\`: new resources never reach Perses`,
    );
    expect(messages).toContain(
      `blocking: the sidecar watches only \`${PERSES_NS}\`, but 12 resources live in \`${TEAM_NS}\`: they never reach Perses`,
    );
    expect(messages).toContain(
      'info: `UNIQUE_FILENAMES` is off: two ConfigMaps with the same data key write the same file, and the last one wins',
    );
    for (const f of view.newer) expect(f.message).toMatch(/needs a Perses newer than v0\.54\.0/);
    expect(view.helm.values).not.toMatch(/enable_watch/);
    expect(view.helm.command).toBe(
      `helm upgrade obs perses/perses --namespace ${PERSES_NS} --reuse-values -f perses-sidecar-values.yaml`,
    );
    const run = await doctor();
    expect(run.code).toBe(1);
    expect(run.report.ok).toBe(false);
  });

  it('gives Helm values that render the sidecar env asked for, and then nothing blocks', async () => {
    const api = apiClient(srv.url);
    const { settings } = (await api.settings()).body;
    const chosen = {
      ...settings,
      sidecar: {
        namespaces: [PERSES_NS, TEAM_NS],
        uniqueFilenames: true,
        folderAnnotation: 'perses.dev/folder',
      },
      provisioningInterval: '2m',
    };
    expect((await api.saveSettings(chosen)).status).toBe(200);
    const rendered = await render((await api.settings()).body.helm.values);
    const sts = rendered.find((o) => o.kind === 'StatefulSet');
    expect(sts && sidecarEnv(sts)).toEqual([
      `LABEL=${KEY}`,
      'LABEL_VALUE=one',
      `FOLDER=${stackEnv().provisioningDir}`,
      'HEALTH_PORT=8081',
      `NAMESPACE=${PERSES_NS},${TEAM_NS}`,
      'UNIQUE_FILENAMES=true',
      'FOLDER_ANNOTATION=perses.dev/folder',
    ]);
    const config = rendered.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'obs-perses');
    expect((config?.data as Record<string, string>)['config.yaml']).toMatch(/interval: 2m/);
    // Rolled out (as helm upgrade would), the console finds what it asked for.
    await applyRendered(rendered);
    const after = (await api.settings()).body;
    expect(after.findings.filter((f) => f.severity === 'blocking')).toEqual([]);
    expect(after.findings.map((f) => f.message)).toContain(
      '`UNIQUE_FILENAMES` is on: data keys need not be unique across namespaces',
    );
    // The same check in a terminal: nothing keeps resources from Perses now.
    const run = await doctor();
    expect(run.code).toBe(0);
    expect(run.report.ok).toBe(true);
  });

  it('lists by a saved label at once, without a restart', async () => {
    const api = apiClient(srv.url);
    await admin.createNamespacedConfigMap({
      namespace: TEAM_NS,
      body: {
        metadata: { name: 'two', labels: { [KEY]: 'two' } },
        data: { 'two.json': projectText(`${TEAM_NS}-two`) },
      },
    });
    const sse = await openSse(`${srv.url}/api/v1/events`);
    try {
      const { settings } = (await api.settings()).body;
      await api.saveSettings({ ...settings, label: { key: KEY, value: 'two' } });
      const names = (await api.list()).body.items.map((i) => i.configMapName);
      expect(names).toEqual(['two']);
      await sse.waitFor((e) => e.type === 'resync', 5000, 'resync after the new label');
    } finally {
      sse.close();
    }
  });
});
