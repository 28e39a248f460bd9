// One HTTP exchange with Perses: URL from the transport, the access token where the transport
// says Perses finds it, and a deadline that aborts the request (and the body read) when it passes.
import { persesUnreachable } from './perses-errors.ts';
import { urlOf, type PersesTransport } from './transport.ts';

export interface HttpAnswer {
  status: number;
  text: string;
}

export interface SendOptions {
  query?: URLSearchParams;
  /** JSON body. */
  body?: unknown;
  /** Access token to present, if any. */
  token?: string;
}

/** Longest wait for one Perses call, body included, unless the client is told otherwise. */
export const DEFAULT_TIMEOUT_MS = 10_000;

export class PersesHttp {
  constructor(
    readonly transport: PersesTransport,
    readonly timeoutMs = DEFAULT_TIMEOUT_MS,
  ) {}

  async send(method: string, path: string, options: SendOptions = {}): Promise<HttpAnswer> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.token !== undefined) Object.assign(headers, this.credentialHeaders(options.token));
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      const res = await this.transport.fetch(urlOf(this.transport, path, options.query), {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: controller.signal,
      });
      return { status: res.status, text: await res.text() };
    } catch (err) {
      const cause = controller.signal.aborted
        ? `no answer within ${this.timeoutMs / 1000} s`
        : causeOf(err);
      throw persesUnreachable(this.transport.description, cause);
    } finally {
      clearTimeout(timer);
    }
  }

  private credentialHeaders(token: string): Record<string, string> {
    if (this.transport.tokenIn === 'header') return { authorization: `Bearer ${token}` };
    // Perses rebuilds `Bearer <header.payload>.<signature>` from these two cookies.
    const cut = token.lastIndexOf('.');
    return { cookie: `jwtPayload=${token.slice(0, cut)}; jwtSignature=${token.slice(cut + 1)}` };
  }
}

/** The innermost message of a network failure (`fetch failed` hides `ECONNREFUSED ...`). */
function causeOf(err: unknown): string {
  let e: unknown = err;
  while (e instanceof Error && e.cause instanceof Error) e = e.cause;
  return e instanceof Error ? e.message : String(e);
}
