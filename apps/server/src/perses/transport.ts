// How the Perses client reaches Perses: a base URL and a fetch-like function. Directly (undici on
// the Perses URL, see undici-fetch.ts), or through something in between, such as the Kubernetes
// API server's service proxy with the console's Kubernetes credentials.
import { undiciFetch } from './undici-fetch.ts';

export interface TransportRequest {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
}

/** The part of a fetch Response the client reads (the global fetch and node-fetch both fit). */
export interface TransportResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export type FetchLike = (url: string, init: TransportRequest) => Promise<TransportResponse>;

export interface PersesTransport {
  /** Where every Perses path is resolved: the Perses URL, or a proxy path ending in `/`. */
  baseUrl: string;
  fetch: FetchLike;
  /**
   * Where Perses finds the access token. A proxy that authenticates the console itself consumes
   * the Authorization header (kube-apiserver deletes it after authenticating), so there the token
   * travels in the two cookies Perses also reads (`jwtPayload`, `jwtSignature`).
   */
  tokenIn: 'header' | 'cookie';
  /** How Perses is reached, for people: a URL, or the service and the proxy in front of it. */
  description: string;
}

/** Perses at its own URL (a path prefix such as Perses's `api_prefix` is kept). */
export function directTransport(url: string, fetchFn: FetchLike = undiciFetch): PersesTransport {
  const u = new URL(url);
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new Error('Perses URL must be http(s)');
  if (u.username || u.password) throw new Error('Perses URL must not carry credentials');
  u.search = '';
  u.hash = '';
  return {
    baseUrl: u.toString(),
    fetch: fetchFn,
    tokenIn: 'header',
    description: u.toString().replace(/\/$/, ''),
  };
}

/** A Perses path (`/api/...`) under the transport's base, which may carry a path of its own. */
export function urlOf(transport: PersesTransport, path: string, query?: URLSearchParams): string {
  const base = transport.baseUrl.endsWith('/') ? transport.baseUrl : `${transport.baseUrl}/`;
  const u = new URL(path.replace(/^\/+/, ''), base);
  if (query && [...query.keys()].length > 0) u.search = query.toString();
  return u.toString();
}

/**
 * Perses behind a proxy that authenticates the console itself, such as the Kubernetes API
 * server's service proxy (`KubeClient.serviceProxy`): the access token goes in cookies.
 */
export function proxiedTransport(proxy: {
  baseUrl: string;
  description: string;
  fetch: FetchLike;
}): PersesTransport {
  return { ...proxy, tokenIn: 'cookie' };
}
