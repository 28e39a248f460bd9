// What `perses-cm status` prints: a table for people (each resource's status and reason, and for
// the ones that failed, what to check), or JSON for scripts.
import type {
  Orphan,
  PersesConnection,
  ResourceStatus,
  ResourceSummary,
  SyncState,
} from '@perses-cm/api';
import { SYNC_STATES } from '@perses-cm/api';
import { humanDuration } from '../../services/status/cycle.ts';

export interface StatusReport {
  perses: PersesConnection;
  resources: { summary: ResourceSummary; status: ResourceStatus | null }[];
  orphans: Orphan[];
  now: number;
}

function detail(s: ResourceStatus | null, now: number): string {
  if (!s) return 'not looked at yet';
  if (s.state === 'pending' && s.expectedAt) {
    const left = Date.parse(s.expectedAt) - now;
    return left > 0
      ? `expected in about ${humanDuration(left)}`
      : `expected ${humanDuration(-left)} ago`;
  }
  if (s.state === 'synced') return s.lagMs === null ? '' : `lag ${humanDuration(s.lagMs)}`;
  return s.reason ? `${s.reason.message}${s.reason.inferred ? ' (inferred)' : ''}` : '';
}

const FAILED = new Set<SyncState>(['rejected', 'stale', 'shadowed']);

export function formatTable(r: StatusReport): string {
  const rows = r.resources.map(({ summary: m, status }) => [
    (status?.state ?? '-').toUpperCase(),
    m.kind,
    m.project ? `${m.project}/${m.name}` : m.name,
    m.namespace ? `${m.namespace}/${m.configMapName}:${m.key}` : m.key,
    detail(status, r.now),
  ]);
  const head = ['STATUS', 'KIND', 'NAME', 'CONFIGMAP', 'DETAIL'];
  const widths = head.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const out = [line(head), ...rows.map(line)];
  for (const { summary: m, status } of r.resources)
    if (status && FAILED.has(status.state) && status.hints.length > 0)
      out.push(
        '',
        `${m.kind} ${m.project ? `${m.project}/` : ''}${m.name}: check, in order:`,
        ...status.hints.map((h, i) => `  ${i + 1}. ${h}`),
      );
  out.push('', summaryLine(r));
  return `${out.join('\n')}\n`;
}

function summaryLine(r: StatusReport): string {
  const counts = new Map<SyncState, number>();
  for (const { status } of r.resources)
    if (status) counts.set(status.state, (counts.get(status.state) ?? 0) + 1);
  const parts = SYNC_STATES.filter((s) => counts.get(s)).map((s) => `${counts.get(s)} ${s}`);
  const p = r.perses;
  const where = `Perses ${p.state === 'connected' ? `${p.version ?? ''} ` : ''}(${p.found.description})`;
  const interval = p.provisioning?.interval
    ? `, provisioning every ${p.provisioning.interval}`
    : '';
  const named = r.orphans
    .slice(0, 5)
    .map((o) => `${o.kind} ${o.project ? `${o.project}/` : ''}${o.name}`);
  const more = r.orphans.length > 5 ? ` and ${r.orphans.length - 5} more` : '';
  const orphans =
    r.orphans.length > 0
      ? `; ${r.orphans.length} orphan(s) in Perses: ${named.join(', ')}${more}`
      : '';
  const state = p.state === 'connected' ? '' : `; ${p.state}: ${p.message ?? ''}`;
  return `${parts.join(', ') || 'no resources'}; ${where}${interval}${state}${orphans}`;
}

export function formatJson(r: StatusReport): string {
  return `${JSON.stringify(
    {
      perses: r.perses,
      resources: r.resources.map(({ summary: m, status }) => ({
        id: m.id,
        kind: m.kind,
        project: m.project,
        name: m.name,
        namespace: m.namespace,
        configMapName: m.configMapName,
        key: m.key,
        status,
      })),
      orphans: r.orphans,
    },
    null,
    2,
  )}\n`;
}
