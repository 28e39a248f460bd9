// The sample chart in examples/: rendered by the real helm, its ConfigMaps have valid, unique
// names and cluster-unique keys, carry the files byte for byte, and Perses loads them.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { V1ConfigMap } from '@kubernetes/client-node';
import { requirePluginSchemas, stackBinaries } from '@perses-cm/stack/testing';
import { SAMPLE_CHART_DIR } from './config.ts';
import { core, stackEnv, uniq } from './testing/kube-fixture.ts';
import { eventually } from './testing/sse.ts';

const NS = 'team-b';
const release = uniq('demo');
const created: string[] = [];

function helm(args: string[]): Promise<string> {
  const bin = stackBinaries().helm;
  return new Promise((resolve, reject) =>
    execFile(bin, args, { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${err.message}: ${stderr}`)) : resolve(stdout),
    ),
  );
}

afterAll(async () => {
  const admin = core(stackEnv().kubeconfigs.admin);
  for (const name of created)
    await admin.deleteNamespacedConfigMap({ namespace: NS, name }).catch(() => undefined);
});

describe('examples/perses-resources', () => {
  it('renders one valid, labeled ConfigMap per file and Perses loads them', async () => {
    // Perses refuses the sample dashboards without its plugin schemas.
    requirePluginSchemas(stackEnv());
    const out = await helm(['template', release, SAMPLE_CHART_DIR, '--namespace', NS]);
    const cms = parseAllDocuments(out)
      .map((d) => d.toJS() as V1ConfigMap | null)
      .filter((d): d is V1ConfigMap => d?.kind === 'ConfigMap');
    expect(cms.length).toBe(16);
    const names = cms.map((c) => c.metadata?.name ?? '');
    const keys = cms.flatMap((c) => Object.keys(c.data ?? {}));
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(keys).size).toBe(keys.length);
    for (const cm of cms) {
      expect(cm.metadata?.name).toMatch(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/);
      expect(cm.metadata?.labels?.['perses.dev/resource']).toBe('true');
      const [key, text] = Object.entries(cm.data ?? {})[0] ?? [];
      expect(key).toMatch(/^[-._a-zA-Z0-9]+\.(json|ya?ml)$/);
      const source = cm.metadata?.annotations?.['perses-cm.dev/source-path'] ?? '';
      expect(text).toBe(await readFile(path.join(SAMPLE_CHART_DIR, source), 'utf8'));
    }
    // The same chart from another release or namespace never reuses a key.
    const other = await helm(['template', 'other', SAMPLE_CHART_DIR, '--namespace', 'perses']);
    for (const key of keys) expect(other).not.toContain(`"${key}"`);

    const env = stackEnv();
    const admin = core(env.kubeconfigs.admin);
    for (const cm of cms) {
      await admin.createNamespacedConfigMap({ namespace: NS, body: cm });
      created.push(cm.metadata?.name ?? '');
    }
    // The sidecar writes each key as a file of the provisioning folder, byte for byte...
    for (const cm of cms) {
      const [key, text] = Object.entries(cm.data ?? {})[0] ?? ['', ''];
      await eventually(
        async () =>
          (await readFile(path.join(env.provisioningDir, key), 'utf8').catch(() => null)) === text,
        10_000,
        `sidecar file ${key}`,
      );
    }
    // ...and Perses provisions them.
    await eventually(
      async () =>
        (await fetch(`${env.persesUrl}/api/v1/projects/testing/dashboards/MarkdownPanel`))
          .status === 200,
      45_000,
      'Perses serves a dashboard of the chart',
    );
  });
});
