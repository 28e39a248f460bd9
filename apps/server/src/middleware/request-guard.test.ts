import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDirectoryServer, type DirectoryServer } from '../testing/directory-server.ts';

let srv: DirectoryServer;
beforeAll(async () => {
  srv = await startDirectoryServer();
});
afterAll(async () => srv.dispose());

/** A raw request, so the Host header can be anything (fetch forbids setting it). */
function raw(method: string, path: string, headers: Record<string, string>): Promise<number> {
  const url = new URL(srv.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(method === 'POST' ? '{}' : undefined);
  });
}

describe('request guard on a loopback server', () => {
  it('answers requests addressed to loopback names', async () => {
    for (const host of ['localhost:1234', '127.0.0.1', '[::1]:8080']) {
      expect(await raw('GET', '/healthz', { host }), host).toBe(200);
    }
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect(await raw('GET', '/api/v1/resources', { host: 'evil.example:8080' })).toBe(403);
    expect(await raw('GET', '/api/v1/resources', { host: '127.0.0.1.evil.example' })).toBe(403);
  });

  it('refuses cross-site writes but not cross-site reads of static pages', async () => {
    const headers = {
      host: 'localhost',
      'content-type': 'application/json',
      'sec-fetch-site': 'cross-site',
    };
    expect(await raw('POST', '/api/v1/resources', headers)).toBe(403);
    expect(
      await raw('POST', '/api/v1/resources', { ...headers, 'sec-fetch-site': 'same-origin' }),
    ).toBe(400);
    expect(await raw('GET', '/healthz', headers)).toBe(200);
  });
});
