// The one store interface with two implementations: labeled ConfigMaps over the Kubernetes API,
// and a Helm chart directory on disk. A store deals in containers (a ConfigMap, a file) holding
// entries (a data key, the file's text); parsing and indexing happen above it, once per change.
import type { DocFormat, LastChange, Origin, SourceError, Target } from '@perses-cm/api';
import type { Authorizer, Credential, Identity } from '../domain/identity.ts';
import type { ResourceIdentity } from '../domain/model.ts';
import type { KubeClient } from './kubernetes/kube-client.ts';

/** One stored text: a ConfigMap data key, or a file. */
export interface StoreEntry {
  /** Stable address of the entry, encoded into resource ids. */
  ref: EntryRef;
  text: string;
  /** Container version: ConfigMap resourceVersion, or content hash of the file. */
  version: string;
  origin: Origin;
  namespace: string | null;
  configMapName: string | null;
  key: string;
  /** Why the console will not write this entry (several keys, missing label...), else null. */
  readOnly: string | null;
  /** Who last changed the container, where the store knows it. */
  lastChange?: LastChange;
  /**
   * When the container last changed as its server recorded it (a ConfigMap's newest managedFields
   * time, 1 s resolution), when known: how the status learns of changes made while it was away.
   */
  changedAt?: number;
}

export type EntryRef =
  | { type: 'configmap'; namespace: string; name: string; key: string }
  | { type: 'file'; path: string };

export interface Container {
  /** `cm:<ns>/<name>` or `file:<path>`. */
  key: string;
  entries: StoreEntry[];
}

export type StoreChange =
  | { type: 'put'; container: Container }
  | { type: 'remove'; containerKey: string }
  | { type: 'stale'; reason: string }
  | { type: 'recovered' };

export interface StoreStatus {
  synced: boolean;
  /** Set while the store cannot refresh; reads are served from the last known state. */
  stale: string | null;
  /** Sources that failed (namespace forbidden, unreadable file); shown beside list results. */
  errors: SourceError[];
}

export interface CreateInput {
  document: unknown;
  text: string;
  format: DocFormat;
  identity: ResourceIdentity;
  namespace: string | null;
  /** A ConfigMap name chosen instead of the model's (Kubernetes stores only; checked above). */
  configMapName?: string;
}

/**
 * ConfigMaps in the watched namespaces that hold resources but lack the label: never cached or
 * written, listed only when a caller asks, so they cost the labeled cache nothing.
 */
export interface UnlabeledSource {
  /** Why the console shows these read-only, in words. */
  readonly reason: string;
  /** What one list covers: each watched namespace, or `null` for one cluster-wide list. */
  scopes(): (string | null)[];
  /** Resource-holding ConfigMaps without the label, with only their resource keys as entries. */
  list(namespace: string | null): Promise<Container[]>;
  /** A fresh read of one; null when it is gone, has the label now or holds no resource. */
  read(namespace: string, name: string): Promise<Container | null>;
}

/** A container another writer made, possibly for the same resource, and whether it came first. */
export interface Rival {
  container: Container;
  first: boolean;
}

export interface ResourceStore {
  readonly target: Target;
  /** Null where nothing can lack a label (a chart directory). */
  readonly unlabeled: UnlabeledSource | null;
  /** Loads everything once; resolves when the first full list is in. */
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): StoreStatus;
  containers(): Iterable<Container>;
  container(key: string): Container | undefined;
  subscribe(listener: (change: StoreChange) => void): () => void;
  /** Namespaces the store would write to when the caller names none (first is the default). */
  writableNamespaces(): string[] | 'any';
  create(who: Identity, input: CreateInput): Promise<Container>;
  /**
   * After a create: containers elsewhere in the store's scope, read fresh from the source, where
   * another writer may have created the same resource at the same time. Absent for a chart
   * directory, which one console writes and where its creates of one resource run one at a time.
   */
  rivals?(created: Container): Promise<Rival[]>;
  update(who: Identity, ref: EntryRef, text: string, expectedVersion: string): Promise<Container>;
  delete(who: Identity, ref: EntryRef, expectedVersion: string): Promise<void>;
}

export function containerKeyOf(ref: EntryRef): string {
  return ref.type === 'configmap' ? `cm:${ref.namespace}/${ref.name}` : `file:${ref.path}`;
}

/** What a store watches: the ConfigMap label and the namespaces (null: the context's own). */
export interface StoreScope {
  label: { key: string; value?: string };
  namespaces: string[] | 'all' | null;
}

/**
 * What a target gives the runtime: who the server is, who may do what, and stores on demand, so
 * the runtime can open a store over a new scope and swap it in while the old one still serves.
 */
export interface Backend {
  authorizer: Authorizer;
  identity: Identity;
  /** A new, unstarted store; a chart directory ignores the scope (it has no label or namespaces). */
  openStore(scope: StoreScope): ResourceStore;
  /** Namespaces to report capabilities for, in the store's scope (none for a chart directory). */
  namespaces(store: ResourceStore): Promise<string[]>;
  /**
   * Who a person's token belongs to, as the API server says; throws `unauthorized` when it does
   * not accept the token. Absent where there are no such users (a chart directory).
   */
  verifyToken?(
    credential: Extract<Credential, { type: 'token' }>,
  ): Promise<{ name: string; groups: string[] }>;
  /** The cluster's client, for what the provisioning status reads there (a cluster target only). */
  kube?: KubeClient;
}
