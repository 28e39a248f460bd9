// The live dashboard preview beside the editor, on real dashboards of the sample chart: drawn
// where the JSON puts each panel, linked to the text both ways, arranged by mouse and keyboard
// with only the moved item's numbers rewritten, then reviewed and saved to the file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { dashboardLayout, type DashboardLayout, type LayoutItem } from '@perses-cm/resources';
import { expect, test } from '../../fixtures/test.ts';
import { findResource, getResource } from '../../fixtures/api.ts';
import { DashboardPreview } from '../../pages/dashboard-preview.ts';
import { EditorPage } from '../../pages/editor-page.ts';
import { PipelinePanel } from '../../pages/status-pages.ts';

test.beforeEach(async ({ page }) => {
  await page.context().addInitScript(() => window.localStorage.clear());
});

async function open(page: Page, base: string, name: string) {
  const r = await findResource(base, 'Dashboard', name);
  const stored = await getResource(base, r.id);
  await page.goto(`${base}/resources/${encodeURIComponent(r.id)}`);
  const editor = new EditorPage(page);
  await editor.waitReady();
  const preview = new DashboardPreview(page);
  await preview.waitReady();
  // The provisioning panel above the editor arrives with its own request; wait for it, so the
  // page no longer moves when a card is measured and dragged.
  await expect(new PipelinePanel(page).badge).toBeVisible();
  const layout = dashboardLayout(JSON.parse(stored.text)) as DashboardLayout;
  const path = stored.origin.type === 'file' ? stored.origin.path : '';
  return { stored, editor, preview, layout, path };
}

const itemNamed = (layout: DashboardLayout, name: string): LayoutItem => {
  const key = layout.panels.find((p) => p.name === name)?.key;
  const item = layout.sections.flatMap((s) => s.items).find((i) => i.panelKey === key);
  if (!item) throw new Error(`no item shows ${name}`);
  return item;
};

test('draws each panel where the JSON puts it on the 24-column grid', async ({
  page,
  env,
  shot,
}) => {
  const { preview, layout } = await open(page, env.directory.url, 'TimeSeriesChartPanel');
  const grid = await preview.grid('Row 1').boundingBox();
  if (!grid) throw new Error('no grid');
  const items = layout.sections[0]?.items ?? [];
  expect(items).toHaveLength(6);
  const boxes = [];
  for (const item of items) {
    const panel = layout.panels.find((p) => p.key === item.panelKey);
    const box = await preview.card(panel?.name ?? '').boundingBox();
    if (!box) throw new Error(`${panel?.name} not drawn`);
    // Column edges as fractions of the grid width. A card is its cells minus one gap (Perses's
    // 10 px, scaled to the pane: about 5 px here); the tolerance covers the gaps' rounding.
    expect(Math.abs((box.x - grid.x) / grid.width - item.x / 24)).toBeLessThan(0.015);
    expect(Math.abs((box.width + 5) / grid.width - item.width / 24)).toBeLessThan(0.015);
    boxes.push({ item, box });
  }
  // Rows: one row unit everywhere, measured between the first and the second row of panels.
  const first = boxes.find((b) => b.item.y === 0);
  const lower = boxes.find((b) => b.item.y > 0);
  if (!first || !lower) throw new Error('expected two rows');
  const rowUnit = (lower.box.y - first.box.y) / lower.item.y;
  for (const { item, box } of boxes) {
    expect(Math.abs(box.y - first.box.y - item.y * rowUnit)).toBeLessThan(2);
    expect(Math.abs(box.height + 5 - item.height * rowUnit)).toBeLessThan(6);
  }
  await expect(preview.region.getByRole('heading', { name: 'TimeSeriesChartPanel' })).toBeVisible();
  await shot('preview-grid');
});

test('a card and the text find each other', async ({ page, env }) => {
  const { stored, preview, layout } = await open(page, env.directory.url, 'TimeSeriesChartPanel');
  const card = preview.card('Legend Position Right');
  await card.click();
  // The editor selects the panel's definition: its key line is on screen and selected.
  const key = layout.panels.find((p) => p.name === 'Legend Position Right')?.key ?? '';
  await expect(page.locator('.view-line').filter({ hasText: `"${key}": {` })).toBeVisible();
  await expect(page.locator('[data-testid="code-editor"] .selected-text').first()).toBeVisible();
  await expect(card).toHaveAttribute('aria-current', 'true');
  // Moving the cursor into another panel's layout item highlights that card.
  const line = stored.text.split('\n').findIndex((l) => l.includes('"#/spec/panels/SingleLine"'));
  await page.locator('[data-testid="code-editor"] .monaco-editor').first().click();
  await page.keyboard.press('ControlOrMeta+G');
  await page.keyboard.type(String(line + 1));
  await page.keyboard.press('Enter');
  await expect(preview.card('Single Line')).toHaveAttribute('aria-current', 'true');
  await expect(card).not.toHaveAttribute('aria-current', 'true');
});

