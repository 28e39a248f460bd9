// Liveness, readiness (the cache has synced) and Prometheus metrics.
import { Router } from 'express';
import { API, HealthResponse } from '@perses-cm/api';
import type { Metrics } from '../services/metrics.ts';
import type { ResourceStore } from '../stores/store.ts';
import { backgroundWork } from '../runtime/background-work.ts';
import { send } from './respond.ts';

export function healthRouter(store: ResourceStore, metrics: Metrics): Router {
  const r = Router();
  r.get(API.healthz, (_req, res) => send(res, HealthResponse, { status: 'ok' }));
  r.get(API.readyz, (_req, res) => {
    const s = store.status();
    if (!s.synced)
      return send(res, HealthResponse, { status: 'starting', detail: 'cache not synced yet' }, 503);
    const pending = backgroundWork.pending();
    const settling = Object.keys(pending).length > 0 ? { settling: pending } : {};
    if (s.stale !== null)
      return send(res, HealthResponse, { status: 'stale', detail: s.stale, ...settling });
    send(res, HealthResponse, { status: 'ok', ...settling });
  });
  r.get(API.metrics, async (_req, res) => {
    res.setHeader('content-type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });
  return r;
}
