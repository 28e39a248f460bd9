// `pnpm bench` (apps/server/bench/kubernetes.ts runs it): the list in Chromium over a console
// that serves the seeded Kubernetes store. Targets: interactive within 1.5 s of navigation at
// 5,000 resources; at any size a filter answered, cleared, and a jump to the last row drawn,
// within 200 ms (timed in the page: list-timing.ts). The figures go to BENCH_RESULT for the
// Kubernetes bench's table.
import { writeFileSync } from 'node:fs';
import { test } from '@playwright/test';
import { measureList } from './list-measure.ts';

const url = process.env['BENCH_CONSOLE_URL'];
const count = Number(process.env['BENCH_COUNT']);
const resultFile = process.env['BENCH_RESULT'];

test('list of the seeded ConfigMaps', async ({ page }) => {
  if (!url || !count || !resultFile)
    throw new Error(
      'run through apps/server/bench/kubernetes.ts: BENCH_CONSOLE_URL, BENCH_COUNT and BENCH_RESULT are unset',
    );
  test.setTimeout(120_000);
  const f = await measureList(page, url, count);
  writeFileSync(resultFile, JSON.stringify(f));
  console.log(
    `list of ${count}: interactive ${f.interactive} ms, filter ${Math.round(f.filtered)} ms, ` +
      `cleared ${Math.round(f.cleared)} ms, last row ${Math.round(f.scrolled)} ms`,
  );
});
