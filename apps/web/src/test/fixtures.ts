import type { ResourceDetail, ResourceSummary, Target, WhoAmIResponse } from '@perses-cm/api';

export function summary(over: Partial<ResourceSummary> = {}): ResourceSummary {
  const name = over.name ?? 'node-exporter';
  return {
    id: over.id ?? `id-${name}`,
    kind: 'Dashboard',
    project: 'perses',
    name,
    displayName: null,
    namespace: 'monitoring',
    configMapName: `dashboard-perses-${name}`,
    key: `dashboard.perses.${name}.json`,
    version: '1',
    sizeBytes: 1200,
    format: 'json',
    findings: { errors: 0, warnings: 0 },
    readOnly: null,
    ...over,
  };
}

const ALL_VERBS = { list: true, get: true, create: true, update: true, delete: true };

/** The server's identity answer: `target`, and every verb allowed in each namespace given. */
export function whoami(target: Target, namespaces: string[] = []): WhoAmIResponse {
  return {
    identity: { name: 'admin', groups: [], source: 'kubeconfig' },
    target,
    capabilities: namespaces.map((namespace) => ({ namespace, allowed: ALL_VERBS, reasons: {} })),
  };
}

export const KUBE_TARGET: Target = {
  type: 'kubernetes',
  cluster: 'test',
  server: 'https://127.0.0.1:6443',
  namespaces: ['monitoring'],
  label: { key: 'perses.dev/resource', value: 'true' },
};

export const DIRECTORY_TARGET: Target = { type: 'directory', path: '/charts/perses' };

/** A stored resource as GET /api/v1/resources/{id} returns it, from a chart directory. */
export function detail(over: Partial<ResourceDetail> & { text: string }): ResourceDetail {
  const base = summary({ ...over, namespace: null, configMapName: null });
  return {
    ...base,
    document: JSON.parse(over.text) as unknown,
    origin: { type: 'file', path: `files/dashboards/${base.name}.json` },
    findingList: [],
    ...over,
  };
}
