import { useEffect } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type {
  LagHistoryResponse,
  LagSample,
  PersesConnection,
  ResourceEvent,
  StatusOverview,
} from '@perses-cm/api';
import { subscribeEventBatches } from '../../../lib/event-stream.ts';
import { statusKeys } from '../api/keys.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The server keeps the last 24 hours and at least the last 100 changes; so does the chart. */
const KEEP_AT_LEAST = 100;

/** `history` with `sample` appended, trimmed as the server trims it. */
export function appendSample(history: LagHistoryResponse, sample: LagSample): LagHistoryResponse {
  const samples = [...history.samples, sample];
  const cutoff = Date.parse(sample.at) - DAY_MS;
  let drop = 0;
  while (
    samples.length - drop > KEEP_AT_LEAST &&
    Date.parse(samples[drop]?.at ?? sample.at) < cutoff
  ) {
    drop += 1;
  }
  return { ...history, samples: drop ? samples.slice(drop) : samples };
}

/**
 * Applies a batch of events to the status caches. Patches what the event carries (the Perses
 * connection, a lag sample) and invalidates the narrowest entries for the rest, which refetch
 * only while on screen: a resource's pipeline when its status moved, the overview when counts,
 * orphans or lag moved.
 */
export function applyStatusEvents(qc: QueryClient, events: ResourceEvent[]) {
  let overview = false;
  for (const ev of events) {
    if (ev.type === 'status') {
      overview = true;
      for (const item of ev.items) {
        if (qc.getQueryData(statusKeys.pipeline(item.id)) !== undefined) {
          void qc.invalidateQueries({ queryKey: statusKeys.pipeline(item.id), exact: true });
        }
      }
    } else if (ev.type === 'perses') {
      overview = true;
      qc.setQueryData<PersesConnection>(statusKeys.connection(), ev.connection);
      qc.setQueryData<StatusOverview>(statusKeys.overview(), (old) =>
        old ? { ...old, perses: ev.connection } : old,
      );
      // Whether cleanup is possible follows the connection (read-only, unreachable).
      void qc.invalidateQueries({ queryKey: statusKeys.orphans(), exact: true });
    } else if (ev.type === 'orphans') {
      overview = true;
      void qc.invalidateQueries({ queryKey: statusKeys.orphans(), exact: true });
    } else if (ev.type === 'lag') {
      overview = true;
      for (const id of new Set([null, ev.sample.id])) {
        qc.setQueryData<LagHistoryResponse>(statusKeys.lag(id), (old) =>
          old ? appendSample(old, ev.sample) : old,
        );
      }
    }
  }
  if (overview) void qc.invalidateQueries({ queryKey: statusKeys.overview(), exact: true });
}

/** Mount once, high in the tree: keeps the status caches live. */
export function useLiveStatus() {
  const qc = useQueryClient();
  useEffect(
    () =>
      subscribeEventBatches(
        (batch) => applyStatusEvents(qc, batch),
        () => void qc.invalidateQueries({ queryKey: statusKeys.all() }),
      ),
    [qc],
  );
}
