// Seeds the stack's kube-apiserver with N labeled ConfigMaps of real shape (real-shape.ts) over
// four namespaces, once: a marker ConfigMap records what was seeded, and a later run with the
// same N and recipe reuses it. The bench label is not the sidecar's, so the stack's sidecar and
// Perses never load these thousands of dashboards.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ApiException, CoreV1Api, KubeConfig, type V1ConfigMap } from '@kubernetes/client-node';
import { resourceToConfigMap } from '@perses-cm/resources';
import { shapedDashboard, shapedProject, type ShapedResource } from './real-shape.ts';

export const BENCH_LABEL = { key: 'perses-cm.dev/bench', value: 'true' } as const;
export const BENCH_SELECTOR = `${BENCH_LABEL.key}=${BENCH_LABEL.value}`;
export const BENCH_NAMESPACES = [
  'perses-bench-0',
  'perses-bench-1',
  'perses-bench-2',
  'perses-bench-3',
];
export const BENCH_PROJECTS = 50;
const MARKER = 'perses-bench-seed';

export interface Seed {
  count: number;
  /** UTF-8 bytes of every data value: the documents the console holds. */
  documentBytes: number;
}

/** The i-th seeded resource: the projects first, then dashboards spread over them. */
export function seededResource(i: number): { namespace: string; resource: ShapedResource } {
  const namespace = BENCH_NAMESPACES[i % BENCH_NAMESPACES.length]!;
  if (i < BENCH_PROJECTS) return { namespace, resource: shapedProject(`team${i}`) };
  const d = i - BENCH_PROJECTS;
  return { namespace, resource: shapedDashboard(d, `team${d % BENCH_PROJECTS}`, `dash${d}`) };
}

export function seededConfigMap(i: number): V1ConfigMap {
  const { namespace, resource } = seededResource(i);
  const cm = resourceToConfigMap(resource.document, {
    namespace,
    label: BENCH_LABEL,
    format: resource.format,
    text: resource.text,
  });
  return { apiVersion: 'v1', kind: 'ConfigMap', ...cm } as V1ConfigMap;
}

/** What the marker records: a change of N or of the recipe (this file, real-shape.ts) reseeds. */
function recipe(count: number): string {
  const h = createHash('sha256');
  for (const f of ['./kubernetes-seed.ts', './real-shape.ts'])
    h.update(readFileSync(new URL(f, import.meta.url)));
  return `${count}:${h.digest('hex').slice(0, 16)}`;
}

async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

const ignore = (status: number) => (err: unknown) => {
  if (!(err instanceof ApiException && err.code === status)) throw err;
};

/** Seeds `count` ConfigMaps unless the same seed is there; returns its size. */
export async function seedCluster(
  kubeconfig: string,
  count: number,
  log: (msg: string) => void,
): Promise<Seed> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const core = kc.makeApiClient(CoreV1Api);
  const want = recipe(count);
  const marker = await core
    .readNamespacedConfigMap({ namespace: BENCH_NAMESPACES[0]!, name: MARKER })
    .catch(() => null);
  if (marker?.data?.recipe === want && marker.data.documentBytes) {
    log(`reusing the seed of ${count} ConfigMaps`);
    return { count, documentBytes: Number(marker.data.documentBytes) };
  }
  for (const namespace of BENCH_NAMESPACES) {
    await core.createNamespace({ body: { metadata: { name: namespace } } }).catch(ignore(409));
    await core.deleteCollectionNamespacedConfigMap({ namespace, labelSelector: BENCH_SELECTOR });
    await core.deleteNamespacedConfigMap({ namespace, name: MARKER }).catch(ignore(404));
  }
  log(`seeding ${count} ConfigMaps of real shape`);
  let documentBytes = 0;
  let done = 0;
  const started = Date.now();
  await pool(
    Array.from({ length: count }, (_, i) => i),
    8,
    async (i) => {
      const body = seededConfigMap(i);
      for (const v of Object.values(body.data ?? {})) documentBytes += Buffer.byteLength(v);
      await core.createNamespacedConfigMap({ namespace: body.metadata!.namespace!, body });
      if (++done % 1000 === 0)
        log(`  ${done} of ${count} (${Math.round((Date.now() - started) / 1000)} s)`);
    },
  );
  await core.createNamespacedConfigMap({
    namespace: BENCH_NAMESPACES[0]!,
    body: {
      metadata: { name: MARKER },
      data: { recipe: want, documentBytes: String(documentBytes) },
    },
  });
  return { count, documentBytes };
}
