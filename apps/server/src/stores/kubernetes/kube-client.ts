// The one module that owns the Kubernetes client: loads the kubeconfig (or in-cluster account),
// makes every API call the server needs, and turns every failure into the app's AppError.
import { readFileSync } from 'node:fs';
import {
  AppsV1Api,
  AuthenticationV1Api,
  AuthorizationV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  ServerConfiguration,
  VersionApi,
  createConfiguration,
  type V1ConfigMap,
  type V1Deployment,
  type V1StatefulSet,
  type V1Pod,
  type V1Service,
} from '@kubernetes/client-node';
import type { TargetConfig } from '../../config.ts';
import { AppError } from '../../domain/errors.ts';
import type { Identity } from '../../domain/identity.ts';
import { DEFAULT_DEADLINES, KubeCalls, type CallOptions, type KubeDeadlines } from './kube-call.ts';
import { tokenKubeConfig } from './kube-identity.ts';
import { listConfigMapPages, slim } from './kube-list.ts';
import { serviceProxyOf, type ServiceProxy } from './kube-service-proxy.ts';
import { readPodLog, type PodLogRequest } from './kube-pod-log.ts';
import { openWatch, type WatchEventType, type WatchHandle } from './kube-watch.ts';

export type { WatchEventType, WatchHandle };

export type KubeTargetConfig = Extract<TargetConfig, { type: 'kubernetes' }>;

/** How long a watch may run: the server ends it at `timeoutSeconds`; `graceMs` later it is dead. */
export interface WatchTiming {
  timeoutSeconds: number;
  graceMs: number;
}

const SA_NAMESPACE_FILE = '/var/run/secrets/kubernetes.io/serviceaccount/namespace';

export class KubeClient {
  readonly cluster: string;
  readonly context: string;
  readonly server: string;
  /** The context's namespace (or the service account's), else `default`. */
  readonly defaultNamespace: string;
  readonly userName: string;
  private readonly core: CoreV1Api;
  private readonly apps: AppsV1Api;
  private readonly custom: CustomObjectsApi;
  private readonly authz: AuthorizationV1Api;
  private readonly authn: AuthenticationV1Api;
  private readonly version: VersionApi;
  private readonly kc: KubeConfig;
  private readonly calls: KubeCalls;

  constructor(target: KubeTargetConfig, deadlines: KubeDeadlines = DEFAULT_DEADLINES) {
    this.calls = new KubeCalls(deadlines);
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
    this.apps = kc.makeApiClient(AppsV1Api);
    this.custom = kc.makeApiClient(CustomObjectsApi);
    this.authz = kc.makeApiClient(AuthorizationV1Api);
    this.authn = kc.makeApiClient(AuthenticationV1Api);
    this.version = kc.makeApiClient(VersionApi);
    this.kc = kc;
  }

  /** Why the API server is thought unreachable (its last failure), or null while it answers. */
  get unreachable(): string | null {
    return this.calls.unreachable;
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
    fieldSelector?: string,
  ): Promise<{ items: V1ConfigMap[]; resourceVersion: string }> {
    const items: V1ConfigMap[] = [];
    // Each page under the read deadline; the outcome tells whether the API server answers.
    const { resourceVersion } = await this.calls.tracked(() =>
      listConfigMapPages(
        this.kc,
        this.server,
        namespace,
        { labelSelector, fieldSelector },
        pageSize,
        async (page) => {
          for (const cm of page) items.push(cm);
          await onPage?.(page);
        },
        this.calls.deadlines.readMs,
      ),
    );
    return { items, resourceVersion };
  }

