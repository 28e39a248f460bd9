// The paged LIST of labeled ConfigMaps, read lean: each page is one GET parsed with JSON.parse
// into plain objects (the generated client's serializer would deep-copy every object into typed
// classes), stripped of what the console never reads (the fields each manager owns), and handed
// on while the next page is already on its way, so indexing overlaps the transfer.
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { KubeConfig, V1ConfigMap } from '@kubernetes/client-node';
import { AppError } from '../../domain/errors.ts';
import { kubeStatusError } from './kube-status.ts';

export interface ConfigMapPage {
  items: V1ConfigMap[];
  resourceVersion: string;
  continueToken: string | undefined;
}

/** Longest wait for one page, body included: a hung API server must not hang a start. */
const PAGE_TIMEOUT_MS = 60_000;

/**
 * What the cache keeps of a ConfigMap: of the server's field-ownership records only the latest
 * writer and its time (each resource's last change, `lastChangeOf`), not the fields they own.
 */
export function slim(cm: V1ConfigMap): V1ConfigMap {
  const meta = cm?.metadata;
  const records = meta?.managedFields;
  if (!meta || records === undefined) return cm;
  const when = (r: (typeof records)[number]) => (r.time ? new Date(r.time).getTime() : NaN);
  const latest = records.reduce<(typeof records)[number] | undefined>(
    (best, r) => (Number.isNaN(when(r)) || (best && when(best) >= when(r)) ? best : r),
    undefined,
  );
  meta.managedFields = latest ? [{ manager: latest.manager, time: latest.time }] : [];
  return cm;
}

export interface ListSelectors {
  labelSelector: string;
  fieldSelector?: string;
}

function pageUrl(
  server: string,
  namespace: string | null,
  { labelSelector, fieldSelector }: ListSelectors,
  limit: number,
  continueToken: string | undefined,
): URL {
  const path =
    namespace === null
      ? '/api/v1/configmaps'
      : `/api/v1/namespaces/${encodeURIComponent(namespace)}/configmaps`;
  const url = new URL(server.replace(/\/+$/, '') + path);
  url.searchParams.set('labelSelector', labelSelector);
  if (fieldSelector) url.searchParams.set('fieldSelector', fieldSelector);
  url.searchParams.set('limit', String(limit));
  if (continueToken) url.searchParams.set('continue', continueToken);
  return url;
}

/** One GET whose whole body is read; the status code decides what the body means. */
async function get(
  kc: KubeConfig,
  url: URL,
  timeoutMs: number,
): Promise<{ status: number; body: string }> {
  const options: RequestOptions = { method: 'GET', headers: { accept: 'application/json' } };
  await kc.applyToHTTPSOptions(options);
  const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { ...options, signal: AbortSignal.timeout(timeoutMs) });
    req.on('error', (err) =>
      reject(
        err.name === 'AbortError' || err.name === 'TimeoutError'
          ? new AppError(
              'unavailable',
              `Kubernetes API did not answer within ${timeoutMs / 1000} s`,
            )
          : new AppError('unavailable', `Kubernetes API unreachable: ${err.message}`),
      ),
    );
    req.on('response', (res: IncomingMessage) => {
      // Decoded chunk by chunk, so each socket buffer dies young and its memory is reused for
      // the next one; holding a page of them (hundreds of 64 KB buffers) until the end would
      // leave the process that much larger after every load.
      res.setEncoding('utf8');
      let body = '';
      res.on('data', (chunk: string) => (body += chunk));
      res.on('error', (err) =>
        reject(new AppError('unavailable', `Kubernetes API: ${err.message}`)),
      );
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.end();
  });
}

async function fetchPage(kc: KubeConfig, url: URL, timeoutMs: number): Promise<ConfigMapPage> {
  const { status, body } = await get(kc, url, timeoutMs);
  if (status !== 200) {
    let parsed: unknown = body;
    try {
      parsed = JSON.parse(body);
    } catch {
      // not a Status object: the text is the message
    }
    throw kubeStatusError(status, parsed);
  }
  const list = JSON.parse(body) as {
    items?: V1ConfigMap[] | null;
    metadata?: { resourceVersion?: string; continue?: string };
  };
  const items = list.items ?? [];
  for (const cm of items) slim(cm);
  return {
    items,
    resourceVersion: list.metadata?.resourceVersion ?? '',
    continueToken: list.metadata?.continue || undefined,
  };
}

/**
 * Lists every page; `onPage` runs on each page while the next one downloads. The pages form one
 * consistent snapshot (continue tokens), whose resourceVersion a watch starts from.
 */
export async function listConfigMapPages(
  kc: KubeConfig,
  server: string,
  namespace: string | null,
  selectors: ListSelectors,
  pageSize: number,
  onPage: (items: V1ConfigMap[]) => Promise<void> | void,
  timeoutMs = PAGE_TIMEOUT_MS,
): Promise<{ resourceVersion: string }> {
  let next: Promise<ConfigMapPage> | null = fetchPage(
    kc,
    pageUrl(server, namespace, selectors, pageSize, undefined),
    timeoutMs,
  );
  let resourceVersion = '';
  while (next) {
    const page: ConfigMapPage = await next;
    resourceVersion = page.resourceVersion || resourceVersion;
    next = page.continueToken
      ? fetchPage(
          kc,
          pageUrl(server, namespace, selectors, pageSize, page.continueToken),
          timeoutMs,
        )
      : null;
    // A failed next page must not go unhandled while this one is processed; it is awaited above.
    next?.catch(() => undefined);
    await onPage(page.items);
  }
  return { resourceVersion };
}
