// When `perses-cm status --wait` may stop, and with which exit status: every resource Synced
// (or one Perses cannot show, such as a Role with authorization off) → 0; any Rejected, Stale or
// Shadowed → 1; still Pending, Drifted, checking or Perses unreachable → keep waiting.
import type { ResourceStatus, SyncState } from '@perses-cm/api';

export const EXIT = { synced: 0, failed: 1, usage: 2, unsettled: 3 } as const;

const FAILED: ReadonlySet<SyncState> = new Set(['rejected', 'stale', 'shadowed']);

/** Unknown that waiting cannot change: Perses does not serve the kind at all. */
const settledUnknown = (s: ResourceStatus) =>
  s.state === 'unknown' && s.reason?.code === 'kind_not_served';

export type Verdict = { done: true; exit: 0 | 1 } | { done: false; waitingFor: number };

export function verdictOf(statuses: readonly (ResourceStatus | null)[]): Verdict {
  let failed = 0;
  let waiting = 0;
  for (const s of statuses) {
    if (s === null) waiting++;
    else if (FAILED.has(s.state)) failed++;
    else if (s.state !== 'synced' && !settledUnknown(s)) waiting++;
  }
  if (failed > 0) return { done: true, exit: EXIT.failed };
  if (waiting > 0) return { done: false, waitingFor: waiting };
  return { done: true, exit: EXIT.synced };
}

/** Whether the first look is over: no resource is still waiting for its first comparison. */
export function firstLookDone(statuses: readonly (ResourceStatus | null)[]): boolean {
  return statuses.every((s) => s !== null && s.reason?.code !== 'checking');
}
