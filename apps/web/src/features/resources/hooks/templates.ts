// A valid starting document per kind: what Perses provisioning accepts as is.
import type { DocFormat } from '@perses-cm/api';
import { serializeResource, type PersesKind } from '@perses-cm/resources';

export interface Template {
  kind: PersesKind;
  title: string;
  hint: string;
  build: (project: string) => object;
}

const prometheusQuery = (query: string) => ({
  kind: 'TimeSeriesQuery',
  spec: { plugin: { kind: 'PrometheusTimeSeriesQuery', spec: { query } } },
});

export const TEMPLATES: Template[] = [
  {
    kind: 'Dashboard',
    title: 'Dashboard',
    hint: 'One time series panel in a Grid layout',
    build: (project) => ({
      kind: 'Dashboard',
      metadata: { name: 'new-dashboard', project },
      spec: {
        display: { name: 'New dashboard' },
        duration: '1h',
        refreshInterval: '30s',
        variables: [],
        panels: {
          requests: {
            kind: 'Panel',
            spec: {
              display: { name: 'Request rate' },
              plugin: { kind: 'TimeSeriesChart', spec: {} },
              queries: [prometheusQuery('sum(rate(http_requests_total[5m]))')],
            },
          },
        },
        layouts: [
          {
            kind: 'Grid',
            spec: {
              display: { title: 'Overview' },
              items: [
                { x: 0, y: 0, width: 12, height: 8, content: { $ref: '#/spec/panels/requests' } },
              ],
            },
          },
        ],
      },
    }),
  },
  {
    kind: 'Project',
    title: 'Project',
    hint: 'A namespace for dashboards and datasources',
    build: () => ({
      kind: 'Project',
      metadata: { name: 'new-project' },
      spec: { display: { name: 'New project' } },
    }),
  },
  {
    kind: 'Datasource',
    title: 'Datasource',
    hint: 'Prometheus, default for the project',
    build: (project) => ({
      kind: 'Datasource',
      metadata: { name: 'prometheus', project },
      spec: {
        default: true,
        plugin: {
          kind: 'PrometheusDatasource',
          spec: {
            proxy: { kind: 'HTTPProxy', spec: { url: 'http://prometheus.monitoring.svc:9090' } },
          },
        },
      },
    }),
  },
  {
    kind: 'GlobalDatasource',
    title: 'Global datasource',
    hint: 'Prometheus for every project',
    build: () => ({
      kind: 'GlobalDatasource',
      metadata: { name: 'prometheus' },
      spec: {
        default: true,
        plugin: {
          kind: 'PrometheusDatasource',
          spec: {
            proxy: { kind: 'HTTPProxy', spec: { url: 'http://prometheus.monitoring.svc:9090' } },
          },
        },
      },
    }),
  },
  {
    kind: 'Variable',
    title: 'Variable',
    hint: 'A text variable in a project',
    build: (project) => ({
      kind: 'Variable',
      metadata: { name: 'cluster', project },
      spec: {
        kind: 'TextVariable',
        spec: { name: 'cluster', value: 'production', display: { name: 'Cluster' } },
      },
    }),
  },
  {
    kind: 'GlobalVariable',
    title: 'Global variable',
    hint: 'A text variable for every project',
    build: () => ({
      kind: 'GlobalVariable',
      metadata: { name: 'environment' },
      spec: { kind: 'TextVariable', spec: { name: 'environment', value: 'production' } },
    }),
  },
  {
    kind: 'Folder',
    title: 'Folder',
    hint: 'Groups dashboards of a project',
    build: (project) => ({
      kind: 'Folder',
      metadata: { name: 'new-folder', project },
      spec: { display: { name: 'New folder' }, items: [] },
    }),
  },
];

export function templateText(t: Template, project: string, format: DocFormat = 'json'): string {
  return serializeResource(t.build(project), format);
}
