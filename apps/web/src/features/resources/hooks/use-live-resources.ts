import { useEffect } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { ListResourcesResponse, ResourceEvent, ResourceSummary } from '@perses-cm/api';
import { subscribeEventBatches } from '../../../lib/event-stream.ts';
import { resourceKeys } from '../api/keys.ts';

type ChangeEvent = Extract<ResourceEvent, { resource: ResourceSummary }>;
type StatusEvent = Extract<ResourceEvent, { type: 'status' }>;

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
      // A change event may come before its status: keep the last one until a status event.
      (next ??= items.slice())[i] = r.status || !cur?.status ? r : { ...r, status: cur.status };
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
 * Puts each status of a batch on its row (a new object for that row only); the same array when
 * no row is listed.
 */
export function patchStatuses(items: ResourceSummary[], events: StatusEvent[]): ResourceSummary[] {
  const latest = new Map<string, StatusEvent['items'][number]['status']>();
  for (const ev of events) for (const s of ev.items) latest.set(s.id, s.status);
  if (latest.size === 0) return items;
  let next: ResourceSummary[] | null = null;
  items.forEach((r, i) => {
    const status = latest.get(r.id);
    if (status) (next ??= items.slice())[i] = { ...r, status };
  });
  return next ?? items;
}

/**
 * Applies live events to the caches: the list (rows and their statuses) is patched once per batch, and a cached detail
 * is refetched only when its version moved (or it was deleted).
 */
export function applyEvents(qc: QueryClient, events: ResourceEvent[]) {
  const changes = events.filter((e): e is ChangeEvent => 'resource' in e);
  const statuses = events.filter((e): e is StatusEvent => e.type === 'status');
  if (changes.length === 0 && statuses.length === 0) return;
  qc.setQueryData<ListResourcesResponse>(resourceKeys.list(), (old) => {
    if (!old) return old;
    const items = patchStatuses(patchItems(old.items, changes), statuses);
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

/** Mount once, high in the tree: keeps the resource caches live. */
export function useLiveResources() {
  const qc = useQueryClient();
  useEffect(
    () =>
      subscribeEventBatches(
        (batch) => applyEvents(qc, batch),
        () => {
          void qc.invalidateQueries({ queryKey: resourceKeys.lists() });
          void qc.invalidateQueries({ queryKey: ['resource'] });
        },
      ),
    [qc],
  );
}
