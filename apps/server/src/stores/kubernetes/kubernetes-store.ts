// Store over labeled ConfigMaps: reads come from the watch loops' cache; writes go to the API
// server as the person asking (impersonated, or with their token), so Kubernetes RBAC has the
// last word, with resourceVersion preconditions, one resource per ConfigMap, never to a ConfigMap
// without the label, and record when and through what the console changed it.
import type { V1ConfigMap } from '@kubernetes/client-node';
import type { Target } from '@perses-cm/api';
import { AppError, toSourceError } from '../../domain/errors.ts';
import type { Identity } from '../../domain/identity.ts';
import { configMapFor } from '../../domain/model.ts';
import type {
  Container,
  CreateInput,
  EntryRef,
  ResourceStore,
  Rival,
  StoreChange,
  StoreStatus,
  UnlabeledSource,
} from '../store.ts';
import { TextCompactor } from '../stored-text.ts';
import type { CachedConfigMap } from './cached-configmap.ts';
import {
  LAST_APPLIED_AT,
  LAST_APPLIED_BY,
  containerKeyFor,
  containerOf,
  toContainer,
} from './configmap-entries.ts';
import { writeOutcome } from './kube-call.ts';
import type { KubeClient } from './kube-client.ts';
import { labelSelectorString, matchesLabel } from './label-selector.ts';
import { UnlabeledConfigMaps } from './unlabeled-configmaps.ts';
import { WatchLoop, type LoopChange, type LoopOptions } from './watch-loop.ts';

export class KubernetesStore implements ResourceStore {
  readonly target: Target;
  readonly unlabeled: UnlabeledSource;
  private readonly loops: WatchLoop[];
  private listeners = new Set<(c: StoreChange) => void>();
  private staleReported = false;
  /** The cached texts are compacted once the first list is in (stores/stored-text.ts). */
  private readonly compactor = new TextCompactor();

  constructor(
    private readonly client: KubeClient,
    private readonly namespaces: string[] | 'all',
    private readonly label: { key: string; value?: string },
    loopOptions: LoopOptions = {},
  ) {
    this.target = {
      type: 'kubernetes',
      cluster: client.cluster,
      context: client.context,
      server: client.server,
      namespaces,
      label,
    };
    this.unlabeled = new UnlabeledConfigMaps(client, namespaces, label);
    const selector = labelSelectorString(label);
    const scopes = namespaces === 'all' ? [null] : namespaces;
    this.loops = scopes.map(
      (ns) =>
        new WatchLoop(client, ns, selector, (c) => this.onLoop(c), loopOptions, this.compactor),
    );
  }

  async start(): Promise<void> {
    await Promise.all(this.loops.map((l) => l.start()));
    this.compactor.begin();
  }

  async stop(): Promise<void> {
    for (const l of this.loops) l.stop();
    this.compactor.stop();
  }

  /** Resolves once every cached text is compacted (tests; readiness shows it as `compacting`). */
  compacted(): Promise<void> {
    return this.compactor.drain();
  }

  status(): StoreStatus {
    const stale = this.loops.map((l) => l.stale).filter((s): s is string => s !== null);
    return {
      synced: this.loops.every((l) => l.synced),
      stale: stale.length > 0 ? stale.join('; ') : null,
      errors: this.loops
        .filter((l) => (l.stale !== null || l.forbidden !== null) && l.lastError !== null)
        .map((l) => toSourceError(l.namespace ?? 'all namespaces', l.lastError)),
    };
  }

  *containers(): Iterable<Container> {
    for (const l of this.loops) for (const cm of l.items.values()) yield containerOf(cm);
  }

  container(key: string): Container | undefined {
    const cm = this.cached(key);
    return cm ? containerOf(cm) : undefined;
  }

  subscribe(listener: (c: StoreChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  writableNamespaces(): string[] | 'any' {
    return this.namespaces === 'all' ? 'any' : this.namespaces;
  }

  async create(who: Identity, input: CreateInput): Promise<Container> {
    const namespace = input.namespace;
    if (namespace === null) throw new AppError('bad_request', 'a namespace is required');
    const plan = configMapFor(
      input.document,
      input.text,
      input.format,
      namespace,
      this.labelToWrite(),
    );
    const body: V1ConfigMap = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        ...plan.configMap.metadata,
        name: input.configMapName ?? plan.name,
        namespace,
        annotations: { ...plan.configMap.metadata.annotations, ...stamp(who) },
      },
      data: plan.configMap.data,
    };
    let created: V1ConfigMap;
    try {
      created = await this.client.forIdentity(who).createConfigMap(namespace, body);
    } catch (err) {
      if (err instanceof AppError && err.code === 'already_exists') {
        const name = input.configMapName ?? plan.name;
        throw new AppError('already_exists', `ConfigMap ${namespace}/${name} already exists`, {
          fields: [{ field: 'configMapName', message: 'a ConfigMap of that name exists' }],
        });
      }
      created = await this.confirm(err, namespace, plan.name, (cm) => isOurs(cm, body));
    }
    return this.applied(created);
  }

