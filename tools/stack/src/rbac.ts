import {
  CoreV1Api,
  KubeConfig,
  RbacAuthorizationV1Api,
  type V1ClusterRole,
  type V1PolicyRule,
} from '@kubernetes/client-node';

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
  await aggregateClusterRoles(rbac);
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

function matches(role: V1ClusterRole, selector: Record<string, string> | undefined): boolean {
  const labels = role.metadata?.labels ?? {};
  return Object.entries(selector ?? {}).every(([k, v]) => labels[k] === v);
}

/**
 * The built-in `view`, `edit` and `admin` ClusterRoles are empty shells filled by
 * kube-controller-manager's aggregation controller, which this stack does not run.
 * Do its work once, so `view` grants what it grants on a real cluster. Aggregated roles feed
 * each other (`view` is labeled to aggregate into `edit`, `edit` into `admin`), so the rules are
 * gathered until nothing changes, as the controller's repeated passes end up doing.
 */
async function aggregateClusterRoles(rbac: RbacAuthorizationV1Api): Promise<void> {
  const roles = (await rbac.listClusterRole()).items;
  const aggregated = roles.filter(
    (r) => r.aggregationRule?.clusterRoleSelectors && r.metadata?.name,
  );
  for (let changed = true; changed;) {
    changed = false;
    for (const role of aggregated) {
      const selectors = role.aggregationRule?.clusterRoleSelectors ?? [];
      const rules: V1PolicyRule[] = roles
        .filter((r) => r !== role && selectors.some((sel) => matches(r, sel.matchLabels)))
        .flatMap((r) => r.rules ?? []);
      if (JSON.stringify(rules) !== JSON.stringify(role.rules ?? [])) {
        role.rules = rules;
        changed = true;
      }
    }
  }
  for (const role of aggregated) {
    await rbac.replaceClusterRole({ name: role.metadata?.name ?? '', body: role });
  }
}
