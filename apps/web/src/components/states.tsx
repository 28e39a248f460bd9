import type { ReactNode } from 'react';
import { ApiError } from '../lib/api-client.ts';

export function Spinner({ label = 'Loading' }: { label?: string }) {
  return <span className="spinner" role="progressbar" aria-label={label} />;
}

export function LoadingState({ label }: { label: string }) {
  return (
    <div className="state" aria-busy="true">
      <Spinner label={label} />
      <p>{label}…</p>
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state">
      <h2>{title}</h2>
      {children}
    </div>
  );
}

/** Shows the server's message, its code and the offending field when there is one. */
export function ErrorState({
  title,
  error,
  onRetry,
}: {
  title: string;
  error: unknown;
  onRetry?: () => void;
}) {
  const api = error instanceof ApiError ? error : null;
  return (
    <div className="state state-error" role="alert">
      <h2>{title}</h2>
      <p>{error instanceof Error ? error.message : String(error)}</p>
      {api && api.fields.length > 0 && (
        <ul className="field-errors">
          {api.fields.map((f) => (
            <li key={f.field + f.message}>
              <code>{f.field}</code> {f.message}
            </li>
          ))}
        </ul>
      )}
      {api && (
        <p className="muted mono">
          code: {api.code}
          {api.status ? ` · HTTP ${api.status}` : ''}
        </p>
      )}
      {onRetry && (
        <button type="button" className="btn" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
