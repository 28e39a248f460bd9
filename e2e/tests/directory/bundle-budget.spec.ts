// The initial JavaScript budget (apps/web/README.md): under 300 KB gzip for the first page, from the
// real Vite build the server serves. Counted: the entry and the chunks index.html preloads (loaded
// before any code runs), and every other script the list page fetches before it shows its rows
// (the app chunk the entry awaits, the route). Monaco is not among them: it loads with an editor.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from '../../fixtures/test.ts';
import { repoRoot } from '../../fixtures/servers.ts';
import { ListPage } from '../../pages/list-page.ts';

const BUDGET_BYTES = 300 * 1000;
const dist = join(repoRoot, 'apps/web/dist');
const gzipped = (asset: string) => gzipSync(readFileSync(join(dist, asset))).byteLength;

/** The entry script and the chunks index.html preloads, as paths under dist. */
function entryAndPreloads(): string[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const entry = [...html.matchAll(/<script type="module"[^>]* src="\/([^"]+\.js)"/g)];
  const preloads = [...html.matchAll(/<link rel="modulepreload"[^>]* href="\/([^"]+\.js)"/g)];
  return [...entry, ...preloads].map((m) => m[1] ?? '');
}

test('the list page loads under 300 KB of gzipped JavaScript, without Monaco', async ({
  page,
  env,
}) => {
  const initial = entryAndPreloads();
  expect(initial.length).toBeGreaterThan(1);
  const fetched = new Set<string>();
  page.on('request', (req) => {
    if (req.resourceType() === 'script') fetched.add(new URL(req.url()).pathname.slice(1));
  });
  const list = new ListPage(page, env.directory.url);
  await list.goto();
  await expect(list.row('Dashboard', 'Demo', 'perses')).toBeVisible();
  for (const asset of initial) expect(fetched).toContain(asset);
  const scripts = [...fetched].sort();
  const sizes = scripts.map((asset) => ({ asset, gzip: gzipped(asset) }));
  const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
  const report = `${(total / 1000).toFixed(1)} KB: ${sizes.map((s) => `${s.asset} ${(s.gzip / 1000).toFixed(1)}`).join(', ')}`;
  test.info().annotations.push({ type: 'initial JS (gzip)', description: report });
  console.log(`initial JS (gzip): ${report}`);
  expect(scripts.filter((s) => /monaco|editor\.api|\.worker|jsonMode/i.test(s))).toEqual([]);
  expect(total).toBeLessThan(BUDGET_BYTES);
});
