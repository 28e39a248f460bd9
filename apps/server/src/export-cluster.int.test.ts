// `perses-cm export --from cluster` and the export API on the real kube-apiserver: labeled
// ConfigMaps, as the console writes them or by hand (a list in one key, YAML), become one file
// each; what Perses would refuse is reported, not written.
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ExportPreview } from '@perses-cm/api';
import { run as exportCli } from './cli/export-command.ts';
import { FIXTURES_DIR } from './testing/fixture-chart.ts';
import { core, removeNamespace, stackEnv, startKubeServer, uniq } from './testing/kube-fixture.ts';

const ns = uniq('export-src');
const yamlProject = `# written by hand
kind: Project
metadata:
  name: Hand-Made
spec:
  display:
    name: Made by hand
`;
let folders: string;
let ephemeral: string;

beforeAll(async () => {
  const env = stackEnv();
  const admin = core(env.kubeconfigs.admin);
  folders = await readFile(path.join(FIXTURES_DIR, '12-folder.json'), 'utf8');
  ephemeral = await readFile(path.join(FIXTURES_DIR, 'ephemeraldashboard.json'), 'utf8');
  await admin.createNamespace({ body: { metadata: { name: ns } } });
  // Another label value: the sidecar leaves these alone, the export reads them.
  const labels = { 'perses.dev/resource': 'export-test' };
  const cms = {
    'hand-made': { 'project.yaml': yamlProject },
    folders: { 'folders.json': folders },
    temp: { 'temp.json': ephemeral },
  };
  for (const [name, data] of Object.entries(cms))
    await admin.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name, labels }, data },
    });
});
afterAll(async () => {
  await removeNamespace(stackEnv().kubeconfigs.admin, ns);
});

describe('export from a cluster', () => {
  it('writes one file per resource of the labeled ConfigMaps, YAML kept, and names what it refuses', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'perses-cm-export-cluster-'));
    const stderr: string[] = [];
    vi.spyOn(console, 'error').mockImplementation(
      (...a: unknown[]) => void stderr.push(a.join(' ')),
    );
    const code = await exportCli([
      ...['--from', 'cluster', '--kubeconfig', stackEnv().kubeconfigs.admin],
      ...['--namespaces', ns, '--label', 'perses.dev/resource=export-test', '--out-dir', out],
    ]);
    vi.restoreAllMocks();
    expect(code).toBe(0);
    const files = (await readdir(path.join(out, 'files'), { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => path.relative(out, path.join(e.parentPath, e.name)))
      .sort();
    expect(files).toEqual([
      'files/folders/perses/demos.json',
      'files/folders/perses/infrastructure.json',
      'files/folders/testing/charts.json',
      'files/folders/testing/features.json',
      'files/folders/testing/panels.json',
      'files/projects/Hand-Made.yaml',
    ]);
    expect(await readFile(path.join(out, 'files/projects/Hand-Made.yaml'), 'utf8')).toBe(
      yamlProject,
    );
    const demos = (JSON.parse(folders) as { metadata: { name: string } }[]).find(
      (f) => f.metadata.name === 'demos',
    );
    expect(
      JSON.parse(await readFile(path.join(out, 'files/folders/perses/demos.json'), 'utf8')),
    ).toEqual(demos);
    // The chart carries the label the export read with.
    expect(await readFile(path.join(out, 'values.yaml'), 'utf8')).toContain(
      'labelValue: export-test',
    );
    expect(stderr.join('\n')).toContain(
      `not exported: EphemeralDashboard perses/TempDemo (ConfigMap ${ns}/temp key "temp.json")`,
    );
  });

  it('previews through the API what a namespace filter selects', async () => {
    const srv = await startKubeServer(stackEnv().kubeconfigs.admin, [ns, 'team-a'], {
      label: { key: 'perses.dev/resource', value: 'export-test' },
    });
    try {
      const res = await fetch(`${srv.url}/api/v1/export/preview?namespace=${ns}&kind=Folder`);
      const p = (await res.json()) as ExportPreview;
      expect(p.resources).toBe(5);
      expect(p.refused).toEqual([]);
      expect(p.errors).toEqual([]);
    } finally {
      await srv.close();
    }
  });
});
