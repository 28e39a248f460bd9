// `pnpm bench`, provisioning status part: the steady-state poll at 5,000 dashboards served by a
// real Perses (v0.54.0 of the stack, with its plugins). Targets of issue 9: a steady-state poll
// transfers under 1 MB and costs under 50 ms of server CPU; compared with the peer a naive poll
// would be (every list in full), whose cost grows with the resources' bytes. CPU is the whole
// process's during the poll (HTTP, gzip, JSON and schema checks of the lists, the evaluation).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startExtraPerses } from '@perses-cm/stack';
import { startServer } from '../src/main.ts';
import { PersesClient } from '../src/perses/perses-client.ts';
import { undiciFetch } from '../src/perses/undici-fetch.ts';
import { directTransport, type FetchLike } from '../src/perses/transport.ts';
import { StatusMonitor } from '../src/services/status/status-monitor.ts';
import { directoryConfig } from '../src/testing/directory-server.ts';
import { seedDashboards, SEED_PROJECTS } from './seed.ts';

const COUNT = 5000;
const POLLS = 10;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1] ?? NaN;
const log = (m: string) => console.log(`[status bench] ${m}`);

const dir = await mkdtemp(path.join(tmpdir(), 'perses-cm-status-bench-'));
await seedDashboards(dir, COUNT);
await mkdir(path.join(dir, 'files/projects'), { recursive: true });
for (let p = 0; p < SEED_PROJECTS; p++)
  await writeFile(
    path.join(dir, `files/projects/team${p}.json`),
    JSON.stringify({ kind: 'Project', metadata: { name: `team${p}` }, spec: {} }),
  );
log(`starting a Perses provisioning ${COUNT} dashboards and ${SEED_PROJECTS} projects`);
// One cycle at start-up; the hour-long interval keeps cycles out of the measured polls.
const perses = await startExtraPerses(
  { provisioning: { folders: [path.join(dir, 'files')], interval: '1h' } },
  { plugins: true },
);
let bytes = 0;
const counting: FetchLike = async (url, init) => {
  const res = await undiciFetch(url, init);
  return {
    status: res.status,
    headers: res.headers,
    text: async () => {
      const text = await res.text();
      bytes += Buffer.byteLength(text);
      return text;
    },
  };
};
const client = new PersesClient(directTransport(perses.url, counting));
const srv = await startServer(directoryConfig(dir), { pollMs: 60_000, status: false });
const polls: { mode: string; cpuMs: number; bytes: number }[] = [];
let before = 0;
const monitor = new StatusMonitor({
  history: null,
  scope: { target: 'directory', label: '', namespaces: null },
  publish: () => {},
  slowMs: 1000,
  // The first look is set-up here, not what is measured: all of it in the first polls.
  firstChecksPerPoll: 10_000,
  onPoll: (p) => {
    polls.push({ mode: p.mode, cpuMs: p.cpuMs, bytes: bytes - before });
    before = bytes;
  },
});
try {
  monitor.follow({ index: srv.index, perses: client });
  await monitor.start();
  const total = COUNT + SEED_PROJECTS;
  const t0 = Date.now();
  for (;;) {
    const synced = monitor.counts().synced;
    if (synced >= total) break;
    const c = monitor.connection();
    if (Date.now() - t0 > 600_000)
      throw new Error(`only ${synced} of ${total} synced after 10 min (Perses: ${c.state})`);
    if ((Date.now() - t0) % 60_000 < 1000)
      log(`first look: ${synced} of ${total} synced, Perses ${c.state} ${c.message ?? ''}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
  log(
    `first look at ${total} resources: ${((Date.now() - t0) / 1000).toFixed(0)} s, ${(bytes / 2 ** 20).toFixed(1)} MiB read`,
  );
  polls.length = 0;
  // `--profile <file.cpuprofile>`: a CPU profile of the measured polls only.
  const profile = parseArgs({ options: { profile: { type: 'string' } } }).values.profile;
  const session = profile ? new Session() : null;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  while (polls.filter((p) => p.mode === 'slow').length < POLLS)
    await new Promise((r) => setTimeout(r, 200));
  if (session && profile) {
    const { profile: data } = await session.post('Profiler.stop');
    await writeFile(profile, JSON.stringify(data));
    session.disconnect();
    log(`CPU profile of the measured polls: ${profile}`);
  }
  const slow = polls.filter((p) => p.mode === 'slow');
  log(`CPU per steady-state poll (ms): ${slow.map((p) => p.cpuMs.toFixed(0)).join(' ')}`);
  // The peer: a poll reading every list in full.
  const fullStart = bytes;
  const cpu = process.cpuUsage();
  for (const kind of ['Project', 'Dashboard'] as const) await client.list(kind);
  const used = process.cpuUsage(cpu);
  const full = { bytes: bytes - fullStart, cpuMs: (used.user + used.system) / 1000 };
  const steadyBytes = p95(slow.map((p) => p.bytes));
  const steadyCpu = p95(slow.map((p) => p.cpuMs));
  const rows: [string, string, string, boolean][] = [
    [
      'steady-state poll, bytes read (p95)',
      `${(steadyBytes / 1e6).toFixed(2)} MB`,
      '< 1 MB',
      steadyBytes < 1e6,
    ],
    [
      'steady-state poll, server CPU (p95)',
      `${steadyCpu.toFixed(1)} ms`,
      '< 50 ms',
      steadyCpu < 50,
    ],
    ['naive poll (every list in full), bytes', `${(full.bytes / 1e6).toFixed(2)} MB`, '-', true],
    ['naive poll, server CPU', `${full.cpuMs.toFixed(1)} ms`, '-', true],
    [
      'steady-state bytes / naive bytes',
      `${((100 * steadyBytes) / full.bytes).toFixed(1)} %`,
      '-',
      true,
    ],
  ];
  for (const [name, value, target, ok] of rows)
    console.log(`${ok ? 'ok  ' : 'MISS'} ${name.padEnd(44)} ${value.padStart(18)}  ${target}`);
  process.exitCode = rows.every((r) => r[3]) ? 0 : 1;
} finally {
  await monitor.close();
  await srv.close();
  await perses.stop();
  await rm(dir, { recursive: true, force: true });
}
