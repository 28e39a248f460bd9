// How a ConfigMap appears in the console: one entry per data key, read-only with a reason when
// the console would not write it (several keys, binary data, immutable, not a resource file).
import type { V1ConfigMap } from '@kubernetes/client-node';
import type { LastChange } from '@perses-cm/api';
import { isProvisionedFile } from '../../domain/model.ts';
import type { StoredText } from '../stored-text.ts';
import type { Container, StoreEntry } from '../store.ts';
import { cacheConfigMap, type CachedConfigMap } from './cached-configmap.ts';

/** The console's stamp on every ConfigMap it writes: who (`perses-cm (<user>)`) and when. */
export const LAST_APPLIED_BY = 'perses-cm.dev/last-applied-by';
export const LAST_APPLIED_AT = 'perses-cm.dev/last-applied-at';

// The stamp is written just before the request, Kubernetes's field time just after, to the second.
const OWN_WRITE_SLACK_MS = 5_000;

/**
 * Who changed the ConfigMap last: the console's stamp when its write is the latest update the
 * field managers record, else the latest field manager (`kubectl-edit`, `argocd-controller`...)
 * and its time, else when it was created.
 */
export function lastChangeOf(cm: Pick<V1ConfigMap, 'metadata'>): LastChange {
  const notes = cm.metadata?.annotations ?? {};
  const stampedAt = notes[LAST_APPLIED_AT];
  const stamped = stampedAt ? Date.parse(stampedAt) : NaN;
  let latest: { manager: string; time: number } | null = null;
  for (const f of cm.metadata?.managedFields ?? []) {
    const time = f.time ? new Date(f.time).getTime() : NaN;
    if (!Number.isNaN(time) && (!latest || time > latest.time))
      latest = { manager: f.manager ?? 'unknown', time };
  }
  if (!Number.isNaN(stamped) && (!latest || latest.time - stamped <= OWN_WRITE_SLACK_MS))
    return { by: notes[LAST_APPLIED_BY] ?? null, at: stampedAt ?? null };
  if (latest) return { by: latest.manager, at: new Date(latest.time).toISOString() };
  const created = cm.metadata?.creationTimestamp;
  return { by: null, at: created ? new Date(created).toISOString() : null };
}

export const containerKeyFor = (namespace: string, name: string) => `cm:${namespace}/${name}`;

/** A ConfigMap read outside the cache (a fresh read, an unlabeled one) as a container. */
export function toContainer(cm: V1ConfigMap): Container {
  return containerOf(cacheConfigMap(cm));
}

/**
 * The cached ConfigMap as a container. Each entry reads its text through the cache's holder, so
 * an entry kept elsewhere (the index) never keeps the text alive once the store compacts it.
 */
export function containerOf(cm: CachedConfigMap): Container {
  const namespace = cm.metadata.namespace ?? '';
  const name = cm.metadata.name ?? '';
  const total = cm.texts.length;
  const common =
    cm.immutable === true
      ? 'the ConfigMap is immutable'
      : total > 1
        ? `the ConfigMap holds ${total} keys; the console edits ConfigMaps that hold one resource`
        : null;
  const lastChange = lastChangeOf(cm);
  const changedAt = lastManagedTime(cm);
  const entry = (key: string, stored: StoredText, isBinary: boolean): StoreEntry => ({
    ref: { type: 'configmap', namespace, name, key },
    get text() {
      return stored.get();
    },
    version: cm.metadata.resourceVersion ?? '',
    origin: {
      type: 'configmap',
      namespace,
      name,
      key,
      uid: cm.metadata.uid,
      labels: cm.metadata.labels ?? {},
      annotations: cm.metadata.annotations ?? {},
    },
    namespace,
    configMapName: name,
    key,
    readOnly:
      common ??
      (isBinary
        ? 'the resource is stored as binaryData'
        : isProvisionedFile(key)
          ? null
          : 'the key has no .json, .yaml or .yml extension, so Perses ignores the file'),
    lastChange,
    ...(changedAt !== undefined && { changedAt }),
  });
  return {
    key: containerKeyFor(namespace, name),
    // data keys before binaryData keys, as the ConfigMap lists them
    entries: cm.texts.map((t) => entry(t.key, t.text, t.binary)),
  };
}

/** The newest managedFields time: when the API server last recorded a change (1 s resolution). */
function lastManagedTime(cm: Pick<V1ConfigMap, 'metadata'>): number | undefined {
  let last: number | undefined;
  for (const f of cm.metadata?.managedFields ?? []) {
    const t = f.time ? new Date(f.time).getTime() : NaN;
    if (!Number.isNaN(t) && (last === undefined || t > last)) last = t;
  }
  return last;
}
