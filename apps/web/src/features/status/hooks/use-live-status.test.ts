import { describe, expect, it } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import type {
  LagHistoryResponse,
  LagSample,
  PersesConnection,
  StatusOverview,
} from '@perses-cm/api';
import {
  at,
  connection,
  overview,
  pipeline,
  resourceStatus,
} from '../../../test/status-fixtures.ts';
import { statusKeys } from '../api/keys.ts';
import { appendSample, applyStatusEvents } from './use-live-status.ts';

const sample = (secondsAfterT0: number, id: string | null = 'a'): LagSample => ({
  at: at(secondsAfterT0),
  lagMs: 2000,
  id,
  kind: 'Dashboard',
  project: 'perses',
  name: 'a',
});
const NO_STATS = { count: 0, lastMs: null, p50Ms: null, p95Ms: null, maxMs: null };
const history = (samples: LagSample[]): LagHistoryResponse => ({
  samples,
  stats: { day: NO_STATS, recent: NO_STATS },
});

describe('applyStatusEvents', () => {
  it('replaces the connection the header shows and the overview holds', () => {
    const qc = new QueryClient();
    qc.setQueryData(statusKeys.connection(), connection());
    qc.setQueryData(statusKeys.overview(), overview());
    const down = connection({ state: 'unreachable', message: 'connect ECONNREFUSED' });
    applyStatusEvents(qc, [{ type: 'perses', connection: down }]);
    expect(qc.getQueryData<PersesConnection>(statusKeys.connection())?.state).toBe('unreachable');
    expect(qc.getQueryData<StatusOverview>(statusKeys.overview())?.perses.message).toBe(
      'connect ECONNREFUSED',
    );
  });

  it('refreshes only the pipelines a status event names, and the overview', () => {
    const qc = new QueryClient();
    qc.setQueryData(statusKeys.overview(), overview());
    qc.setQueryData(statusKeys.pipeline('a'), pipeline({ id: 'a' }));
    qc.setQueryData(statusKeys.pipeline('b'), pipeline({ id: 'b' }));
    applyStatusEvents(qc, [
      { type: 'status', items: [{ id: 'a', namespace: null, status: resourceStatus() }] },
    ]);
    expect(qc.getQueryState(statusKeys.pipeline('a'))?.isInvalidated).toBe(true);
    expect(qc.getQueryState(statusKeys.pipeline('b'))?.isInvalidated).toBe(false);
    expect(qc.getQueryState(statusKeys.overview())?.isInvalidated).toBe(true);
  });

  it('appends a lag sample to the overall history and to its resource, once each', () => {
    const qc = new QueryClient();
    qc.setQueryData(statusKeys.lag(), history([sample(-10)]));
    qc.setQueryData(statusKeys.lag('a'), history([]));
    applyStatusEvents(qc, [{ type: 'lag', sample: sample(0) }]);
    expect(qc.getQueryData<LagHistoryResponse>(statusKeys.lag())?.samples).toHaveLength(2);
    expect(qc.getQueryData<LagHistoryResponse>(statusKeys.lag('a'))?.samples).toHaveLength(1);
    applyStatusEvents(qc, [{ type: 'lag', sample: sample(1, null) }]);
    expect(qc.getQueryData<LagHistoryResponse>(statusKeys.lag())?.samples).toHaveLength(3);
  });

  it('refetches the orphans when they changed', () => {
    const qc = new QueryClient();
    qc.setQueryData(statusKeys.orphans(), { items: [] });
    applyStatusEvents(qc, [{ type: 'orphans', count: 1 }]);
    expect(qc.getQueryState(statusKeys.orphans())?.isInvalidated).toBe(true);
  });
});

describe('appendSample', () => {
  it('drops samples older than a day once more than 100 are kept', () => {
    const old = Array.from({ length: 100 }, (_, i) => sample(-2 * 86_400 + i));
    expect(appendSample(history(old), sample(0)).samples).toHaveLength(100);
    expect(appendSample(history(old.slice(0, 50)), sample(0)).samples).toHaveLength(51);
  });
});
