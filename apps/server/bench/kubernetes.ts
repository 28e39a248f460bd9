// `pnpm bench`: the console on the Kubernetes store at scale, side by side with its peers on the
// same kube-apiserver and data in one run (issue 10). N labeled ConfigMaps of real shape
// (`--n 20000`; default 5,000), seeded once; the console is the image's bundle in a process of
// its own. Targets are ratios to the peers measured in the same run; a missed one exits 1.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readStackEnv, startStack, type StackEnv } from '@perses-cm/stack';
import { stackBinaries } from '@perses-cm/stack/testing';
import { median, mib, ms, p95, report, type Row } from './bench-report.ts';
import { bundleConsole, startConsole, type ConsoleProcess } from './console-process.ts';
import { kubeEditor, listP95, propagation, type Target } from './http-load.ts';
import { kubectlGet, kubectlWatch, rawList } from './kube-peers.ts';
import {
  BENCH_PROJECTS,
  BENCH_SELECTOR,
  seedCluster,
  seededConfigMap,
  seededResource,
} from './kubernetes-seed.ts';

const { values } = parseArgs({
  options: { n: { type: 'string', default: '5000' }, runs: { type: 'string', default: '3' } },
  strict: false,
});
const N = Number(values.n);
const RUNS = Number(values.runs);
const log = (msg: string) => console.log(`[kubernetes bench] ${msg}`);
const repoRoot = path.resolve(import.meta.dirname, '../../..');

let env: StackEnv | undefined = await readStackEnv();
let stopStack: (() => Promise<void>) | undefined;
if (!env) {
  log(
    'no stack running (`pnpm stack:up --detach` keeps one, and the seed, between runs): starting one',
  );
  const stack = await startStack({ log });
  env = stack.env;
  stopStack = stack.stop;
}
const admin = env.kubeconfigs.admin;
const kubectl = stackBinaries().kubectl;
const seed = await seedCluster(admin, N, log);
if (!existsSync(path.join(repoRoot, 'apps/web/dist/index.html')))
  spawnSync('pnpm', ['--filter', '@perses-cm/web', 'build'], { cwd: repoRoot, stdio: 'inherit' });
const bundle = bundleConsole();

/** An edit that keeps the document's size: the display name gets a counter. */
function target(i: number): Target {
  const cm = seededConfigMap(i);
  const key = Object.keys(cm.data ?? {})[0]!;
  const text = cm.data![key]!;
  const display = (seededResource(i).resource.document.spec.display as { name: string }).name;
  return {
    namespace: cm.metadata!.namespace!,
    name: cm.metadata!.name!,
    key,
    text: (n) => text.replace(display, `${display} e${n}`),
  };
}

// The same console over a label nothing carries: the process's own baseline, which the RSS after
// the sync includes beside what the documents cost.
const empty = await startConsole(bundle, admin, 'perses-cm.dev/bench-empty=none');
await empty.settled();
await new Promise((r) => setTimeout(r, 5000));
const rssEmpty = empty.rssBytes();
await empty.stop();

// Peers and console alternate, run by run, so each sees the machine in the same state.
const floor: number[] = [];
const floorRss: number[] = [];
const kubectlTimes: number[] = [];
const kubectlRss: number[] = [];
const starts: number[] = [];
let documentBytes = seed.documentBytes;
let listBytes = 0;
let listPages = 1;
let app: ConsoleProcess | undefined;
for (let r = 0; r < RUNS; r++) {
  const raw = await rawList(admin, BENCH_SELECTOR);
  if (raw.items !== N) throw new Error(`the LIST holds ${raw.items} ConfigMaps, not ${N}`);
  floor.push(raw.ms);
  floorRss.push(raw.rssBytes);
  documentBytes = raw.documentBytes;
  listBytes = raw.listBytes;
  listPages = raw.pages;
  const k = await kubectlGet(kubectl, admin, BENCH_SELECTOR);
  kubectlTimes.push(k.ms);
  kubectlRss.push(k.peakRssBytes);
  await app?.stop();
  app = await startConsole(bundle, admin, BENCH_SELECTOR);
  starts.push(app.startMs);
  log(
    `run ${r + 1}: LIST ${ms(raw.ms)}, kubectl ${ms(kubectlTimes[r]!)}, console ${ms(app.startMs)}`,
  );
}
const c = app!;
const settledMs = await c.settled();
const settle = () => new Promise((r) => setTimeout(r, 5000));
await settle();
const rssSynced = c.rssBytes();

