// A fake of the server's HTTP API for component tests: each route answers what the test says,
// and a request to any other URL fails the test (it is answered 599 and reported after the test),
// so a component cannot pass by reading a list where it asked for something else.
import { afterEach, vi } from 'vitest';

export interface FakeRequest {
  method: string;
  /** Path and query, e.g. `/api/v1/resources?unlabeled=true`. */
  url: string;
  body: unknown;
}

export interface FakeResponse {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** `'GET /api/v1/whoami'` → the answer (or a function of the request for dynamic ones). */
export type Routes = Record<string, FakeResponse | ((req: FakeRequest) => FakeResponse)>;

let unexpected: string[] = [];

afterEach(() => {
  const calls = unexpected;
  unexpected = [];
  vi.unstubAllGlobals();
  if (calls.length > 0) throw new Error(`requests to no fake route: ${calls.join(', ')}`);
});

/** Stubs `fetch` with `routes`; returns every request made, in order. */
export function fakeApi(routes: Routes): FakeRequest[] {
  const requests: FakeRequest[] = [];
  const fn = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const req = { method, url: url.pathname + url.search, body };
    requests.push(req);
    const route = routes[`${method} ${req.url}`];
    if (!route) {
      unexpected.push(`${method} ${req.url}`);
      return new Response(null, { status: 599 });
    }
    const res = typeof route === 'function' ? route(req) : route;
    return new Response(res.body === undefined ? null : JSON.stringify(res.body), {
      status: res.status ?? 200,
      headers: { 'content-type': 'application/json', ...res.headers },
    });
  };
  vi.stubGlobal('fetch', vi.fn(fn));
  return requests;
}
