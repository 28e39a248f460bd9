import type { ResourceDetail } from '@perses-cm/api';

/** `ConfigMap ns/name` or `file path`: what a save or delete writes, in words. */
export function storageLabel(r: ResourceDetail): string {
  return r.origin.type === 'configmap'
    ? `ConfigMap ${r.origin.namespace}/${r.origin.name}`
    : `file ${r.origin.path}`;
}
