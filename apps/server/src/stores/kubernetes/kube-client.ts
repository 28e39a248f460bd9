// The one module that owns the Kubernetes client: loads the kubeconfig (or in-cluster account),
// makes every API call the server needs, and turns every failure into the app's AppError.
import { readFileSync } from 'node:fs';
import {
  ApiException,
  AuthenticationV1Api,
  AuthorizationV1Api,
  CoreV1Api,
  KubeConfig,
  ServerConfiguration,
  Watch,
  createConfiguration,
  type HttpLibrary,
  type V1ConfigMap,
  type V1Pod,
  type V1Service,
} from '@kubernetes/client-node';
import type { TargetConfig } from '../../config.ts';
import { AppError } from '../../domain/errors.ts';
import type { Identity } from '../../domain/identity.ts';
import { impersonatingHttp, tokenKubeConfig } from './kube-identity.ts';
import { listConfigMapPages, slim } from './kube-list.ts';
import { kubeStatusError } from './kube-status.ts';
import { serviceProxyOf, type ServiceProxy } from './kube-service-proxy.ts';
import { readPodLog, type PodLogRequest } from './kube-pod-log.ts';

export type KubeTargetConfig = Extract<TargetConfig, { type: 'kubernetes' }>;

export interface WatchHandle {
  abort(): void;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

const SA_NAMESPACE_FILE = '/var/run/secrets/kubernetes.io/serviceaccount/namespace';

/** Converts any failure of a call into a typed error the mapper understands. */
export function kubeError(err: unknown): AppError {
  if (err instanceof ApiException) return kubeStatusError(err.code, err.body);
  const code = (err as { statusCode?: unknown }).statusCode;
  if (typeof code === 'number') return kubeStatusError(code, (err as Error).message);
  if (err instanceof AppError) return err;
  return new AppError(
    'unavailable',
    `Kubernetes API unreachable: ${(err as Error).message ?? String(err)}`,
  );
}

/** Longest wait for one API call: a hung API server must not hang a request forever. */
const CALL_TIMEOUT_MS = 30_000;

async function call<T>(fn: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new AppError(
            'unavailable',
            `Kubernetes API did not answer within ${CALL_TIMEOUT_MS / 1000} s`,
          ),
        ),
      CALL_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([fn(), timeout]);
  } catch (err) {
    throw kubeError(err);
  } finally {
    clearTimeout(timer);
  }
}

export class KubeClient {
  readonly cluster: string;
  readonly context: string;
  readonly server: string;
  /** The context's namespace (or the service account's), else `default`. */
  readonly defaultNamespace: string;
  readonly userName: string;
  private readonly core: CoreV1Api;
  private readonly authz: AuthorizationV1Api;
  private readonly authn: AuthenticationV1Api;
  private readonly watcher: Watch;
  private readonly kc: KubeConfig;

  constructor(target: KubeTargetConfig) {
    const kc = new KubeConfig();
    let defaultNamespace: string | undefined;
    if (target.inCluster) {
      kc.loadFromCluster();
      defaultNamespace = readFileSync(SA_NAMESPACE_FILE, 'utf8').trim() || undefined;
    } else {
      if (!target.kubeconfig) throw new AppError('bad_request', 'no kubeconfig file found');
      kc.loadFromFile(target.kubeconfig);
      if (target.context) {
        if (!kc.getContextObject(target.context)) {
          throw new AppError(
            'bad_request',
            `context "${target.context}" is not in ${target.kubeconfig}`,
          );
        }
        kc.setCurrentContext(target.context);
      }
      defaultNamespace = kc.getContextObject(kc.getCurrentContext())?.namespace;
    }
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new AppError('bad_request', 'the kubeconfig has no current cluster');
    this.cluster = cluster.name;
    this.server = cluster.server;
    this.context = kc.getCurrentContext();
    this.userName = kc.getCurrentUser()?.name ?? 'unknown';
    this.defaultNamespace = defaultNamespace ?? 'default';
    this.core = kc.makeApiClient(CoreV1Api);
    this.authz = kc.makeApiClient(AuthorizationV1Api);
    this.authn = kc.makeApiClient(AuthenticationV1Api);
    this.watcher = new Watch(kc);
    this.kc = kc;
  }

