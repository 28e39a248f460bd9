import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import type { SidecarSettings } from '../config.ts';
import { jsonLineLogger, type LogFn } from './log.ts';
import { Syncer } from './syncer.ts';
import { ScopeWatcher } from './watcher.ts';

export interface RunningSidecar {
  /** The port /healthz listens on (useful with HEALTH_PORT=0). */
  healthPort: number;
  /** Resolves once every namespace has been listed and written. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/** Starts the k8s-sidecar equivalent in this process. */
export async function startSidecar(
  settings: SidecarSettings,
  log: LogFn = jsonLineLogger,
): Promise<RunningSidecar> {
  const kc = new KubeConfig();
  kc.loadFromFile(settings.kubeconfig);
  const syncer = new Syncer(settings, log);
  const labelSelector = settings.labelValue
    ? `${settings.label}=${settings.labelValue}`
    : settings.label;
  const namespaces = settings.namespaces === 'ALL' ? [undefined] : settings.namespaces;
  const healthy = new Map<number, boolean>();
  let synced = false;
  const watchers = namespaces.map(
    (namespace, i) =>
      new ScopeWatcher(
        kc,
        { namespace, labelSelector, timeoutSeconds: settings.watchServerTimeoutSeconds },
        syncer,
        log,
        (ok) => healthy.set(i, ok),
      ),
  );
  const server = await listenHealth(settings.healthPort, () => {
    return synced && watchers.every((_, i) => healthy.get(i) === true);
  });
  const ready = Promise.all(watchers.map((w) => w.start())).then(() => {
    synced = true;
    log('INFO', 'Initial sync complete, sidecar is ready.');
  });
  return {
    healthPort: (server.address() as AddressInfo).port,
    ready,
    stop: async () => {
      watchers.forEach((w) => w.stop());
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

function listenHealth(port: number, isHealthy: () => boolean): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url !== '/healthz') {
      res.writeHead(404).end();
      return;
    }
    const ok = isHealthy();
    res.writeHead(ok ? 200 : 503, { 'content-type': 'text/plain' }).end(ok ? 'OK' : 'Not ready');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
