import { describe, expect, it } from 'vitest';
import type { V1ConfigMap } from '@kubernetes/client-node';
import { lastChangeOf, LAST_APPLIED_AT, LAST_APPLIED_BY } from './configmap-entries.ts';
import { slim } from './kube-list.ts';

// As a LIST page parses it: times are strings, each record carries the fields it owns.
const listed = (): V1ConfigMap =>
  JSON.parse(
    JSON.stringify({
      metadata: {
        name: 'cm',
        namespace: 'ns',
        annotations: {
          [LAST_APPLIED_BY]: 'perses-cm (admin)',
          [LAST_APPLIED_AT]: '2026-01-01T10:00:00Z',
        },
        managedFields: [
          { manager: 'perses-cm', time: '2026-01-01T10:00:01Z', fieldsV1: { 'f:data': {} } },
          { manager: 'kubectl-edit', time: '2026-01-02T08:00:00Z', fieldsV1: { 'f:data': {} } },
          { manager: 'kube-controller', fieldsV1: { 'f:metadata': {} } },
        ],
      },
      data: { 'a.json': '{}' },
    }),
  ) as V1ConfigMap;

describe('slim', () => {
  it('keeps only the latest writer and its time, so the last change survives the cache', () => {
    const cm = slim(listed());
    expect(cm.metadata?.managedFields).toEqual([
      { manager: 'kubectl-edit', time: '2026-01-02T08:00:00Z' },
    ]);
    expect(lastChangeOf(cm)).toEqual({ by: 'kubectl-edit', at: '2026-01-02T08:00:00.000Z' });
  });

  it("names the console's stamp when its write is the latest", () => {
    const cm = listed();
    cm.metadata!.managedFields = cm.metadata!.managedFields!.slice(0, 1);
    expect(lastChangeOf(slim(cm))).toEqual({ by: 'perses-cm (admin)', at: '2026-01-01T10:00:00Z' });
  });
});
