import type { AuditEntry } from '@perses-cm/api';
import { DataTable, type Column } from '../../../components/data-table.tsx';
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

const COLUMNS: Column<AuditEntry>[] = [
  {
    header: 'Time',
    className: 'mono',
    title: (e) => e.time,
    cell: (e) => new Date(e.time).toLocaleString(),
  },
  {
    header: 'Who',
    title: (e) => (e.groups.length ? `Groups: ${e.groups.join(', ')}` : undefined),
    cell: (e) => (
      <>
        {e.user} <span className="muted">({SIGNED_IN_WITH[e.source]})</span>
      </>
    ),
  },
  {
    header: 'Action',
    cell: (e) => (
      <>
        {e.action}
        {e.via === 'perses' && <span className="muted"> (Perses API)</span>}
      </>
    ),
  },
  { header: 'Resource', cell: what },
  { header: 'Where', className: 'mono', cell: where },
  {
    header: 'Result',
    title: (e) => `Request ${e.requestId}`,
    cell: (e) => (
      <>
        {e.result === 'ok' ? (
          <span className="badge badge-ok">ok</span>
        ) : (
          <span className="badge badge-error" title={e.error?.message}>
            {e.error?.code ?? 'error'}
          </span>
        )}
        {e.error && <div className="audit-error">{e.error.message}</div>}
      </>
    ),
  },
];

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
        <DataTable
          label="Recent writes"
          columns={COLUMNS}
          rows={entries}
          rowKey={(e) => `${e.requestId}-${e.time}-${e.via}`}
          rowData={(e) => ({ 'data-result': e.result })}
          scrollClassName="audit-scroll"
        />
      )}
    </section>
  );
}
