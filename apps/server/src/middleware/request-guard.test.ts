import express from 'express';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDirectoryServer, type DirectoryServer } from '../testing/directory-server.ts';
import { rawRequest } from '../testing/raw-http.ts';
import { requestGuard } from './request-guard.ts';

let srv: DirectoryServer;
beforeAll(async () => {
  srv = await startDirectoryServer();
});
afterAll(async () => srv.dispose());

const status = async (
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
) => (await rawRequest(base, method, path, headers, method === 'POST' ? '{}' : undefined)).status;

describe('request guard on a loopback server', () => {
  it('answers requests addressed to loopback names', async () => {
    for (const host of ['localhost:1234', '127.0.0.1', '[::1]:8080']) {
      expect(await status(srv.url, 'GET', '/healthz', { host }), host).toBe(200);
    }
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect(await status(srv.url, 'GET', '/api/v1/resources', { host: 'evil.example:8080' })).toBe(
      403,
    );
    expect(
      await status(srv.url, 'GET', '/api/v1/resources', { host: '127.0.0.1.evil.example' }),
    ).toBe(403);
    expect(await status(srv.url, 'GET', '/healthz', { host: 'evil.example' })).toBe(403);
  });

  it('refuses cross-site writes but not cross-site reads', async () => {
    const headers = {
      host: 'localhost',
      'content-type': 'application/json',
      'x-perses-cm-csrf': '1',
      'sec-fetch-site': 'cross-site',
    };
    expect(await status(srv.url, 'POST', '/api/v1/resources', headers)).toBe(403);
    expect(
      await status(srv.url, 'POST', '/api/v1/resources', {
        ...headers,
        'sec-fetch-site': 'same-origin',
      }),
    ).toBe(400);
    expect(await status(srv.url, 'GET', '/healthz', headers)).toBe(200);
  });
});

describe('request guard on a wider binding with allowed hosts (a pod, a compose service)', () => {
  let base: string;
  let close: () => void;
  beforeAll(async () => {
    // The guard as configured for 0.0.0.0; the test itself listens on loopback only.
    const app = express();
    app.use(requestGuard('0.0.0.0', ['console.example.com']));
    app.use((_req, res) => res.status(200).json({}));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  it('answers the listed names and loopback (kubectl port-forward), refuses others', async () => {
    expect(await status(base, 'GET', '/api/v1/whoami', { host: 'console.example.com' })).toBe(200);
    expect(await status(base, 'GET', '/api/v1/whoami', { host: 'CONSOLE.example.com:443' })).toBe(
      200,
    );
    expect(await status(base, 'GET', '/api/v1/whoami', { host: 'localhost:8080' })).toBe(200);
    expect(await status(base, 'GET', '/api/v1/whoami', { host: 'evil.example' })).toBe(403);
    expect(await status(base, 'GET', '/', { host: '10.1.2.3:8080' })).toBe(403);
  });

  it('answers probes addressed to the pod IP', async () => {
    for (const path of ['/healthz', '/readyz', '/metrics']) {
      expect(await status(base, 'GET', path, { host: '10.1.2.3:8080' }), path).toBe(200);
    }
  });
});
