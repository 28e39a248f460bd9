import type { StatusOverview } from '@perses-cm/api';
import { ErrorState, LoadingState } from '../../../components/states.tsx';
import { formatDuration, formatTime, fromNow } from '../../../lib/durations.ts';
import { useNow } from '../../../lib/use-now.ts';
import { useStatusOverview } from '../api/get-status-overview.ts';
import { LagSection } from './lag-section.tsx';
import { OrphanList } from './orphan-list.tsx';
import { PersesCard } from './perses-card.tsx';
import { StatusCounts } from './status-counts.tsx';
import './status.css';

/** Route /overview (lazy chunk): is everything in Perses, how long it takes, what is left over. */
export default function OverviewPage() {
  const { data, error, isPending, refetch } = useStatusOverview();
  const now = useNow(5000);
  return (
    <section className="page page-overview" aria-label="Provisioning overview">
      <div className="page-head">
        <h1>Overview</h1>
      </div>
      {isPending ? (
        <LoadingState label="Loading the provisioning status" />
      ) : !data ? (
        <ErrorState
          title="The provisioning status could not be loaded"
          error={error}
          onRetry={() => void refetch()}
        />
      ) : (
        <OverviewBody overview={data} now={now} />
      )}
    </section>
  );
}

function OverviewBody({ overview, now }: { overview: StatusOverview; now: number }) {
  const { perses, expectation, sidecar } = overview;
  return (
    <div className="overview">
      {perses.state === 'unreachable' && (
        <div className="banner banner-error" role="alert">
          <strong>Perses is unreachable.</strong> Every status is Unknown until it answers again;
          editing works as usual. {perses.message}
        </div>
      )}
      {sidecar.stalled && (
        <div className="banner banner-warn" role="alert">
          <strong>The sidecar may be stalled.</strong> {sidecar.message}
        </div>
      )}
      <p className="expectation" data-testid="expectation">
        {expectation.message}
      </p>
      <StatusCounts overview={overview} />
      <div className="overview-cards">
        <PersesCard perses={perses} now={now} />
        <PipelineHealth overview={overview} now={now} />
      </div>
      <LagSection overview={overview} />
      <OrphanList now={now} />
    </div>
  );
}

const POLL_LABELS: Record<StatusOverview['polling']['mode'], string> = {
  fast: 'fast: something is pending',
  slow: 'slow: everything settled',
  backoff: 'backing off: Perses does not answer',
  off: 'off',
};

/** Where the console's evidence comes from: cycles, logs, polling, the lag history. */
function PipelineHealth({ overview, now }: { overview: StatusOverview; now: number }) {
  const { perses, logs, polling, history } = overview;
  return (
    <section className="panel" aria-label="Evidence">
      <h3>Evidence</h3>
      <div className="panel-body">
        <dl className="kv kv-text">
          <dt>Last cycle</dt>
          <dd>{perses.lastCycleAt ? fromNow(perses.lastCycleAt, now) : 'not seen yet'}</dd>
          <dt>Next cycle</dt>
          <dd>{perses.nextCycleAt ? fromNow(perses.nextCycleAt, now) : 'not known'}</dd>
          <dt>Perses log</dt>
          <dd>
            {logs.perses.available ? logs.perses.description : (logs.perses.message ?? 'not read')}
          </dd>
          <dt>Sidecar log</dt>
          <dd>
            {logs.sidecar.available
              ? logs.sidecar.description
              : (logs.sidecar.message ?? 'not read: file times are not known')}
          </dd>
          <dt>Polling</dt>
          <dd>
            {POLL_LABELS[polling.mode]} (every {formatDuration(polling.fastMs)} while pending,{' '}
            {formatDuration(polling.slowMs)} otherwise)
          </dd>
          <dt>Lag history</dt>
          <dd>
            {history.error
              ? `not saved: ${history.error}`
              : history.where
                ? `${history.where}${history.savedAt ? `, saved ${formatTime(history.savedAt, now)}` : ''}`
                : 'kept in memory only'}
          </dd>
        </dl>
      </div>
    </section>
  );
}
