// Finding Perses in the cluster when no URL is given: the Service in front of the pods the perses
// Helm chart labels `app.kubernetes.io/name=perses` (its `perses.selectorLabels`), reached through
// the API server's service proxy with the console's own credentials (no port-forward). Its pods
// give the containers whose logs the status reads: `perses` and `perses-provisioning-sidecar`.
import type { V1Pod, V1Service } from '@kubernetes/client-node';
import type { KubeClient } from '../../stores/kubernetes/kube-client.ts';

export const PERSES_NAME_LABEL = 'app.kubernetes.io/name';
export const PERSES_NAME = 'perses';
/** The chart's sidecar container (`{{ .Chart.Name }}-provisioning-sidecar`). */
export const SIDECAR_CONTAINER = 'perses-provisioning-sidecar';

export interface FoundService {
  namespace: string;
  name: string;
  port: number | string;
  selector: Record<string, string>;
  /** Other candidates, for the description. */
  others: number;
}

export interface PodContainers {
  namespace: string;
  pod: string;
  perses: string | null;
  sidecar: string | null;
}

/** The Service to use among those listed, or null: selects the Perses pods, has a cluster IP. */
export function chooseService(services: V1Service[]): FoundService | null {
  const fit = services
    .filter((s) => s.spec?.selector?.[PERSES_NAME_LABEL] === PERSES_NAME)
    .filter((s) => s.spec?.clusterIP !== 'None' && s.spec?.type !== 'ExternalName')
    .filter((s) => (s.spec?.ports ?? []).length > 0)
    .sort((a, b) =>
      `${a.metadata?.namespace}/${a.metadata?.name}`.localeCompare(
        `${b.metadata?.namespace}/${b.metadata?.name}`,
      ),
    );
  const s = fit[0];
  if (!s?.metadata?.name || !s.metadata.namespace) return null;
  const ports = s.spec?.ports ?? [];
  // The chart names its port `http` (service.portName) on 8080.
  const port =
    ports.find((p) => p.name === 'http') ?? ports.find((p) => p.port === 8080) ?? ports[0];
  return {
    namespace: s.metadata.namespace,
    name: s.metadata.name,
    port: port?.name ?? port?.port ?? 8080,
    selector: s.spec?.selector ?? {},
    others: fit.length - 1,
  };
}

/** The Perses and sidecar containers of the first ready-looking pod (sorted by name). */
export function chooseContainers(pods: V1Pod[]): PodContainers | null {
  const pod = [...pods]
    .filter((p) => p.metadata?.name && p.metadata.namespace)
    .sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''))[0];
  if (!pod?.metadata?.name || !pod.metadata.namespace) return null;
  const containers = pod.spec?.containers ?? [];
  const sidecar =
    containers.find((c) => c.name === SIDECAR_CONTAINER) ??
    containers.find((c) => c.image?.includes('k8s-sidecar'));
  const perses =
    containers.find((c) => c.name === PERSES_NAME) ??
    containers.find((c) => c !== sidecar && c.image?.includes('perses'));
  return {
    namespace: pod.metadata.namespace,
    pod: pod.metadata.name,
    perses: perses?.name ?? null,
    sidecar: sidecar?.name ?? null,
  };
}

export function describeFound(s: FoundService, server: string): string {
  const more =
    s.others > 0 ? ` (${s.others} more Services select them; the first by name is used)` : '';
  return `Service ${s.namespace}/${s.name} port ${s.port} in front of pods labeled ${PERSES_NAME_LABEL}=${PERSES_NAME}, through the Kubernetes API server's service proxy at ${server}${more}`;
}

export type Discovery =
  { found: FoundService; containers: PodContainers | null } | { found: null; reason: string };

/** Looks in `namespaces` (all: one cluster-wide list, else each) for the Perses Service. */
export async function discoverPerses(
  kube: KubeClient,
  namespaces: string[] | 'all',
): Promise<Discovery> {
  const services: V1Service[] = [];
  const failures: string[] = [];
  const scopes = namespaces === 'all' ? [null] : namespaces;
  for (const ns of scopes) {
    try {
      services.push(...(await kube.listServices(ns)));
    } catch (err) {
      failures.push(`${ns ?? 'all namespaces'}: ${(err as Error).message}`);
    }
  }
  const found = chooseService(services);
  const where = namespaces === 'all' ? 'any namespace' : `namespaces ${namespaces.join(', ')}`;
  if (!found)
    return {
      found: null,
      reason: `no Service selecting pods labeled ${PERSES_NAME_LABEL}=${PERSES_NAME} in ${where}${failures.length ? ` (${failures.join('; ')})` : ''}; give --perses-url or --perses-namespace`,
    };
  const selector = Object.entries(found.selector)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const pods = await kube.listPods(found.namespace, selector).catch(() => []);
  return { found, containers: chooseContainers(pods) };
}
