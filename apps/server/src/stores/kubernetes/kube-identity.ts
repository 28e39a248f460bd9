// What a per-person Kubernetes client needs: the impersonation headers of a person acting through
// the console's credentials, and the kubeconfig of a person's own token. KubeClient.forIdentity
// puts them to use; kube-http.ts sends the headers on every call.
import { KubeConfig } from '@kubernetes/client-node';

/**
 * Added by the API server to every impersonated user that is not anonymous, without an
 * impersonation check; sending it would need `impersonate` on that group too.
 */
const IMPLIED_GROUP = 'system:authenticated';

/** Who a client acts as through the console's own credentials. */
export interface Impersonation {
  user: string;
  groups: string[];
}

/**
 * `Impersonate-User`, and `Impersonate-Group` as one header line per group. The client library's
 * own kubeconfig support knows only a user, and its request headers are a record, which cannot
 * repeat a header: the API server reads each line as one group, so joining them with commas would
 * impersonate one group named "a,b". Node's HTTP sends an array value as repeated lines.
 */
export function impersonationHeaders(who: Impersonation): Record<string, string | string[]> {
  const groups = who.groups.filter((g) => g !== IMPLIED_GROUP);
  return {
    'Impersonate-User': who.user,
    ...(groups.length > 0 ? { 'Impersonate-Group': groups } : {}),
  };
}

/** The same cluster (server, CA, TLS options) as `base`, authenticated by `token` alone. */
export function tokenKubeConfig(base: KubeConfig, token: string): KubeConfig {
  const cluster = base.getCurrentCluster();
  if (!cluster) throw new Error('the kubeconfig has no current cluster');
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [cluster],
    users: [{ name: 'session', token }],
    contexts: [{ name: 'session', cluster: cluster.name, user: 'session' }],
    currentContext: 'session',
  });
  return kc;
}
