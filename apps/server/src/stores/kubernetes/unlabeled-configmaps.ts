// ConfigMaps that hold Perses resources but lack the label, listed from the API server only when
// asked: the sidecar never copies them, so the console shows them read-only and never writes them.
import type { V1ConfigMap } from '@kubernetes/client-node';
import { AppError } from '../../domain/errors.ts';
import { resourceKeysOf } from '../../domain/model.ts';
import type { Container, UnlabeledSource } from '../store.ts';
import { toContainer } from './configmap-entries.ts';
import type { KubeClient } from './kube-client.ts';
import { labelSelectorString, matchesLabel, unlabeledSelectorString } from './label-selector.ts';

interface Seen {
  version: string;
  container: Container | null;
}

export class UnlabeledConfigMaps implements UnlabeledSource {
  readonly reason: string;
  /** Last parse per ConfigMap and resourceVersion: most ConfigMaps hold no resource at all. */
  private seen = new Map<string, Seen>();

  constructor(
    private readonly client: KubeClient,
    private readonly namespaces: string[] | 'all',
    private readonly label: { key: string; value?: string },
  ) {
    this.reason = `lacks the label ${labelSelectorString(label)}: the sidecar does not copy it, so Perses never sees it; the console does not edit it`;
  }

  scopes(): (string | null)[] {
    return this.namespaces === 'all' ? [null] : this.namespaces;
  }

  async list(namespace: string | null): Promise<Container[]> {
    const { items } = await this.client.listConfigMaps(
      namespace,
      unlabeledSelectorString(this.label),
    );
    const fresh = new Map<string, Seen>();
    for (const cm of items) {
      const key = `${cm.metadata?.namespace ?? ''}/${cm.metadata?.name ?? ''}`;
      const version = cm.metadata?.resourceVersion ?? '';
      const hit = this.seen.get(key);
      fresh.set(key, hit?.version === version ? hit : { version, container: this.toUnlabeled(cm) });
    }
    // Forget what this scope no longer holds, so the memo stays the size of the cluster's view.
    for (const key of this.seen.keys())
      if (namespace === null || key.startsWith(`${namespace}/`)) this.seen.delete(key);
    for (const [key, s] of fresh) this.seen.set(key, s);
    return [...fresh.values()].flatMap((s) => (s.container ? [s.container] : []));
  }

  async read(namespace: string, name: string): Promise<Container | null> {
    let cm: V1ConfigMap;
    try {
      cm = await this.client.readConfigMap(namespace, name);
    } catch (err) {
      if (err instanceof AppError && err.code === 'not_found') return null;
      throw err;
    }
    if (matchesLabel(cm.metadata?.labels, this.label)) return null;
    return this.toUnlabeled(cm);
  }

  /** The ConfigMap's resource keys as read-only entries, or null when it holds no resource. */
  private toUnlabeled(cm: V1ConfigMap): Container | null {
    const keys = resourceKeysOf(cm);
    if (keys.size === 0) return null;
    const container = toContainer(cm);
    return {
      key: container.key,
      entries: container.entries
        .filter((e) => keys.has(e.key))
        .map((e) => ({ ...e, readOnly: this.reason })),
    };
  }
}