  /**
   * Opens a watch with bookmarks; `onDone` gets null when the server closed it normally, and an
   * `unavailable` error when it neither sent its bookmark nor closed in time (a frozen link).
   */
  watchConfigMaps(
    namespace: string | null,
    labelSelector: string,
    resourceVersion: string,
    onEvent: (type: WatchEventType, object: unknown) => void,
    onDone: (err: AppError | null) => void,
    timing: WatchTiming,
  ): WatchHandle {
    const path =
      namespace === null
        ? '/api/v1/configmaps'
        : `/api/v1/namespaces/${encodeURIComponent(namespace)}/configmaps`;
    return openWatch(
      this.kc,
      {
        path,
        params: { labelSelector, resourceVersion, allowWatchBookmarks: 'true' },
        ...timing,
      },
      {
        onEvent: (type, object) =>
          onEvent(type, type === 'ERROR' ? object : slim(object as V1ConfigMap)),
        onAnswer: () => this.calls.answered(),
        onDone: (err) => {
          if (err?.code === 'unavailable') this.calls.failed(err.message);
          onDone(err);
        },
      },
    );
  }

  readConfigMap(namespace: string, name: string): Promise<V1ConfigMap> {
    return this.calls.read((o) => this.core.readNamespacedConfigMap({ namespace, name }, o));
  }

  /** A quick re-read (the check deadline): the ConfigMap, or null when it does not exist. */
  async checkConfigMap(namespace: string, name: string): Promise<V1ConfigMap | null> {
    try {
      return await this.calls.check((o) =>
        this.core.readNamespacedConfigMap({ namespace, name }, o),
      );
    } catch (err) {
      if (err instanceof AppError && err.code === 'not_found') return null;
      throw err;
    }
  }

  /**
   * Writes abort at their deadline and then fail with `details.outcome`: `not_applied` (nothing
   * was sent, or the API server is known to be unreachable) or `unknown` (sent, never answered).
   */
  createConfigMap(namespace: string, body: V1ConfigMap): Promise<V1ConfigMap> {
    return this.write((o) => this.core.createNamespacedConfigMap({ namespace, body }, o));
  }

  replaceConfigMap(namespace: string, name: string, body: V1ConfigMap): Promise<V1ConfigMap> {
    return this.write((o) => this.core.replaceNamespacedConfigMap({ namespace, name, body }, o));
  }

  async deleteConfigMap(namespace: string, name: string, resourceVersion: string): Promise<void> {
    await this.write((o) =>
      this.core.deleteNamespacedConfigMap(
        { namespace, name, body: { preconditions: { resourceVersion } } },
        o,
      ),
    );
  }

  private write<T>(fn: (options: CallOptions) => Promise<T>): Promise<T> {
    return this.calls.write(fn, (o) => this.version.getCode({}, o));
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
    // A review writes nothing: it is read under the read deadline.
    const review = await this.calls.read((o) =>
      subject
        ? this.authz.createSubjectAccessReview(
            {
              body: {
                apiVersion: 'authorization.k8s.io/v1',
                kind: 'SubjectAccessReview',
                spec: { user: subject.user, groups: subject.groups, resourceAttributes },
              },
            },
            o,
          )
        : this.authz.createSelfSubjectAccessReview(
            {
              body: {
                apiVersion: 'authorization.k8s.io/v1',
                kind: 'SelfSubjectAccessReview',
                spec: { resourceAttributes },
              },
            },
            o,
          ),
    );
    return { allowed: review.status?.allowed === true, reason: review.status?.reason || undefined };
  }

