// Kubernetes target: one client, authorizer and identity for the server's life, and ConfigMap
// stores over any label and namespaces the runtime asks for.
import type { TargetConfig } from '../../config.ts';
import type { Identity } from '../../domain/identity.ts';
import type { Backend, ResourceStore } from '../store.ts';
import { KubeAuthorizer, type AuthorizerOptions } from './kube-authorizer.ts';
import { DEFAULT_DEADLINES, type KubeDeadlines } from './kube-call.ts';
import { KubeClient } from './kube-client.ts';
import { KubernetesStore } from './kubernetes-store.ts';
import type { LoopOptions } from './watch-loop.ts';

/** How the server waits on Kubernetes: call deadlines, access decisions, watch loops. */
export interface KubeOptions {
  deadlines?: Partial<KubeDeadlines>;
  access?: AuthorizerOptions;
  loop?: LoopOptions;
}

export async function kubernetesBackend(
  target: Extract<TargetConfig, { type: 'kubernetes' }>,
  options: KubeOptions = {},
): Promise<Backend> {
  const loopOptions = options.loop ?? {};
  const client = new KubeClient(target, { ...DEFAULT_DEADLINES, ...options.deadlines });
  const me = await client.whoami();
  const identity: Identity = {
    name: me.name,
    groups: me.groups,
    source: target.inCluster ? 'in-cluster' : 'kubeconfig',
  };
  return {
    identity,
    authorizer: new KubeAuthorizer(client, identity, options.access),
    openStore: (scope) =>
      new KubernetesStore(
        client,
        scope.namespaces ?? [client.defaultNamespace],
        scope.label,
        loopOptions,
      ),
    namespaces: (store) => capabilityNamespaces(client, store),
    verifyToken: (credential) =>
      client.forIdentity({ name: '', groups: [], source: 'token', credential }).reviewSelf(),
    kube: client,
  };
}

/** The store's namespaces; for all namespaces, every one the identity may list, else those seen. */
async function capabilityNamespaces(client: KubeClient, store: ResourceStore): Promise<string[]> {
  const target = store.target;
  if (target.type !== 'kubernetes') return [];
  if (target.namespaces !== 'all') return target.namespaces;
  const listed = await client.listNamespaces().catch(() => null);
  const seen = new Set<string>();
  for (const c of store.containers())
    for (const e of c.entries) if (e.namespace) seen.add(e.namespace);
  return (listed ?? [...seen]).sort().slice(0, 200);
}
