// The header's live indicator follows the event stream: connected, reconnecting while the
// server is gone, connected again (with a refetch) when it is back.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '../../fixtures/test.ts';
import { repoRoot, startServer, type RunningServer } from '../../fixtures/servers.ts';
import { ListPage } from '../../pages/list-page.ts';

const logs = join(repoRoot, 'e2e/test-results/logs');
let server: RunningServer | undefined;
let dir: string;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'perses-cm-e2e-live-'));
  cpSync(join(repoRoot, 'examples/perses-resources'), dir, { recursive: true });
});

test.afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('the live indicator shows reconnecting while the server is down, then live again', async ({
  page,
}) => {
  test.setTimeout(120_000);
  server = await startServer('live', ['--dir', dir], logs);
  const port = Number(new URL(server.url).port);
  const list = new ListPage(page, server.url);
  await list.goto();
  await expect(list.connection()).toHaveAttribute('data-status', 'connected');
  await expect(list.connection()).toHaveAccessibleName('Live updates: Live');

  await server.stop();
  await expect(list.connection()).toHaveAttribute('data-status', 'reconnecting');
  // The list stays on screen while the connection is down.
  await expect(list.row('Dashboard', 'Demo', 'perses')).toBeVisible();

  server = await startServer('live', ['--dir', dir], logs, port);
  await expect(list.connection()).toHaveAttribute('data-status', 'connected', { timeout: 45_000 });
});
