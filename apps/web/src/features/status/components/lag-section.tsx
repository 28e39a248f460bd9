import { lazy, Suspense } from 'react';
import type { LagStats, StatusOverview } from '@perses-cm/api';
import { ErrorBoundary } from '../../../components/error-boundary.tsx';
import { ErrorState, Spinner } from '../../../components/states.tsx';
import { formatDuration } from '../../../lib/durations.ts';
import { useLagHistory } from '../api/get-lag-history.ts';

// uPlot comes with the first chart drawn: it is not part of the initial bundle.
const LagChart = lazy(() => import('./lag-chart.tsx'));

const ms = (v: number | null) => (v === null ? '—' : formatDuration(v));

function StatsRow({ label, stats }: { label: string; stats: LagStats }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{stats.count}</td>
      <td>{ms(stats.lastMs)}</td>
      <td>{ms(stats.p50Ms)}</td>
      <td>{ms(stats.p95Ms)}</td>
      <td>{ms(stats.maxMs)}</td>
    </tr>
  );
}

/** Measured sync lag: the numbers over 24 hours and the last 100 changes, and the chart. */
export function LagSection({ overview }: { overview: StatusOverview }) {
  const history = useLagHistory();
  const samples = history.data?.samples ?? [];
  return (
    <section className="panel lag-section" aria-label="Sync lag">
      <h3>Sync lag: from a ConfigMap change to Perses serving it</h3>
      <div className="panel-body">
        <div className="table-scroll">
          <table className="stats-table">
            <thead>
              <tr>
                <th scope="col" />
                <th scope="col">changes</th>
                <th scope="col">last</th>
                <th scope="col">p50</th>
                <th scope="col">p95</th>
                <th scope="col">max</th>
              </tr>
            </thead>
            <tbody>
              <StatsRow label="Last 24 h" stats={overview.lag.day} />
              <StatsRow label="Last 100" stats={overview.lag.recent} />
            </tbody>
          </table>
        </div>
        {history.error && !history.data ? (
          <ErrorState
            title="The lag history could not be read"
            error={history.error}
            onRetry={() => void history.refetch()}
          />
        ) : history.isPending ? (
          <Spinner label="Loading the lag history" />
        ) : samples.length === 0 ? (
          <p className="muted">No change has reached Perses since the history began.</p>
        ) : (
          <ErrorBoundary section="Lag chart">
            <Suspense fallback={<Spinner label="Loading the chart" />}>
              <LagChart samples={samples} worstCaseMs={overview.expectation.worstCaseMs} />
            </Suspense>
          </ErrorBoundary>
        )}
      </div>
    </section>
  );
}
