import { describe, expect, it } from 'vitest';
import { ListResourcesQuery, ResourceEvent, ResourceSummary } from './index.ts';

const summary = {
  id: 'x~1',
  kind: 'Dashboard',
  project: 'p',
  name: 'd',
  displayName: null,
  namespace: 'perses',
  configMapName: 'x',
  key: 'x.json',
  version: '1',
  sizeBytes: 10,
  format: 'json',
  findings: { errors: 0, warnings: 0 },
  readOnly: null,
};
const status = {
  state: 'pending',
  since: '2026-01-01T00:00:00.000Z',
  reason: {
    code: 'not_served_yet',
    message: 'expected in about 3s',
    source: 'console',
    inferred: false,
    at: null,
  },
  hints: [],
  expectedAt: '2026-01-01T00:00:03.000Z',
  changedAt: '2026-01-01T00:00:00.000Z',
  servedSince: null,
  checkedAt: null,
  lagMs: null,
};

describe('the status contract', () => {
  it('parses the status filter of the list into states, refusing unknown ones by name', () => {
    expect(ListResourcesQuery.parse({ status: 'pending, stale' }).status).toEqual([
      'pending',
      'stale',
    ]);
    const bad = ListResourcesQuery.safeParse({ status: 'pending,late' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['status']);
    expect(bad.error?.issues[0]?.message).toMatch(/synced, pending, stale/);
  });

  it('keeps a summary without status valid and carries one when present', () => {
    expect(ResourceSummary.parse(summary).status).toBeUndefined();
    expect(ResourceSummary.parse({ ...summary, status }).status?.state).toBe('pending');
    expect(
      ResourceSummary.safeParse({ ...summary, status: { ...status, state: 'late' } }).success,
    ).toBe(false);
  });

  it('adds batched status events to the event stream', () => {
    const ev = ResourceEvent.parse({
      type: 'status',
      items: [{ id: 'x~1', namespace: 'perses', status }],
    });
    expect(ev.type).toBe('status');
    expect(ResourceEvent.safeParse({ type: 'orphans', count: -1 }).success).toBe(false);
  });
});
