// Import from the page: an uploaded .tgz is previewed entry by entry (a new dashboard, a changed
// project, an unchanged one, a `../` entry and a symbolic link refused by name); the update is
// tickable only after its diff was shown; the apply shows its progress and the per-item report,
// which downloads as JSON; the chart on disk holds exactly what was applied. perses-operator custom
// resources uploaded as files become the Perses resources the operator would make (project from
// the namespace, or the project typed in), and the cluster source says a chart has no cluster.
// Each step is also shot at 390 px.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Locator, Page } from '@playwright/test';
import tar from 'tar-stream';
import { expect, test } from '../../fixtures/test.ts';
import { repoRoot, startServer, type RunningServer } from '../../fixtures/servers.ts';

const logs = join(repoRoot, 'e2e/test-results/logs');
let server: RunningServer | undefined;
let dir: string;

async function running() {
  server ??= await startServer('import', ['--dir', dir], logs);
  return server;
}

/** Shoot the page at 1440 px, then at 390 px (scrolled to `at`), back at 1440 px. */
async function shotBoth(
  page: Page,
  shot: (name: string) => Promise<void>,
  name: string,
  at?: Locator,
) {
  await shot(`${name}-1440`);
  await page.setViewportSize({ width: 390, height: 844 });
  await at?.scrollIntoViewIfNeeded();
  await shot(`${name}-390`);
  await page.setViewportSize({ width: 1440, height: 900 });
}

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
  const { url } = await running();
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

  await page.goto(`${url}/import`);
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
  await shotBoth(page, shot, 'import-preview');

  await table
    .locator('tr[data-action="update"]')
    .getByRole('button', { name: 'Show diff' })
    .click();
  const diff = page.getByLabel('Diff against the stored resource');
  await expect(diff.locator('.diff-add')).toContainText('Testing, renamed');
  await expect(update).toBeEnabled();
  await update.check();
  await shotBoth(page, shot, 'import-diff');

  await page.getByRole('button', { name: 'Apply 2 entries' }).click();
  const report = page.getByRole('region', { name: 'Import report' });
  await expect(report).toContainText('1 created, 1 updated, 0 unchanged, 0 skipped, 0 failed');
  await expect(page.getByLabel('Import progress')).toHaveAttribute('value', '2');
  await shotBoth(page, shot, 'import-report', report);

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

const operatorDashboard = `apiVersion: perses.dev/v1alpha2
kind: PersesDashboard
metadata:
  name: node-exporter-overview
  namespace: testing
spec:
  instanceSelector:
    matchLabels:
      app: perses
  config:
    display:
      name: Node exporter overview
    duration: 1h
    panels: {}
    layouts: []
`;

const operatorDatasource = `apiVersion: perses.dev/v1alpha2
kind: PersesDatasource
metadata:
  name: team-prometheus
spec:
  config:
    default: false
    plugin:
      kind: PrometheusDatasource
      spec:
        directUrl: http://prometheus.team.svc:9090
`;

test('plans perses-operator custom resources from files as the Perses resources they make', async ({
  page,
  shot,
}) => {
  test.setTimeout(120_000);
  const { url } = await running();
  await page.goto(`${url}/import`);
  const yaml = (name: string, text: string) => ({
    name,
    mimeType: 'application/yaml',
    buffer: Buffer.from(text),
  });
  const files = page.getByLabel('Files', { exact: true });

  // Without a project, the dashboard's namespace is its project; the namespace-less datasource
  // has none and is refused by name.
  await files.setInputFiles([
    yaml('dashboard.yaml', operatorDashboard),
    yaml('datasource.yaml', operatorDatasource),
  ]);
  await page.getByRole('button', { name: 'Preview' }).click();
  const summary = page.getByLabel('Preview summary');
  await expect(summary).toContainText('1 to create, 0 to update, 0 unchanged, 1 refused');
  const table = page.getByRole('table', { name: 'Import preview' });
  const dashboard = table.locator('tr[data-action="create"]');
  await expect(dashboard).toContainText('Dashboard testing/node-exporter-overview');
  await expect(dashboard).toContainText('files/dashboards/testing/node-exporter-overview.yaml');
  await expect(dashboard).toContainText('PersesDashboard testing/node-exporter-overview');
  await expect(dashboard).toContainText('spec.instanceSelector');
  await expect(table.locator('tr[data-action="refused"]')).toContainText(
    'PersesDatasource team-prometheus',
  );
  await shotBoth(page, shot, 'import-operator-files');

  // A project typed in places both: the datasource now has a place of its own.
  await page.getByLabel('Project (for operator resources, optional)').fill('perses');
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(summary).toContainText('2 to create, 0 to update, 0 unchanged, 0 refused');
  await expect(table).toContainText('Dashboard perses/node-exporter-overview');
  await expect(table).toContainText('Datasource perses/team-prometheus');
  await expect(page.getByLabel('Apply Datasource perses/team-prometheus')).toBeChecked();

  await page.getByRole('button', { name: 'Apply 2 entries' }).click();
  await expect(page.getByRole('region', { name: 'Import report' })).toContainText(
    '2 created, 0 updated, 0 unchanged, 0 skipped, 0 failed',
  );
  // The CR came as YAML and is written as YAML: the Perses resource, without operator fields.
  const written = readFileSync(
    join(dir, 'files/dashboards/perses/node-exporter-overview.yaml'),
    'utf8',
  );
  expect(written).toMatch(/^kind: Dashboard$/m);
  expect(written).toMatch(/^ {2}project: perses$/m);
  expect(written).toContain('name: Node exporter overview');
  expect(written).not.toContain('instanceSelector');
  expect(written).not.toContain('perses.dev');
});

test('the cluster source says a chart directory has no perses-operator resources to read', async ({
  page,
  shot,
}) => {
  const { url } = await running();
  await page.goto(`${url}/import`);
  await page.getByLabel('The cluster: its perses-operator custom resources').check();
  await expect(page.getByLabel('Files', { exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByLabel('Preview summary')).toContainText(
    '0 to create, 0 to update, 0 unchanged, 0 refused',
  );
  await expect(page.getByRole('alert')).toContainText(
    'perses-operator resources are read from a cluster',
  );
  await expect(page.getByText('Nothing to import from this source.')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Import preview' })).toHaveCount(0);
  await shotBoth(page, shot, 'import-operator-cluster');
});
