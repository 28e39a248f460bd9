// The apply as it goes (a progress bar over the picked entries) and its per-item report, with the
// report downloadable as JSON from the server.
import { API, type ImportReport } from '@perses-cm/api';
import { DataTable, type Column } from '../../../components/data-table.tsx';
import { destinationText, resourceText } from './preview-table.tsx';

const COLUMNS: Column<ImportReport['items'][number]>[] = [
  {
    header: 'Outcome',
    cell: (i) => <span className={`import-action import-${i.outcome}`}>{i.outcome}</span>,
  },
  {
    header: 'Resource',
    className: 'mono',
    cell: (i) =>
      i.resourceId ? (
        <a href={`/resources/${encodeURIComponent(i.resourceId)}`}>{resourceText(i)}</a>
      ) : (
        resourceText(i)
      ),
  },
  { header: 'Where', className: 'mono', cell: (i) => destinationText(i.destination) },
  { header: 'Message', cell: (i) => i.message ?? '' },
];

export function ApplyProgress({ done, total }: { done: number; total: number }) {
  return (
    <div className="import-progress">
      <progress value={done} max={Math.max(total, 1)} aria-label="Import progress" />
      <span className="muted">
        {done} of {total} applied
      </span>
    </div>
  );
}

export function ApplyReport({ report }: { report: ImportReport }) {
  const c = report.counts;
  return (
    <section aria-label="Import report" className="import-report">
      <h2>Report</h2>
      <p>
        {c.created} created, {c.updated} updated, {c.unchanged} unchanged, {c.skipped} skipped,{' '}
        {c.failed} failed.{' '}
        <a href={API.importReport(report.previewId)} download>
          Download the report (JSON)
        </a>
      </p>
      <DataTable
        label="Outcome per resource"
        columns={COLUMNS}
        rows={report.items}
        rowKey={(i) => i.key}
        rowData={(i) => ({ 'data-outcome': i.outcome })}
        scrollClassName="import-scroll"
      />
    </section>
  );
}
