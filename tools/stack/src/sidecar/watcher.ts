import type { KubeConfig } from '@kubernetes/client-node';
import { CoreV1Api, Watch, type V1ConfigMap } from '@kubernetes/client-node';
import type { LogFn } from './log.ts';
import type { Syncer } from './syncer.ts';

export interface WatchScope {
  /** undefined = all namespaces (NAMESPACE=ALL). */
  namespace: string | undefined;
  labelSelector: string;
  timeoutSeconds: number;
}

/**
 * List, then watch from the list's resourceVersion; when the watch ends
 * (server timeout, 410 Gone, connection loss) start over with a fresh list,
 * as k8s-sidecar reopens its watch every WATCH_SERVER_TIMEOUT seconds.
 */
export class ScopeWatcher {
  private abort: AbortController | undefined;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly kc: KubeConfig,
    private readonly scope: WatchScope,
    private readonly syncer: Syncer,
    private readonly log: LogFn,
    private readonly onHealth: (ok: boolean) => void,
  ) {}

  /** Resolves after the first successful list has been applied. */
  async start(): Promise<void> {
    for (;;) {
      try {
        await this.cycle();
        return;
      } catch (err) {
        this.onHealth(false);
        this.log('ERROR', `ApiException when calling kubernetes: ${String(err)}`);
        if (this.stopped) return;
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.abort?.abort();
  }

  private async cycle(): Promise<void> {
    const api = this.kc.makeApiClient(CoreV1Api);
    const { namespace, labelSelector } = this.scope;
    this.log(
      'DEBUG',
      `Listing ConfigMaps in ${namespace ?? 'all namespaces'} with selector ${labelSelector}`,
    );
    const list = namespace
      ? await api.listNamespacedConfigMap({ namespace, labelSelector })
      : await api.listConfigMapForAllNamespaces({ labelSelector });
    const inScope = (id: string) => namespace === undefined || id.startsWith(`${namespace}/`);
    await this.syncer.replaceAll(list.items, inScope);
    this.onHealth(true);
    if (this.stopped) return;
    const path = namespace ? `/api/v1/namespaces/${namespace}/configmaps` : '/api/v1/configmaps';
    this.abort = await new Watch(this.kc).watch(
      path,
      {
        labelSelector,
        resourceVersion: list.metadata?.resourceVersion,
        timeoutSeconds: this.scope.timeoutSeconds,
        allowWatchBookmarks: true,
      },
      (type: string, obj: V1ConfigMap) => {
        if (type === 'ADDED' || type === 'MODIFIED') void this.syncer.upsert(obj);
        else if (type === 'DELETED') void this.syncer.remove(obj);
      },
      (err: unknown) => this.restart(err),
    );
  }

  private restart(err: unknown): void {
    if (this.stopped) return;
    if (err && !(err instanceof Error && err.name === 'AbortError')) {
      this.log('WARNING', `Watch ended, re-listing: ${String(err)}`);
    }
    this.retryTimer = setTimeout(() => void this.start(), err ? 500 : 0);
  }
}
