// The apply as it goes (a progress bar over the picked entries) and its per-item report, with the
// report downloadable as JSON from the server.
import { API, type ImportReport } from '@perses-cm/api';
import { destinationText, resourceText } from './preview-table.tsx';

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
      <div className="import-scroll">
        <table className="import-table">
          <thead>
            <tr>
              <th scope="col">Outcome</th>
              <th scope="col">Resource</th>
              <th scope="col">Where</th>
              <th scope="col">Message</th>
            </tr>
          </thead>
          <tbody>
            {report.items.map((i) => (
              <tr key={i.key} data-outcome={i.outcome}>
                <td>
                  <span className={`import-action import-${i.outcome}`}>{i.outcome}</span>
                </td>
                <td className="mono">
                  {i.resourceId ? (
                    <a href={`/resources/${encodeURIComponent(i.resourceId)}`}>{resourceText(i)}</a>
                  ) : (
                    resourceText(i)
                  )}
                </td>
                <td className="mono">{destinationText(i.destination)}</td>
                <td>{i.message ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
