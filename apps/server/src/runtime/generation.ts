// One generation of the running console: a store over one scope (label, namespaces), its index,
// and the services and Express app built on them with one Perses connection. The runtime builds
// a new generation when settings change and swaps it in whole, so no request mixes two.
import type { Express, RequestHandler } from 'express';
import { createApp } from '../app.ts';
import type { ServerConfig } from '../config.ts';
import type { PersesAuth } from '../perses/perses-session.ts';
import { PersesClient } from '../perses/perses-client.ts';
import { directTransport } from '../perses/transport.ts';
import type { Access, TrustFn } from '../middleware/authenticate.ts';
import type { EventsOptions } from '../routes/events.ts';
import type { AuditLog } from '../services/audit-log.ts';
import { AuditedWrites } from '../services/audited-writes.ts';
import { CapabilitiesService } from '../services/capabilities.ts';
import type { EventLog } from '../services/event-log.ts';
import type { Metrics } from '../services/metrics.ts';
import { ResourceIndex } from '../services/resource-index.ts';
import { IndexChecker } from '../services/index-checker.ts';
import { backgroundWork } from './background-work.ts';
import { ResourceService } from '../services/resource-service.ts';
import { UnlabeledResources } from '../services/unlabeled-resources.ts';
import { ImportService } from '../services/import/import-service.ts';
import { ValidationService } from '../services/validation-service.ts';
import type { Backend, ResourceStore, StoreScope } from '../stores/store.ts';
import type { StatusMonitor } from '../services/status/status-monitor.ts';
import { ApplyNow } from '../services/apply/apply-now.ts';
import { configuredTarget } from '../services/apply/write-target.ts';
import type { SettingsService } from '../services/settings/settings-service.ts';
import type { Relabel } from '../services/settings/relabel.ts';
import type { SidecarSettings } from '../domain/model.ts';

/** What can change while the server runs (a settings page changes these). */
export interface RuntimeSettings extends StoreScope {
  perses: { url: string | null; auth: PersesAuth };
  /** How the running sidecar names files, as discovered (absent: the chart's defaults). */
  sidecar?: SidecarSettings;
}

/** A started store and the index it feeds. */
export interface IndexedStore {
  store: ResourceStore;
  index: ResourceIndex;
  /** Checks what the load indexed from a summary; stopped with the store. */
  checker?: IndexChecker;
}

export interface Generation extends IndexedStore {
  resources: ResourceService;
  importer: ImportService;
  perses: PersesClient | null;
  app: Express;
}

/** What every generation shares for the server's whole life. */
export interface Shared {
  backend: Backend;
  eventLog: EventLog;
  metrics: Metrics;
  config: Pick<ServerConfig, 'webDist' | 'host'>;
  events?: EventsOptions;
  access: Access;
  audit: AuditLog;
  limits: { signIn: RequestHandler; writes: RequestHandler };
  trustProxy: TrustFn | null;
  allowedHosts: string[];
  /** The provisioning status, shared by every generation (it follows the current one). */
  status?: StatusMonitor | null;
  /** The console's settings and the check of the sidecar setup. */
  settings?: SettingsService | null;
  relabel?: Relabel | null;
}

/**
 * Opens a store over `scope`, waits for its first full list, and indexes it without events: large
 * dashboards from their head, to be checked fully in the background by `checker` once started.
 */
export async function openIndexedStore(
  backend: Backend,
  scope: StoreScope & { sidecar?: SidecarSettings },
  metrics: Metrics,
): Promise<IndexedStore> {
  const store = backend.openStore(scope);
  const index = new ResourceIndex(scope.sidecar);
  // The store's first list arrives as puts too: indexed from summaries until start() is done.
  let loading = true;
  store.subscribe((change) => {
    metrics.storeEvents.inc({ type: change.type });
    if (change.type === 'put' && loading) index.load(change.container);
    else if (change.type === 'put') index.put(change.container);
    else if (change.type === 'remove') index.remove(change.containerKey);
    else index.emitStatus(change);
  });
  await store.start();
  loading = false;
  // Containers loaded before subscribers existed are indexed here, silently.
  for (const c of store.containers()) if (index.idsOfContainer(c.key).length === 0) index.load(c);
  // Started by the caller once the console serves (see IndexChecker).
  return { store, index, checker: new IndexChecker(index, backgroundWork) };
}

export function persesClientFor(perses: RuntimeSettings['perses']): PersesClient | null {
  return perses.url ? new PersesClient(directTransport(perses.url), perses.auth) : null;
}

export function buildGeneration(
  shared: Shared,
  opened: IndexedStore,
  perses: PersesClient | null,
): Generation {
  const { backend, eventLog, metrics } = shared;
  const { store, index } = opened;
  const { authorizer } = backend;
  const status = shared.status ?? null;
  const applyNow = new ApplyNow({
    target: () => (status ? status.writeTarget() : configuredTarget(perses)),
    index,
    status,
    byDefault: () => shared.settings?.current().applyNowByDefault ?? true,
  });
  const resources = new ResourceService(
    store,
    index,
    authorizer,
    new UnlabeledResources(store.unlabeled, authorizer),
    applyNow,
  );
  const validation = new ValidationService(perses);
  const writes = new AuditedWrites(resources, index, shared.audit);
  const importer = new ImportService({
    store,
    index,
    authorizer,
    resources,
    validation,
    writes,
    // The monitor's connection is the Perses it found; without one, the configured client.
    perses: () => (status ? status.writeTarget().client : perses),
    orphans: () => (status ? status.orphans().items : null),
    ...(backend.kube ? { kube: backend.kube } : {}),
  });
  const app = createApp({
    store,
    index,
    eventLog,
    resources,
    validation,
    capabilities: new CapabilitiesService(store.target, authorizer, () =>
      backend.namespaces(store),
    ),
    authorizer,
    writes,
    audit: shared.audit,
    access: shared.access,
    limits: shared.limits,
    trustProxy: shared.trustProxy,
    allowedHosts: shared.allowedHosts,
    metrics,
    webDist: shared.config.webDist,
    bindHost: shared.config.host,
    events: shared.events,
    status,
    applyNow,
    importer,
    settings: shared.settings ?? null,
    relabel: shared.relabel ?? null,
  });
  return {
    store,
    index,
    resources,
    perses,
    app,
    importer,
    ...(opened.checker ? { checker: opened.checker } : {}),
  };
}
