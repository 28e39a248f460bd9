// What a per-person Kubernetes client needs: the API server's HTTP layer that adds impersonation
// headers, and the kubeconfig of a person's own token. KubeClient.forIdentity puts them to use.
import {
  KubeConfig,
  ResponseContext,
  wrapHttpLibrary,
  type HttpLibrary,
  type RequestContext,
} from '@kubernetes/client-node';
import nodeFetch from 'node-fetch';

/**
 * Added by the API server to every impersonated user that is not anonymous, without an
 * impersonation check; sending it would need `impersonate` on that group too.
 */
const IMPLIED_GROUP = 'system:authenticated';

/**
 * The client library's fetch, with `Impersonate-User` and one `Impersonate-Group` line per group.
 * Its own kubeconfig support knows only a user, and its request headers are a record, which
 * cannot repeat a header: the API server reads each line as one group, so joining them with
 * commas would impersonate one group named "a,b".
 */
export function impersonatingHttp(user: string, groups: string[]): HttpLibrary {
  return wrapHttpLibrary({
    async send(request: RequestContext): Promise<ResponseContext> {
      const headers = new nodeFetch.Headers();
      for (const [name, value] of Object.entries(request.getHeaders())) {
        if (!/^impersonate-/i.test(name)) headers.set(name, value);
      }
      headers.set('Impersonate-User', user);
      for (const g of groups) if (g !== IMPLIED_GROUP) headers.append('Impersonate-Group', g);
      const res = await nodeFetch(request.getUrl(), {
        method: request.getHttpMethod().toString(),
        body: request.getBody() as string | undefined,
        headers,
        signal: request.getSignal() as never,
        agent: request.getAgent(),
      });
      const answer: Record<string, string> = {};
      res.headers.forEach((value, name) => (answer[name] = value));
      return new ResponseContext(res.status, answer, {
        text: () => res.text(),
        binary: () => res.buffer(),
      });
    },
  });
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
