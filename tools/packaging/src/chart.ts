// Renders the console's chart with the real helm, and reads what it rendered.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { chartDir } from './paths.ts';
import { runTool, stackBinaries, type ToolResult } from './tools.ts';

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

/** The chart's presets, as a user would pass them with `--set`. */
export const PRESETS = {
  namespace: {},
  cluster: { scope: 'cluster' },
  proxy: { auth: { mode: 'proxy', proxy: { trustedProxies: ['10.0.0.0/8'] } } },
} as const satisfies Record<string, Record<string, unknown>>;
export type PresetName = keyof typeof PRESETS;

/** Runs helm with `values` in a values file (a `-f` file, as users write them). */
async function helmWithValues(args: string[], values: object): Promise<ToolResult> {
  const dir = mkdtempSync(join(tmpdir(), 'perses-cm-values-'));
  try {
    const file = join(dir, 'values.yaml');
    writeFileSync(file, stringify(values));
    return await runTool(stackBinaries().helm, [...args, '-f', file]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function lintChart(values: object): Promise<ToolResult> {
  return helmWithValues(['lint', '--strict', chartDir], values);
}

/** `helm template`; the exit code and stderr are kept for the checks of refused values. */
export function templateChart(
  release: string,
  namespace: string,
  values: object,
): Promise<ToolResult> {
  const { kubernetesVersion } = stackBinaries();
  return helmWithValues(
    ['template', release, chartDir, '--namespace', namespace, '--kube-version', kubernetesVersion],
    values,
  );
}

/** The manifests of a successful `helm template`. */
export async function renderChart(
  release: string,
  namespace: string,
  values: object,
): Promise<Manifest[]> {
  const r = await templateChart(release, namespace, values);
  if (r.code !== 0) throw new Error(`helm template failed: ${r.stderr}`);
  return parseAllDocuments(r.stdout)
    .map((d) => d.toJS() as Manifest | null)
    .filter((m): m is Manifest => m !== null);
}

export function toYamlStream(manifests: Manifest[]): string {
  return manifests.map((m) => stringify(m)).join('---\n');
}

export function findOne(manifests: Manifest[], kind: string, name?: string): Manifest {
  const found = manifests.filter((m) => m.kind === kind && (!name || m.metadata.name === name));
  if (found.length !== 1) {
    throw new Error(`expected one ${kind}${name ? ` ${name}` : ''}, found ${found.length}`);
  }
  return found[0] as Manifest;
}

const RBAC_KINDS = new Set([
  'ServiceAccount',
  'Role',
  'RoleBinding',
  'ClusterRole',
  'ClusterRoleBinding',
]);

/** The ServiceAccount and every RBAC object of a rendering: what the can-i checks apply. */
export function rbacOf(manifests: Manifest[]): Manifest[] {
  return manifests.filter((m) => RBAC_KINDS.has(m.kind));
}
