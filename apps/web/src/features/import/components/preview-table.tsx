// The preview: one row per entry with its action, resource, destination, origin or reason and
// findings. Creates are ticked by default; an update is ticked only by the person, after its diff
// was shown; unchanged and refused entries cannot be ticked.
import { useState } from 'react';
import type { ImportDestination, ImportEntry, ImportPreview } from '@perses-cm/api';
import { DataTable, type Column } from '../../../components/data-table.tsx';
import { EntryDiff } from './entry-diff.tsx';

export function destinationText(d: ImportDestination | null): string {
  if (!d) return '—';
  return d.type === 'file' ? d.path : `${d.namespace}/${d.name} · ${d.key}`;
}

export const resourceText = (e: Pick<ImportEntry, 'kind' | 'project' | 'name'>) =>
  e.kind ? `${e.kind} ${e.project ? `${e.project}/` : ''}${e.name ?? ''}` : '—';

function findingsText(e: ImportEntry): string {
  const errors = e.findings.filter((f) => f.severity === 'error').length;
  const warnings = e.findings.filter((f) => f.severity === 'warning').length;
  const perses = e.perses.checked ? (e.perses.valid ? 'Perses: valid' : 'Perses: refused') : '';
  return [errors ? `${errors} errors` : '', warnings ? `${warnings} warnings` : '', perses]
    .filter(Boolean)
    .join(' · ');
}

export interface PreviewTableProps {
  preview: ImportPreview;
  ticked: ReadonlySet<string>;
  onTick: (key: string, on: boolean) => void;
}

export function PreviewTable({ preview, ticked, onTick }: PreviewTableProps) {
  const [open, setOpen] = useState<string | null>(null);
  const [seen, setSeen] = useState<ReadonlySet<string>>(new Set());
  const show = (key: string) => {
    setOpen(open === key ? null : key);
    setSeen(new Set([...seen, key]));
  };
  const columns: Column<ImportEntry>[] = [
    {
      header: 'Apply',
      cell: (e) => {
        const tickable = e.action === 'create' || (e.action === 'update' && seen.has(e.key));
        return (
          <input
            type="checkbox"
            aria-label={`Apply ${resourceText(e)}`}
            checked={ticked.has(e.key)}
            disabled={!tickable}
            title={e.action === 'update' && !tickable ? 'Show the diff first' : undefined}
            onChange={(ev) => onTick(e.key, ev.target.checked)}
          />
        );
      },
    },
    {
      header: 'Action',
      cell: (e) => <span className={`import-action import-${e.action}`}>{e.action}</span>,
    },
    { header: 'Resource', className: 'mono', cell: resourceText },
    {
      header: 'ConfigMap · key (or file)',
      className: 'mono',
      cell: (e) => destinationText(e.destination),
    },
    {
      header: 'From / why',
      cell: (e) => (
        <>
          <div className="mono">{e.origin}</div>
          {e.reason && <div className="import-reason">{e.reason}</div>}
          {e.notes.map((n) => (
            <div key={n} className="muted">
              {n}
            </div>
          ))}
        </>
      ),
    },
    {
      header: 'Findings',
      cell: (e) => (
        <>
          {findingsText(e)}
          {(e.action === 'update' || e.action === 'create') && (
            <button type="button" className="btn btn-ghost" onClick={() => show(e.key)}>
              {open === e.key ? 'Hide' : e.action === 'update' ? 'Show diff' : 'Show text'}
            </button>
          )}
        </>
      ),
    },
  ];
  return (
    <DataTable
      label="Import preview"
      columns={columns}
      rows={preview.entries}
      rowKey={(e) => e.key}
      rowData={(e) => ({ 'data-action': e.action })}
      detail={(e) =>
        open === e.key ? <EntryDiff previewId={preview.id} entryKey={e.key} /> : null
      }
      scrollClassName="import-scroll"
    />
  );
}
