// Typing in a 900 KB dashboard stays responsive (issue 12): each key is measured in Chromium with
// the Event Timing API (input delay + handlers + the next paint), in bursts with pauses long
// enough for the debounced work (validation, size, draft, preview) to run between them, so a key
// that lands while that work runs is measured too. Target: 95 % of keys under 50 ms. For scale,
// the same typing in a small dashboard is measured and printed beside it.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { fixturePath } from '@perses-cm/stack/shared';
import { findResource } from '../fixtures/api.ts';
import { startServer, type RunningServer } from '../fixtures/servers.ts';
import { EditorPage } from '../pages/editor-page.ts';

const TARGET_BYTES = 900_000;
const BURSTS = 6;
const KEYS_PER_BURST = 10;
const PAUSE_MS = 700;
const P95_TARGET_MS = 50;

type Dashboard = {
  kind: string;
  metadata: { name: string; project: string };
  spec: {
    panels: Record<string, unknown>;
    layouts: { kind: string; spec: { items: { content: { $ref: string } }[] } }[];
  };
};

/** Perses's real NodeExporter dashboard, its panels copied under new keys up to `bytes`. */
function bigDashboard(bytes: number): string {
  const all = JSON.parse(readFileSync(fixturePath('9-dashboard.json'), 'utf8')) as Dashboard[];
  const source = all.find((d) => d.metadata.name === 'NodeExporter');
  if (!source) throw new Error('NodeExporter is missing from the fixtures');
  const doc: Dashboard = structuredClone(source);
  doc.metadata = { name: 'big', project: 'bench' };
  const layout = structuredClone(source.spec.layouts[0]);
  for (let copy = 1; JSON.stringify(doc, null, 2).length < bytes; copy++) {
    const items: { content: { $ref: string } }[] = [];
    for (const [key, panel] of Object.entries(source.spec.panels)) {
      const k = `${key}_copy${copy}`;
      doc.spec.panels[k] = structuredClone(panel);
      items.push({
        ...structuredClone(layout?.spec.items[0] ?? { content: { $ref: '' } }),
        content: { $ref: `#/spec/panels/${k}` },
      });
    }
    doc.spec.layouts.push({ kind: 'Grid', spec: { ...layout?.spec, items } });
  }
  return `${JSON.stringify(doc, null, 2)}\n`;
}

let server: RunningServer;
let dir: string;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dir = mkdtempSync(join(tmpdir(), 'perses-cm-bench-typing-'));
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: bench\nversion: 0.1.0\n');
  mkdirSync(join(dir, 'files/dashboards/bench'), { recursive: true });
  mkdirSync(join(dir, 'files/projects'), { recursive: true });
  writeFileSync(
    join(dir, 'files/projects/bench.json'),
    '{"kind":"Project","metadata":{"name":"bench"},"spec":{}}\n',
  );
  writeFileSync(join(dir, 'files/dashboards/bench/big.json'), bigDashboard(TARGET_BYTES));
  const small = JSON.parse(bigDashboard(0)) as Dashboard;
  small.metadata.name = 'small';
  small.spec.panels = Object.fromEntries(Object.entries(small.spec.panels).slice(0, 4));
  small.spec.layouts = [];
  writeFileSync(
    join(dir, 'files/dashboards/bench/small.json'),
    `${JSON.stringify(small, null, 2)}\n`,
  );
  server = await startServer('bench-typing', ['--dir', dir], join(dir, 'logs'));
});

test.afterAll(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Per-key latency in ms (Event Timing; a key under the 16 ms reporting threshold counts as 16). */
async function typeAndMeasure(page: Page, name: string): Promise<number[]> {
  const r = await findResource(server.url, 'Dashboard', name);
  await page.goto(`${server.url}/resources/${encodeURIComponent(r.id)}`);
  const editor = new EditorPage(page);
  await editor.waitReady();
  await page.evaluate(() => {
    const w = window as unknown as { __keys: Map<number, number> };
    w.__keys = new Map();
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as PerformanceEventTiming[]) {
        if (!e.interactionId || !e.name.startsWith('key')) continue;
        w.__keys.set(e.interactionId, Math.max(w.__keys.get(e.interactionId) ?? 0, e.duration));
      }
    }).observe({
      type: 'event',
      durationThreshold: 16,
      buffered: false,
    } as PerformanceObserverInit);
  });
  // Into the dashboard's display name, near the top, as a user renaming it would.
  await page.getByText('"display"').first().click();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  for (let b = 0; b < BURSTS; b++) {
    await page.keyboard.type('x'.repeat(KEYS_PER_BURST), { delay: 60 });
    await page.waitForTimeout(PAUSE_MS);
  }
  const measured = await page.evaluate(() => [
    ...(window as unknown as { __keys: Map<number, number> }).__keys.values(),
  ]);
  const keys = BURSTS * KEYS_PER_BURST;
  // Keys faster than the threshold are not reported: they count as 16 ms, an upper bound.
  return [...measured, ...Array<number>(Math.max(0, keys - measured.length)).fill(16)].sort(
    (a, b) => a - b,
  );
}

const p95 = (sorted: number[]) => sorted[Math.ceil(sorted.length * 0.95) - 1] ?? NaN;

test('typing in a 900 KB dashboard', async ({ page }) => {
  test.setTimeout(240_000);
  const big = await typeAndMeasure(page, 'big');
  const small = await typeAndMeasure(page, 'small');
  console.log(
    `typing, 900 KB dashboard: p95 ${p95(big)} ms, max ${big[big.length - 1]} ms per key (target p95 < ${P95_TARGET_MS} ms); small dashboard: p95 ${p95(small)} ms`,
  );
  expect(p95(big)).toBeLessThan(P95_TARGET_MS);
});
