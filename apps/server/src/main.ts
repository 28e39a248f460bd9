// Wires a configuration into a running server: the target's backend, the current generation
// (store, index, services, app) and the seam that replaces it when settings change; `startServer`
// also listens.
import type { Server } from 'node:http';
import { userInfo } from 'node:os';
import express, { type Express } from 'express';
import type { ServerConfig } from './config.ts';
import type { PersesClient } from './perses/perses-client.ts';
import type { EventsOptions } from './routes/events.ts';
import { allowAll, type Identity } from './domain/identity.ts';
import { EventLog } from './services/event-log.ts';
import { createMetrics } from './services/metrics.ts';
import type { ResourceIndex } from './services/resource-index.ts';
import type { IndexChecker } from './services/index-checker.ts';
import type { ResourceService } from './services/resource-service.ts';
import type { ImportService } from './services/import/import-service.ts';
import { DirectoryStore } from './stores/directory/directory-store.ts';
import type { Backend, ResourceStore } from './stores/store.ts';
import type { KubeOptions } from './stores/kubernetes/backend.ts';
import type { LoopOptions } from './stores/kubernetes/watch-loop.ts';
import type { IdentityResolver } from './routes/respond.ts';
import {
  buildGeneration,
  openIndexedStore,
  persesClientFor,
  type Generation,
  type RuntimeSettings,
} from './runtime/generation.ts';
import { createReconfigure, type SettingsChange } from './runtime/reconfigure.ts';
import { accessFor } from './runtime/access.ts';
import { countByNamespace, createSettings } from './services/settings/settings-runtime.ts';
import type { SettingsService } from './services/settings/settings-service.ts';
import type { SettingsStore } from './services/settings/settings-store.ts';
import type { StatusMonitor } from './services/status/status-monitor.ts';
import {
  createStatusMonitor,
  followGeneration,
  type StatusRuntimeOptions,
} from './services/status/runtime-status.ts';

export type { RuntimeSettings, SettingsChange };

export interface Runtime {
  /** Serves every request with the current generation's app. */
  app: Express;
  readonly store: ResourceStore;
  readonly index: ResourceIndex;
  /** The background check of what the current store's load indexed from summaries. */
  readonly checker: IndexChecker | undefined;
  readonly resources: ResourceService;
  /** Import previews and applies, as the console's routes run them. */
  readonly importer: ImportService;
  readonly perses: PersesClient | null;
  /** The provisioning status (null when turned off). */
  readonly status: StatusMonitor | null;
  identity: Identity;
  settings(): RuntimeSettings;
  /**
   * Applies new settings without a restart: a new label or namespaces open a new store, which is
   * listed in full and swapped in at once (reads never see a half-built one); open event streams
   * stay connected and get `resync`. Resolves with the settings now in force.
   */
  reconfigure(change: SettingsChange): Promise<RuntimeSettings>;
  /** The console's saved settings and the check of the sidecar setup (doctor uses it). */
  readonly consoleSettings: SettingsService;
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
  /** Deadlines of Kubernetes calls and the access decision cache (tests shorten them). */
  kube?: Omit<KubeOptions, 'loop'>;
  /** Who is calling, in place of the auth mode's answer (tests ask as other callers). */
  identify?: IdentityResolver;
  /** Where audit lines go (default: stdout). */
  auditWrite?: (line: string) => void;
  /** Provisioning status polling and history (tests shorten and isolate them); false: none. */
  status?: StatusRuntimeOptions | false;
  /** Where the console's settings are kept (tests isolate it); absent: the target's default. */
  settingsStore?: SettingsStore;
}

async function backendFor(config: ServerConfig, options: RuntimeOptions): Promise<Backend> {
  if (config.target.type === 'directory') {
    const dir = config.target.dir;
    return {
      openStore: () => new DirectoryStore(dir, { pollMs: options.pollMs }),
      authorizer: allowAll,
      identity: { name: localUserName(), groups: [], source: 'directory' },
      namespaces: async () => [],
    };
  }
  // Loaded only for a cluster target, so a directory console never loads the client.
  const { kubernetesBackend } = await import('./stores/kubernetes/backend.ts');
  return kubernetesBackend(config.target, { ...options.kube, loop: options.loop });
}

