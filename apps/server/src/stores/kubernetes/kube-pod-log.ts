// A container's log through the API server (`pods/log`), read from a point in time with the
// kubelet's timestamps on every line, so each read is small and lines can be told apart. The
// generated client has no `sinceTime`, so the request is made here with the client's credentials.
import type { Agent } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import nodeFetch from 'node-fetch';
import { kubeStatusError } from './kube-status.ts';

export interface PodLogRequest {
  namespace: string;
  pod: string;
  container: string;
  /** RFC 3339; lines at or after it (the API server compares whole seconds). */
  sinceTime?: string;
  /** Most bytes to read (the API server cuts the answer there). */
  limitBytes?: number;
}

const TIMEOUT_MS = 15_000;

export async function readPodLog(
  kc: KubeConfig,
  server: string,
  req: PodLogRequest,
): Promise<string> {
  const query = new URLSearchParams({ container: req.container, timestamps: 'true' });
  if (req.sinceTime) query.set('sinceTime', req.sinceTime);
  if (req.limitBytes) query.set('limitBytes', String(req.limitBytes));
  const url = `${server.replace(/\/+$/, '')}/api/v1/namespaces/${encodeURIComponent(req.namespace)}/pods/${encodeURIComponent(req.pod)}/log?${query}`;
  const opts = await kc.applyToFetchOptions({});
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    const res = await nodeFetch(url, {
      agent: opts.agent as Agent,
      headers: opts.headers as Record<string, string>,
      signal: controller.signal as never,
    });
    const text = await res.text();
    if (res.status !== 200) throw kubeStatusError(res.status, text);
    return text;
  } finally {
    clearTimeout(timer);
  }
}
