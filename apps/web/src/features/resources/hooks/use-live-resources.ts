import { useEffect } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { ListResourcesResponse, ResourceEvent, ResourceSummary } from '@perses-cm/api';
import { subscribeEvents } from '../../../lib/event-stream.ts';
import { resourceKeys } from '../api/keys.ts';

type ChangeEvent = Extract<ResourceEvent, { resource: ResourceSummary }>;

/**
 * Applies a batch of events to the list in one pass: rows whose version did not move keep
 * their identity (memoised rows do not re-render), and the same array comes back when nothing
 * changed at all.
 */
export function patchItems(items: ResourceSummary[], events: ChangeEvent[]): ResourceSummary[] {
  if (events.length === 0) return items;
  const index = new Map<string, number>();
  items.forEach((r, i) => index.set(r.id, i));
  let next: (ResourceSummary | null)[] | null = null;
  const added: (ResourceSummary | null)[] = [];
  const addedAt = new Map<string, number>();
  for (const ev of events) {
    const r = ev.resource;
    const i = index.get(r.id);
    const a = addedAt.get(r.id);
    if (ev.type === 'deleted') {
      if (i !== undefined && (next ?? items)[i] !== null) (next ??= items.slice())[i] = null;
      if (a !== undefined) added[a] = null;
      continue;
    }
    if (i !== undefined) {
      const cur = (next ?? items)[i];
      if (cur && cur.version === r.version) continue;
      (next ??= items.slice())[i] = r;
    } else if (a !== undefined) {
      added[a] = r;
    } else {
      addedAt.set(r.id, added.length);
      added.push(r);
    }
  }
  const kept = added.filter((r): r is ResourceSummary => r !== null);
  if (!next && kept.length === 0) return items;
  const base = (next ?? items).filter((r): r is ResourceSummary => r !== null);
  return kept.length ? [...base, ...kept] : base;
}

/**
 * Applies live events to the caches: the list is patched once per batch, and a cached detail
 * is refetched only when its version moved (or it was deleted).
 */
export function applyEvents(qc: QueryClient, events: ResourceEvent[]) {
  const changes = events.filter((e): e is ChangeEvent => 'resource' in e);
  if (changes.length === 0) return;
  qc.setQueryData<ListResourcesResponse>(resourceKeys.list(), (old) => {
    if (!old) return old;
    const items = patchItems(old.items, changes);
    return items === old.items ? old : { ...old, items };
  });
  for (const ev of changes) {
    const r = ev.resource;
    const detail = qc.getQueryData<{ version: string }>(resourceKeys.detail(r.id));
    if (detail && (ev.type === 'deleted' || detail.version !== r.version)) {
      void qc.invalidateQueries({ queryKey: resourceKeys.detail(r.id), exact: true });
    }
  }
}

/** Events arriving within this window are applied together (a re-list can send thousands). */
const BATCH_MS = 50;

/** Mount once, high in the tree: keeps the resource caches live. */
export function useLiveResources() {
  const qc = useQueryClient();
  useEffect(() => {
    let queue: ResourceEvent[] = [];
    let timer: number | undefined;
    const flush = () => {
      timer = undefined;
      const batch = queue;
      queue = [];
      applyEvents(qc, batch);
    };
    const unsubscribe = subscribeEvents(
      (ev) => {
        queue.push(ev);
        timer ??= window.setTimeout(flush, BATCH_MS);
      },
      () => {
        void qc.invalidateQueries({ queryKey: resourceKeys.lists() });
        void qc.invalidateQueries({ queryKey: ['resource'] });
      },
    );
    return () => {
      unsubscribe();
      window.clearTimeout(timer);
    };
  }, [qc]);
}
