// Wires a configuration into a running server: the store for the target, the shared index,
// the services and the Express app; `startServer` also listens.
import type { Server } from 'node:http';
import { userInfo } from 'node:os';
import type { Express } from 'express';
import { createApp } from './app.ts';
import type { ServerConfig } from './config.ts';
import { PersesClient } from './perses/perses-client.ts';
import { directTransport } from './perses/transport.ts';
import type { EventsOptions } from './routes/events.ts';
import { CapabilitiesService } from './services/capabilities.ts';
import { allowAll, type Identity } from './domain/identity.ts';
import { EventLog } from './services/event-log.ts';
import { createMetrics } from './services/metrics.ts';
import { ResourceIndex } from './services/resource-index.ts';
import { ResourceService } from './services/resource-service.ts';
import { UnlabeledResources } from './services/unlabeled-resources.ts';
import { ValidationService } from './services/validation-service.ts';
import { DirectoryStore } from './stores/directory/directory-store.ts';
import type { Backend, ResourceStore } from './stores/store.ts';
import type { LoopOptions } from './stores/kubernetes/watch-loop.ts';

export interface Runtime {
  app: Express;
  store: ResourceStore;
  index: ResourceIndex;
  resources: ResourceService;
  perses: PersesClient | null;
  identity: Identity;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  events?: EventsOptions;
  /** Directory store poll interval (tests shorten it). */
  pollMs?: number;
  defaultMetrics?: boolean;
  /** Events kept for `Last-Event-ID` replay (default 1,000). */
  eventLogSize?: number;
  /** Backoff of the Kubernetes watch loops (tests shorten it). */
  loop?: LoopOptions;
}

async function backendFor(config: ServerConfig, options: RuntimeOptions): Promise<Backend> {
  if (config.target.type === 'directory') {
    return {
      store: new DirectoryStore(config.target.dir, { pollMs: options.pollMs }),
      authorizer: allowAll,
      identity: { name: localUserName(), groups: [], source: 'directory' },
      namespaces: async () => [],
    };
  }
  // Loaded only for a cluster target, so a directory console never loads the client.
  const { kubernetesBackend } = await import('./stores/kubernetes/backend.ts');
  return kubernetesBackend(config.target, config.label, options.loop);
}

/** The OS user, or `local` where there is none (a container without a passwd entry). */
function localUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'local';
  }
}

export async function createRuntime(
  config: ServerConfig,
  options: RuntimeOptions = {},
): Promise<Runtime> {
  const backend = await backendFor(config, options);
  const { store, authorizer, identity } = backend;
  const index = new ResourceIndex();
  const metrics = createMetrics(index, store, options.defaultMetrics ?? false);
  store.subscribe((change) => {
    metrics.storeEvents.inc({ type: change.type });
    if (change.type === 'put') index.put(change.container);
    else if (change.type === 'remove') index.remove(change.containerKey);
    else index.emitStatus(change);
  });
  await store.start();
  // Containers loaded before subscribers existed are indexed here, silently.
  for (const c of store.containers()) if (index.idsOfContainer(c.key).length === 0) index.put(c);
  // Started after the initial load: replay is for changes, not for the first thousands of adds.
  const eventLog = new EventLog(index, options.eventLogSize);
  const resources = new ResourceService(
    store,
    index,
    authorizer,
    new UnlabeledResources(store.unlabeled, authorizer),
  );
  const perses = config.persesUrl
    ? new PersesClient(directTransport(config.persesUrl), config.persesAuth)
    : null;
  const app = createApp({
    store,
    index,
    eventLog,
    resources,
    validation: new ValidationService(perses),
    capabilities: new CapabilitiesService(store.target, authorizer, backend.namespaces),
    authorizer,
    identify: async () => identity,
    metrics,
    webDist: config.webDist,
    bindHost: config.host,
    events: options.events,
  });
  return { app, store, index, resources, perses, identity, close: () => store.stop() };
}

export interface RunningServer extends Runtime {
  url: string;
  server: Server;
}

export async function startServer(
  config: ServerConfig,
  options: RuntimeOptions = {},
): Promise<RunningServer> {
  const runtime = await createRuntime(config, options);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = runtime.app.listen(config.port, config.host, (err?: Error) =>
      err ? reject(err) : resolve(s),
    );
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    ...runtime,
    url: `http://${host}:${port}`,
    server,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.close();
    },
  };
}
