// The Express application: built from its dependencies, testable without listening.
import path from 'node:path';
import express, { type Express, type RequestHandler } from 'express';
import { API } from '@perses-cm/api';
import {
  requireIdentity,
  stripCallerCredentials,
  type Access,
  type TrustFn,
} from './middleware/authenticate.ts';
import { csrfGuard } from './middleware/csrf.ts';
import { errorHandler, notFoundHandler } from './middleware/error-handler.ts';
import { jsonBody } from './middleware/json-body.ts';
import { requestGuard } from './middleware/request-guard.ts';
import { requestId } from './middleware/request-id.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { targetHeader } from './middleware/target-header.ts';
import { applyNowRouter } from './routes/apply-now.ts';
import { auditRouter } from './routes/audit.ts';
import { eventsRouter, type EventsOptions } from './routes/events.ts';
import { exportRouter } from './routes/export.ts';
import { healthRouter } from './routes/health.ts';
import { importRouter, UPLOAD_TYPES } from './routes/import.ts';
import { openApiRouter } from './routes/openapi.ts';
import { resourcesRouter } from './routes/resources.ts';
import { sessionRouter } from './routes/session.ts';
import { settingsRouter } from './routes/settings.ts';
import { statusRouter } from './routes/status.ts';
import { validateRouter } from './routes/validate.ts';
import { whoamiRouter } from './routes/whoami.ts';
import type { AuditLog } from './services/audit-log.ts';
import type { AuditedWrites } from './services/audited-writes.ts';
import type { CapabilitiesService } from './services/capabilities.ts';
import type { EventLog } from './services/event-log.ts';
import { ExportService, exportLabel } from './services/export/export-service.ts';
import type { ImportService } from './services/import/import-service.ts';
import type { Authorizer } from './domain/identity.ts';
import type { Metrics } from './services/metrics.ts';
import type { ResourceIndex } from './services/resource-index.ts';
import type { ResourceService } from './services/resource-service.ts';
import type { ValidationService } from './services/validation-service.ts';
import type { ResourceStore } from './stores/store.ts';
import type { StatusMonitor } from './services/status/status-monitor.ts';
import type { ApplyNow } from './services/apply/apply-now.ts';
import type { Relabel } from './services/settings/relabel.ts';
import type { SettingsService } from './services/settings/settings-service.ts';

export interface AppDeps {
  store: ResourceStore;
  index: ResourceIndex;
  /** Numbered recent events of the index, for SSE ids and replay. */
  eventLog: EventLog;
  resources: ResourceService;
  validation: ValidationService;
  capabilities: CapabilitiesService;
  authorizer: Authorizer;
  /** Writes, each recorded in the audit log. */
  writes: AuditedWrites;
  audit: AuditLog;
  /** The auth mode and who is calling; sessions in token mode. */
  access: Access;
  /** Rate limits, kept for the server's life (a new generation must not reset them). */
  limits: { signIn: RequestHandler; writes: RequestHandler };
  /** Proxies whose X-Forwarded-* headers are believed; null: none. */
  trustProxy: TrustFn | null;
  /** Host names answered beyond loopback (empty: no check there). */
  allowedHosts: string[];
  metrics: Metrics;
  /** Built SPA to serve, or null. */
  webDist: string | null;
  /** Address the server binds; loopback turns on the Host header check. */
  bindHost: string;
  events?: EventsOptions;
  /** Provisioning status (absent: no status routes, lists without statuses). */
  status?: StatusMonitor | null;
  /** Direct writes to Perses after the ConfigMap (absent: no apply-now route). */
  applyNow?: ApplyNow | null;
  /** Previews and applies of imports. */
  importer: ImportService;
  /** The console's settings and the setup check (absent: no settings route). */
  settings?: SettingsService | null;
  /** Relabel of ConfigMaps (a cluster only). */
  relabel?: Relabel | null;
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // Hashing multi-megabyte lists on every request costs more than it saves; SSE keeps clients fresh.
  app.set('etag', false);
  app.set('trust proxy', deps.trustProxy ?? false);
  const identify = deps.access.identify;
  app.use(timing(deps.metrics));
  app.use(requestId());
  app.use(securityHeaders());
  app.use(requestGuard(deps.bindHost, deps.allowedHosts));
  app.use(stripCallerCredentials());
  app.use(targetHeader(deps.store.target));
  app.use(healthRouter(deps.store, deps.metrics));

  const api = express.Router();
  api.use((_req, res, next) => {
    // Answers depend on who asks: no shared cache may keep them.
    res.setHeader('cache-control', 'no-store');
    next();
  });
  api.use(csrfGuard({ paths: [API.importUpload.slice('/api'.length)], types: UPLOAD_TYPES }));
  api.use(jsonBody());
  api.use('/v1/session', sessionRouter(deps.access, deps.limits.signIn));
  api.use('/openapi.json', openApiRouter());
  api.use(
    [
      '/v1/resources',
      '/v1/validate',
      '/v1/events',
      '/v1/whoami',
      '/v1/audit',
      '/v1/export',
      '/v1/status',
      '/v1/apply-now',
      '/v1/import',
      '/v1/settings',
    ],
    requireIdentity(identify),
  );
  api.use(
    '/v1/resources',
    resourcesRouter(
      deps.resources,
      deps.writes,
      identify,
      deps.limits.writes,
      deps.status ?? null,
      () => deps.eventLog.latestId(),
    ),
  );
  if (deps.status) api.use('/v1/status', statusRouter(deps.status, deps.authorizer, identify));
  api.use('/v1/validate', validateRouter(deps.validation));
  if (deps.applyNow) api.use('/v1/apply-now', applyNowRouter(deps.applyNow));
  if (deps.settings)
    api.use(
      '/v1/settings',
      settingsRouter(deps.settings, deps.relabel ?? null, identify, deps.limits.writes),
    );
  api.use(
    '/v1/events',
    eventsRouter(deps.eventLog, deps.store, deps.authorizer, identify, {
      ...deps.events,
      onConnections: (d) => deps.metrics.sseClients.inc(d),
    }),
  );
  api.use('/v1/whoami', whoamiRouter(deps.capabilities, identify));
  api.use('/v1/audit', auditRouter(deps.audit, deps.authorizer, identify));
  const exporter = new ExportService(
    deps.resources,
    exportLabel(deps.store.target),
    deps.status ?? null,
  );
  api.use('/v1/export', exportRouter(exporter, identify));
  api.use('/v1/import', importRouter(deps.importer, identify));
  api.use(notFoundHandler);
  app.use('/api', api);

  if (deps.webDist) {
    const dist = deps.webDist;
    app.use(express.static(dist, { index: false, maxAge: '1h' }));
    // SPA fallback: any other GET renders the app, which routes on the client.
    app.get(/^(?!\/api\/).*/, (_req, res) => {
      res.setHeader('cache-control', 'no-cache');
      res.sendFile(path.join(dist, 'index.html'));
    });
  } else {
    app.get('/', (_req, res) => {
      res
        .type('text/plain')
        .send(
          `perses-cm API server. The web app is not built (pnpm --filter @perses-cm/web build).\nAPI: ${API.openapi}\n`,
        );
    });
  }
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}

function timing(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const end = metrics.httpDuration.startTimer();
    res.once('finish', () => {
      const route = req.route ? `${req.baseUrl}${String(req.route.path)}` : req.baseUrl || 'other';
      end({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}
