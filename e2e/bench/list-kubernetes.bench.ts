// `pnpm bench` (apps/server/bench/kubernetes.ts runs it): the list in Chromium over a console
// that serves the seeded Kubernetes store. Targets: interactive within 1.5 s of navigation at
// 5,000 resources; at any size a filter answered, and a jump to the last row drawn, within 200 ms.
// The figures go to BENCH_RESULT for the Kubernetes bench's table.
import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

const url = process.env['BENCH_CONSOLE_URL'];
const count = Number(process.env['BENCH_COUNT']);
const resultFile = process.env['BENCH_RESULT'];

test('list of the seeded ConfigMaps', async ({ page }) => {
  if (!url || !count || !resultFile)
    throw new Error(
      'run through apps/server/bench/kubernetes.ts: BENCH_CONSOLE_URL, BENCH_COUNT and BENCH_RESULT are unset',
    );
  test.setTimeout(120_000);
  const started = Date.now();
  await page.goto(url);
  const grid = page.getByRole('grid', { name: 'Resources' });
  await expect(grid.getByRole('row').nth(1)).toBeVisible({ timeout: 60_000 });
  const interactive = Date.now() - started;
  await expect(page.getByText(`${count} resources`)).toBeVisible({ timeout: 60_000 });

  const t = Date.now();
  await page.getByRole('searchbox', { name: 'Search resources' }).fill('dash97');
  await expect(page.getByText(new RegExp(`^\\d+ of ${count}$`))).toBeVisible({ timeout: 30_000 });
  const filtered = Date.now() - t;
  await page.getByRole('searchbox', { name: 'Search resources' }).fill('');
  await expect(page.getByText(`${count} resources`)).toBeVisible({ timeout: 30_000 });

  await grid.focus();
  const s = Date.now();
  await page.keyboard.press('End');
  const last = await grid.getAttribute('aria-activedescendant');
  await expect(page.locator(`[id="${last}"]`)).toBeVisible({ timeout: 30_000 });
  const scrolled = Date.now() - s;

  writeFileSync(resultFile, JSON.stringify({ interactive, filtered, scrolled }));
  console.log(
    `list of ${count}: interactive ${interactive} ms, filter ${filtered} ms, last row ${scrolled} ms`,
  );
});
