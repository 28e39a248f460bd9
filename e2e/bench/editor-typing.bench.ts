// Typing in a 900 KB dashboard stays responsive (issue 12): keys typed in bursts, with pauses long
// enough for the debounced work (validation, size, draft, preview) to run between them, traced in
// Chromium. Target: the main thread's CPU time per key under 50 ms for 95 % of keys. Printed
// beside it: the longest task while typing (a key arriving during it waits for it; the preview's
// redraw after a pause is the longest) and the same typing in a small dashboard, for scale.
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
const KEY_DELAY_MS = 60;
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

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { data?: { type?: string } };
}

/** Top-level tasks of the thread that dispatched the keys (the page's main thread), by start. */
function mainThreadTasks(events: TraceEvent[], keydowns: TraceEvent[]): TraceEvent[] {
  const first = keydowns[0];
  if (!first) throw new Error('the trace holds no keydown');
  const all = events
    .filter(
      (e) =>
        e.pid === first.pid &&
        e.tid === first.tid &&
        e.ph === 'X' &&
        (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask'),
    )
    .sort((a, b) => a.ts - b.ts);
  const top: TraceEvent[] = [];
  for (const t of all) {
    const last = top[top.length - 1];
    if (!last || t.ts >= last.ts + (last.dur ?? 0)) top.push(t);
  }
  if (top.some((t) => t.tdur === undefined)) throw new Error('the trace holds no thread time');
  return top;
}

/**
 * Main-thread CPU time (not wall time: the machine is shared, and waiting for a core is not the
 * page's cost) spent on each key: every task from the one dispatching its keydown until the next
 * key (at most one typing interval), so the key's handlers, its frame and whatever else the page
 * ran meanwhile count. Also the longest task while typing, pauses included: a key arriving during
 * it would wait for it.
 */
async function typeAndMeasure(
  page: Page,
  name: string,
): Promise<{ keys: number[]; longest: number }> {
  const r = await findResource(server.url, 'Dashboard', name);
  await page.goto(`${server.url}/resources/${encodeURIComponent(r.id)}`);
  const editor = new EditorPage(page);
  await editor.waitReady();
  // Into the dashboard's display name, near the top, as a user renaming it would.
  await page.getByText('"display"').first().click();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  // Measure from a page at rest: its first drawing and the preview are the load's cost.
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => resolve(true))));
  const browser = page.context().browser();
  if (!browser) throw new Error('no browser');
  await browser.startTracing(page, {
    categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline'],
  });
  for (let b = 0; b < BURSTS; b++) {
    await page.keyboard.type('x'.repeat(KEYS_PER_BURST), { delay: KEY_DELAY_MS });
    await page.waitForTimeout(PAUSE_MS);
  }
  const { traceEvents } = JSON.parse((await browser.stopTracing()).toString('utf8')) as {
    traceEvents: TraceEvent[];
  };
  const keydowns = traceEvents
    .filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown')
    .sort((a, b) => a.ts - b.ts);
  if (keydowns.length !== BURSTS * KEYS_PER_BURST) {
    throw new Error(`${keydowns.length} keys traced, ${BURSTS * KEYS_PER_BURST} typed`);
  }
  const tasks = mainThreadTasks(traceEvents, keydowns);
  const cpu = (t: TraceEvent) => (t.tdur ?? 0) / 1000;
  const starts = keydowns.map((k) => {
    const task = tasks.find((t) => t.ts <= k.ts && k.ts <= t.ts + (t.dur ?? 0));
    if (!task) throw new Error('a keydown outside any main-thread task');
    return task.ts;
  });
  const keys = starts
    .map((from, i) => {
      const to = Math.min(starts[i + 1] ?? Infinity, from + KEY_DELAY_MS * 1000);
      return tasks.filter((t) => t.ts >= from && t.ts < to).reduce((sum, t) => sum + cpu(t), 0);
    })
    .sort((a, b) => a - b);
  const typing = tasks.filter((t) => t.ts >= (starts[0] ?? 0));
  return { keys, longest: Math.max(...typing.map(cpu)) };
}

const p95 = (sorted: number[]) => sorted[Math.ceil(sorted.length * 0.95) - 1] ?? NaN;
const ms = (n: number) => `${n.toFixed(1)} ms`;

test('typing in a 900 KB dashboard', async ({ page }) => {
  test.setTimeout(300_000);
  const big = await typeAndMeasure(page, 'big');
  const small = await typeAndMeasure(page, 'small');
  console.log(
    `typing, 900 KB dashboard: main-thread CPU per key p95 ${ms(p95(big.keys))}, longest task while typing ${ms(big.longest)} (target p95 < ${P95_TARGET_MS} ms); small dashboard: p95 ${ms(p95(small.keys))}, longest ${ms(small.longest)}`,
  );
  expect(p95(big.keys)).toBeLessThan(P95_TARGET_MS);
});
