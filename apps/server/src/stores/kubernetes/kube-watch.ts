// One watch request, read line by line, under a deadline of our own. The client library's Watch
// cannot be trusted with a frozen connection: it drops its own timeout (it replaces the combined
// signal with the bare one), TCP keep-alive is answered by whatever sits in between, and it hands
// out its abort handle only once the response headers arrived, which a hung server never sends.
// So the request is Node's own, with the kubeconfig's agent and headers, destroyed at will.
import http, { type ClientRequest } from 'node:http';
import https from 'node:https';
import { createInterface } from 'node:readline';
import type { KubeConfig } from '@kubernetes/client-node';
import { AppError } from '../../domain/errors.ts';
import { kubeStatusError } from './kube-status.ts';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchHandle {
  abort(): void;
}

export interface WatchRequest {
  path: string;
  params: Record<string, string>;
  /**
   * The server ends the watch after `timeoutSeconds`, with a bookmark two seconds before; when
   * neither came `graceMs` later, the connection is dead, whatever TCP says.
   */
  timeoutSeconds: number;
  graceMs: number;
}

export interface WatchCallbacks {
  onEvent(type: WatchEventType, object: unknown): void;
  /** Called once: null when the server closed the watch, else why it ended. */
  onDone(err: AppError | null): void;
  /** Any byte from the server: it is reachable. */
  onAnswer(): void;
}

export function openWatch(kc: KubeConfig, spec: WatchRequest, cb: WatchCallbacks): WatchHandle {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new AppError('bad_request', 'the kubeconfig has no current cluster');
  const url = new URL(cluster.server + spec.path);
  url.searchParams.set('watch', 'true');
  url.searchParams.set('timeoutSeconds', String(spec.timeoutSeconds));
  for (const [k, v] of Object.entries(spec.params)) url.searchParams.set(k, v);

  let req: ClientRequest | null = null;
  let done = false;
  const finish = (err: AppError | null) => {
    if (done) return;
    done = true;
    clearTimeout(deadline);
    // Destroying the request ends its response too; every error goes to listeners set up front.
    req?.destroy();
    cb.onDone(err);
  };
  const limitMs = spec.timeoutSeconds * 1000 + spec.graceMs;
  const deadline = setTimeout(
    () =>
      finish(
        new AppError(
          'unavailable',
          `Kubernetes is unreachable: the watch got neither its bookmark nor its end within ${Math.round(limitMs / 1000)} s`,
        ),
      ),
    limitMs,
  );
  const failed = (err: unknown) =>
    finish(
      new AppError(
        'unavailable',
        `Kubernetes is unreachable: the watch failed: ${(err as Error).message ?? String(err)}`,
      ),
    );

  const options: https.RequestOptions = { method: 'GET', headers: {} };
  kc.applyToHTTPSOptions(options).then(() => {
    if (done) return;
    const send = url.protocol === 'https:' ? https.request : http.request;
    req = send(url, options, (res) => {
      cb.onAnswer();
      res.on('error', failed);
      if (res.statusCode !== 200) {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk.slice(0, 4096 - body.length)));
        res.on('end', () => finish(kubeStatusError(res.statusCode ?? 500, body)));
        return;
      }
      const lines = createInterface({ input: res, crlfDelay: Infinity });
      // readline re-emits the response's errors (a reset: "aborted") as its own.
      lines.on('error', failed);
      lines.on('line', (line) => {
        if (done) return;
        cb.onAnswer();
        let event: { type?: unknown; object?: unknown };
        try {
          event = JSON.parse(line) as typeof event;
        } catch {
          return;
        }
        cb.onEvent(event.type as WatchEventType, event.object);
      });
      lines.on('close', () => finish(null));
    });
    req.on('error', failed);
    req.end();
  }, failed);

  return { abort: () => finish(null) };
}
