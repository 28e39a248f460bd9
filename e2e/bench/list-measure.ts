// The list's figures in Chromium, the same steps for every list bench: interactive after a first
// visit, a typed filter answered, the filter cleared (all rows again), a jump to the last row.
import { expect, type Page } from '@playwright/test';
import { timeToFrame } from './list-timing.ts';

export interface ListFigures {
  interactive: number;
  filtered: number;
  cleared: number;
  scrolled: number;
}

export async function measureList(page: Page, url: string, count: number): Promise<ListFigures> {
  const started = Date.now();
  await page.goto(url);
  const grid = page.getByRole('grid', { name: 'Resources' });
  await expect(grid.getByRole('row').nth(1)).toBeVisible({ timeout: 60_000 });
  const interactive = Date.now() - started;
  await expect(page.getByText(`${count} resources`)).toBeVisible({ timeout: 60_000 });

  const search = page.getByRole('searchbox', { name: 'Search resources' });
  // dash97, dash970..dash979, dash9700..: a few dozen of any size.
  const filtered = await timeToFrame(page, () => search.fill('dash97'), {
    count: new RegExp(`^\\d+ of ${count}$`),
  });
  const cleared = await timeToFrame(page, () => search.fill(''), {
    count: new RegExp(`^${count} resources$`),
  });

  await grid.focus();
  const scrolled = await timeToFrame(page, () => page.keyboard.press('End'), {
    activeRowVisible: true,
  });
  return { interactive, filtered, cleared, scrolled };
}
