// The API server's service proxy (`/api/v1/namespaces/{ns}/services/{name}:{port}/proxy/`) as a
// base URL and a fetch carrying the console's Kubernetes credentials; KubeClient hands it out.
import type { Agent } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import nodeFetch from 'node-fetch';

export interface ServiceProxy {
  baseUrl: string;
  description: string;
  fetch(
    url: string,
    init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal },
  ): Promise<{
    status: number;
    headers: { get(name: string): string | null };
    text(): Promise<string>;
  }>;
}

/**
 * The client library's own fetch (node-fetch) takes the https agent that holds the cluster's CA
 * and client certificate. The API server consumes the Authorization header after authenticating
 * the console, so a credential for the service itself must travel another way.
 */
export function serviceProxyOf(
  kc: KubeConfig,
  server: string,
  namespace: string,
  service: string,
  port: string | number,
): ServiceProxy {
  const ref = `${encodeURIComponent(service)}:${encodeURIComponent(String(port))}`;
  return {
    baseUrl: `${server.replace(/\/+$/, '')}/api/v1/namespaces/${encodeURIComponent(namespace)}/services/${ref}/proxy/`,
    description: `service ${namespace}/${service}:${port} through the Kubernetes API server ${server}`,
    fetch: async (url, init) => {
      const opts = await kc.applyToFetchOptions({});
      // The API server credentials win over any header of the caller's.
      const headers: Record<string, string> = { ...init.headers };
      (opts.headers as { forEach(cb: (v: string, k: string) => void): void } | undefined)?.forEach(
        (v, k) => (headers[k] = v),
      );
      return nodeFetch(url, {
        agent: opts.agent as Agent,
        method: init.method,
        headers,
        body: init.body,
        signal: init.signal as never,
      });
    },
  };
}
