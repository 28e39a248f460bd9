import { useState } from 'react';
import type { LagStats, ResourcePipeline } from '@perses-cm/api';
import type { ResourceStatusProps } from '../../../components/resource-status-slot.tsx';
import { directLine, StatusBadge } from '../../../components/status-badge.tsx';
import { ErrorState } from '../../../components/states.tsx';
import { formatDuration, formatTime, fromNow } from '../../../lib/durations.ts';
import { useNow } from '../../../lib/use-now.ts';
import { usePipeline } from '../api/get-pipeline.ts';
import { PipelineSteps } from './pipeline-steps.tsx';
import { SOURCE_LABELS, StatusReason } from './status-reason.tsx';
import { TakeServedDialog } from './take-served-dialog.tsx';
import './status.css';

/**
 * The resource page's provisioning panel (lazy, filled into the page's status slot by the app):
 * its state and why, the three steps to Perses with their times, and the way back from a drift.
 */
export default function PipelinePanel(props: ResourceStatusProps) {
  const { resource } = props;
  const { data, error, refetch } = usePipeline(resource.id);
  const waiting = data?.status.state === 'pending' || data?.status.state === 'stale';
  // Countdowns tick each second; otherwise "3m ago" moves every few seconds.
  const now = useNow(waiting ? 1000 : 5000);
  // One region throughout, so what reads it keeps hold of it while it loads.
  return (
    <section className="panel pipeline" aria-label="Provisioning" aria-busy={!data}>
      {data ? (
        <PipelineView pipeline={data} now={now} {...props} />
      ) : error ? (
        <ErrorState
          title="The provisioning status could not be read"
          error={error}
          onRetry={() => void refetch()}
        />
      ) : (
        <div className="pipeline-head muted">Reading the provisioning status…</div>
      )}
    </section>
  );
}

function PipelineView(props: ResourceStatusProps & { pipeline: ResourcePipeline; now: number }) {
  const { pipeline, now, resource, editor, readOnlyReason, dirty } = props;
  const { status } = pipeline;
  const [taking, setTaking] = useState(false);
  const [taken, setTaken] = useState(false);
  return (
    <>
      <div className="pipeline-head">
        <h3>Provisioning</h3>
        <StatusBadge status={status} />
        <span className="pipeline-when">{stateLine(pipeline, now)}</span>
        <span className="spacer" />
        {status.state === 'drifted' && (
          <button
            type="button"
            className="btn"
            disabled={Boolean(readOnlyReason)}
            title={readOnlyReason ?? 'Review what Perses serves, then load it into the editor'}
            aria-label={
              readOnlyReason
                ? `Take Perses's version (disabled: ${readOnlyReason})`
                : "Take Perses's version"
            }
            onClick={() => setTaking(true)}
          >
            Take Perses's version…
          </button>
        )}
        {/* Only what Perses serves has a page there. */}
        {pipeline.persesUrl && pipeline.served && (
          <a className="btn" href={pipeline.persesUrl} target="_blank" rel="noreferrer">
            Open in Perses <span aria-hidden="true">↗</span>
          </a>
        )}
      </div>
      <div className="pipeline-body">
        <PipelineSteps
          steps={pipeline.steps}
          fileOrigin={resource.origin.type === 'file'}
          now={now}
        />
        {taken && dirty && (
          <div className="banner banner-info" role="status">
            Perses's version is in the editor: review and save it to write it into the ConfigMap
            (Ctrl+Z in the editor brings the old text back).
          </div>
        )}
        <StatusReason status={status} now={now} />
        <PipelineDetails pipeline={pipeline} now={now} />
      </div>
      {taking && (
        <TakeServedDialog
          resource={resource}
          editor={editor}
          dirty={dirty}
          onClose={() => setTaking(false)}
          onLoaded={() => {
            setTaking(false);
            setTaken(true);
          }}
        />
      )}
    </>
  );
}

/** The state in one line: when it is expected, since when it is served, how long it took. */
function stateLine({ status }: ResourcePipeline, now: number): string {
  const since = `since ${formatTime(status.since, now)}`;
  switch (status.state) {
    case 'pending':
      return status.expectedAt ? `expected ${fromNow(status.expectedAt, now)}` : since;
    case 'stale':
      return status.expectedAt ? `was expected ${fromNow(status.expectedAt, now)}` : since;
    case 'synced': {
      const reached = status.lagMs !== null;
      const lag = reached
        ? `reached Perses ${formatDuration(status.lagMs ?? 0)} after the change`
        : since;
      return directLine(status, now) ?? lag;
    }
    case 'drifted':
      return 'Perses serves other content; its next cycle writes this one back';
    default:
      return since;
  }
}

function lagLine(s: LagStats): string {
  if (s.count === 0) return 'no change of it measured yet';
  const part = (label: string, v: number | null) =>
    v === null ? '' : `${label} ${formatDuration(v)}`;
  return [
    `${s.count} change${s.count === 1 ? '' : 's'}`,
    part('last', s.lastMs),
    part('p50', s.p50Ms),
    part('p95', s.p95Ms),
    part('max', s.maxMs),
  ]
    .filter(Boolean)
    .join(' · ');
}

/** What the panel keeps folded: Perses's metadata and verdict, the lag, the log lines. */
function PipelineDetails({ pipeline, now }: { pipeline: ResourcePipeline; now: number }) {
  const { identity, served, validation, logLines, sidecarPath, lag } = pipeline;
  return (
    <details className="pipeline-details">
      <summary>
        Details
        {logLines.length > 0 && ` · ${logLines.length} log line${logLines.length === 1 ? '' : 's'}`}
      </summary>
      <dl className="kv">
        {identity && (
          <>
            <dt>In Perses</dt>
            <dd>
              {identity.kind} {identity.project ? `${identity.project}/` : ''}
              {identity.name}
            </dd>
          </>
        )}
        {sidecarPath && (
          <>
            <dt>Sidecar file</dt>
            <dd>{sidecarPath}</dd>
          </>
        )}
        {served && (
          <>
            <dt>Served copy</dt>
            <dd>
              {served.version !== null && `version ${served.version}, `}
              {served.updatedAt ? `updated ${formatTime(served.updatedAt, now)}` : 'not updated'}
            </dd>
          </>
        )}
        {validation && (
          <>
            <dt>Perses's validation</dt>
            <dd>
              {validation.valid ? 'accepted' : `refused: ${validation.message ?? ''}`} (
              {formatTime(validation.at, now)})
            </dd>
          </>
        )}
        <dt>Sync lag</dt>
        <dd>{lagLine(lag.recent)}</dd>
      </dl>
      {logLines.length > 0 && (
        <ul className="log-lines" aria-label="Log lines">
          {logLines.map((l, i) => (
            <li key={i}>
              <span className="muted">{l.at ? formatTime(l.at, now) : '—'}</span>{' '}
              <span className={`log-level log-${l.level.toLowerCase()}`}>{l.level}</span>{' '}
              <code>{l.message}</code>{' '}
              <span className="muted">
                ({SOURCE_LABELS[l.source]}
                {l.inferred ? ', matched by the console' : ''})
              </span>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
