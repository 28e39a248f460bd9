import { describe, expect, it } from 'vitest';
import { plannedPlace } from './planned-place.ts';

const dashboard = (project: string, name: string) =>
  JSON.stringify({ kind: 'Dashboard', metadata: { project, name }, spec: {} });

describe('plannedPlace', () => {
  it('names the chart file a directory target writes', () => {
    expect(plannedPlace(dashboard('Perses', 'Demo'), true, '')).toEqual({
      type: 'file',
      path: 'files/dashboards/Perses/Demo.json',
      problem: null,
    });
  });

  it('says why names cannot make a file, and nothing while the document has no identity', () => {
    expect(plannedPlace(dashboard('p', '..'), true, '')).toEqual({
      type: 'file',
      path: null,
      problem: 'metadata.name ".." cannot be used as a file name',
    });
    expect(plannedPlace('{"kind": "Dashboard"', true, '')).toEqual({
      type: 'file',
      path: null,
      problem: null,
    });
  });

  it('names the ConfigMap and key a Kubernetes target writes', () => {
    expect(plannedPlace(dashboard('perses', 'demo'), false, 'monitoring')).toEqual({
      type: 'configmap',
      namespace: 'monitoring',
      configMapName: 'dashboard-perses-demo',
      key: 'dashboard.perses.demo.json',
    });
  });
});
