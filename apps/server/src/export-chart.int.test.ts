// An exported chart through the real tools: helm lints and renders it (one labeled ConfigMap per
// resource), the real kube-apiserver accepts and stores them as the source said, the stack's
// sidecar writes each key to its own file, Perses loads every resource, and `perses-cm lint`
// finds no error. Sources: the real Perses development data and the sample chart.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, parseAllDocuments, stringify } from 'yaml';
import type { V1ConfigMap } from '@kubernetes/client-node';
import { identityKey, identityOf, kindInfo, persesApiPath } from '@perses-cm/resources';
import { mustRun, runTool, stackBinaries } from '../../../tools/packaging/src/tools.ts';
import { run as exportCli } from './cli/export-command.ts';
import { run as lintCli } from './cli/lint-command.ts';
import { SAMPLE_CHART_DIR } from './config.ts';
import { parse } from './domain/model.ts';
import { projectText } from './testing/documents.ts';
import { fixtureChart } from './testing/fixture-chart.ts';
import { core, removeNamespace, stackEnv, uniq } from './testing/kube-fixture.ts';
import { eventually } from './testing/sse.ts';

const PERSES_CHART_DIR = path.resolve(SAMPLE_CHART_DIR, '../../../shared/perses-helm-chart/perses');
const dashboard = (name: string, project: string) =>
  JSON.stringify({
    kind: 'Dashboard',
    metadata: { name, project },
    spec: { duration: '1h', panels: {}, layouts: [] },
  });
// Perses never deletes, so a stack reused across runs already holds the fixtures: a project and
// a dashboard new to this run show that this run's files reached Perses.
const runProject = uniq('Run');

const helm = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
  mustRun(stackBinaries().helm, args, { env });

async function exportTo(source: string, extra: string[] = []): Promise<string> {
  const out = await mkdtemp(path.join(tmpdir(), 'perses-cm-exported-'));
  expect(await exportCli(['--from', 'dir', '--dir', source, '--out-dir', out, ...extra])).toBe(0);
  return out;
}

function configMaps(rendered: string): V1ConfigMap[] {
  return parseAllDocuments(rendered)
    .map((d) => d.toJS() as V1ConfigMap | null)
    .filter((d): d is V1ConfigMap => d?.kind === 'ConfigMap');
}

async function resourceFiles(chart: string): Promise<string[]> {
  const all = await readdir(path.join(chart, 'files'), { recursive: true, withFileTypes: true });
  return all.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** Every resource of a set of texts, by Perses identity. */
function byIdentity(texts: string[]): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const text of texts)
    for (const doc of parse(text).documents) {
      const id = identityOf(doc);
      if (id) out.set(identityKey(id), doc);
    }
  return out;
}

