// Test helper: a tiny typed client over the server's HTTP API.
import { API } from '@perses-cm/api';

export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export function apiClient(base: string) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read bodies loosely
  const call = async <T = any>(
    method: string,
    path: string,
    body?: unknown,
    raw?: string,
  ): Promise<Reply<T>> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers:
        body !== undefined || raw !== undefined ? { 'content-type': 'application/json' } : {},
      body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* keep text */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  };
  return {
    call,
    list: (query = '') => call('GET', `${API.resources}${query}`),
    get: (id: string) => call('GET', API.resource(id)),
    create: (body: unknown) => call('POST', API.resources, body),
    update: (id: string, body: unknown) => call('PUT', API.resource(id), body),
    remove: (id: string, version: string) =>
      call('DELETE', `${API.resource(id)}?version=${encodeURIComponent(version)}`),
    validate: (body: unknown) => call('POST', API.validate, body),
  };
}
