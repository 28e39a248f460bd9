// How the status reaches Perses and its logs: the client of the runtime (from --perses-url), or
// one found in the cluster (the Service in front of the Perses pods, through the API server's
// service proxy, retried while none is found); the logs from files when given, else from the
// discovered pod's containers through the Kubernetes API.
import type { PersesDiscovery } from '@perses-cm/api';
import { PersesClient, type PersesAuth } from '../../perses/perses-client.ts';
import { proxiedTransport } from '../../perses/transport.ts';
import type { KubeClient } from '../../stores/kubernetes/kube-client.ts';
import { FileLogSource, PodLogSource, type LogSource } from './log-source.ts';
import { LogWatch } from './log-watch.ts';
import { PersesLink } from './perses-link.ts';
import {
  describeFound,
  discoverPerses,
  PERSES_NAME,
  PERSES_NAME_LABEL,
} from './perses-discovery.ts';

export interface ConnectorOptions {
  persesAuth?: PersesAuth;
  /** Base URL of the Perses UI for deep links (default: the Perses URL, when given one). */
  persesUiUrl?: string | null;
  /** Where to look for Perses in the cluster (default: the watched namespaces). */
  persesNamespaces?: string[] | 'all' | null;
  /** The cluster's client: discovery and container logs (a cluster target only). */
  kube?: KubeClient | null;
  logFiles?: { perses?: string | null; sidecar?: string | null };
  /** How often to look for Perses again while none is found (default 60 s). */
  discoveryRetryMs?: number;
  /** Namespaces the console watches, the default place to look for Perses. */
  watched?: string[] | 'all' | null;
}

/** How far back the first read of a container log goes: two cycles, at least ten minutes. */
const lookback = (link: PersesLink) => () => Math.max(600_000, 2 * (link.intervalMs ?? 0));

export class Connector {
  link: PersesLink;
  logs: LogWatch;
  private configured: PersesClient | null = null;
  private nextDiscoveryAt = 0;

  constructor(
    private readonly options: ConnectorOptions,
    private readonly now: () => number,
  ) {
    this.link = this.unconfigured('not looked for yet');
    this.logs = this.fileLogs();
  }

  /** Takes the runtime's client; true when the connection changed (statuses start over). */
  follow(client: PersesClient | null): boolean {
    if (client === this.configured && (client !== null || this.link.found.how !== 'url'))
      return false;
    this.configured = client;
    this.nextDiscoveryAt = 0;
    if (client) {
      const url = client.transport.baseUrl.replace(/\/+$/, '');
      this.link = new PersesLink(
        client,
        {
          how: 'url',
          description: `--perses-url ${client.where}`,
          uiUrl: this.options.persesUiUrl ?? url,
        },
        this.now(),
      );
      this.logs = this.fileLogs();
    } else this.link = this.unconfigured(null);
    return true;
  }

  /** The link to use now, after looking for Perses in the cluster when it is due. */
  async current(): Promise<PersesLink> {
    const kube = this.options.kube;
    if (this.configured || !kube || this.link.client || this.now() < this.nextDiscoveryAt)
      return this.link;
    this.nextDiscoveryAt = this.now() + (this.options.discoveryRetryMs ?? 60_000);
    const where = this.options.persesNamespaces ?? this.options.watched ?? 'all';
    const d = await discoverPerses(kube, where).catch((err: Error) => ({
      found: null,
      reason: `cannot look for Perses in the cluster: ${err.message}`,
    }));
    if (!d.found) {
      this.link = this.unconfigured(d.reason);
      return this.link;
    }
    const proxy = kube.serviceProxy(d.found.namespace, d.found.name, d.found.port);
    const client = new PersesClient(proxiedTransport(proxy), this.options.persesAuth);
    this.link = new PersesLink(
      client,
      {
        how: 'cluster-service',
        description: describeFound(d.found, kube.server),
        uiUrl: this.options.persesUiUrl ?? null,
      },
      this.now(),
    );
    const c = d.containers;
    const podLog = (container: string | null): LogSource | null =>
      c && container
        ? new PodLogSource(
            `container ${container} of pod ${c.namespace}/${c.pod} (pods/log)`,
            (sinceTime) =>
              kube.podLog({
                namespace: c.namespace,
                pod: c.pod,
                container,
                sinceTime,
                limitBytes: 4 << 20,
              }),
            lookback(this.link),
          )
        : null;
    const files = this.options.logFiles;
    this.logs = new LogWatch(
      files?.perses ? new FileLogSource(files.perses) : podLog(c?.perses ?? null),
      files?.sidecar ? new FileLogSource(files.sidecar) : podLog(c?.sidecar ?? null),
    );
    return this.link;
  }

  private fileLogs(): LogWatch {
    const files = this.options.logFiles;
    return new LogWatch(
      files?.perses ? new FileLogSource(files.perses) : null,
      files?.sidecar ? new FileLogSource(files.sidecar) : null,
    );
  }

  private unconfigured(reason: string | null): PersesLink {
    const found: PersesDiscovery = {
      how: 'none',
      description: this.options.kube
        ? `no --perses-url; looking for the Service in front of pods labeled ${PERSES_NAME_LABEL}=${PERSES_NAME}`
        : 'no --perses-url given',
      uiUrl: this.options.persesUiUrl ?? null,
    };
    return new PersesLink(null, found, this.now(), reason);
  }
}
