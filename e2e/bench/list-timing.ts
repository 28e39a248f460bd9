// Times the list's answers in the page itself: from the input event (a key, a typed filter) to
// the first frame that shows the result. Playwright's own waits poll with a growing backoff
// (20, 50, 100, 100, 500 ms), too coarse for a 200 ms target.
import type { Page } from '@playwright/test';

export type Done = { count: RegExp } | { activeRowVisible: true };

/**
 * Runs `act` and resolves with the ms from the first input or keydown event it causes to the
 * animation frame after the one where `done` held (that frame is painted by then): the toolbar's
 * count reads `count`, or another row became active and is drawn inside the grid's viewport.
 */
export async function timeToFrame(
  page: Page,
  act: () => Promise<void>,
  done: Done,
): Promise<number> {
  await page.evaluate(
    ({ count, active }) => {
      const w = window as unknown as { __listTiming?: Promise<number> };
      const re = count === null ? null : new RegExp(count);
      w.__listTiming = new Promise<number>((resolve) => {
        const grid = document.querySelector('[role="grid"][aria-label="Resources"]');
        let start: number | undefined;
        let before: string | null = null;
        const onEvent = (e: Event) => {
          if (start !== undefined) return;
          start = e.timeStamp;
          before = grid?.getAttribute('aria-activedescendant') ?? null;
        };
        document.addEventListener('input', onEvent, true);
        document.addEventListener('keydown', onEvent, true);
        const holds = () => {
          if (re) return re.test(document.querySelector('.toolbar-count')?.textContent ?? '');
          if (!active) return false;
          const id = grid?.getAttribute('aria-activedescendant');
          const row = id && id !== before ? document.getElementById(id) : null;
          const body = grid?.querySelector('.grid-body');
          if (!row || !body) return false;
          const r = row.getBoundingClientRect();
          const b = body.getBoundingClientRect();
          return r.top >= b.top && r.bottom <= b.bottom + 1;
        };
        const tick = () => {
          if (start !== undefined && holds()) {
            requestAnimationFrame(() => {
              document.removeEventListener('input', onEvent, true);
              document.removeEventListener('keydown', onEvent, true);
              resolve(performance.now() - start!);
            });
          } else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
    },
    { count: 'count' in done ? done.count.source : null, active: 'activeRowVisible' in done },
  );
  await act();
  return page.evaluate(() => (window as unknown as { __listTiming: Promise<number> }).__listTiming);
}
