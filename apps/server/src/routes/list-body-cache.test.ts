import { once } from 'node:events';
import { get, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GZIP_FROM_BYTES, ListBodyCache, sendCachedList } from './list-body-cache.ts';

describe('ListBodyCache', () => {
  it('builds a body once per generation and key', () => {
    const cache = new ListBodyCache();
    let built = 0;
    const build = () => `{"n":${++built}}`;
    const first = cache.get('1:0', 'all', build);
    expect(cache.get('1:0', 'all', build)).toBe(first);
    expect(built).toBe(1);
    cache.get('1:0', 'other view', build);
    expect(built).toBe(2);
    const next = cache.get('2:0', 'all', build);
    expect(built).toBe(3);
    expect(next.json.toString()).toBe('{"n":3}');
    expect(cache.builds).toBe(3);
  });

  it('names a body by its content: equal bytes, equal ETag, whatever the key or generation', () => {
    const cache = new ListBodyCache();
    const a = cache.get('1:0', 'view a', () => '{"items":[]}');
    const b = cache.get('2:0', 'view b', () => '{"items":[]}');
    const c = cache.get('2:0', 'view c', () => '{"items":[1]}');
    expect(a.etag).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
    expect(b.etag).toBe(a.etag);
    expect(c.etag).not.toBe(a.etag);
  });
});

describe('sendCachedList', () => {
  const cache = new ListBodyCache();
  let body = 'small';
  let server: Server;
  let base: string;
  const big = () => JSON.stringify({ items: Array.from({ length: 2000 }, (_, i) => `item ${i}`) });

  beforeAll(async () => {
    const app = express();
    app.get('/list', (req, res) => {
      const text = body === 'small' ? '{"items":[]}' : big();
      sendCachedList(
        req,
        res,
        cache.get(body, 'k', () => text),
      );
    });
    server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server?.close());

  function fetchRaw(headers: Record<string, string>) {
    return new Promise<{ status: number; headers: IncomingHttpHeaders; bytes: Buffer }>(
      (resolve, reject) => {
        get(`${base}/list`, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode!,
              headers: res.headers,
              bytes: Buffer.concat(chunks),
            }),
          );
        }).on('error', reject);
      },
    );
  }

  it('answers 304 with no body to a browser holding the current list, 200 otherwise', async () => {
    body = 'small';
    const first = await fetchRaw({});
    expect(first.status).toBe(200);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    const etag = first.headers.etag!;
    expect(etag).toMatch(/^W\//);
    const again = await fetchRaw({ 'if-none-match': etag });
    expect([again.status, again.bytes.length, again.headers.etag]).toEqual([304, 0, etag]);
    const stale = await fetchRaw({ 'if-none-match': 'W/"something-else"' });
    expect(stale.status).toBe(200);
    expect(stale.bytes.toString()).toBe('{"items":[]}');
    // A reload that bypasses the cache gets the body even with a matching ETag.
    const forced = await fetchRaw({ 'if-none-match': etag, 'cache-control': 'no-cache' });
    expect(forced.status).toBe(200);
  });

  it('sends large lists gzip-compressed once, with their length and the same ETag', async () => {
    body = 'large';
    expect(Buffer.byteLength(big())).toBeGreaterThan(GZIP_FROM_BYTES);
    const plain = await fetchRaw({});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.bytes.toString()).toBe(big());
    const zipped = await fetchRaw({ 'accept-encoding': 'gzip, deflate, br' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(Number(zipped.headers['content-length'])).toBe(zipped.bytes.length);
    expect(gunzipSync(zipped.bytes).toString()).toBe(big());
    expect(zipped.headers.etag).toBe(plain.headers.etag);
    const builds = cache.builds;
    const cached = await fetchRaw({
      'accept-encoding': 'gzip',
      'if-none-match': zipped.headers.etag!,
    });
    expect(cached.status).toBe(304);
    expect(cache.builds).toBe(builds);
  });
});
