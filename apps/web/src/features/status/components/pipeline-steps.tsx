import type { PipelineStep } from '@perses-cm/api';
import { formatTime, fromNow } from '../../../lib/durations.ts';

const TITLES: Record<PipelineStep['step'], string> = {
  configmap: 'ConfigMap changed',
  file: 'File written',
  perses: 'Perses serving',
};

function title(s: PipelineStep, fileOrigin: boolean): string {
  if (s.step === 'configmap' && fileOrigin) return 'File changed';
  if (s.step === 'perses' && s.state === 'done') return 'Perses serving since';
  if (s.step === 'perses' && s.state === 'failed') return 'Perses refused';
  return TITLES[s.step];
}

const MARKS: Record<PipelineStep['state'], string> = {
  done: '✓',
  waiting: '◷',
  failed: '✕',
  unknown: '?',
};

/** ConfigMap changed → file written → Perses serving, each with its time and what it rests on. */
export function PipelineSteps({
  steps,
  fileOrigin,
  now,
}: {
  steps: PipelineStep[];
  /** A chart directory: the first step is the file itself. */
  fileOrigin: boolean;
  now: number;
}) {
  return (
    <ol className="pipeline-steps" aria-label="Pipeline">
      {steps.map((s) => (
        <li key={s.step} className={`pipeline-step step-${s.state}`} data-step={s.step}>
          <span className="step-mark" aria-hidden="true">
            {MARKS[s.state]}
          </span>
          <span className="step-body">
            <span className="step-title">
              {title(s, fileOrigin)}
              <span className="visually-hidden"> ({s.state})</span>
            </span>
            <span className="step-time">
              {s.at ? (
                <time dateTime={s.at} title={s.at}>
                  {formatTime(s.at, now)} · {fromNow(s.at, now)}
                </time>
              ) : (
                <span className="muted">{s.state === 'waiting' ? 'not yet' : 'not known'}</span>
              )}
            </span>
            <span className="step-detail muted">{s.detail}</span>
          </span>
        </li>
      ))}
    </ol>
  );
}
