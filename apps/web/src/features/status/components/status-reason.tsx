import { Link } from 'react-router';
import type { EvidenceSource, ResourceStatus } from '@perses-cm/api';
import { formatTime } from '../../../lib/durations.ts';

export const SOURCE_LABELS: Record<EvidenceSource, string> = {
  'perses-api': 'what Perses serves',
  'perses-validate': "Perses's validation",
  'perses-log': 'the Perses log',
  'sidecar-log': 'the sidecar log',
  console: "the console's checks",
};

/** Why the resource is in its state, who wins when shadowed, and what to check, in order. */
export function StatusReason({ status, now }: { status: ResourceStatus; now: number }) {
  const { reason, winner, hints } = status;
  return (
    <>
      {reason && (
        <p className="status-reason" data-code={reason.code}>
          {reason.message}{' '}
          <span className="muted">
            — from {SOURCE_LABELS[reason.source]}
            {reason.inferred && ' (matched to this resource by the console)'}
            {reason.at && `, ${formatTime(reason.at, now)}`}
          </span>
        </p>
      )}
      {winner && (
        <p className="status-winner">
          Perses ends up with{' '}
          {winner.id ? (
            <Link to={`/resources/${encodeURIComponent(winner.id)}`}>
              {winner.configMapName ? `${winner.namespace ?? ''}/${winner.configMapName}` : ''} ·{' '}
              {winner.key}
            </Link>
          ) : (
            <code>
              {winner.configMapName ? `${winner.namespace ?? ''}/${winner.configMapName} · ` : ''}
              {winner.key}
            </code>
          )}
          : {winner.why}
          {winner.basis === 'order' && (
            <span className="muted"> (from the write order; Perses was not asked)</span>
          )}
        </p>
      )}
      {hints.length > 0 && (
        <div className="status-hints">
          <span className="muted">What to check, in order:</span>
          <ol>
            {hints.map((h) => (
              <li key={h}>{h}</li>
            ))}
          </ol>
        </div>
      )}
    </>
  );
}
