import { CoreV1Api, KubeConfig, RbacAuthorizationV1Api } from '@kubernetes/client-node';

export const NAMESPACES = ['perses', 'team-a', 'team-b'] as const;
/** The only namespace where `editor` may write ConfigMaps. */
export const EDITOR_NAMESPACE = 'team-a';

/**
 * Namespaces and RBAC of the stack: viewer reads everything (built-in `view`),
 * editor reads everything and edits ConfigMaps in team-a only, the sidecar
 * lists and watches ConfigMaps cluster-wide (as the chart's ClusterRole).
 */
export async function bootstrapCluster(adminKubeconfig: string): Promise<void> {
  const kc = new KubeConfig();
  kc.loadFromFile(adminKubeconfig);
  const core = kc.makeApiClient(CoreV1Api);
  const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
  for (const name of NAMESPACES) {
    await core.createNamespace({ body: { metadata: { name } } });
  }
  const viewBinding = (user: string) =>
    rbac.createClusterRoleBinding({
      body: {
        metadata: { name: `stack-${user}-view` },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user }],
      },
    });
  await viewBinding('viewer');
  await viewBinding('editor');
  await rbac.createNamespacedRole({
    namespace: EDITOR_NAMESPACE,
    body: {
      metadata: { name: 'configmap-editor' },
      rules: [
        {
          apiGroups: [''],
          resources: ['configmaps'],
          verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
        },
      ],
    },
  });
  await rbac.createNamespacedRoleBinding({
    namespace: EDITOR_NAMESPACE,
    body: {
      metadata: { name: 'editor-configmap-editor' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'configmap-editor' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'editor' }],
    },
  });
  await rbac.createClusterRole({
    body: {
      metadata: { name: 'perses-sidecar' },
      rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] }],
    },
  });
  await rbac.createClusterRoleBinding({
    body: {
      metadata: { name: 'perses-sidecar' },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: 'perses-sidecar',
      },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'perses-sidecar' }],
    },
  });
}
