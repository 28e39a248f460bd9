// The status on /metrics: the sync lag histogram, resources per status, whether Perses answers,
// and when the last provisioning cycle was seen.
import { Gauge, Histogram, type Registry } from 'prom-client';
import { SYNC_STATES } from '@perses-cm/api';
import type { StatusMonitor } from './status-monitor.ts';

export interface StatusMetrics {
  lag: Histogram;
}

export function registerStatusMetrics(
  registry: Registry,
  monitor: () => StatusMonitor,
): StatusMetrics {
  const lag = new Histogram({
    name: 'perses_cm_sync_lag_seconds',
    help: 'Time from a ConfigMap change to the first poll that saw Perses serving it',
    buckets: [0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 900, 1800, 3600],
    registers: [registry],
  });
  new Gauge({
    name: 'perses_cm_resources_by_status',
    help: 'Resources per provisioning status',
    labelNames: ['status'] as const,
    registers: [registry],
    collect() {
      const counts = monitor().counts();
      for (const s of SYNC_STATES) this.set({ status: s }, counts[s]);
      this.set({ status: 'orphan' }, monitor().orphanCount());
    },
  });
  new Gauge({
    name: 'perses_cm_perses_up',
    help: '1 while Perses answers the console, 0 while it does not or none is configured',
    registers: [registry],
    collect() {
      this.set(monitor().connection().state === 'connected' ? 1 : 0);
    },
  });
  new Gauge({
    name: 'perses_cm_provisioning_last_cycle_timestamp_seconds',
    help: 'Start of the last Perses provisioning cycle observed (from updatedAt), Unix seconds',
    registers: [registry],
    collect() {
      const at = monitor().connection().lastCycleAt;
      if (at === null) this.reset();
      else this.set(Date.parse(at) / 1000);
    },
  });
  return { lag };
}
