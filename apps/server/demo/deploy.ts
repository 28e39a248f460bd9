// What `pnpm demo` puts in the cluster: the sample chart rendered by the stack's helm and applied
// as its ConfigMaps, and one orphan (a ConfigMap Perses took, then deleted).
import { spawnSync } from 'node:child_process';
import { CoreV1Api, KubeConfig, type V1ConfigMap } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import { locateBinaries, readStackSettings, waitFor, type StackEnv } from '@perses-cm/stack';

function core(env: StackEnv): CoreV1Api {
  const kc = new KubeConfig();
  kc.loadFromFile(env.kubeconfigs.admin);
  return kc.makeApiClient(CoreV1Api);
}

async function apply(api: CoreV1Api, cm: V1ConfigMap): Promise<void> {
  const namespace = cm.metadata?.namespace ?? 'default';
  const name = cm.metadata?.name ?? '';
  try {
    await api.createNamespacedConfigMap({ namespace, body: cm });
  } catch {
    await api.replaceNamespacedConfigMap({ namespace, name, body: cm });
  }
}

/** `helm template demo <chart>` applied; returns how many ConfigMaps. */
export async function deployChart(
  env: StackEnv,
  chart: string,
  namespace: string,
): Promise<number> {
  const helm = locateBinaries(readStackSettings().cacheDir).helm;
  const r = spawnSync(helm, ['template', 'demo', chart, '--namespace', namespace], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`helm template failed: ${r.stderr}`);
  const cms = parseAllDocuments(r.stdout)
    .map((d) => d.toJS() as V1ConfigMap | null)
    .filter((d): d is V1ConfigMap => d?.kind === 'ConfigMap');
  const api = core(env);
  for (const cm of cms) await apply(api, cm);
  return cms.length;
}

/** A dashboard Perses provisions, whose ConfigMap is then deleted: Perses keeps serving it. */
export async function leaveOrphan(env: StackEnv, namespace: string): Promise<string> {
  const api = core(env);
  const name = 'demo-retired-dashboard';
  const doc = {
    kind: 'Dashboard',
    metadata: { name: 'retired', project: 'perses' },
    spec: { display: { name: 'Retired' }, duration: '1h', panels: {}, layouts: [] },
  };
  await apply(api, {
    metadata: { name, namespace, labels: { [env.sidecar.label]: env.sidecar.labelValue } },
    data: { 'demo-retired-dashboard.json': JSON.stringify(doc, null, 2) },
  });
  await waitFor(
    'Perses to serve the dashboard to retire',
    async () =>
      (await fetch(`${env.persesUrl}/api/v1/projects/perses/dashboards/retired`)).ok
        ? true
        : undefined,
    { timeoutMs: 60_000, intervalMs: 500 },
  );
  await api.deleteNamespacedConfigMap({ namespace, name });
  return 'Dashboard perses/retired (its ConfigMap deleted after Perses took it)';
}