  /** A Service reached through this API server's service proxy, with this client's credentials. */
  serviceProxy(namespace: string, service: string, port: string | number): ServiceProxy {
    return serviceProxyOf(this.kc, this.server, namespace, service, port);
  }

  /**
   * Lists in pages, so thousands of dashboard-sized ConfigMaps never arrive as one response; the
   * pages form one consistent snapshot whose resourceVersion the watch starts from. `onPage` sees
   * each page while the next one downloads (see kube-list.ts).
   */
  async listConfigMaps(
    namespace: string | null,
    labelSelector: string,
    pageSize = 500,
    onPage?: (items: V1ConfigMap[]) => Promise<void> | void,
  ): Promise<{ items: V1ConfigMap[]; resourceVersion: string }> {
    const items: V1ConfigMap[] = [];
    const { resourceVersion } = await listConfigMapPages(
      this.kc,
      this.server,
      namespace,
      labelSelector,
      pageSize,
      async (page) => {
        for (const cm of page) items.push(cm);
        await onPage?.(page);
      },
    );
    return { items, resourceVersion };
  }

  /** Opens a watch; `onDone` gets null when the server closed it normally. */
  async watchConfigMaps(
    namespace: string | null,
    labelSelector: string,
    resourceVersion: string,
    onEvent: (type: WatchEventType, object: unknown) => void,
    onDone: (err: unknown) => void,
  ): Promise<WatchHandle> {
    const path =
      namespace === null
        ? '/api/v1/configmaps'
        : `/api/v1/namespaces/${encodeURIComponent(namespace)}/configmaps`;
    let controller: AbortController;
    try {
      controller = await this.watcher.watch(
        path,
        { labelSelector, resourceVersion, allowWatchBookmarks: true, timeoutSeconds: 240 },
        (type: string, object: unknown) =>
          onEvent(type as WatchEventType, type === 'ERROR' ? object : slim(object as V1ConfigMap)),
        (err: unknown) => onDone(err ? kubeError(err) : null),
      );
    } catch (err) {
      throw kubeError(err);
    }
    return { abort: () => controller.abort() };
  }

  readConfigMap(namespace: string, name: string): Promise<V1ConfigMap> {
    return call(() => this.core.readNamespacedConfigMap({ namespace, name }));
  }

  createConfigMap(namespace: string, body: V1ConfigMap): Promise<V1ConfigMap> {
    return call(() => this.core.createNamespacedConfigMap({ namespace, body }));
  }

  replaceConfigMap(namespace: string, name: string, body: V1ConfigMap): Promise<V1ConfigMap> {
    return call(() => this.core.replaceNamespacedConfigMap({ namespace, name, body }));
  }

  async deleteConfigMap(namespace: string, name: string, resourceVersion: string): Promise<void> {
    await call(() =>
      this.core.deleteNamespacedConfigMap({
        namespace,
        name,
        body: { preconditions: { resourceVersion } },
      }),
    );
  }

  /**
   * Whether a user may act on ConfigMaps; `namespace` null asks cluster-wide. Without `subject` the
   * client asks about itself (SelfSubjectAccessReview); with one, about that user and exactly
   * those groups (SubjectAccessReview, which the client's own identity must be allowed to create).
   */
  async accessReview(
    verb: string,
    namespace: string | null,
    subject?: { user: string; groups: string[] },
  ): Promise<{ allowed: boolean; reason?: string }> {
    const resourceAttributes = {
      verb,
      resource: 'configmaps',
      group: '',
      namespace: namespace ?? undefined,
    };
    const review = await call(() =>
      subject
        ? this.authz.createSubjectAccessReview({
            body: {
              apiVersion: 'authorization.k8s.io/v1',
              kind: 'SubjectAccessReview',
              spec: { user: subject.user, groups: subject.groups, resourceAttributes },
            },
          })
        : this.authz.createSelfSubjectAccessReview({
            body: {
              apiVersion: 'authorization.k8s.io/v1',
              kind: 'SelfSubjectAccessReview',
              spec: { resourceAttributes },
            },
          }),
    );
    return { allowed: review.status?.allowed === true, reason: review.status?.reason || undefined };
  }