  /**
   * ConfigMaps of the same name in the other watched namespaces, read from the API server: the
   * name comes from the Perses identity, so another console creating the same resource elsewhere
   * at the same moment shows up here even before its watch event does.
   */
  async rivals(created: Container): Promise<Rival[]> {
    const ours = this.cached(created.key);
    const name = ours?.metadata?.name;
    if (!ours || !name) return [];
    const scopes = this.namespaces === 'all' ? [null] : this.namespaces;
    const selector = labelSelectorString(this.label);
    const lists = await Promise.all(
      scopes.map((ns) =>
        this.client.listConfigMaps(ns, selector, undefined, undefined, `metadata.name=${name}`),
      ),
    );
    return lists
      .flatMap((l) => l.items)
      .filter((cm) => cm.metadata?.namespace !== ours.metadata?.namespace)
      .map((cm) => ({ container: toContainer(cm), first: createdBefore(cm, ours) }));
  }

  async update(who: Identity, ref: EntryRef, text: string, expected: string): Promise<Container> {
    const cm = this.editable(ref);
    const { namespace, name, key } = ref as Extract<EntryRef, { type: 'configmap' }>;
    const body: V1ConfigMap = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        ...cm.metadata,
        resourceVersion: expected,
        annotations: { ...cm.metadata?.annotations, ...stamp(who) },
        managedFields: undefined,
      },
      data: { [key]: text },
    };
    let replaced: V1ConfigMap;
    try {
      replaced = await this.client.forIdentity(who).replaceConfigMap(namespace, name, body);
    } catch (err) {
      if (writeOutcome(err) === 'unknown')
        replaced = await this.confirm(err, namespace, name, (now) => isOurs(now, body));
      else throw await this.afterFailedWrite(err, namespace, name);
    }
    return this.applied(replaced);
  }

  async delete(who: Identity, ref: EntryRef, expected: string): Promise<void> {
    this.editable(ref);
    const { namespace, name } = ref as Extract<EntryRef, { type: 'configmap' }>;
    try {
      await this.client.forIdentity(who).deleteConfigMap(namespace, name, expected);
    } catch (err) {
      if (writeOutcome(err) === 'unknown') await this.confirm(err, namespace, name, null);
      else throw await this.afterFailedWrite(err, namespace, name);
    }
    this.loopFor(namespace)?.forget(`${namespace}/${name}`);
  }

  /**
   * A write whose answer never came may have been applied: re-read the ConfigMap (briefly) and
   * answer with the truth. `ours` tells our write from what was there; null expects it gone.
   * When the re-read cannot settle it either, the write's own error (outcome unknown) stands.
   */
  private async confirm(
    err: unknown,
    namespace: string,
    name: string,
    ours: ((cm: V1ConfigMap) => boolean) | null,
  ): Promise<V1ConfigMap> {
    if (writeOutcome(err) !== 'unknown') throw err;
    const now = await this.client.checkConfigMap(namespace, name).catch(() => undefined);
    if (now === undefined) throw err;
    if (ours === null && now === null) return { metadata: { namespace, name } };
    if (ours !== null && now !== null && ours(now)) return now;
    throw err;
  }

  /** The label written on new ConfigMaps: a selector on the key alone still needs a value. */
  private labelToWrite(): { key: string; value?: string } {
    return { key: this.label.key, value: this.label.value ?? 'true' };
  }

  private editable(ref: EntryRef): CachedConfigMap {
    if (ref.type !== 'configmap')
      throw new AppError('bad_request', 'not a ConfigMap of this cluster');
    const cm = this.cached(containerKeyFor(ref.namespace, ref.name));
    if (!cm) throw new AppError('not_found', `ConfigMap ${ref.namespace}/${ref.name} not found`);
    if (!matchesLabel(cm.metadata?.labels, this.label))
      throw new AppError(
        'bad_request',
        `ConfigMap ${ref.namespace}/${ref.name} lacks the label ${this.label.key}`,
      );
    const entry = containerOf(cm).entries.find((e) => e.key === ref.key);
    if (!entry)
      throw new AppError(
        'not_found',
        `key ${ref.key} is no longer in ConfigMap ${ref.namespace}/${ref.name}`,
      );
    if (entry.readOnly)
      throw new AppError('bad_request', `this resource is read-only: ${entry.readOnly}`);
    return cm;
  }

  /** On a conflict or a disappearance, refresh the cache from the server before answering. */
  private async afterFailedWrite(err: unknown, namespace: string, name: string): Promise<unknown> {
    if (!(err instanceof AppError) || (err.code !== 'conflict' && err.code !== 'not_found'))
      return err;
    const loop = this.loopFor(namespace);
    try {
      const current = await this.client.readConfigMap(namespace, name);
      // Without the label it is no longer ours: the watch, filtered by the label, may already
      // have dropped it, and would never tell of it again if it were put back here.
      if (matchesLabel(current.metadata?.labels, this.label)) loop?.apply(current);
      else loop?.forget(`${namespace}/${name}`);
    } catch (readErr) {
      if (readErr instanceof AppError && readErr.code === 'not_found')
        loop?.forget(`${namespace}/${name}`);
    }
    return err.code === 'conflict'
      ? new AppError(
          'conflict',
          `ConfigMap ${namespace}/${name} changed since the version you edited`,
        )
      : new AppError('not_found', `ConfigMap ${namespace}/${name} no longer exists`);
  }

  /** The write's answer, cached; its container shares the cache's texts when the cache took it. */
  private applied(cm: V1ConfigMap): Container {
    const version = cm.metadata?.resourceVersion;
    this.loopFor(cm.metadata?.namespace ?? '')?.apply(cm);
    const cached = this.cached(
      containerKeyFor(cm.metadata?.namespace ?? '', cm.metadata?.name ?? ''),
    );
    return cached && version && cached.metadata.resourceVersion === version
      ? containerOf(cached)
      : toContainer(cm);
  }

  private cached(key: string): CachedConfigMap | undefined {
    const k = key.startsWith('cm:') ? key.slice(3) : key;
    for (const l of this.loops) {
      const cm = l.items.get(k);
      if (cm) return cm;
    }
    return undefined;
  }

  private loopFor(namespace: string): WatchLoop | undefined {
    return this.loops.find((l) => l.namespace === null || l.namespace === namespace);
  }

  private onLoop(change: LoopChange): void {
    if (change.type === 'put') this.emit({ type: 'put', container: containerOf(change.configMap) });
    else if (change.type === 'remove')
      this.emit({ type: 'remove', containerKey: `cm:${change.key}` });
    else {
      const stale = this.loops.some((l) => l.stale !== null);
      if (stale && !this.staleReported) {
        this.staleReported = true;
        this.emit({
          type: 'stale',
          reason: change.type === 'stale' ? change.reason : 'cannot refresh',
        });
      } else if (!stale && this.staleReported) {
        this.staleReported = false;
        this.emit({ type: 'recovered' });
      }
    }
  }

  private emit(change: StoreChange): void {
    for (const l of this.listeners) l(change);
  }
}

/** Whether `cm` holds the write `body` (its data and its stamp, which is unique to the write). */
function isOurs(cm: V1ConfigMap, body: V1ConfigMap): boolean {
  const at = (c: V1ConfigMap) => c.metadata?.annotations?.[LAST_APPLIED_AT];
  return at(cm) === at(body) && JSON.stringify(cm.data) === JSON.stringify(body.data);
}

type Meta = Pick<V1ConfigMap, 'metadata'>;

/** Creation order: the second-precision timestamp, then the resourceVersion (etcd's revision). */
function createdBefore(a: Meta, b: Meta): boolean {
  const t = (c: Meta) => new Date(c.metadata?.creationTimestamp ?? 0).getTime();
  if (t(a) !== t(b)) return t(a) < t(b);
  const rv = (c: Meta) => c.metadata?.resourceVersion ?? '';
  return /^\d+$/.test(rv(a)) && /^\d+$/.test(rv(b)) && BigInt(rv(a)) < BigInt(rv(b));
}

function stamp(who: Identity): Record<string, string> {
  return {
    [LAST_APPLIED_BY]: `perses-cm (${who.name})`.slice(0, 256),
    [LAST_APPLIED_AT]: new Date().toISOString(),
  };
}
