import type { AuditEntry } from '@perses-cm/api';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { SIGNED_IN_WITH } from '../../../lib/session/identity-source.ts';
import { useAudit } from '../api/get-audit.ts';
import './audit-page.css';

function where(e: AuditEntry): string {
  if (e.file) return e.file;
  if (e.configMap) return `${e.namespace ?? ''}/${e.configMap}${e.key ? ` · ${e.key}` : ''}`;
  return e.namespace ?? '—';
}

function what(e: AuditEntry): string {
  const name = e.name ?? '(no name)';
  return `${e.kind ?? 'Resource'} ${e.project ? `${e.project}/` : ''}${name}`;
}

/** The recent writes through this console: who, how signed in, what, where, and the result. */
export default function AuditPage() {
  const audit = useAudit();
  if (audit.isPending) return <LoadingState label="Loading the audit log" />;
  if (audit.isError)
    return (
      <ErrorState
        title="Cannot read the audit log"
        error={audit.error}
        onRetry={() => void audit.refetch()}
      />
    );
  const entries = audit.data.entries;
  return (
    <section className="page audit" aria-label="Audit log">
      <div className="page-head">
        <div className="title-block">
          <h1>Audit log</h1>
          <p className="muted">
            The most recent writes through this console, newest first, in the namespaces you may
            read. Every write is also one JSON line on the server's standard output.
          </p>
        </div>
      </div>
      {entries.length === 0 ? (
        <EmptyState title="No writes yet" />
      ) : (
        <div className="audit-scroll">
          <table className="audit-table">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Resource</th>
                <th scope="col">Where</th>
                <th scope="col">Result</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={`${e.requestId}-${e.time}-${e.via}`} data-result={e.result}>
                  <td className="mono" title={e.time}>
                    {new Date(e.time).toLocaleString()}
                  </td>
                  <td title={e.groups.length ? `Groups: ${e.groups.join(', ')}` : undefined}>
                    {e.user} <span className="muted">({SIGNED_IN_WITH[e.source]})</span>
                  </td>
                  <td>
                    {e.action}
                    {e.via === 'perses' && <span className="muted"> (Perses API)</span>}
                  </td>
                  <td>{what(e)}</td>
                  <td className="mono">{where(e)}</td>
                  <td title={`Request ${e.requestId}`}>
                    {e.result === 'ok' ? (
                      <span className="badge badge-ok">ok</span>
                    ) : (
                      <span className="badge badge-error" title={e.error?.message}>
                        {e.error?.code ?? 'error'}
                      </span>
                    )}
                    {e.error && <div className="audit-error">{e.error.message}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
