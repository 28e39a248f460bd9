// The preview: one row per entry with its action, resource, destination, origin or reason and
// findings. Creates are ticked by default; an update is ticked only by the person, after its diff
// was shown; unchanged and refused entries cannot be ticked.
import { Fragment, useState } from 'react';
import type { ImportDestination, ImportEntry, ImportPreview } from '@perses-cm/api';
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
  return (
    <div className="import-scroll">
      <table className="import-table" aria-label="Import preview">
        <thead>
          <tr>
            <th scope="col">Apply</th>
            <th scope="col">Action</th>
            <th scope="col">Resource</th>
            <th scope="col">ConfigMap · key (or file)</th>
            <th scope="col">From / why</th>
            <th scope="col">Findings</th>
          </tr>
        </thead>
        <tbody>
          {preview.entries.map((e) => {
            const tickable = e.action === 'create' || (e.action === 'update' && seen.has(e.key));
            return (
              <Fragment key={e.key}>
                <tr data-action={e.action}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Apply ${resourceText(e)}`}
                      checked={ticked.has(e.key)}
                      disabled={!tickable}
                      title={e.action === 'update' && !tickable ? 'Show the diff first' : undefined}
                      onChange={(ev) => onTick(e.key, ev.target.checked)}
                    />
                  </td>
                  <td>
                    <span className={`import-action import-${e.action}`}>{e.action}</span>
                  </td>
                  <td className="mono">{resourceText(e)}</td>
                  <td className="mono">{destinationText(e.destination)}</td>
                  <td>
                    <div className="mono">{e.origin}</div>
                    {e.reason && <div className="import-reason">{e.reason}</div>}
                    {e.notes.map((n) => (
                      <div key={n} className="muted">
                        {n}
                      </div>
                    ))}
                  </td>
                  <td>
                    {findingsText(e)}
                    {(e.action === 'update' || e.action === 'create') && (
                      <button type="button" className="btn btn-ghost" onClick={() => show(e.key)}>
                        {open === e.key
                          ? 'Hide'
                          : e.action === 'update'
                            ? 'Show diff'
                            : 'Show text'}
                      </button>
                    )}
                  </td>
                </tr>
                {open === e.key && (
                  <tr>
                    <td colSpan={6}>
                      <EntryDiff previewId={preview.id} entryKey={e.key} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