  /** Who the API server says we are (SelfSubjectReview); the kubeconfig user name if unsupported. */
  async whoami(): Promise<{ name: string; groups: string[] }> {
    try {
      const review = await this.authn.createSelfSubjectReview({
        body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
      });
      const user = review.status?.userInfo;
      return { name: user?.username ?? this.userName, groups: user?.groups ?? [] };
    } catch {
      return { name: this.userName, groups: [] };
    }
  }

  /** Services of a namespace, or of every namespace (null): how the console finds Perses. */
  async listServices(namespace: string | null): Promise<V1Service[]> {
    const list = await call(() =>
      namespace === null
        ? this.core.listServiceForAllNamespaces({})
        : this.core.listNamespacedService({ namespace }),
    );
    return list.items;
  }

  async listPods(namespace: string, labelSelector: string): Promise<V1Pod[]> {
    return (await call(() => this.core.listNamespacedPod({ namespace, labelSelector }))).items;
  }

  /** A container's log from `sinceTime`, each line prefixed with the kubelet's timestamp. */
  podLog(req: PodLogRequest): Promise<string> {
    return call(() => readPodLog(this.kc, this.server, req));
  }

  async listNamespaces(): Promise<string[]> {
    const list = await call(() => this.core.listNamespace());
    return list.items.flatMap((n) => (n.metadata?.name ? [n.metadata.name] : []));
  }

  /** Clients acting for people, reused while they keep calling (see forIdentity). */
  private personal?: {
    impersonated: Map<string, KubeClient>;
    byToken: WeakMap<object, KubeClient>;
  };

  /**
   * This client acting for `who`: the same server and calls, authenticated as the person — their
   * own token, or this client's credentials with `Impersonate-User`/`Impersonate-Group` (the
   * typed API calls; watches stay the console's own). The server's own identity gets this client.
   */
  forIdentity(who: Identity): KubeClient {
    const credential = who.credential;
    if (!credential) return this;
    this.personal ??= { impersonated: new Map(), byToken: new WeakMap() };
    const { impersonated, byToken } = this.personal;
    if (credential.type === 'token') {
      let client = byToken.get(credential);
      if (!client) {
        const kc = tokenKubeConfig(this.kc, credential.token.reveal());
        client = this.derived(kc);
        byToken.set(credential, client);
      }
      return client;
    }
    const key = JSON.stringify([who.name, [...who.groups].sort()]);
    let client = impersonated.get(key);
    if (client) {
      // Most recently used last, so the oldest is the first to go.
      impersonated.delete(key);
    } else {
      const httpApi = impersonatingHttp(who.name, who.groups);
      client = this.derived(this.kc, httpApi);
      if (impersonated.size >= 500) impersonated.delete(impersonated.keys().next().value ?? '');
    }
    impersonated.set(key, client);
    return client;
  }

  /**
   * Who the API server says this client's credentials belong to (SelfSubjectReview); fails with
   * `unauthorized` when it does not accept them. Any authenticated user may ask.
   */
  async reviewSelf(): Promise<{ name: string; groups: string[] }> {
    const review = await call(() =>
      this.authn.createSelfSubjectReview({
        body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
      }),
    );
    const user = review.status?.userInfo;
    if (!user?.username) throw new AppError('unauthorized', 'the API server named no user');
    return { name: user.username, groups: user.groups ?? [] };
  }

  /**
   * A copy of this client whose API clients use `kc` (as `makeApiClient` builds them) and, when
   * given, another HTTP layer. Everything else, methods included, stays this client's.
   */
  private derived(kc: KubeConfig, httpApi?: HttpLibrary): KubeClient {
    const config = createConfiguration({
      baseServer: new ServerConfiguration(this.server, {}),
      authMethods: { default: kc },
      ...(httpApi ? { httpApi } : {}),
    });
    const copy = Object.create(KubeClient.prototype) as KubeClient;
    return Object.assign(copy, this, {
      kc,
      core: new CoreV1Api(config),
      authz: new AuthorizationV1Api(config),
      authn: new AuthenticationV1Api(config),
      watcher: new Watch(kc),
      personal: undefined,
    });
  }
}