describe.each([
  [
    'the Perses development data',
    () =>
      fixtureChart({
        // One dashboard file name twice, in two folders: their data keys must still differ.
        'files/a/one.json': dashboard('dashboard', 'perses'),
        'files/b/two.json': dashboard('dashboard', 'testing'),
        'files/c/project.json': projectText(runProject),
        'files/c/dashboard.json': dashboard('RunDashboard', runProject),
        // Two long names alike up to where the template cuts its slug, which there is a "-".
        'files/d/long-a.json': dashboard(`${'x'.repeat(41)}_TailA`, 'perses'),
        'files/d/long-b.json': dashboard(`${'x'.repeat(41)}_TailB`, 'perses'),
      }),
    45,
  ],
  ['the sample chart', async () => SAMPLE_CHART_DIR, 16],
])('an export of %s', (_name, source, count) => {
  let src: string;
  let chart: string;
  let rendered: V1ConfigMap[];
  const ns = uniq('export');
  const release = 'team';

  beforeAll(async () => {
    src = await source();
    chart = await exportTo(src);
    rendered = configMaps(await helm(['template', release, chart, '--namespace', ns]));
  });

  it('passes helm lint --strict and perses-cm lint', async () => {
    expect(await helm(['lint', '--strict', chart])).toContain(
      '1 chart(s) linted, 0 chart(s) failed',
    );
    expect(await lintCli([chart])).toBe(0);
  });

  it('renders one labeled ConfigMap per resource, valid names and cluster-unique keys, bytes kept', async () => {
    const files = await resourceFiles(chart);
    expect(files).toHaveLength(count);
    expect(rendered).toHaveLength(count);
    const names = rendered.map((c) => c.metadata?.name ?? '');
    const keys = rendered.flatMap((c) => Object.keys(c.data ?? {}));
    expect(new Set(names).size).toBe(count);
    expect(new Set(keys).size).toBe(count);
    for (const cm of rendered) {
      expect(cm.metadata?.name).toMatch(/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/);
      expect(cm.metadata?.labels?.['perses.dev/resource']).toBe('true');
      const [key, text] = Object.entries(cm.data ?? {})[0] ?? [];
      expect(key).toMatch(/^[-._a-zA-Z0-9]+\.(json|ya?ml)$/);
      const file = cm.metadata?.annotations?.['perses-cm.dev/source-path'] ?? '';
      expect(text).toBe(await readFile(path.join(chart, file), 'utf8'));
    }
  });

  it('is accepted by the kube-apiserver (server dry run, strict)', async () => {
    const env = stackEnv();
    const r = await runTool(
      stackBinaries().kubectl,
      [
        `--kubeconfig=${env.kubeconfigs.admin}`,
        'apply',
        // Server-side like Helm: client-side apply's last-applied annotation caps a file at 256 KiB.
        '--server-side',
        '--dry-run=server',
        '--validate=strict',
        '-n',
        'default',
        '-f',
        '-',
      ],
      {
        input: rendered
          .map((cm) => stringify({ ...cm, metadata: { ...cm.metadata, namespace: 'default' } }))
          .join('---\n'),
      },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n')).toHaveLength(count);
  });

  it('gives the same bytes when exported again', async () => {
    const again = await exportTo(src);
    for (const file of await resourceFiles(chart))
      expect(await readFile(path.join(again, path.relative(chart, file)))).toEqual(
        await readFile(file),
      );
    const archives = await Promise.all(
      [1, 2].map(async (i) => {
        const file = path.join(again, `../again-${path.basename(again)}-${i}.tgz`);
        expect(await exportCli(['--from', 'dir', '--dir', src, '--out', file])).toBe(0);
        return readFile(file);
      }),
    );
    expect(archives[1]?.equals(archives[0] ?? Buffer.alloc(0))).toBe(true);
  });

  describe('installed into an empty namespace', () => {
    const env = () => stackEnv();
    beforeAll(async () => {
      await core(env().kubeconfigs.admin).createNamespace({ body: { metadata: { name: ns } } });
      await mustRun(
        stackBinaries().kubectl,
        [`--kubeconfig=${env().kubeconfigs.admin}`, 'apply', '--server-side', '-n', ns, '-f', '-'],
        {
          input: rendered.map((cm) => stringify(cm)).join('---\n'),
        },
      );
    });
    afterAll(async () => {
      await removeNamespace(env().kubeconfigs.admin, ns);
    });

    it('stores resources identical (parsed) to the source', async () => {
      const stored = await core(env().kubeconfigs.admin).listNamespacedConfigMap({
        namespace: ns,
        labelSelector: 'perses.dev/resource=true',
      });
      expect(stored.items).toHaveLength(count);
      const got = byIdentity(stored.items.flatMap((cm) => Object.values(cm.data ?? {})));
      const sourceTexts = await Promise.all(
        (await resourceFiles(src)).map((f) => readFile(f, 'utf8')),
      );
      const want = byIdentity(sourceTexts);
      expect(got.size).toBe(count);
      expect(Object.fromEntries(got)).toEqual(Object.fromEntries(want));
    });

    it('has every key written to its own file by the sidecar, and Perses loads every resource', async () => {
      const e = env();
      for (const cm of rendered) {
        const [key, text] = Object.entries(cm.data ?? {})[0] ?? ['', ''];
        await eventually(
          async () =>
            (await readFile(path.join(e.provisioningDir, key), 'utf8').catch(() => null)) === text,
          15_000,
          `the sidecar writes ${key}`,
        );
      }
      const docs = [...byIdentity(rendered.flatMap((cm) => Object.values(cm.data ?? {}))).values()];
      let missing = docs.flatMap((d) => identityOf(d) ?? []);
      expect(missing).toHaveLength(count);
      // A provisioning cycle over a shared folder can take long on a loaded machine.
      await eventually(
        async () => {
          const held = await Promise.all(missing.map((id) => persesHas(e, id)));
          missing = missing.filter((_, i) => !held[i]);
          return missing.length === 0;
        },
        150_000,
        'Perses loads every resource',
      );
      expect(missing.map((id) => identityKey(id))).toEqual([]);
    }, 240_000);
  });
});

/**
 * Whether Perses holds a resource: through its API, or, for roles and role bindings (served only
 * with native authorization on, which the stack leaves off), in its file database.
 */
async function persesHas(
  e: ReturnType<typeof stackEnv>,
  id: NonNullable<ReturnType<typeof identityOf>>,
): Promise<boolean> {
  if (/Role/.test(id.kind)) {
    const plural = kindInfo(id.kind)?.plural ?? '';
    const parts = [
      e.dataDir,
      'perses',
      'db',
      plural,
      ...(id.project ? [id.project.toLowerCase()] : []),
      `${id.name.toLowerCase()}.json`,
    ];
    return existsSync(path.join(...parts));
  }
  return (
    (await fetch(`${e.persesUrl}${persesApiPath(id.kind, id.project, id.name)}`)).status === 200
  );
}

describe('an umbrella export', () => {
  let chart: string;
  beforeAll(async () => {
    chart = await exportTo(SAMPLE_CHART_DIR, ['--shape', 'umbrella', '--name', 'observability']);
    // Offline: the perses chart from the shared copy through a file:// repository.
    const meta = parseYaml(await readFile(path.join(chart, 'Chart.yaml'), 'utf8')) as {
      dependencies: { repository: string }[];
    };
    for (const d of meta.dependencies) d.repository = `file://${PERSES_CHART_DIR}`;
    await writeFile(path.join(chart, 'Chart.yaml'), stringify(meta));
  });

  it('builds its dependency offline and renders the perses chart with the sidecar and the ConfigMaps', async () => {
    const home = await mkdtemp(path.join(tmpdir(), 'perses-cm-helm-home-'));
    const env = {
      ...process.env,
      HELM_CACHE_HOME: `${home}/cache`,
      HELM_CONFIG_HOME: `${home}/config`,
      HELM_DATA_HOME: `${home}/data`,
    };
    await helm(['dependency', 'build', chart], env);
    expect(existsSync(path.join(chart, 'charts', 'perses-0.23.2.tgz'))).toBe(true);
    const out = await helm(['template', 'obs', chart, '--namespace', 'perses'], env);
    const docs = parseAllDocuments(out).map(
      (d) =>
        d.toJS() as {
          kind?: string;
          metadata?: { name?: string };
          spec?: {
            template?: {
              spec?: { containers?: { name: string; env?: { name: string; value?: string }[] }[] };
            };
          };
        } | null,
    );
    const workload = docs.find((d) => d?.kind === 'StatefulSet');
    const sidecar = workload?.spec?.template?.spec?.containers?.find(
      (c) => c.name === 'perses-provisioning-sidecar',
    );
    const envOf = (name: string) => sidecar?.env?.find((v) => v.name === name)?.value;
    expect(envOf('LABEL')).toBe('perses.dev/resource');
    expect(envOf('LABEL_VALUE')).toBe('true');
    const ours = configMaps(out).filter(
      (c) => c.metadata?.annotations?.['perses-cm.dev/source-path'],
    );
    expect(ours).toHaveLength(16);
    for (const cm of ours)
      expect(cm.metadata?.labels?.[envOf('LABEL') ?? '']).toBe(envOf('LABEL_VALUE'));
  });
});
