// 5,000 resources: the list is interactive within 2 s of navigation and stays virtualised.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '../../fixtures/test.ts';
import { dashboardDoc, json, projectDoc } from '../../fixtures/docs.ts';
import { startServer, type RunningServer } from '../../fixtures/servers.ts';

const COUNT = 5000;
let server: RunningServer;
let dir: string;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dir = mkdtempSync(join(tmpdir(), 'perses-cm-e2e-scale-'));
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: scale\nversion: 0.1.0\n');
  const files = join(dir, 'files');
  mkdirSync(files);
  for (let p = 0; p < 50; p++) {
    const project = `team-${p}`;
    mkdirSync(join(files, project));
    writeFileSync(join(files, project, '_project.json'), json(projectDoc(project)));
    for (let i = 0; i < COUNT / 50 - 1; i++) {
      writeFileSync(
        join(files, project, `dash-${i}.json`),
        json(dashboardDoc(project, `dash-${p}-${i}`)),
      );
    }
  }
  server = await startServer(
    'scale',
    ['--dir', dir],
    new URL('../../test-results/logs/', import.meta.url).pathname,
  );
});

test.afterAll(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('5,000 resources: rows within 2 s, filtering answers at once, DOM stays small', async ({
  page,
  shot,
}) => {
  const started = Date.now();
  await page.goto(server.url);
  await expect(page.getByText(`${COUNT} resources`)).toBeVisible({ timeout: 2000 });
  await expect(page.getByRole('link', { name: 'Dashboard team-0/dash-0-0' })).toBeVisible({
    timeout: 2000,
  });
  const elapsed = Date.now() - started;
  test.info().annotations.push({ type: 'interactive after (ms)', description: String(elapsed) });
  expect(elapsed).toBeLessThan(2000);
  // Virtualised: only a screenful of rows is rendered.
  expect(await page.getByRole('row').count()).toBeLessThan(120);
  await shot('list-5000');
  const t = Date.now();
  await page.getByRole('searchbox', { name: 'Search resources' }).fill('dash-42-97');
  await expect(page.getByText(`1 of ${COUNT}`)).toBeVisible();
  expect(Date.now() - t).toBeLessThan(1000);
  // Keyboard navigation still works on the filtered grid.
  await page.getByRole('grid', { name: 'Resources' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/resources\//);
});
