// The main flow against the chart-directory store: browse, edit with review, create, invalid
// edit refused, concurrent edit, delete; each step checked in the files on disk.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '../../fixtures/test.ts';
import {
  findResource,
  firstPanelTitle,
  getResource,
  putResource,
  renameFirstPanel,
} from '../../fixtures/api.ts';
import { EditorPage } from '../../pages/editor-page.ts';
import { ListPage } from '../../pages/list-page.ts';

test.beforeEach(async ({ page, env }) => {
  // Each test starts without drafts, except across a reload inside the draft test.
  await page.context().addInitScript(() => {
    if (!window.sessionStorage.getItem('keep-drafts')) window.localStorage.clear();
  });
  test.info().annotations.push({ type: 'server', description: env.directory.url });
  await page.goto(env.directory.url);
});

test('lists the chart, filters by kind and text, keeps filters in the URL', async ({
  page,
  env,
  shot,
}) => {
  const list = new ListPage(page, env.directory.url);
  await list.goto();
  await expect(list.connection()).toHaveAttribute('data-status', 'connected');
  await expect(page.getByText(/^Chart directory$/)).toBeVisible();
  await expect(list.row('Dashboard', 'Demo', 'perses')).toBeVisible();
  await shot('list');
  await page.getByRole('combobox', { name: 'Kind' }).selectOption('Project');
  await expect(page).toHaveURL(/kind=Project/);
  await expect(list.row('Dashboard', 'Demo', 'perses')).toBeHidden();
  await list.filter('node exporter');
  await expect(page).toHaveURL(/q=node\+exporter/);
  await page.reload();
  await expect(page.getByRole('searchbox', { name: 'Search resources' })).toHaveValue(
    'node exporter',
  );
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await list.filter('node exporter');
  await expect(list.row('Dashboard', 'NodeExporter', 'perses')).toBeVisible();
  // Keyboard: focus the grid, move, open.
  await list.grid.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/resources\//);
  void env;
});

test('keeps the text typed just before a row is opened for back', async ({ page, env }) => {
  const list = new ListPage(page, env.directory.url);
  await list.goto();
  await expect(list.row('Dashboard', 'NodeExporter', 'perses')).toBeVisible();
  // The URL takes typed text once typing pauses; with the page's clock stopped, the row is opened
  // before it does.
  await page.clock.install();
  await list.filter('node exporter');
  await expect(list.row('Dashboard', 'Demo', 'perses')).toBeHidden();
  await expect(page).not.toHaveURL(/q=/);
  await list.grid.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/resources\//);
  await page.goBack();
  await expect(list.search).toHaveValue('node exporter');
  await expect(page).toHaveURL(/q=node\+exporter/);
  await expect(list.row('Dashboard', 'Demo', 'perses')).toBeHidden();
});

test('edits a panel title, reviews the diff, saves to the file', async ({ page, env, shot }) => {
  const r = await findResource(env.directory.url, 'Dashboard', 'Demo');
  const before = await getResource(env.directory.url, r.id);
  const list = new ListPage(page, env.directory.url);
  await list.goto();
  await list.open('Dashboard', 'Demo', 'perses');
  const editor = new EditorPage(page);
  await editor.waitReady();
  await shot('editor');
  await editor.setText(renameFirstPanel(before.text, 'Edited in e2e'));
  await expect(page.getByText('Unsaved changes')).toBeVisible();
  await editor.pressSave();
  await expect(editor.diffDialog).toBeVisible();
  await editor.diffsShown(editor.diffDialog, 'Edited in e2e');
  await shot('diff');
  await editor.confirmSave();
  await expect(editor.toast('Saved')).toBeVisible();
  const path = before.origin.type === 'file' ? join(env.directory.dir, before.origin.path) : '';
  expect(firstPanelTitle(readFileSync(path, 'utf8'))).toBe('Edited in e2e');
});

