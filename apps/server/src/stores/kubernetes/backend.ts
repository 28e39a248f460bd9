// Kubernetes target: client, ConfigMap store, authorizer and identity, wired together.
import type { TargetConfig } from '../../config.ts';
import type { Identity } from '../../domain/identity.ts';
import type { Backend } from '../store.ts';
import { KubeAuthorizer } from './kube-authorizer.ts';
import { KubeClient } from './kube-client.ts';
import { KubernetesStore } from './kubernetes-store.ts';
import type { LoopOptions } from './watch-loop.ts';

export async function kubernetesBackend(
  target: Extract<TargetConfig, { type: 'kubernetes' }>,
  label: { key: string; value?: string },
  loopOptions: LoopOptions = {},
): Promise<Backend> {
  const client = new KubeClient(target);
  const namespaces = target.namespaces ?? [client.defaultNamespace];
  const store = new KubernetesStore(client, namespaces, label, loopOptions);
  const me = await client.whoami();
  const identity: Identity = {
    name: me.name,
    groups: me.groups,
    source: target.inCluster ? 'in-cluster' : 'kubeconfig',
  };
  return {
    store,
    authorizer: new KubeAuthorizer(client, identity),
    identity,
    namespaces: async () => {
      if (namespaces !== 'all') return namespaces;
      // Every namespace when the identity may list them, else those holding resources.
      const listed = await client.listNamespaces().catch(() => null);
      const seen = new Set<string>();
      for (const c of store.containers())
        for (const e of c.entries) if (e.namespace) seen.add(e.namespace);
      return (listed ?? [...seen]).sort().slice(0, 200);
    },
  };
}
