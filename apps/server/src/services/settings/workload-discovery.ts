// Finding the running sidecar setup: the StatefulSet (the chart's, file DB) or Deployment whose
// pods are labeled `app.kubernetes.io/name=perses`, and the env of its k8s-sidecar container, read
// with kiwigrid/k8s-sidecar's defaults (DOMAIN §5) for what is unset. Objects are read, not pods:
// the pod template is what every pod of the workload runs.
import type { V1Container, V1Deployment, V1StatefulSet } from '@kubernetes/client-node';
import type { DiscoveredSetup } from '@perses-cm/api';
import type { KubeClient } from '../../stores/kubernetes/kube-client.ts';
import { PERSES_NAME, PERSES_NAME_LABEL, SIDECAR_CONTAINER } from '../status/perses-discovery.ts';
import { SIDECAR_FOLDER_ANNOTATION } from '../../domain/model.ts';

/** The env the sidecar reads that decides what reaches Perses. */
export const SIDECAR_ENV = [
  'LABEL',
  'LABEL_VALUE',
  'NAMESPACE',
  'FOLDER',
  'UNIQUE_FILENAMES',
  'FOLDER_ANNOTATION',
  'RESOURCE',
  'METHOD',
  'SLEEP_TIME',
] as const;

type Workload = { kind: 'StatefulSet' | 'Deployment'; object: V1StatefulSet | V1Deployment };
export type FoundSidecar = NonNullable<DiscoveredSetup['sidecar']>;

export interface FoundWorkload {
  workload: string | null;
  namespace: string | null;
  release: string | null;
  reason: string | null;
  sidecar: FoundSidecar | null;
}

/** The first Perses workload by namespace and name; StatefulSets (the chart's) before Deployments. */
export function chooseWorkload(found: Workload[]): Workload | null {
  const fit = found
    .filter((w) => w.object.spec?.template.metadata?.labels?.[PERSES_NAME_LABEL] === PERSES_NAME)
    .sort((a, b) =>
      a.kind !== b.kind ? (a.kind === 'StatefulSet' ? -1 : 1) : nameOf(a).localeCompare(nameOf(b)),
    );
  return fit[0] ?? null;
}

const nameOf = (w: Workload) => `${w.object.metadata?.namespace}/${w.object.metadata?.name}`;

/** The sidecar container of a pod template: the chart's name, else a k8s-sidecar image. */
function sidecarContainer(w: Workload): V1Container | undefined {
  const spec = w.object.spec?.template.spec;
  const all = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])];
  return (
    all.find((c) => c.name === SIDECAR_CONTAINER) ??
    all.find((c) => c.image?.includes('k8s-sidecar'))
  );
}

/** The sidecar as its env makes it behave; the last of duplicate names wins, as in Kubernetes. */
export function readSidecar(container: V1Container, ownNamespace: string): FoundSidecar {
  const env: Record<string, string> = {};
  for (const e of container.env ?? []) {
    if (!(SIDECAR_ENV as readonly string[]).includes(e.name)) continue;
    env[e.name] = e.value ?? (e.valueFrom ? '(from a reference the console does not read)' : '');
  }
  const ns = env.NAMESPACE?.trim();
  const list = ns
    ? ns
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [ownNamespace];
  return {
    container: container.name,
    env,
    label: env.LABEL
      ? { key: env.LABEL, ...(env.LABEL_VALUE ? { value: env.LABEL_VALUE } : {}) }
      : null,
    namespaces: list.some((n) => n.toUpperCase() === 'ALL') ? 'ALL' : list,
    folder: env.FOLDER ?? null,
    // The sidecar's own parsing (helpers.py): only "true", any case, turns it on.
    uniqueFilenames: (env.UNIQUE_FILENAMES ?? '').toLowerCase() === 'true',
    folderAnnotation: env.FOLDER_ANNOTATION || SIDECAR_FOLDER_ANNOTATION,
    resource: env.RESOURCE || 'configmap',
    method: env.METHOD || 'WATCH',
  };
}

/** Looks in `namespaces` (all: one cluster-wide list) for the Perses workload and its sidecar. */
export async function discoverWorkload(
  kube: KubeClient,
  namespaces: string[] | 'all',
): Promise<FoundWorkload> {
  const found: Workload[] = [];
  const failures: string[] = [];
  for (const ns of namespaces === 'all' ? [null] : namespaces) {
    try {
      const { statefulSets, deployments } = await kube.listWorkloads(ns);
      for (const object of statefulSets) found.push({ kind: 'StatefulSet', object });
      for (const object of deployments) found.push({ kind: 'Deployment', object });
    } catch (err) {
      failures.push(`${ns ?? 'all namespaces'}: ${(err as Error).message}`);
    }
  }
  const w = chooseWorkload(found);
  const where = namespaces === 'all' ? 'any namespace' : `namespaces ${namespaces.join(', ')}`;
  if (!w) {
    const why = failures.length ? ` (${failures.join('; ')})` : '';
    return {
      workload: null,
      namespace: null,
      release: null,
      sidecar: null,
      reason: `no StatefulSet or Deployment with pods labeled ${PERSES_NAME_LABEL}=${PERSES_NAME} in ${where}${why}; give --perses-namespace`,
    };
  }
  const namespace = w.object.metadata?.namespace ?? '';
  const container = sidecarContainer(w);
  return {
    workload: `${w.kind} ${nameOf(w)}`,
    namespace,
    release:
      w.object.metadata?.labels?.['app.kubernetes.io/instance'] ??
      w.object.metadata?.annotations?.['meta.helm.sh/release-name'] ??
      null,
    sidecar: container ? readSidecar(container, namespace) : null,
    reason: container
      ? null
      : `${w.kind} ${nameOf(w)} runs no k8s-sidecar container (sidecar.enabled is false)`,
  };
}
