// Prometheus metrics of the server, in a registry of its own (tests create several apps).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ResourceIndex } from './resource-index.ts';
import type { ResourceStore } from '../stores/store.ts';

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  sseClients: Gauge;
  storeEvents: Counter<'type'>;
}

/** What the gauges read: the runtime's current index and store (it swaps them on new settings). */
export type MetricsView = () => { index: ResourceIndex; store: ResourceStore };

export function createMetrics(view: MetricsView, defaults = false): Metrics {
  const registry = new Registry();
  if (defaults) collectDefaultMetrics({ register: registry });
  const httpDuration = new Histogram({
    name: 'perses_cm_http_request_duration_seconds',
    help: 'HTTP request duration by route',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const sseClients = new Gauge({
    name: 'perses_cm_sse_clients',
    help: 'Open Server-Sent Events connections',
    registers: [registry],
  });
  const storeEvents = new Counter({
    name: 'perses_cm_store_events_total',
    help: 'Changes seen by the store, by type',
    labelNames: ['type'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'perses_cm_resources',
    help: 'Resources in the cache',
    registers: [registry],
    collect() {
      this.set(view().index.size);
    },
  });
  new Gauge({
    name: 'perses_cm_store_stale',
    help: '1 while the store cannot refresh its cache',
    registers: [registry],
    collect() {
      this.set(view().store.status().stale === null ? 0 : 1);
    },
  });
  new Gauge({
    name: 'perses_cm_store_synced',
    help: '1 once the store finished its first full list',
    registers: [registry],
    collect() {
      this.set(view().store.status().synced ? 1 : 0);
    },
  });
  return { registry, httpDuration, sseClients, storeEvents };
}
