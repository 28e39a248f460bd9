import { useEffect } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { ListResourcesResponse, ResourceEvent, ResourceSummary } from '@perses-cm/api';
import { subscribeEvents } from '../../../lib/event-stream.ts';
import { resourceKeys } from '../api/keys.ts';

/**
 * Applies live events to the cache surgically: one row of the list is replaced, added or
 * removed (other rows keep their identity, so memoised rows do not re-render), and a cached
 * detail is refetched only when its version moved.
 */
export function applyEvent(qc: QueryClient, ev: ResourceEvent) {
  if (ev.type === 'stale' || ev.type === 'recovered') return;
  const r = ev.resource;
  qc.setQueryData<ListResourcesResponse>(resourceKeys.list(), (old) =>
    old ? { ...old, items: patchItems(old.items, ev.type, r) } : old,
  );
  const detail = qc.getQueryData<{ version: string }>(resourceKeys.detail(r.id));
  if (detail && (ev.type === 'deleted' || detail.version !== r.version)) {
    void qc.invalidateQueries({ queryKey: resourceKeys.detail(r.id), exact: true });
  }
}

export function patchItems(
  items: ResourceSummary[],
  type: 'added' | 'modified' | 'deleted',
  r: ResourceSummary,
): ResourceSummary[] {
  const idx = items.findIndex((i) => i.id === r.id);
  if (type === 'deleted') return idx < 0 ? items : items.filter((_, i) => i !== idx);
  if (idx < 0) return [...items, r];
  const cur = items[idx];
  if (cur && cur.version === r.version) return items;
  const next = items.slice();
  next[idx] = r;
  return next;
}

/** Mount once, high in the tree: keeps the resource caches live. */
export function useLiveResources() {
  const qc = useQueryClient();
  useEffect(
    () =>
      subscribeEvents(
        (ev) => applyEvent(qc, ev),
        () => {
          void qc.invalidateQueries({ queryKey: resourceKeys.lists() });
          void qc.invalidateQueries({ queryKey: ['resource'] });
        },
      ),
    [qc],
  );
}
