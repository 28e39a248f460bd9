// Statuses in resource lists: the list's summaries were serialised once when indexed, and each
// status once when it changed, so a list of thousands is still a string join.
import type { SyncState } from '@perses-cm/api';
import type { IndexedResource } from '../resource-index.ts';

export interface ListStatus {
  /** Bumped whenever statuses may have changed. */
  readonly generation: number;
  statusJson(id: string): string | undefined;
  stateOf(id: string): SyncState | undefined;
}

/** Only the resources in one of `states`; none without statuses to go by. */
export function withStates(
  resources: IndexedResource[],
  status: ListStatus | null,
  states: SyncState[] | undefined,
): IndexedResource[] {
  if (!states) return resources;
  if (!status) return [];
  const wanted = new Set(states);
  return resources.filter((r) => {
    const s = status.stateOf(r.summary.id);
    return s !== undefined && wanted.has(s);
  });
}

/** A summary's JSON with its status as the last member. */
export function summaryJson(r: IndexedResource, status: ListStatus | null): string {
  const s = status?.statusJson(r.summary.id);
  return s === undefined ? r.json : `${r.json.slice(0, -1)},"status":${s}}`;
}
