// The built web app is served with an SPA fallback that never shadows the API.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiClient } from './testing/api-client.ts';
import { startDirectoryServer, type DirectoryServer } from './testing/directory-server.ts';
import { eventually, openSse } from './testing/sse.ts';

let dist: string;
let srv: DirectoryServer;

beforeAll(async () => {
  dist = await mkdtemp(path.join(tmpdir(), 'perses-cm-dist-'));
  await mkdir(path.join(dist, 'assets'));
  await writeFile(path.join(dist, 'index.html'), '<!doctype html><title>perses-cm</title>');
  await writeFile(path.join(dist, 'assets/app.js'), 'console.log(1)');
  srv = await startDirectoryServer({ webDist: dist });
});
afterAll(async () => {
  await srv.dispose();
  await rm(dist, { recursive: true, force: true });
});

describe('web app', () => {
  it('serves assets, and index.html for client routes', async () => {
    const asset = await fetch(`${srv.url}/assets/app.js`);
    expect(asset.status).toBe(200);
    expect(await asset.text()).toBe('console.log(1)');
    for (const route of ['/', '/resources/abc~def', '/deep/link?kind=Dashboard']) {
      const res = await fetch(`${srv.url}${route}`);
      expect(res.status, route).toBe(200);
      expect(await res.text()).toContain('<title>perses-cm</title>');
    }
  });

  it('keeps unknown API paths as JSON 404s', async () => {
    const res = await apiClient(srv.url).call('GET', '/api/v2/whatever', { schema: z.never() });
    expect(res.status).toBe(404);
    expect(res.error.code).toBe('not_found');
  });
});

describe('events connections', () => {
  it('are counted while open and cleaned up on close', async () => {
    const gauge = async () => {
      const text = await (await fetch(`${srv.url}/metrics`)).text();
      return Number(/^perses_cm_sse_clients (\d+)/m.exec(text)?.[1]);
    };
    const sse = await openSse(`${srv.url}/api/v1/events`);
    expect(await gauge()).toBe(1);
    await eventually(() => sse.raw.some((b) => b.startsWith(': heartbeat')), 3000, 'heartbeat');
    sse.close();
    await eventually(async () => (await gauge()) === 0, 3000, 'connection cleaned up');
  });
});