const list = `${c.url}/api/v1/resources`;
const list1 = await listP95(list, 1, 30);
const list20 = await listP95(list, 20, 5);
const list20Decoded = await listP95(list, 20, 5, true);
const filtered = await listP95(`${list}?kind=Dashboard&project=team7&q=dash1`, 1, 50);

const editor = await kubeEditor(admin);
const t = target(BENCH_PROJECTS + 1);
const watch = await kubectlWatch(kubectl, admin, t.namespace, BENCH_SELECTOR);
const prop = await propagation(c.url, editor, watch, t, 20);
watch.stop();

// 1,000 edits over ten dashboards, ten at a time; then the console must have seen the last.
const targets = Array.from({ length: 10 }, (_, k) => target(BENCH_PROJECTS + 2 + k * 37));
const last = await Promise.all(
  targets.map(async (tg) => {
    let rv = '';
    for (let n = 0; n < 100; n++)
      rv = await editor.patch(tg.namespace, tg.name, tg.key, tg.text(1000 + n));
    return rv;
  }),
);
for (const [k, tg] of targets.entries()) {
  for (;;) {
    const res = await fetch(`${list}?namespace=${tg.namespace}&q=${encodeURIComponent(tg.name)}`);
    const body = (await res.json()) as { items: { configMapName: string; version: string }[] };
    if (body.items.some((i) => i.configMapName === tg.name && i.version === last[k])) break;
    await new Promise((r) => setTimeout(r, 100));
  }
}
// As after the load: the work the edits left (compaction, the collection after a burst) is done.
await c.settled();
await settle();
const rssEdited = c.rssBytes();

const resultFile = path.join(mkdtempSync(path.join(tmpdir(), 'perses-cm-bench-')), 'browser.json');
const browserRun = spawnSync(
  'pnpm',
  [
    '--filter',
    '@perses-cm/e2e',
    'exec',
    'playwright',
    'test',
    '-c',
    'playwright.bench.config.ts',
    'list-kubernetes',
  ],
  {
    cwd: repoRoot,
    stdio: 'inherit',
    env: {
      // eslint-disable-next-line no-restricted-properties -- Playwright learns the console it measures from its environment
      ...process.env,
      BENCH_CONSOLE_URL: c.url,
      BENCH_COUNT: String(N),
      BENCH_RESULT: resultFile,
    },
  },
);
const browser = existsSync(resultFile)
  ? (JSON.parse(readFileSync(resultFile, 'utf8')) as {
      interactive: number;
      filtered: number;
      cleared: number;
      scrolled: number;
    })
  : undefined;
await c.stop();
await stopStack?.();

