// The provisioning cycle, learned from what Perses serves. Perses runs provisioning on a ticker
// (every `provisioning.interval`), applies Projects first, and every cycle bumps `updatedAt` and
// `version` of every resource it provisions, even unchanged ones. So the newest `updatedAt` of
// the provisioned Projects is the start of the last cycle, the next ones follow on the interval,
// and a resource whose `version` moved more than the others' was also written by someone else.

/** What a metadata list tells of one served resource. */
export interface ServedMeta {
  kind: string;
  project: string | null;
  name: string;
  createdAt: number | null;
  updatedAt: number | null;
  version: number | null;
}

/** How long the sidecar takes, at most, to write a changed ConfigMap's file (about a second). */
export const SIDECAR_DELAY_MS = 2000;

/**
 * The start of the last cycle: the newest `updatedAt` of the provisioned Projects (written first
 * and rarely edited by hand), else of every provisioned resource. Null when nothing provisioned
 * is served.
 */
export function lastCycleOf(provisioned: Iterable<ServedMeta>): number | null {
  let project: number | null = null;
  let any: number | null = null;
  for (const m of provisioned) {
    if (m.updatedAt === null) continue;
    if (m.kind === 'Project' && (project === null || m.updatedAt > project)) project = m.updatedAt;
    if (any === null || m.updatedAt > any) any = m.updatedAt;
  }
  return project ?? any;
}

/** The first cycle at or after `t`, on the grid of `lastCycleAt` + k × interval. */
export function cycleAtOrAfter(t: number, lastCycleAt: number, intervalMs: number): number {
  if (intervalMs <= 0) return t;
  const k = Math.ceil((t - lastCycleAt) / intervalMs);
  return lastCycleAt + k * intervalMs;
}

export interface Timing {
  intervalMs: number | null;
  lastCycleAt: number | null;
}

/**
 * When Perses should serve content that was ready for it (its file written) at `readyAt`: the
 * next cycle on the learned grid, or one interval later when the grid is not known yet.
 */
export function expectedServeAt(readyAt: number, timing: Timing): number | null {
  const { intervalMs, lastCycleAt } = timing;
  if (intervalMs === null) return null;
  if (lastCycleAt === null) return readyAt + intervalMs;
  return cycleAtOrAfter(readyAt, lastCycleAt, intervalMs);
}

/** The margin after a missed cycle before a change counts as Stale: 10% of it, at least 5 s. */
export function staleMarginMs(intervalMs: number): number {
  return Math.max(5000, Math.round(intervalMs * 0.1));
}

/** A change not served by then is Stale: one full cycle and a margin after it was expected. */
export function staleAt(expectedAt: number, intervalMs: number): number {
  return expectedAt + intervalMs + staleMarginMs(intervalMs);
}

/**
 * Keys whose `version` moved more than the median move between two lists: written by something
 * besides provisioning (an edit through the Perses API or UI), worth a content check now.
 */
export function versionOutliers(
  before: ReadonlyMap<string, number>,
  after: ReadonlyMap<string, number>,
): string[] {
  const deltas: [string, number][] = [];
  for (const [key, v] of after) {
    const old = before.get(key);
    if (old !== undefined) deltas.push([key, v - old]);
  }
  if (deltas.length === 0) return [];
  const sorted = deltas.map(([, d]) => d).sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
  return deltas.filter(([, d]) => d > median).map(([k]) => k);
}

/** "3m10s", "45s", "2h5m": a rounded duration for people. */
export function humanDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${s % 60 ? `${s % 60}s` : ''}`;
  const h = Math.floor(m / 60);
  return `${h}h${m % 60 ? `${m % 60}m` : ''}`;
}
