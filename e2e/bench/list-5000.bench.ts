// The list's targets at 5,000 resources (issue 5): interactive within 2 s of navigation, a
// filter answered within 1 s. Fails when a target is missed; run on an idle machine.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { seedRealShapeDashboards } from '../../apps/server/bench/seed.ts';
import { startServer, type RunningServer } from '../fixtures/servers.ts';
import { timeToFirstRow } from './list-measure.ts';

const COUNT = 5000;
let server: RunningServer;
let dir: string;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dir = mkdtempSync(join(tmpdir(), 'perses-cm-bench-web-'));
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: bench\nversion: 0.1.0\n');
  await seedRealShapeDashboards(dir, COUNT);
  server = await startServer('bench', ['--dir', dir], join(dir, 'logs'));
});

test.afterAll(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('list of 5,000 resources', async ({ page }) => {
  // A first visit: nothing cached in the browser; the server has indexed the chart (ready).
  const interactive = Math.round(await timeToFirstRow(page, server.url));

  const t = Date.now();
  await page.getByRole('searchbox', { name: 'Search resources' }).fill('dash97');
  // dash97 and dash970..dash979.
  await expect(page.getByText(`11 of ${COUNT}`)).toBeVisible({ timeout: 30_000 });
  const filtered = Date.now() - t;

  console.log(`list of ${COUNT}: interactive after ${interactive} ms (target < 2000 ms)`);
  console.log(`list of ${COUNT}: filter answered after ${filtered} ms (target < 1000 ms)`);
  expect(interactive).toBeLessThan(2000);
  expect(filtered).toBeLessThan(1000);
});
