// Export from the list: the dialog previews the tree the current filters select (file count,
// size, the resource that cannot be exported and why), then the downloaded archive is unpacked
// and checked against the chart on disk.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { expect, test } from '../../fixtures/test.ts';
import { repoRoot, startServer, type RunningServer } from '../../fixtures/servers.ts';
import { ExportDialog } from '../../pages/export-dialog.ts';
import { ListPage } from '../../pages/list-page.ts';

const logs = join(repoRoot, 'e2e/test-results/logs');
let server: RunningServer | undefined;
let dir: string;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'perses-cm-e2e-export-'));
  cpSync(join(repoRoot, 'examples/perses-resources'), dir, { recursive: true });
  // The real EphemeralDashboard of the Perses development data: not exportable.
  cpSync(
    join(repoRoot, '../shared/fixtures/perses-dev-data/ephemeraldashboard.json'),
    join(dir, 'files/dashboards/ephemeral.json'),
  );
});

test.afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function untgz(archive: Buffer): Promise<Map<string, string>> {
  const extract = tar.extract();
  const out = new Map<string, string>();
  const done = (async () => {
    for await (const entry of extract) {
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      out.set(entry.header.name, Buffer.concat(chunks).toString('utf8'));
    }
  })();
  extract.end(gunzipSync(archive));
  await done;
  return out;
}

test('exports what the filters select, after a preview of the tree and of what is refused', async ({
  page,
  shot,
}) => {
  test.setTimeout(120_000);
  server = await startServer('export', ['--dir', dir], logs);
  const list = new ListPage(page, server.url);
  await list.goto();
  await expect(list.row('Dashboard', 'Demo', 'perses')).toBeVisible();

  const dialog = new ExportDialog(page);
  await dialog.open();
  await expect(dialog.summary).toHaveText(
    /^16 resources in 20 files, \d+\.\d KB before compression/,
  );
  await expect(dialog.refused).toContainText('1 resource cannot be exported');
  await expect(dialog.refused).toContainText('EphemeralDashboard perses/TempDemo');
  await expect(dialog.refused).toContainText('not provisionable');
  await expect(dialog.files).toContainText('files/dashboards/perses/NodeExporter.json');
  await expect(dialog.files).toContainText('files/projects/testing.json');
  await shot('export-preview');

  const link = dialog.downloadLink();
  await expect(link).toHaveText('Download perses-resources.tgz');
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toBe('perses-resources.tgz');
  const saved = join(dir, '..', `${Date.now()}-export.tgz`);
  await download.saveAs(saved);
  const files = await untgz(readFileSync(saved));
  rmSync(saved, { force: true });

  const listed = await dialog.files.getByRole('listitem').allTextContents();
  const previewed = listed.map((t) => `perses-resources/${t.split(' ')[0]}`);
  expect([...files.keys()]).toEqual(previewed);
  // Stored bytes: each exported dashboard is its source file, byte for byte.
  expect(files.get('perses-resources/files/dashboards/perses/Demo.json')).toBe(
    readFileSync(join(dir, 'files/dashboards/dashboard1.json'), 'utf8'),
  );
  expect(files.get('perses-resources/files/dashboards/testing/MarkdownPanel.json')).toBe(
    readFileSync(join(dir, 'files/dashboards/testing/MarkdownPanel.json'), 'utf8'),
  );
  expect(files.get('perses-resources/values.yaml')).toContain('label: perses.dev/resource');
  expect(files.has('perses-resources/templates/configmap-generator.yaml')).toBe(true);

  // The list's filters narrow the export; shape and format change the archive.
  await page.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('combobox', { name: 'Kind' }).selectOption('Dashboard');
  await dialog.open();
  await expect(dialog.summary).toHaveText(/^8 resources in 12 files/);
  await expect(dialog.files).not.toContainText('files/projects/');
  await dialog.choose('Archive', 'zip');
  await dialog.choose('Shape', 'umbrella');
  await expect(dialog.downloadLink()).toHaveText('Download perses-resources.zip');
  await expect(dialog.downloadLink()).toHaveAttribute(
    'href',
    /format=zip&shape=umbrella.*kind=Dashboard/,
  );
  await shot('export-preview-filtered');
});
