// Test helper: the setup most tests of the console against Kubernetes share, in one place so they
// start it alike: a console run as the stack's administrator over some namespaces, a client of
// its API, and the administrator's own client to check what landed in the API server.
import { ApiException, type CoreV1Api, type V1ConfigMap } from '@kubernetes/client-node';
import type { ServerConfig } from '../config.ts';
import type { RunningServer } from '../main.ts';
import { apiClient, type ApiClient } from './api-client.ts';
import { core, stackEnv, startKubeServer, type StackEnv } from './kube-fixture.ts';

export interface AdminConsole {
  env: StackEnv;
  admin: CoreV1Api;
  srv: RunningServer;
  api: ApiClient;
}

export async function startAdminConsole(
  namespaces: string[],
  extra: Partial<ServerConfig> = {},
): Promise<AdminConsole> {
  const env = stackEnv();
  const admin = core(env.kubeconfigs.admin);
  const srv = await startKubeServer(env.kubeconfigs.admin, namespaces, extra);
  return { env, admin, srv, api: apiClient(srv.url) };
}

/** A ConfigMap as the API server holds it, or null when it has none: tests assert both. */
export async function readConfigMap(
  api: CoreV1Api,
  namespace: string,
  name: string,
): Promise<V1ConfigMap | null> {
  try {
    return await api.readNamespacedConfigMap({ namespace, name });
  } catch (err) {
    if (err instanceof ApiException && err.code === 404) return null;
    throw err;
  }
}
