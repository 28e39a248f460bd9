// One resource's way to Perses, for its page: ConfigMap changed at → file written at (when the
// sidecar's log is read) → Perses serving since, with the evidence for each step.
import type { LogLine, PipelineStep, ResourcePipeline, ResourceStatus } from '@perses-cm/api';
import type { ServedMeta } from './cycle.ts';
import type { LogWatch } from './log-watch.ts';
import { persesUiLink } from './orphans.ts';
import type { Tracked } from './tracker.ts';

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

export interface PipelineInput {
  t: Tracked;
  status: ResourceStatus;
  sidecarPath: string | null;
  served: ServedMeta | null;
  logs: LogWatch;
  uiUrl: string | null;
  caseSensitive: boolean;
  lag: ResourcePipeline['lag'];
}

function configMapStep(t: Tracked): PipelineStep {
  const how = t.seeded
    ? 'as the API server recorded it (managedFields) before the console watched'
    : 'seen by the console (its own write or the watch)';
  return {
    step: 'configmap',
    state: 'done',
    at: iso(t.changedAt),
    detail:
      t.changedAt === null
        ? `${t.r.placement.at}: unchanged since the console started`
        : `${t.r.placement.at} changed, ${how}`,
    source: 'console',
  };
}

function fileStep(p: PipelineInput): PipelineStep {
  const { t, sidecarPath, logs, status } = p;
  if (sidecarPath === null)
    return {
      step: 'file',
      state: 'unknown',
      at: null,
      detail: 'a chart file reaches the sidecar once the chart is deployed',
      source: 'console',
    };
  if (!logs.sidecarReadable)
    return {
      step: 'file',
      state: 'unknown',
      at: null,
      detail: `the sidecar writes ${sidecarPath}; its log is not read, so when is not known`,
      source: 'console',
    };
  const written = logs.written(sidecarPath);
  if (written !== null && (t.changedAt === null || written >= t.changedAt - 2000))
    return {
      step: 'file',
      state: 'done',
      at: iso(written),
      detail: `the sidecar wrote ${sidecarPath}`,
      source: 'sidecar-log',
    };
  return {
    step: 'file',
    state: status.state === 'stale' ? 'failed' : status.state === 'synced' ? 'done' : 'waiting',
    at: null,
    detail: `the sidecar's log shows no write of ${sidecarPath} since the change`,
    source: 'sidecar-log',
  };
}

function persesStep(p: PipelineInput): PipelineStep {
  const s = p.status;
  const detail = s.reason?.message ?? 'Perses serves this content';
  const source = s.reason?.source ?? 'perses-api';
  switch (s.state) {
    case 'synced':
      return { step: 'perses', state: 'done', at: s.servedSince, detail, source };
    case 'pending':
      return { step: 'perses', state: 'waiting', at: s.expectedAt, detail, source };
    case 'unknown':
      return { step: 'perses', state: 'unknown', at: null, detail, source };
    default:
      return { step: 'perses', state: 'failed', at: s.reason?.at ?? null, detail, source };
  }
}

export function pipelineOf(p: PipelineInput): ResourcePipeline {
  const { t } = p;
  const id = t.r.placement.id;
  const cased = (s: string) => (p.caseSensitive ? s : s.toLowerCase());
  const identity = id
    ? {
        kind: id.kind,
        project: id.project === undefined ? null : cased(id.project),
        name: cased(id.name),
      }
    : null;
  const ev = t.evidence;
  const logLines: LogLine[] = [
    ...(ev
      ? [
          {
            at: iso(ev.at),
            level: 'error',
            message: ev.line,
            source: 'perses-log' as const,
            inferred: ev.inferred,
          },
        ]
      : []),
    ...(p.sidecarPath ? p.logs.sidecarLines(p.sidecarPath) : []),
  ];
  const v = t.verdict;
  return {
    id: t.r.summary.id,
    status: p.status,
    identity,
    steps: [configMapStep(t), fileStep(p), persesStep(p)],
    sidecarPath: p.sidecarPath,
    persesUrl: identity ? persesUiLink(p.uiUrl, identity) : null,
    served: p.served
      ? {
          createdAt: iso(p.served.createdAt),
          updatedAt: iso(p.served.updatedAt),
          version: p.served.version,
        }
      : null,
    validation: v ? { valid: v.valid, message: v.message, at: new Date(v.at).toISOString() } : null,
    logLines,
    lag: p.lag,
  };
}
