// `pnpm bench:apply` (part of `pnpm bench`): the time from a save to Perses serving the change,
// with apply now (50 saves) and without (10 saves, bounded by the provisioning interval), side by
// side, on the real stack (kube-apiserver, the sidecar, a Perses with every plugin). Exits 1 when
// the apply-now p95 misses its target (1 s).
import { randomBytes } from 'node:crypto';
import { readStackEnv, startExtraPerses, startStack } from '@perses-cm/stack';
import { API } from '@perses-cm/api';
import { startServer } from '../src/main.ts';
import { project } from '../src/testing/documents.ts';
import { dashboard } from '../src/testing/status.ts';

const WITH_RUNS = 50;
const WITHOUT_RUNS = 10;
/** Short enough to measure the path without apply now in minutes; the chart's is 10m. */
const INTERVAL = '5s';
const TARGET_P95_MS = 1000;

const running = await readStackEnv();
const stack = running ? null : await startStack({ log: () => undefined });
const env = running ?? stack!.env;
const perses = await startExtraPerses(
  { provisioning: { folders: [env.provisioningDir], interval: INTERVAL } },
  { plugins: true },
);
const srv = await startServer(
  {
    host: '127.0.0.1',
    port: 0,
    target: {
      type: 'kubernetes',
      kubeconfig: env.kubeconfigs.admin,
      context: null,
      inCluster: false,
      namespaces: ['perses'],
    },
    label: { key: 'perses.dev/resource', value: 'true' },
    persesUrl: perses.url,
    webDist: null,
  },
  { status: { history: null } },
);

const call = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${srv.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : ((await res.json()) as Record<string, string>);
};

/** Polls Perses (every 20 ms) until it serves the dashboard with this display name. */
async function servedAfter(path: string, display: string, start: number): Promise<number> {
  for (;;) {
    const res = await fetch(`${perses.url}${path}`);
    if (res.ok) {
      const doc = (await res.json()) as { spec?: { display?: { name?: string } } };
      if (doc.spec?.display?.name === display) return performance.now() - start;
    } else await res.text();
    await new Promise((r) => setTimeout(r, 20));
  }
}

const proj = `bench-${randomBytes(3).toString('hex')}`;
const made: string[] = [];
const measure = async (applyNow: boolean, runs: number): Promise<number[]> => {
  const name = `${applyNow ? 'now' : 'cycle'}-${proj}`;
  let r = await call('POST', API.resources, {
    document: dashboard(name, proj),
    namespace: 'perses',
    applyNow: true,
  });
  made.push(r!.id!);
  const path = `/api/v1/projects/${proj}/dashboards/${name}`;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const doc = dashboard(name, proj);
    doc.spec.display.name = `${name} ${i}`;
    const start = performance.now();
    r = await call('PUT', API.resource(r!.id!), { document: doc, version: r!.version, applyNow });
    times.push(await servedAfter(path, doc.spec.display.name, start));
  }
  return times;
};

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;
const row = (label: string, xs: number[]) =>
  `${label.padEnd(34)} ${String(xs.length).padStart(4)} ${pct(xs, 0.5).toFixed(0).padStart(8)} ${pct(xs, 0.95).toFixed(0).padStart(8)} ${Math.max(
    ...xs,
  )
    .toFixed(0)
    .padStart(8)}`;

let failed: boolean;
try {
  const p = await call('POST', API.resources, {
    document: project(proj),
    namespace: 'perses',
    applyNow: true,
  });
  made.push(p!.id!);
  const withApply = await measure(true, WITH_RUNS);
  const without = await measure(false, WITHOUT_RUNS);
  console.log(`save → Perses serves the change (ms); provisioning interval ${INTERVAL}`);
  console.log(`${''.padEnd(34)} runs      p50      p95      max`);
  console.log(row('with apply now', withApply));
  console.log(row(`without (interval ${INTERVAL})`, without));
  failed = pct(withApply, 0.95) >= TARGET_P95_MS;
  console.log(`apply now p95 target < ${TARGET_P95_MS} ms: ${failed ? 'MISSED' : 'met'}`);
} finally {
  for (const id of made.reverse()) {
    const d = await fetch(`${srv.url}${API.resource(id)}`);
    if (d.ok) {
      const { version } = (await d.json()) as { version: string };
      await call('DELETE', `${API.resource(id)}?version=${encodeURIComponent(version)}`);
    }
  }
  await srv.close();
  await perses.stop();
  await stack?.stop();
}
process.exit(failed ? 1 : 0);
