// Test helper: a ServiceAccount for a console under test with exactly the rights given, its
// token (TokenRequest) in a kubeconfig, and a RoleBinding maker; `cleanup` removes them all.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CoreV1Api,
  KubeConfig,
  RbacAuthorizationV1Api,
  type V1PolicyRule,
} from '@kubernetes/client-node';
import { parse, stringify } from 'yaml';
import { uniq } from './kube-fixture.ts';

export interface ConsoleAccount {
  name: string;
  kubeconfig: string;
  /** Binds a ClusterRole in one namespace to a group (as a team's RoleBinding would). */
  bindGroup(namespace: string, group: string, clusterRole: string): Promise<void>;
  cleanup(): Promise<void>;
}

/** The static token of a stack user, read from its kubeconfig. */
export async function tokenOf(kubeconfig: string): Promise<string> {
  const doc = parse(await readFile(kubeconfig, 'utf8')) as { users: { user: { token: string } }[] };
  const token = doc.users[0]?.user.token;
  if (!token) throw new Error(`${kubeconfig} holds no token`);
  return token;
}

export async function consoleAccount(
  adminKubeconfig: string,
  rules: V1PolicyRule[],
): Promise<ConsoleAccount> {
  const kc = new KubeConfig();
  kc.loadFromFile(adminKubeconfig);
  const core = kc.makeApiClient(CoreV1Api);
  const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
  const name = uniq('console');
  const namespace = 'perses';
  const undo: (() => Promise<unknown>)[] = [];

  await core.createNamespacedServiceAccount({ namespace, body: { metadata: { name } } });
  undo.push(() => core.deleteNamespacedServiceAccount({ namespace, name }));
  await rbac.createClusterRole({ body: { metadata: { name }, rules } });
  undo.push(() => rbac.deleteClusterRole({ name }));
  await rbac.createClusterRoleBinding({
    body: {
      metadata: { name },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
      subjects: [{ kind: 'ServiceAccount', name, namespace }],
    },
  });
  undo.push(() => rbac.deleteClusterRoleBinding({ name }));

  const request = await core.createNamespacedServiceAccountToken({
    name,
    namespace,
    body: { spec: { audiences: [], expirationSeconds: 3600 } },
  });
  const token = request.status?.token;
  if (!token) throw new Error('the API server issued no token');
  const doc = parse(await readFile(adminKubeconfig, 'utf8')) as {
    users: { name: string; user: Record<string, unknown> }[];
  };
  for (const u of doc.users) u.user = { token };
  const dir = await mkdtemp(path.join(tmpdir(), 'perses-cm-sa-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  await writeFile(kubeconfig, stringify(doc), { mode: 0o600 });

  return {
    name: `system:serviceaccount:${namespace}:${name}`,
    kubeconfig,
    bindGroup: async (ns, group, clusterRole) => {
      const binding = uniq(`${group}-${clusterRole}`);
      await rbac.createNamespacedRoleBinding({
        namespace: ns,
        body: {
          metadata: { name: binding },
          roleRef: {
            apiGroup: 'rbac.authorization.k8s.io',
            kind: 'ClusterRole',
            name: clusterRole,
          },
          subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: group }],
        },
      });
      undo.push(() => rbac.deleteNamespacedRoleBinding({ namespace: ns, name: binding }));
    },
    cleanup: async () => {
      for (const u of undo.reverse()) await u().catch(() => undefined);
    },
  };
}

/** What every console needs on its own: read the labeled ConfigMaps, ask access reviews. */
export const CONSOLE_READ_RULES: V1PolicyRule[] = [
  { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] },
  {
    apiGroups: ['authorization.k8s.io'],
    resources: ['selfsubjectaccessreviews', 'subjectaccessreviews'],
    verbs: ['create'],
  },
  { apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'], verbs: ['create'] },
];
