// Correctness at scale: 5,000 resources of real dashboard shape load, list, filter and stream
// changes. The speed and memory targets are measured by `pnpm bench` (bench/scale.ts), not here.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDashboards } from '../bench/seed.ts';
import { startServer, type RunningServer } from './main.ts';
import { apiClient, type ApiClient } from './testing/api-client.ts';
import { directoryConfig } from './testing/directory-server.ts';
import { openSse } from './testing/sse.ts';

const COUNT = 5000;
let dir: string;
let srv: RunningServer;
let api: ApiClient;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'perses-cm-scale-'));
  await seedDashboards(dir, COUNT);
  srv = await startServer(directoryConfig(dir), { pollMs: 60_000 });
  api = apiClient(srv.url);
}, 120_000);
afterAll(async () => {
  await srv?.close();
  await rm(dir, { recursive: true, force: true });
});

const list = async (query = '') => (await api.list(query)).body;

describe(`${COUNT} resources`, () => {
  it('lists every resource and filters by kind, project and text', async () => {
    expect(srv.index.size).toBe(COUNT);
    expect((await list()).items).toHaveLength(COUNT);
    const filtered = await list('?kind=Dashboard&project=team7&q=dash1');
    // 100 dashboards per project (dash0..dash99): dash1 and dash10..dash19 of team7 match.
    expect(filtered.items.map((i) => i.name).sort()).toEqual(
      ['dash1', ...Array.from({ length: 10 }, (_, i) => `dash1${i}`)].sort(),
    );
    expect(filtered.items.every((i) => i.project === 'team7')).toBe(true);
  });

  it('delivers a change to SSE subscribers', async () => {
    const sse = await openSse(`${srv.url}/api/v1/events`);
    try {
      const target = (await list('?project=team3&q=dash5')).items[0];
      if (!target) throw new Error('no target');
      const detail = (await api.get(target.id)).body;
      const res = await api.update(target.id, {
        text: detail.text.replace('"duration"', '"refreshInterval": "1m",\n    "duration"'),
        version: target.version,
      });
      expect(res.status).toBe(200);
      await sse.waitFor((e) => e.type === 'modified' && e.resource.id === target.id);
    } finally {
      sse.close();
    }
  });
});