const fl = median(floor);
const kc = median(kubectlTimes);
const st = median(starts);
const docs = documentBytes;
const flRss = median(floorRss);
const kcRss = median(kubectlRss);
const rows: Row[] = [
  {
    measure:
      listPages === 1
        ? `raw LIST (one GET, JSON.parse), ${N} ConfigMaps, ${mib(listBytes)}`
        : `raw LIST (${listPages} GETs of 500: one body is beyond V8's longest string), ${N} ConfigMaps, ${mib(listBytes)}`,
    value: ms(fl),
    number: fl,
    note: 'the floor',
  },
  {
    measure: 'raw LIST: RSS holding the parsed list',
    value: `${mib(flRss)} (${(flRss / docs).toFixed(2)}x documents)`,
    number: flRss,
  },
  { measure: 'kubectl get configmaps -A -l ... -o json', value: ms(kc), number: kc },
  { measure: 'kubectl get: peak RSS', value: mib(kcRss), number: kcRss },
  {
    measure: 'console: start to /readyz, vs the floor',
    value: `${ms(st)} (${(st / fl).toFixed(1)}x)`,
    number: st,
    target: '<= 2x the floor',
    ok: st <= 2 * fl,
  },
  {
    measure: 'console: start to /readyz, vs kubectl',
    value: `${(kc / st).toFixed(1)}x faster`,
    number: kc / st,
    target: '>= 3x faster',
    ok: kc >= 3 * st,
  },
  {
    measure: 'console: start to all work after ready done (checks, compaction)',
    value: ms(settledMs),
    number: settledMs,
  },
  {
    measure: `RSS after the initial sync (documents: ${mib(docs)})`,
    value: `${mib(rssSynced)} (${(rssSynced / docs).toFixed(2)}x)`,
    number: rssSynced,
    target: '<= 1.5x documents',
    ok: rssSynced <= 1.5 * docs,
  },
  {
    measure: 'console RSS over an empty label (its own baseline)',
    value: `${mib(rssEmpty)}; after the sync ${mib(rssSynced - rssEmpty)} more (${((rssSynced - rssEmpty) / docs).toFixed(2)}x documents)`,
    number: rssEmpty,
  },
  {
    measure: 'console RSS after the sync, vs the raw LIST and kubectl',
    value: `${(rssSynced / flRss).toFixed(2)}x / ${(rssSynced / kcRss).toFixed(2)}x`,
    number: rssSynced / flRss,
  },
  {
    measure: 'RSS growth over 1,000 edits',
    value: mib(rssEdited - rssSynced),
    number: rssEdited - rssSynced,
    target: '<= 5% of documents',
    ok: rssEdited - rssSynced <= 0.05 * docs,
  },
  {
    measure: 'cached list p95, 1 client',
    value: ms(list1),
    number: list1,
    target: '< 100 ms',
    ok: list1 < 100,
  },
  {
    measure: 'cached list p95, 20 concurrent clients',
    value: ms(list20),
    number: list20,
    target: '< 100 ms',
    ok: list20 < 100,
  },
  {
    measure: '  the same, each answer also decoded by fetch in the bench process',
    value: ms(list20Decoded),
    number: list20Decoded,
  },
  {
    measure: 'filtered list p95',
    value: ms(filtered),
    number: filtered,
    target: '< 10 ms',
    ok: filtered < 10,
  },
  {
    measure: 'edit to SSE event p95, vs kubectl get -w',
    value: `${ms(p95(prop.console))} vs ${ms(p95(prop.kubectl))}`,
    number: p95(prop.console) / p95(prop.kubectl),
    target: '<= 2x kubectl -w',
    ok: p95(prop.console) <= 2 * p95(prop.kubectl),
  },
  ...(browser
    ? [
        ...(N <= 5000
          ? [
              {
                measure: `browser: list of ${N} interactive`,
                value: ms(browser.interactive),
                number: browser.interactive,
                target: '< 1.5 s',
                ok: browser.interactive < 1500,
              },
            ]
          : [
              {
                measure: `browser: list of ${N} interactive`,
                value: ms(browser.interactive),
                number: browser.interactive,
              },
            ]),
        {
          measure: `browser: filter ${N} rows`,
          value: ms(browser.filtered),
          number: browser.filtered,
          target: '< 200 ms',
          ok: browser.filtered < 200,
        },
        {
          measure: `browser: clear the filter (all ${N} rows again)`,
          value: ms(browser.cleared),
          number: browser.cleared,
          target: '< 200 ms',
          ok: browser.cleared < 200,
        },
        {
          measure: `browser: jump to the last of ${N} rows`,
          value: ms(browser.scrolled),
          number: browser.scrolled,
          target: '< 200 ms',
          ok: browser.scrolled < 200,
        },
      ]
    : [{ measure: 'browser list', value: `failed (${browserRun.status})`, ok: false }]),
];
report(
  `kubernetes-${N}`,
  {
    count: N,
    documentBytes: docs,
    listBytes,
    runs: RUNS,
    floor,
    floorRss,
    kubectl: kubectlTimes,
    kubectlRss,
    starts,
    settledMs,
    rssSynced,
    rssEdited,
    propagation: prop,
  },
  rows,
);
