// Import from the page: an uploaded .tgz is previewed entry by entry (a new dashboard, a changed
// project, an unchanged one, a `../` entry and a symbolic link refused by name); the update is
// tickable only after its diff was shown; the apply shows its progress and the per-item report,
// which downloads as JSON; the chart on disk holds exactly what was applied.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { expect, test } from '../../fixtures/test.ts';
import { repoRoot, startServer, type RunningServer } from '../../fixtures/servers.ts';

const logs = join(repoRoot, 'e2e/test-results/logs');
let server: RunningServer | undefined;
let dir: string;

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'perses-cm-e2e-import-'));
  cpSync(join(repoRoot, 'examples/perses-resources'), dir, { recursive: true });
});
test.afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function tgz(entries: { name: string; text?: string; linkname?: string }[]) {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const c of pack) chunks.push(c as Buffer);
  })();
  for (const e of entries) {
    if (e.linkname) pack.entry({ name: e.name, type: 'symlink', linkname: e.linkname });
    else pack.entry({ name: e.name }, e.text ?? '');
  }
  pack.finalize();
  await done;
  return gzipSync(Buffer.concat(chunks));
}

test('previews an upload, applies the ticked entries with progress, and reports each', async ({
  page,
  shot,
}) => {
  test.setTimeout(120_000);
  server = await startServer('import', ['--dir', dir], logs);
  const testing = JSON.parse(readFileSync(join(dir, 'files/projects/testing.json'), 'utf8'));
  const archive = await tgz([
    {
      name: 'team/files/dashboards/team/latency.json',
      text: JSON.stringify({
        kind: 'Dashboard',
        metadata: { name: 'latency', project: 'testing' },
        spec: { display: { name: 'Latency' }, duration: '1h', panels: {}, layouts: [] },
      }),
    },
    {
      name: 'team/files/projects/testing.json',
      text: JSON.stringify({ ...testing, spec: { display: { name: 'Testing, renamed' } } }),
    },
    {
      name: 'team/files/projects/perses.json',
      text: readFileSync(join(dir, 'files/projects/perses.json'), 'utf8'),
    },
    { name: '../evil.json', text: '{}' },
    { name: 'team/files/link.json', linkname: '/etc/passwd' },
  ]);

  await page.goto(`${server.url}/import`);
  await page.getByLabel('Files', { exact: true }).setInputFiles({
    name: 'team.tgz',
    mimeType: 'application/gzip',
    buffer: archive,
  });
  await page.getByRole('button', { name: 'Preview' }).click();
  const summary = page.getByLabel('Preview summary');
  await expect(summary).toContainText('1 to create, 1 to update, 1 unchanged, 2 refused');
  const table = page.getByRole('table', { name: 'Import preview' });
  await expect(table.locator('tr[data-action="refused"]').first()).toContainText('path traversal');
  await expect(table.locator('tr[data-action="refused"]').nth(1)).toContainText('symbolic link');
  await expect(table.locator('tr[data-action="create"]')).toContainText(
    'files/dashboards/testing/latency.json',
  );
  const update = page.getByLabel('Apply Project testing');
  await expect(update).toBeDisabled();
  await shot('import-preview');

  await table
    .locator('tr[data-action="update"]')
    .getByRole('button', { name: 'Show diff' })
    .click();
  const diff = page.getByLabel('Diff against the stored resource');
  await expect(diff.locator('.diff-add')).toContainText('Testing, renamed');
  await expect(update).toBeEnabled();
  await update.check();
  await shot('import-diff');

  await page.getByRole('button', { name: 'Apply 2 entries' }).click();
  const report = page.getByRole('region', { name: 'Import report' });
  await expect(report).toContainText('1 created, 1 updated, 0 unchanged, 0 skipped, 0 failed');
  await expect(page.getByLabel('Import progress')).toHaveAttribute('value', '2');
  await shot('import-report');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    report.getByRole('link', { name: 'Download the report (JSON)' }).click(),
  ]);
  const saved = join(dir, '..', `${Date.now()}-import-report.json`);
  await download.saveAs(saved);
  const json = JSON.parse(readFileSync(saved, 'utf8'));
  rmSync(saved, { force: true });
  expect(json.counts).toMatchObject({ created: 1, updated: 1 });

  expect(
    JSON.parse(readFileSync(join(dir, 'files/projects/testing.json'), 'utf8')).spec.display.name,
  ).toBe('Testing, renamed');
  expect(
    JSON.parse(readFileSync(join(dir, 'files/dashboards/testing/latency.json'), 'utf8')).metadata
      .name,
  ).toBe('latency');
});