test('a drag rewrites only that panel’s position; review, save, file', async ({
  page,
  env,
  shot,
}) => {
  const { stored, editor, preview, layout, path } = await open(
    page,
    env.directory.url,
    'StatChartPanel',
  );
  const item = itemNamed(layout, 'Single Stat without Sparkline');
  expect([item.x, item.y, item.width, item.height]).toEqual([7, 0, 7, 7]);
  const card = preview.card('Single Stat without Sparkline');
  const box = await card.boundingBox();
  await preview.drag(card, preview.grid('Row 1'), 10, 0, (box?.height ?? 0) / 7);
  await expect(preview.message).toHaveText(
    /^Moved "Single Stat without Sparkline" to x 17, y 0, 7 × 7\./,
  );
  await expect(page.getByText('Unsaved changes')).toBeVisible();
  await shot('preview-dragged');
  await editor.pressSave();
  await expect(editor.diffDialog).toBeVisible();
  // The review shows one changed line: this item's x.
  const modified = editor.diffDialog.locator('.editor.modified');
  await expect(modified.locator('.line-insert')).toHaveCount(1);
  await expect(modified.locator('.line-insert')).toBeVisible();
  await expect(editor.diffDialog.locator('.editor.original .line-delete')).toHaveCount(1);
  await shot('preview-diff');
  await editor.confirmSave();
  await expect(editor.toast('Saved')).toBeVisible();
  const after = readFileSync(join(env.directory.dir, path), 'utf8');
  const [line, x] = [`"x": ${item.x},`, `"x": 17,`];
  const changed = stored.text.split('\n').flatMap((l, i) => {
    const now = after.split('\n')[i];
    return l === now ? [] : [[l.trim(), now?.trim()]];
  });
  expect(changed).toEqual([[line, x]]);
  expect(after.split('\n')).toHaveLength(stored.text.split('\n').length);
});

test('arrow keys move and Shift+arrow keys resize a focused card; Ctrl+Z undoes', async ({
  page,
  env,
}) => {
  const { editor, preview } = await open(page, env.directory.url, 'TimeSeriesChartPanel');
  const card = preview.card('Legend Tall Formatted');
  await card.focus();
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(preview.message).toHaveText(/to x 16, y 7, 7 × 10\./);
  await page.keyboard.press('ArrowRight');
  await expect(preview.message).toHaveText(/to x 17, y 7, 7 × 10\./);
  await expect(card).toBeFocused();
  await expect(page.getByText('Unsaved changes')).toBeVisible();
  // Each key press was one edit: two undos in the editor bring the stored text back.
  await editor.editor.click();
  await page.keyboard.press('ControlOrMeta+Z');
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(page.getByText('Unsaved changes')).toBeHidden();
});

test('keeps the last drawing while the text does not parse, and says why', async ({
  page,
  env,
}) => {
  const { stored, editor, preview } = await open(page, env.directory.url, 'MarkdownPanel');
  await expect(
    preview.card('Headings').getByRole('heading', { name: 'First header' }).first(),
  ).toBeVisible();
  await editor.setText(stored.text.replace('"kind": "Dashboard",', '"kind": "Dashboard",,'));
  await expect(
    preview.region.getByRole('status').filter({ hasText: 'Showing the last version' }),
  ).toBeVisible();
  await expect(preview.card('Headings')).toBeVisible();
});

test('the create page previews a new dashboard', async ({ page, env }) => {
  await page.goto(`${env.directory.url}/new?kind=Dashboard`);
  await new EditorPage(page).waitReady();
  const preview = new DashboardPreview(page);
  await preview.waitReady();
  await expect(preview.card('Request rate')).toContainText('sum(rate(http_requests_total[5m]))');
  await expect(preview.section('Overview')).toBeVisible();
});

test('side by side on a wide screen, a tab beside the editor on a phone', async ({
  page,
  env,
  shot,
}) => {
  const { preview } = await open(page, env.directory.url, 'Demo');
  // Demo's third row overlaps in the text: Perses pushes one panel down, the preview says so.
  await preview.section('Row 3').getByRole('button', { name: 'Row 3' }).click();
  await expect(preview.card('CPU - Gauge (Multi Series)')).toHaveAccessibleName(
    /overlaps another panel/,
  );
  await expect(preview.section('Not in any layout').getByRole('article')).toHaveCount(6);
  await shot('preview-1440');
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(preview.region).toBeHidden();
  await page.getByRole('tab', { name: 'Preview' }).click();
  await preview.waitReady();
  await expect(preview.section('Row 1')).toBeVisible();
  await shot('preview-390');
});
