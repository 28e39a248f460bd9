// The HTTP library under every generated Kubernetes API call: Node's own request with the agent
// and headers the kubeconfig put on the call, aborted by a deadline's signal. The client's default
// (node-fetch 2) pipes the response without an error listener, so a connection reset after the
// headers throws an uncaught error that stops the process; here every error goes to the call.
import http from 'node:http';
import https from 'node:https';
import { createGunzip } from 'node:zlib';
import {
  ResponseContext,
  SelfDecodingBody,
  wrapHttpLibrary,
  type HttpLibrary,
  type RequestContext,
} from '@kubernetes/client-node';

type Headers = Record<string, string | string[]>;

/** The call's own headers, with `extra` (impersonation) in place of any impersonation it set. */
function headersOf(ctx: RequestContext, extra: Headers): Headers {
  const headers: Headers = {};
  for (const [name, value] of Object.entries(ctx.getHeaders()))
    if (!/^impersonate-/i.test(name)) headers[name] = value;
  return { ...headers, ...extra, 'accept-encoding': 'gzip' };
}

function send(ctx: RequestContext, signal: AbortSignal, extra: Headers): Promise<ResponseContext> {
  return new Promise((resolve, reject) => {
    const url = new URL(ctx.getUrl());
    const body = ctx.getBody();
    if (body !== undefined && typeof body !== 'string' && !(body instanceof URLSearchParams)) {
      reject(new Error('form bodies are not sent to Kubernetes'));
      return;
    }
    const request = url.protocol === 'https:' ? https.request : http.request;
    const req = request(
      url,
      {
        method: ctx.getHttpMethod(),
        headers: headersOf(ctx, extra),
        agent: ctx.getAgent(),
        signal,
      },
      (res) => {
        res.on('error', reject);
        const gzip = res.headers['content-encoding'] === 'gzip';
        const stream = gzip ? res.pipe(createGunzip()) : res;
        const chunks: Buffer[] = [];
        stream.on('error', reject);
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers))
            if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
          const data = Promise.resolve(Buffer.concat(chunks));
          resolve(new ResponseContext(res.statusCode ?? 0, headers, new SelfDecodingBody(data)));
        });
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : String(body));
  });
}

/**
 * An HTTP library whose every request ends when `signal` aborts, its body included; `extra`
 * headers (impersonation) go on every request, an array value as repeated lines.
 */
export function httpWithDeadline(signal: AbortSignal, extra: Headers = {}): HttpLibrary {
  return wrapHttpLibrary({ send: (ctx) => send(ctx, signal, extra) });
}
