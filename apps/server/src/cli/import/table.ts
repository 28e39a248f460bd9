// What `perses-cm import` prints: one line per entry of the preview (action, resource, where it
// goes, where it came from or why it is refused), then the per-item outcomes of the apply.
import type { ImportDestination, ImportEntry, ImportPreview, ImportReport } from '@perses-cm/api';

export function destination(d: ImportDestination | null): string {
  if (!d) return '-';
  return d.type === 'file' ? d.path : `${d.namespace}/${d.name}:${d.key}`;
}

const resource = (e: Pick<ImportEntry, 'kind' | 'project' | 'name'>) =>
  e.kind ? `${e.kind} ${e.project ? `${e.project}/` : ''}${e.name ?? ''}` : '-';

function columns(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  '))
    .join('\n');
}

export function previewTable(p: ImportPreview): string {
  const rows = [['ACTION', 'RESOURCE', 'DESTINATION', 'FROM / WHY']];
  for (const e of p.entries)
    rows.push([
      e.action.toUpperCase(),
      resource(e),
      destination(e.destination),
      e.action === 'refused' ? `${e.origin}: ${e.reason ?? ''}` : e.origin,
    ]);
  const lines = [`${p.source} -> ${p.target}`, columns(rows)];
  for (const e of p.entries) for (const n of e.notes) lines.push(`note: ${resource(e)}: ${n}`);
  for (const s of p.skipped) lines.push(`skipped: ${s.path}: ${s.reason}`);
  for (const err of p.errors) lines.push(`error: ${err.source}: ${err.message}`);
  const c = p.counts;
  lines.push(
    `${c.create} to create, ${c.update} to update, ${c.unchanged} unchanged, ${c.refused} refused`,
  );
  return lines.join('\n');
}

export function reportTable(r: ImportReport): string {
  const rows = [['OUTCOME', 'RESOURCE', 'DESTINATION', 'MESSAGE']];
  for (const i of r.items)
    rows.push([i.outcome.toUpperCase(), resource(i), destination(i.destination), i.message ?? '']);
  const c = r.counts;
  return `${columns(rows)}\n${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.skipped} skipped, ${c.failed} failed`;
}
