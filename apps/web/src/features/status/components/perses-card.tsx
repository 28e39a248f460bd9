import type { PersesConnection } from '@perses-cm/api';
import { formatDuration, formatTime, fromNow } from '../../../lib/durations.ts';

const STATE_LABELS: Record<PersesConnection['state'], string> = {
  connected: 'Connected',
  unreachable: 'Unreachable',
  not_configured: 'Not configured',
};

const HOW_LABELS: Record<PersesConnection['found']['how'], string> = {
  url: 'Given by URL',
  'cluster-service': 'Found in the cluster',
  none: 'Not configured',
};

/** How Perses was found, whether it answers, and what it says about its provisioning. */
export function PersesCard({ perses, now }: { perses: PersesConnection; now: number }) {
  const { found, provisioning } = perses;
  return (
    <section className="panel" aria-label="Perses connection">
      <h3>Perses</h3>
      <div className="panel-body">
        <p className={`perses-state perses-${perses.state}`} data-state={perses.state}>
          <span className="conn-dot" aria-hidden="true" /> {STATE_LABELS[perses.state]}
          {perses.version && <span className="muted"> · v{perses.version.replace(/^v/, '')}</span>}
          <span className="muted"> · since {formatTime(perses.since, now)}</span>
        </p>
        {perses.message && <p className="perses-message">{perses.message}</p>}
        <dl className="kv kv-text">
          <dt>How found</dt>
          <dd>
            {HOW_LABELS[found.how]}: {found.description}
          </dd>
          {found.uiUrl && (
            <>
              <dt>Perses UI</dt>
              <dd>
                <a href={found.uiUrl} target="_blank" rel="noreferrer">
                  {found.uiUrl}
                </a>
              </dd>
            </>
          )}
          {perses.lastContactAt && (
            <>
              <dt>Last answer</dt>
              <dd>{fromNow(perses.lastContactAt, now)}</dd>
            </>
          )}
          {perses.nextAttemptAt && (
            <>
              <dt>Next attempt</dt>
              <dd>{fromNow(perses.nextAttemptAt, now)}</dd>
            </>
          )}
          {provisioning && (
            <>
              <dt>Provisioning</dt>
              <dd>
                every{' '}
                {provisioning.intervalMs !== null
                  ? formatDuration(provisioning.intervalMs)
                  : "Perses's default"}{' '}
                from {provisioning.folders.join(', ') || 'no folder'}
              </dd>
            </>
          )}
          {perses.readonly !== null && (
            <>
              <dt>Read-only</dt>
              <dd>{perses.readonly ? 'yes: no cleanup through its API' : 'no'}</dd>
            </>
          )}
          {perses.authEnabled !== null && (
            <>
              <dt>Authentication</dt>
              <dd>{perses.authEnabled ? 'on' : 'off'}</dd>
            </>
          )}
        </dl>
      </div>
    </section>
  );
}
