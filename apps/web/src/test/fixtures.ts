import type { ResourceSummary } from '@perses-cm/api';

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