/** The OS user, or `local` where there is none (a container without a passwd entry). */
function localUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'local';
  }
}

/**
 * `checkWhenServing`: the caller starts the background check of the load once it serves (a
 * server, after listen); otherwise it starts at once (a command that reads and exits).
 */
export async function createRuntime(
  config: ServerConfig,
  options: RuntimeOptions = {},
  { checkWhenServing = false }: { checkWhenServing?: boolean } = {},
): Promise<Runtime> {
  const backend = await backendFor(config, options);
  let current: Generation | null = null;
  const view = () => {
    if (!current) throw new Error('the runtime has no generation yet');
    return current;
  };
  const parts = accessFor(config, backend, options.auditWrite);
  let status: StatusMonitor | null = null;
  let reconfigure: ReturnType<typeof createReconfigure> | null = null;
  const { settings: consoleSettings, relabel } = createSettings({
    config,
    backend,
    audit: parts.audit,
    store: options.settingsStore,
    perses: () => status?.writeTarget().client ?? view().perses,
    perNamespace: () =>
      countByNamespace(
        view()
          .index.list({}, () => true)
          .map((r) => r.summary.namespace),
      ),
    apply: (change) => {
      if (!reconfigure) throw new Error('the runtime is not started yet');
      return reconfigure.apply(change);
    },
  });
  // Saved settings win over the flags: a label or namespaces changed in the console survive restarts.
  await consoleSettings.load();
  const settings: RuntimeSettings = {
    ...consoleSettings.scope(),
    perses: { url: config.persesUrl, auth: config.persesAuth ?? { type: 'none' } },
  };
  const metrics = createMetrics(view, options.defaultMetrics ?? false);
  const opened = await openIndexedStore(backend, settings, metrics);
  // Started after the initial load: replay is for changes, not for the first thousands of adds.
  const eventLog = new EventLog(opened.index, options.eventLogSize);
  status =
    options.status === false
      ? null
      : createStatusMonitor({
          config,
          backend,
          store: opened.store,
          metrics,
          publish: (e) => eventLog.publish(e),
          options: options.status,
        });
  const shared = {
    backend,
    eventLog,
    metrics,
    config,
    events: options.events,
    status,
    settings: consoleSettings,
    relabel,
    ...parts,
    access: options.identify ? { ...parts.access, identify: options.identify } : parts.access,
  };
  current = buildGeneration(shared, opened, persesClientFor(settings.perses));
  if (!checkWhenServing) opened.checker?.start();
  if (status) {
    followGeneration(status, current);
    await status.start();
  }
  reconfigure = createReconfigure(shared, settings, {
    current: view,
    swap: (next) => {
      current = next;
    },
  });

  // What the running sidecar does decides the cross-resource rules: learn it once at start.
  if (config.target.type === 'kubernetes')
    void consoleSettings.followRunning().catch(() => undefined);

  const app = express();
  app.disable('x-powered-by');
  app.use((req, res, next) => view().app(req, res, next));
  return {
    app,
    identity: backend.identity,
    get store() {
      return view().store;
    },
    get index() {
      return view().index;
    },
    get checker() {
      return view().checker;
    },
    get resources() {
      return view().resources;
    },
    get importer() {
      return view().importer;
    },
    get perses() {
      return view().perses;
    },
    status,
    settings: reconfigure.settings,
    reconfigure: reconfigure.apply,
    consoleSettings,
    close: async () => {
      parts.access.sessions?.close();
      await status?.close();
      view().checker?.stop();
      await view().store.stop();
    },
  };
}

export interface RunningServer extends Runtime {
  url: string;
  server: Server;
}

export async function startServer(
  config: ServerConfig,
  options: RuntimeOptions = {},
): Promise<RunningServer> {
  const runtime = await createRuntime(config, options, { checkWhenServing: true });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = runtime.app.listen(config.port, config.host, (err?: Error) =>
      err ? reject(err) : resolve(s),
    );
  });
  // Ready first: the check of what the load indexed from summaries runs while it serves.
  runtime.checker?.start();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const closeRuntime = runtime.close;
  // The runtime's getters follow the current generation, so it is extended, not copied.
  return Object.assign(runtime, {
    url: `http://${host}:${port}`,
    server,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await closeRuntime();
    },
  });
}
