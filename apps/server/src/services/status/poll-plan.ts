// What each poll looks at. A slow poll lists metadata, learns the cycle from it, and flags what
// moved more than provisioning moves things; both polls compare the resources on their way
// (pending, drifted, just changed) and, while some were never compared, a batch of those; slow
// polls add a paced audit of served resources within a byte budget, so drift is found without
// reading everything every time.
import { lastCycleOf, versionOutliers, type ServedMeta } from './cycle.ts';
import { servesThis } from './evaluate.ts';
import type { ServedSnapshot } from './served-snapshot.ts';
import type { DirectWrite, Tracked, Tracker } from './tracker.ts';

export interface ListLearning {
  lastCycleAt: number | null;
  /** Versions of the served resources that have a ConfigMap, for the next comparison. */
  versions: Map<string, number>;
  /** Resources written besides provisioning since the last list. */
  written: Tracked[];
}

export function learnFromList(
  tracker: Tracker,
  snapshot: ServedSnapshot,
  previous: ReadonlyMap<string, number>,
  now: number,
): ListLearning {
  const backed = new Map<string, Tracked[]>();
  for (const t of tracker.byId.values()) {
    const k = t.r.keys.identity;
    if (k !== null && snapshot.items.has(k)) backed.set(k, [...(backed.get(k) ?? []), t]);
  }
  // A copy last written by the console's own direct write tells nothing of the cycle.
  const metas = [...backed]
    .filter(([k, ts]) => !ts.some((t) => writtenDirectly(t, snapshot.items.get(k))))
    .flatMap(([k]) => snapshot.items.get(k) ?? []);
  const versions = new Map<string, number>();
  for (const k of backed.keys()) {
    const v = snapshot.items.get(k)?.version;
    if (v !== null && v !== undefined) versions.set(k, v);
  }
  const written: Tracked[] = [];
  for (const k of versionOutliers(previous, versions))
    for (const t of backed.get(k) ?? []) {
      t.offCycleWriteAt = snapshot.items.get(k)?.updatedAt ?? now;
      written.push(t);
    }
  return { lastCycleAt: lastCycleOf(metas), versions, written };
}

/** Perses's copy is the one the console's direct write left (no cycle has rewritten it since). */
function writtenDirectly(t: Tracked, meta: ServedMeta | undefined): boolean {
  const at = t.direct?.persesUpdatedAt ?? null;
  return (
    at !== null && meta?.updatedAt !== null && meta?.updatedAt !== undefined && meta.updatedAt <= at
  );
}

/** A cycle after the direct write rewrote the same content: provisioning confirmed it (true). */
export function confirmDirect(t: Tracked, lastCycleAt: number | null): boolean {
  const d: DirectWrite | null = t.direct;
  if (!d || d.outcome !== 'applied' || d.confirmedAt !== null || lastCycleAt === null) return false;
  if (d.persesUpdatedAt === null || lastCycleAt <= d.persesUpdatedAt || !servesThis(t))
    return false;
  d.confirmedAt = lastCycleAt;
  return true;
}

/** Whether a resource is worth a content check at the next poll. */
export function wantsCheck(t: Tracked, snapshot: ServedSnapshot | null): boolean {
  const state = t.status?.state;
  // Most resources, on most polls: compared already, and neither on their way nor drifted.
  if (t.check !== null && state !== undefined && state !== 'pending' && state !== 'drifted')
    return false;
  if (!t.r.placement.id || snapshot?.notServed.has(t.r.placement.id.kind)) return false;
  if (state === 'pending' || state === 'drifted' || t.status === null) return true;
  const served = t.r.keys.identity !== null && snapshot?.items.has(t.r.keys.identity);
  return t.check === null && served === true && state !== 'shadowed';
}

/** Pending ones, drifted ones, changed ones not decided yet, and a batch never compared. */
export function dueChecks(
  tracker: Tracker,
  snapshot: ServedSnapshot | null,
  firstChecks: number,
): Tracked[] {
  const out: Tracked[] = [];
  let first = 0;
  for (const t of tracker.byId.values()) {
    if (!wantsCheck(t, snapshot)) continue;
    const never = t.check === null && t.status?.state !== 'pending';
    if (never && first++ >= firstChecks) continue;
    out.push(t);
  }
  return out;
}

/** The paced drift audit: the longest-unchecked served resources, up to a byte budget. */
export function auditBatch(tracker: Tracker, budget: number, now: number): Tracked[] {
  const pool = [...tracker.byId.values()].filter((t) => servesThis(t));
  pool.sort((a, b) => a.lastAuditAt - b.lastAuditAt);
  const out: Tracked[] = [];
  let bytes = 0;
  for (const t of pool) {
    if (out.length > 0 && bytes + t.r.summary.sizeBytes > budget) break;
    bytes += t.r.summary.sizeBytes;
    t.lastAuditAt = now;
    out.push(t);
  }
  return out;
}
