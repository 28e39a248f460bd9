import type { ResourceStatus, SyncState } from '@perses-cm/api';
import { formatDuration, formatTime, fromNow } from '../lib/durations.ts';
import './status-badge.css';

interface StateInfo {
  label: string;
  /** A glyph beside the colour, so the state does not rest on colour alone. */
  glyph: string;
  /** Worst first: the order of sorting and of the overview's counts. */
  rank: number;
  /** In a sentence: what the state means for the user. */
  means: string;
}

/** One home for how each provisioning state reads, in the list, the overview and the panel. */
export const STATE_INFO: Record<SyncState, StateInfo> = {
  rejected: { label: 'Rejected', glyph: '✕', rank: 0, means: 'Perses refused it' },
  stale: { label: 'Stale', glyph: '!', rank: 1, means: 'not served long after it was due' },
  shadowed: { label: 'Shadowed', glyph: '◐', rank: 2, means: 'another resource wins its place' },
  drifted: { label: 'Drifted', glyph: '≠', rank: 3, means: 'Perses serves other content' },
  pending: { label: 'Pending', glyph: '◷', rank: 4, means: 'changed, not served yet' },
  unknown: { label: 'Unknown', glyph: '?', rank: 5, means: 'Perses cannot tell' },
  synced: { label: 'Synced', glyph: '✓', rank: 6, means: 'Perses serves this content' },
};

/** The states, worst first. */
export const STATES_BY_RANK = (Object.keys(STATE_INFO) as SyncState[]).sort(
  (a, b) => STATE_INFO[a].rank - STATE_INFO[b].rank,
);

/** A Synced that rests on the console's direct write (apply now): when, and whether a cycle confirmed it. */
export function directLine(status: ResourceStatus, now: number = Date.now()): string | null {
  const d = status.direct;
  if (status.state !== 'synced' || d?.outcome !== 'applied') return null;
  return d.confirmedAt
    ? `applied directly, confirmed by provisioning at ${formatTime(d.confirmedAt, now)}`
    : `applied directly at ${formatTime(d.at, now)}; provisioning confirms it at its next cycle`;
}

/** What the badge's tooltip says: the reason, the expected time, who wins. */
export function statusSummary(status: ResourceStatus, now: number = Date.now()): string {
  const head = STATE_INFO[status.state].label;
  if (status.state === 'pending' && status.expectedAt) {
    return `${head}: expected ${fromNow(status.expectedAt, now)}`;
  }
  const direct = directLine(status, now);
  if (direct) return `${head}: ${direct}`;
  if (status.state === 'synced' && status.lagMs !== null) {
    return `${head}: reached Perses ${formatDuration(status.lagMs)} after the change`;
  }
  if (status.state === 'shadowed' && status.winner) {
    const w = status.winner;
    const who = w.configMapName ? `${w.namespace ?? ''}/${w.configMapName} · ${w.key}` : w.key;
    return `${head}: Perses ends up with ${who} (${w.why})`;
  }
  return status.reason
    ? `${head}: ${status.reason.message}`
    : `${head}: ${STATE_INFO[status.state].means}`;
}

/** A resource's provisioning state; a dash while the server has none for it. */
export function StatusBadge({ status }: { status: ResourceStatus | undefined }) {
  if (!status) {
    return (
      <span className="muted" title="No provisioning status yet" aria-label="No status">
        —
      </span>
    );
  }
  const info = STATE_INFO[status.state];
  return (
    <span
      className={`badge status-badge status-${status.state}`}
      title={statusSummary(status)}
      data-state={status.state}
    >
      <span aria-hidden="true">{info.glyph}</span> {info.label}
    </span>
  );
}
