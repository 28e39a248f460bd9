// The list's figures in Chromium, the same steps for every list bench: interactive (the first row
// drawn) after a first visit, a typed filter answered, the filter cleared (all rows again), a jump
// to the last row.
import { expect, type Page } from '@playwright/test';
import { timeToFrame } from './list-timing.ts';

export interface ListFigures {
  interactive: number;
  filtered: number;
  cleared: number;
  scrolled: number;
}

/**
 * Opens `url` and resolves with the ms from the start of the navigation to the frame after the
 * one that first drew a row of the list, timed in the page: Playwright's waits poll with a
 * growing backoff, and run their own scripts in the page while it loads.
 */
export async function timeToFirstRow(page: Page, url: string): Promise<number> {
  await page.addInitScript(() => {
    const w = window as unknown as { __firstRow?: Promise<number> };
    w.__firstRow = new Promise<number>((resolve) => {
      const tick = () => {
        const grid = document.querySelector('[role="grid"][aria-label="Resources"]');
        // The header row, then the first row of resources.
        if (grid && grid.querySelectorAll('[role="row"]').length > 1)
          requestAnimationFrame(() => resolve(performance.now()));
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
  });
  await page.goto(url);
  return page.evaluate(() => (window as unknown as { __firstRow: Promise<number> }).__firstRow);
}

export async function measureList(page: Page, url: string, count: number): Promise<ListFigures> {
  const interactive = await timeToFirstRow(page, url);
  const grid = page.getByRole('grid', { name: 'Resources' });
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
