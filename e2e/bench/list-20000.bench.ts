// The list at 20,000 resources (issue 10): usable, i.e. a filter answered, the filter cleared and
// a jump to the last row drawn, each within 200 ms of the key. The directory store over 20,000
// real-shape files (seeding 20,000 ConfigMaps in the shared cluster is not needed for the
// browser's side). Fails when a target is missed; run on an idle machine.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { seedRealShapeDashboards } from '../../apps/server/bench/seed.ts';
import { startServer, type RunningServer } from '../fixtures/servers.ts';
import { measureList } from './list-measure.ts';

const COUNT = 20_000;
let server: RunningServer;
let dir: string;

test.beforeAll(async () => {
  test.setTimeout(600_000);
  dir = mkdtempSync(join(tmpdir(), 'perses-cm-bench-web-'));
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: bench\nversion: 0.1.0\n');
  await seedRealShapeDashboards(dir, COUNT);
  server = await startServer('bench-20000', ['--dir', dir], join(dir, 'logs'), undefined, 480_000);
});

test.afterAll(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('list of 20,000 resources', async ({ page }) => {
  test.setTimeout(180_000);
  const f = await measureList(page, server.url, COUNT);
  const ms = (n: number) => `${Math.round(n)} ms`;
  console.log(
    `list of ${COUNT}: interactive ${ms(f.interactive)}, filter ${ms(f.filtered)}, ` +
      `filter cleared ${ms(f.cleared)}, last row ${ms(f.scrolled)} (targets < 200 ms)`,
  );
  expect(f.filtered).toBeLessThan(200);
  expect(f.cleared).toBeLessThan(200);
  expect(f.scrolled).toBeLessThan(200);
});