test('an invalid edit shows a marker and the save is refused', async ({ page, env }) => {
  const r = await findResource(env.directory.url, 'Project', 'testing');
  const before = await getResource(env.directory.url, r.id);
  await page.goto(`${env.directory.url}/resources/${encodeURIComponent(r.id)}`);
  const editor = new EditorPage(page);
  await editor.waitReady();
  await editor.setText(before.text.replace('"Project"', '"project"'));
  await expect(page.locator('.squiggly-error').first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Problems' })).toContainText(/error/);
  await editor.pressSave();
  await expect(page.getByRole('alert').filter({ hasText: 'Save refused' })).toBeVisible();
  await expect(editor.diffDialog).toBeHidden();
  const path = before.origin.type === 'file' ? join(env.directory.dir, before.origin.path) : '';
  expect(readFileSync(path, 'utf8')).toBe(before.text);
});

test('a concurrent edit is shown, the text kept, and resolved', async ({ page, env, shot }) => {
  const r = await findResource(env.directory.url, 'Dashboard', 'Benchmark');
  const base = await getResource(env.directory.url, r.id);
  await page.goto(`${env.directory.url}/resources/${encodeURIComponent(r.id)}`);
  const editor = new EditorPage(page);
  await editor.waitReady();
  const mine = renameFirstPanel(base.text, 'Mine');
  await editor.setText(mine);
  // Someone else saves meanwhile.
  await putResource(env.directory.url, r.id, renameFirstPanel(base.text, 'Theirs'), base.version);
  await expect(
    page.getByRole('alert').filter({ hasText: 'Changed by someone else' }),
  ).toBeVisible();
  await editor.pressSave();
  await expect(editor.conflictDialog).toBeVisible();
  await editor.diffsShown(editor.conflictDialog, 'Theirs', 'Mine');
  await shot('conflict');
  await editor.conflictDialog.getByRole('button', { name: /Keep mine/ }).click();
  await editor.confirmSave();
  await expect(editor.toast('Saved')).toBeVisible();
  const stored = await getResource(env.directory.url, r.id);
  expect(firstPanelTitle(stored.text)).toBe('Mine');
});

test('creates a project and a dashboard', async ({ page, env, shot }) => {
  await page.goto(`${env.directory.url}/new?kind=Project`);
  const editor = new EditorPage(page);
  await editor.waitReady();
  const project = {
    kind: 'Project',
    metadata: { name: 'e2e-project' },
    spec: { display: { name: 'E2E' } },
  };
  await editor.setText(JSON.stringify(project, null, 2));
  // A chart directory gets a file under files/, laid out as the Perses file database.
  await expect(page.getByTestId('placement-file')).toHaveText('files/projects/e2e-project.json');
  await expect(page.getByTestId('pending-file')).toHaveText('files/projects/e2e-project.json');
  await expect(page.getByRole('status', { name: 'Placement' })).not.toContainText(/ConfigMap|\)/);
  await shot('create-file');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page).toHaveURL(/\/resources\//);
  await expect(page.getByRole('heading', { name: 'e2e-project' })).toBeVisible();
  expect(existsSync(join(env.directory.dir, 'files/projects/e2e-project.json'))).toBe(true);

  await page.goto(`${env.directory.url}/new?kind=Dashboard`);
  await editor.waitReady();
  const file = page.getByTestId('placement-file');
  await expect(file).toHaveText(/^files\/dashboards\/[a-zA-Z0-9_.-]+\/new-dashboard\.json$/);
  const shown = (await file.textContent()) ?? '';
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page).toHaveURL(/\/resources\//);
  const created = await findResource(env.directory.url, 'Dashboard', 'new-dashboard');
  expect(created.project).toBeTruthy();
  // The file the page announced is the one written.
  expect(shown).toBe(`files/dashboards/${created.project}/new-dashboard.json`);
  expect(existsSync(join(env.directory.dir, shown))).toBe(true);
});

test('deletes with a confirmation naming the file', async ({ page, env }) => {
  const r = await findResource(env.directory.url, 'Dashboard', 'PanelGroups');
  const detail = await getResource(env.directory.url, r.id);
  await page.goto(`${env.directory.url}/resources/${encodeURIComponent(r.id)}`);
  const editor = new EditorPage(page);
  await editor.waitReady();
  await editor.deleteButton.click();
  const dialog = page.getByRole('dialog', { name: /Delete Dashboard "PanelGroups"/ });
  await expect(dialog).toContainText(detail.origin.type === 'file' ? detail.origin.path : '');
  await expect(dialog).toContainText('Perses keeps the Dashboard');
  await dialog
    .getByRole('textbox', { name: 'Resource name to confirm deletion' })
    .fill('PanelGroups');
  await dialog.getByRole('button', { name: 'Delete file' }).click();
  await expect(page).toHaveURL(/\/$|\/\?/);
  const path = detail.origin.type === 'file' ? join(env.directory.dir, detail.origin.path) : '';
  expect(existsSync(path)).toBe(false);
  await expect(
    new ListPage(page, env.directory.url).row('Dashboard', 'PanelGroups', 'testing'),
  ).toBeHidden();
});

