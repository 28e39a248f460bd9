// Answers of the status API as the server sends them, for component tests.
import type {
  Orphan,
  PersesConnection,
  ResourceDetail,
  ResourcePipeline,
  ResourceStatus,
  StatusOverview,
} from '@perses-cm/api';
import { summary } from './fixtures.ts';

export const T0 = '2026-01-05T10:00:00.000Z';
export const at = (secondsAfterT0: number) =>
  new Date(Date.parse(T0) + secondsAfterT0 * 1000).toISOString();

export function resourceStatus(over: Partial<ResourceStatus> = {}): ResourceStatus {
  return {
    state: 'synced',
    since: T0,
    reason: null,
    hints: [],
    expectedAt: null,
    changedAt: at(-5),
    servedSince: T0,
    checkedAt: T0,
    lagMs: 4200,
    ...over,
  };
}

export function connection(over: Partial<PersesConnection> = {}): PersesConnection {
  return {
    state: 'connected',
    found: {
      how: 'cluster-service',
      description:
        'Service perses/perses (port 8080) in front of pods labeled app.kubernetes.io/name=perses, through the API server',
      uiUrl: null,
    },
    since: T0,
    message: null,
    version: '0.54.0',
    lastContactAt: T0,
    nextAttemptAt: null,
    readonly: false,
    authEnabled: false,
    servesRoles: false,
    provisioning: { folders: ['/etc/perses/provisioning'], interval: '10m', intervalMs: 600_000 },
    lastCycleAt: at(-60),
    nextCycleAt: at(540),
    ...over,
  };
}

const NO_LAG = { count: 0, lastMs: null, p50Ms: null, p95Ms: null, maxMs: null };

export function overview(over: Partial<StatusOverview> = {}): StatusOverview {
  return {
    perses: connection(),
    counts: { synced: 5, pending: 1, stale: 0, rejected: 2, shadowed: 0, drifted: 0, unknown: 0 },
    total: 8,
    orphans: 1,
    expectation: {
      worstCaseMs: 600_000,
      message: 'interval 10m: a change reaches Perses within about 10 minutes',
    },
    lag: {
      day: { count: 3, lastMs: 4200, p50Ms: 3100, p95Ms: 9000, maxMs: 9000 },
      recent: { count: 3, lastMs: 4200, p50Ms: 3100, p95Ms: 9000, maxMs: 9000 },
    },
    sidecar: { stalled: false, message: null },
    logs: {
      perses: {
        available: true,
        description: 'container perses of pod perses-0',
        message: null,
        lastReadAt: T0,
      },
      sidecar: {
        available: false,
        description: 'container sidecar',
        message: 'pods/log is forbidden',
        lastReadAt: null,
      },
    },
    polling: { mode: 'slow', fastMs: 1000, slowMs: 15_000 },
    history: { where: 'ConfigMap perses/perses-cm-sync-history', savedAt: T0, error: null },
    generatedAt: T0,
    ...over,
  };
}

export function pipeline(over: Partial<ResourcePipeline> = {}): ResourcePipeline {
  return {
    id: 'id-node-exporter',
    status: resourceStatus(),
    identity: { kind: 'Dashboard', project: 'perses', name: 'node-exporter' },
    steps: [
      { step: 'configmap', state: 'done', at: at(-5), detail: 'version 41', source: 'console' },
      {
        step: 'file',
        state: 'done',
        at: at(-4),
        detail: 'dashboard.perses.node-exporter.json',
        source: 'sidecar-log',
      },
      {
        step: 'perses',
        state: 'done',
        at: T0,
        detail: 'serves this content',
        source: 'perses-api',
      },
    ],
    sidecarPath: '/etc/perses/provisioning/dashboard.perses.node-exporter.json',
    persesUrl: null,
    served: { createdAt: at(-3600), updatedAt: T0, version: 12 },
    validation: null,
    logLines: [],
    lag: { day: NO_LAG, recent: NO_LAG },
    ...over,
  };
}

export function orphan(over: Partial<Orphan> = {}): Orphan {
  return {
    id: 'orphan-1',
    kind: 'Dashboard',
    project: 'perses',
    name: 'left-behind',
    createdAt: at(-7200),
    updatedAt: at(-60),
    contains: null,
    persesUrl: null,
    lastSeen: null,
    ...over,
  };
}

/** A stored dashboard in a ConfigMap, as GET /api/v1/resources/{id} returns it. */
export function configMapDetail(text: string): ResourceDetail {
  return {
    ...summary(),
    text,
    document: JSON.parse(text) as unknown,
    origin: {
      type: 'configmap',
      namespace: 'monitoring',
      name: 'dashboard-perses-node-exporter',
      key: 'dashboard.perses.node-exporter.json',
      labels: { 'perses.dev/resource': 'true' },
      annotations: {},
    },
    findingList: [],
  };
}
