// The status monitor of a running console: built once from the configuration and the target's
// backend (where its history lives, where to look for Perses and its logs), then pointed at each
// generation (index, Perses client, scope) the runtime swaps in.
import type { ServerConfig } from '../../config.ts';
import type { PersesClient } from '../../perses/perses-client.ts';
import type { Backend, ResourceStore } from '../../stores/store.ts';
import type { LogEvent } from '../event-log.ts';
import type { Metrics } from '../metrics.ts';
import type { ResourceIndex } from '../resource-index.ts';
import { ConfigMapHistoryStore, FileHistoryStore, type HistoryStore } from './history-store.ts';
import { registerStatusMetrics } from './status-metrics.ts';
import { StatusMonitor, type PollOptions } from './status-monitor.ts';
import type { ScopeInfo } from './status-views.ts';

export interface StatusRuntimeOptions extends PollOptions {
  /** Where the lag history is kept; null: nowhere; absent: the target's default. */
  history?: HistoryStore | null;
  discoveryRetryMs?: number;
}

function scopeOf(store: ResourceStore): ScopeInfo {
  const t = store.target;
  if (t.type === 'directory') return { target: 'directory', label: '', namespaces: null };
  const label = `${t.label.key}${t.label.value === undefined ? '' : `=${t.label.value}`}`;
  return { target: 'kubernetes', label, namespaces: t.namespaces };
}

/** The console's own ConfigMap in its first namespace, or `files/`'s sibling on a directory. */
function defaultHistory(config: ServerConfig, backend: Backend): HistoryStore | null {
  if (config.target.type === 'directory') return FileHistoryStore.forChart(config.target.dir);
  const kube = backend.kube;
  if (!kube) return null;
  const ns = config.target.namespaces;
  return new ConfigMapHistoryStore(
    kube,
    Array.isArray(ns) && ns[0] ? ns[0] : kube.defaultNamespace,
  );
}

export function createStatusMonitor(deps: {
  config: ServerConfig;
  backend: Backend;
  store: ResourceStore;
  metrics: Metrics;
  publish: (e: LogEvent) => void;
  options?: StatusRuntimeOptions;
}): StatusMonitor {
  const { config, backend, options = {} } = deps;
  const status = config.status;
  const scope = scopeOf(deps.store);
  let monitor: StatusMonitor | null = null;
  const metrics = registerStatusMetrics(deps.metrics.registry, () => {
    if (!monitor) throw new Error('no status monitor yet');
    return monitor;
  });
  monitor = new StatusMonitor({
    ...options,
    history: options.history === undefined ? defaultHistory(config, backend) : options.history,
    scope,
    publish: deps.publish,
    onLag: (s) => metrics.lag.observe(s.lagMs / 1000),
    persesAuth: config.persesAuth,
    persesUiUrl: status?.persesUiUrl ?? null,
    persesNamespaces: status?.persesNamespaces ?? null,
    watched: scope.namespaces,
    kube: backend.kube ?? null,
    logFiles: { perses: status?.persesLogFile ?? null, sidecar: status?.sidecarLogFile ?? null },
  });
  return monitor;
}

/** Points the monitor at a generation: its index, its Perses client, its scope. */
export function followGeneration(
  monitor: StatusMonitor,
  g: { store: ResourceStore; index: ResourceIndex; perses: PersesClient | null },
): void {
  monitor.scope = scopeOf(g.store);
  monitor.follow({ index: g.index, perses: g.perses });
}