  /** Who the API server says we are (SelfSubjectReview); the kubeconfig user name if unsupported. */
  async whoami(): Promise<{ name: string; groups: string[] }> {
    try {
      const review = await this.calls.read((o) =>
        this.authn.createSelfSubjectReview(
          { body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' } },
          o,
        ),
      );
      const user = review.status?.userInfo;
      return { name: user?.username ?? this.userName, groups: user?.groups ?? [] };
    } catch {
      return { name: this.userName, groups: [] };
    }
  }

  /** Services of a namespace, or of every namespace (null): how the console finds Perses. */
  async listServices(namespace: string | null): Promise<V1Service[]> {
    const list = await this.calls.read((o) =>
      namespace === null
        ? this.core.listServiceForAllNamespaces({}, o)
        : this.core.listNamespacedService({ namespace }, o),
    );
    return list.items;
  }

  /** StatefulSets and Deployments of a namespace, or of all (null): how the setup is found. */
  async listWorkloads(
    namespace: string | null,
  ): Promise<{ statefulSets: V1StatefulSet[]; deployments: V1Deployment[] }> {
    const [sts, deploy] = await Promise.all([
      this.calls.read((o) =>
        namespace === null
          ? this.apps.listStatefulSetForAllNamespaces({}, o)
          : this.apps.listNamespacedStatefulSet({ namespace }, o),
      ),
      this.calls.read((o) =>
        namespace === null
          ? this.apps.listDeploymentForAllNamespaces({}, o)
          : this.apps.listNamespacedDeployment({ namespace }, o),
      ),
    ]);
    return { statefulSets: sts.items, deployments: deploy.items };
  }

  async listPods(namespace: string, labelSelector: string): Promise<V1Pod[]> {
    return (
      await this.calls.read((o) => this.core.listNamespacedPod({ namespace, labelSelector }, o))
    ).items;
  }

  /** A container's log from `sinceTime`, each line prefixed with the kubelet's timestamp. */
  podLog(req: PodLogRequest): Promise<string> {
    // Its own HTTP call (the typed client mangles the log's text); tracked like the others.
    return this.calls.read(() => readPodLog(this.kc, this.server, req));
  }

  /**
   * Custom resources of one group/version/plural in every namespace (or cluster-scoped ones), or
   * null when the API server does not serve that version (its CRD is not installed).
   */
  async listCustomObjects(
    group: string,
    version: string,
    plural: string,
  ): Promise<unknown[] | null> {
    try {
      const list = (await this.calls.read((o) =>
        this.custom.listClusterCustomObject({ group, version, plural }, o),
      )) as { items?: unknown[] };
      return list.items ?? [];
    } catch (err) {
      if (err instanceof AppError && err.code === 'not_found') return null;
      throw err;
    }
  }

  async listNamespaces(): Promise<string[]> {
    const list = await this.calls.read((o) => this.core.listNamespace({}, o));
    return list.items.flatMap((n) => (n.metadata?.name ? [n.metadata.name] : []));
  }

  /** Clients acting for people, reused while they keep calling (see forIdentity). */
  private personal?: {
    impersonated: Map<string, KubeClient>;
    byToken: WeakMap<object, KubeClient>;
  };

  /**
   * This client acting for `who`: the same server, calls and deadlines, authenticated as the
   * person — their own token, or this client's credentials with `Impersonate-User`/
   * `Impersonate-Group` (the typed API calls; watches and lists stay the console's own). Whether
   * the API server answers stays one fact for all. The server's own identity gets this client.
   */
  forIdentity(who: Identity): KubeClient {
    const credential = who.credential;
    if (!credential) return this;
    this.personal ??= { impersonated: new Map(), byToken: new WeakMap() };
    const { impersonated, byToken } = this.personal;
    if (credential.type === 'token') {
      let client = byToken.get(credential);
      if (!client) {
        client = this.derived(tokenKubeConfig(this.kc, credential.token.reveal()), this.calls);
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
      client = this.derived(this.kc, this.calls.actingAs({ user: who.name, groups: who.groups }));
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
    const review = await this.calls.read((o) =>
      this.authn.createSelfSubjectReview(
        { body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' } },
        o,
      ),
    );
    const user = review.status?.userInfo;
    if (!user?.username) throw new AppError('unauthorized', 'the API server named no user');
    return { name: user.username, groups: user.groups ?? [] };
  }

  /**
   * A copy of this client whose API clients use `kc` (as `makeApiClient` builds them) and whose
   * calls are `calls`. Everything else, methods included, stays this client's.
   */
  private derived(kc: KubeConfig, calls: KubeCalls): KubeClient {
    const config = createConfiguration({
      baseServer: new ServerConfiguration(this.server, {}),
      authMethods: { default: kc },
    });
    const copy = Object.create(KubeClient.prototype) as KubeClient;
    return Object.assign(copy, this, {
      kc,
      calls,
      core: new CoreV1Api(config),
      apps: new AppsV1Api(config),
      custom: new CustomObjectsApi(config),
      authz: new AuthorizationV1Api(config),
      authn: new AuthenticationV1Api(config),
      version: new VersionApi(config),
      personal: undefined,
    });
  }
}