test('an unsaved edit survives a reload as a draft until discarded', async ({ page, env }) => {
  const r = await findResource(env.directory.url, 'Dashboard', 'StatChartPanel');
  const before = await getResource(env.directory.url, r.id);
  await page.goto(`${env.directory.url}/resources/${encodeURIComponent(r.id)}`);
  const editor = new EditorPage(page);
  await editor.waitReady();
  await editor.setText(renameFirstPanel(before.text, 'Draft title'));
  await expect(page.getByText('Unsaved changes')).toBeVisible();
  await expect
    .poll(() => page.evaluate((k) => window.localStorage.getItem(k), `perses-cm:draft:${r.id}`))
    .toContain('Draft title');
  await page.evaluate(() => window.sessionStorage.setItem('keep-drafts', '1'));
  await page.reload();
  await editor.waitReady();
  await expect(
    page.getByRole('status').filter({ hasText: 'Restored your unsaved draft' }),
  ).toBeVisible();
  await expect(page.getByText('Unsaved changes')).toBeVisible();
  // The list marks the resource as having a draft.
  const list = new ListPage(page, env.directory.url);
  await list.goto('?group=none');
  const row = page
    .getByRole('row')
    .filter({ has: list.row('Dashboard', 'StatChartPanel', 'testing') });
  await expect(row.getByText('draft', { exact: true })).toBeVisible();
  await list.open('Dashboard', 'StatChartPanel', 'testing');
  await editor.waitReady();
  await page.getByRole('button', { name: 'Discard draft' }).click();
  await expect(page.getByText('Unsaved changes')).toBeHidden();
  expect(
    await page.evaluate((k) => window.localStorage.getItem(k), `perses-cm:draft:${r.id}`),
  ).toBeNull();
});

test('a stale save gets a 409 and the three versions, with no live event to warn first', async ({
  page,
  env,
}) => {
  // Cut the live stream: the only signal left is the server's 409.
  await page.route('**/api/v1/events', (route) => route.abort());
  const r = await findResource(env.directory.url, 'Dashboard', 'GaugeChartPanel');
  const base = await getResource(env.directory.url, r.id);
  await page.goto(`${env.directory.url}/resources/${encodeURIComponent(r.id)}`);
  const editor = new EditorPage(page);
  await editor.waitReady();
  await editor.setText(renameFirstPanel(base.text, 'Mine after 409'));
  await putResource(
    env.directory.url,
    r.id,
    renameFirstPanel(base.text, 'Theirs 409'),
    base.version,
  );
  await editor.pressSave();
  await editor.confirmSave();
  await expect(editor.conflictDialog).toBeVisible();
  await expect(editor.conflictDialog).toContainText('Theirs 409');
  await expect(editor.conflictDialog).toContainText('Mine after 409');
  await editor.conflictDialog.getByRole('button', { name: /Take theirs/ }).click();
  await expect(editor.toast('Stored version loaded')).toBeVisible();
  await expect(page.getByText('Unsaved changes')).toBeHidden();
  // Undo brings the user's text back: nothing was lost.
  await editor.editor.click();
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(page.getByText('Unsaved changes')).toBeVisible();
});

test('a resource stored as YAML opens, validates and saves as YAML', async ({ page, env }) => {
  const r = await findResource(env.directory.url, 'GlobalVariable', 'region');
  expect(r.format).toBe('yaml');
  const before = await getResource(env.directory.url, r.id);
  await page.goto(`${env.directory.url}/resources/${encodeURIComponent(r.id)}`);
  const editor = new EditorPage(page);
  await editor.waitReady();
  await expect(page.locator('.editor-bar')).toContainText('YAML');
  // A YAML syntax error is marked at once, and blocks the save.
  await editor.setText(before.text.replace('value: eu-west-1', 'value: [eu-west-1'));
  const problems = page.getByRole('region', { name: 'Problems' });
  await expect(problems).toContainText(/error/);
  await editor.pressSave();
  await expect(page.getByRole('alert').filter({ hasText: 'Save refused' })).toBeVisible();
  // Fixed: saved as YAML, comment and all.
  await editor.setText(before.text.replace('value: eu-west-1', 'value: us-east-2'));
  await expect(problems).toContainText('No problems found.');
  await editor.pressSave();
  await editor.confirmSave();
  await expect(editor.toast('Saved')).toBeVisible();
  const path = before.origin.type === 'file' ? join(env.directory.dir, before.origin.path) : '';
  const stored = readFileSync(path, 'utf8');
  expect(stored).toContain('# Region picked by default');
  expect(stored).toContain('value: us-east-2');
});

test('the list is driven from the keyboard', async ({ page, env }) => {
  const list = new ListPage(page, env.directory.url);
  await list.goto('?kind=Dashboard&group=none');
  await page.keyboard.press('/');
  await expect(list.search).toBeFocused();
  await list.grid.focus();
  // Sorted by name: Benchmark, Demo, GaugeChartPanel, …
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const gauge = await findResource(env.directory.url, 'Dashboard', 'GaugeChartPanel');
  await expect(page.locator('[role="row"][aria-selected="true"]')).toHaveAttribute(
    'data-resource-id',
    gauge.id,
  );
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/resources/${encodeURIComponent(gauge.id)}`));
  // The editor is a lazy chunk (Monaco): wait for it as every editor test does.
  await new EditorPage(page).waitReady();
  await expect(page.getByRole('heading', { name: 'GaugeChartPanel', level: 1 })).toBeVisible();
  // Back to the list keeps the filters.
  // The page's own link back (the header's "Resources" opens the list without filters).
  await page
    .getByRole('region', { name: 'Resource editor' })
    .getByRole('link', { name: 'Resources' })
    .click();
  await expect(page).toHaveURL(/kind=Dashboard/);
});
