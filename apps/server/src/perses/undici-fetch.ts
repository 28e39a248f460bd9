// The default way to reach Perses directly: undici's `request`, which costs a fraction of the
// CPU of the global fetch per call (fetch adds WHATWG streams, Request/Headers objects and a
// streaming inflate on top of the same engine). A steady-state status poll makes a few dozen
// calls, one of them a metadata list of thousands of items, so this is most of what a poll costs.
// Bodies are asked for gzip-compressed (Perses compresses its answers) and inflated whole.
import { gunzipSync } from 'node:zlib';
import { request, type Dispatcher } from 'undici';
import type { FetchLike } from './transport.ts';

export const undiciFetch: FetchLike = async (url, init) => {
  const res = await request(url, {
    method: init.method as Dispatcher.HttpMethod,
    headers: { ...init.headers, 'accept-encoding': 'gzip' },
    body: init.body,
    signal: init.signal,
  });
  const get = (name: string): string | null => {
    const v = res.headers[name.toLowerCase()];
    return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
  };
  return {
    status: res.statusCode,
    headers: { get },
    text: async () => {
      const raw = Buffer.from(await res.body.arrayBuffer());
      const gzipped = get('content-encoding') === 'gzip' && raw.length > 0;
      const body = gzipped ? gunzipSync(raw) : raw;
      return body.toString('utf8');
    },
  };
};
