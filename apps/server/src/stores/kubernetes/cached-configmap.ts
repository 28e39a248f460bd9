// What the watch cache keeps of a ConfigMap: every metadata field (a write sends them back, so a
// dropped one would be deleted) but the field-ownership records beyond the latest, and each data
// key's text in a holder the store compacts once the text has cooled (stores/stored-text.ts).
import type { V1ConfigMap, V1ObjectMeta } from '@kubernetes/client-node';
import { Buffer } from 'node:buffer';
import { StoredText } from '../stored-text.ts';
import { slim } from './kube-list.ts';

export interface CachedText {
  key: string;
  text: StoredText;
  /** Held under binaryData (decoded as UTF-8), which the console does not write. */
  binary: boolean;
}

export interface CachedConfigMap {
  metadata: V1ObjectMeta;
  immutable?: boolean;
  texts: CachedText[];
}

/** The cache record of `cm`; `hold` makes the text holders (a store's compactor queues them). */
export function cacheConfigMap(
  cm: V1ConfigMap,
  hold: (text: string) => StoredText = (text) => new StoredText(text),
): CachedConfigMap {
  const texts: CachedText[] = [
    ...Object.entries(cm.data ?? {}).map(([key, v]) => ({ key, text: hold(v), binary: false })),
    ...Object.entries(cm.binaryData ?? {}).map(([key, v]) => ({
      key,
      text: hold(Buffer.from(v, 'base64').toString('utf8')),
      binary: true,
    })),
  ];
  return {
    metadata: slim(cm).metadata ?? {},
    ...(cm.immutable !== undefined && { immutable: cm.immutable }),
    texts,
  };
}
