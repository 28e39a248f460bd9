// The provisioning status per person, on the real stack in proxy mode: the overview's counts, the
// orphans and the lag samples are those of the namespaces the caller may list, as the resource
// list is. `dev-a` (edit in team-a only) is not told how many resources team-b holds, nor of the
// orphan a team-b ConfigMap left in Perses (and cannot delete it), nor of a team-b change's lag,
// nor of team-b ConfigMaps in a relabel dry run, nor, on the event stream, of a team-b orphan;
// `ops` (view in both) sees both.
import type { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { API } from '@perses-cm/api';
import { startExtraPerses, type ExtraPerses } from '@perses-cm/stack';
import type { RunningServer } from './main.ts';
import { apiClient, type ApiClient } from './testing/api-client.ts';
import type { ConsoleAccount } from './testing/console-account.ts';
import { project } from './testing/documents.ts';
import { core, stackEnv, startKubeServer, uniq } from './testing/kube-fixture.ts';
import { eventually, openSse, type SseClient } from './testing/sse.ts';
import { DEV_A, PROXY_MODE, proxyModeAccount, proxyPerson } from './testing/proxy-mode.ts';
import { persesGet, putConfigMap } from './testing/status.ts';

const OPS = proxyPerson('ops', 'ops-viewers', { 'team-a': 'view', 'team-b': 'view' });

let admin: CoreV1Api;
let account: ConsoleAccount;
let perses: ExtraPerses;
let folder: string;
let srv: RunningServer;
let devA: ApiClient;
let ops: ApiClient;
const inA = uniq('status-a');
const inB = uniq('status-b');
/** Defined in team-b while the console runs, then deleted: an orphan last seen in team-b. */
const leftB = uniq('left-b');
/** Served by Perses with no ConfigMap ever seen: an orphan of unknown origin. */
const stray = uniq('stray');
/** Defined while the console runs, then served by Perses: one lag sample in each namespace. */
const lagA = uniq('lag-a');
const lagB = uniq('lag-b');
/** A label only this test's ConfigMaps carry, for the relabel dry run. */
const OLD = `test.perses-cm/${uniq('old')}`;
const relA = uniq('rel-a');
const relB = uniq('rel-b');
/** Left in team-b, then served with no ConfigMap, while both people follow the event stream. */
const liveB = uniq('live-b');
const liveStray = uniq('live-stray');
/** Defined before the console starts. */
const made: [string, string][] = [
  ['team-a', inA],
  ['team-b', inB],
  ['team-b', leftB],
];
/** Defined once it runs. */
const later: [string, string][] = [
  ['team-a', lagA],
  ['team-b', lagB],
  ['team-a', relA],
  ['team-b', relB],
  ['team-b', liveB],
];

async function createInPerses(name: string): Promise<void> {
  const res = await fetch(`${perses.url}/api/v1/projects`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(project(name)),
  });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  const env = stackEnv();
  admin = core(env.kubeconfigs.admin);
  account = await proxyModeAccount(env.kubeconfigs.admin, [DEV_A, OPS]);
  // A Perses of this test's own, provisioning an empty folder: what it serves is what we put.
  folder = await mkdtemp(path.join(tmpdir(), 'perses-cm-status-auth-'));
  perses = await startExtraPerses({ provisioning: { folders: [folder], interval: '1h' } });
  for (const name of [leftB, stray]) await createInPerses(name);
  for (const [ns, name] of made) await putConfigMap(admin, ns, name, `${name}.json`, project(name));
  srv = await startKubeServer(
    account.kubeconfig,
    ['team-a', 'team-b'],
    {
      ...PROXY_MODE,
      persesUrl: perses.url,
      status: {
        persesLogFile: perses.logFile,
        sidecarLogFile: null,
        persesNamespaces: null,
        persesUiUrl: null,
      },
    },
    { status: { fastMs: 300, slowMs: 500, history: null } },
  );
  devA = apiClient(srv.url, { headers: DEV_A.headers });
  ops = apiClient(srv.url, { headers: OPS.headers });
  // Tracked while it exists, then deleted: Perses keeps serving it.
  await eventually(
    async () => (await ops.list(`?q=${leftB}`)).body.items.length === 1,
    20_000,
    `${leftB} listed`,
  );
  await admin.deleteNamespacedConfigMap({ namespace: 'team-b', name: leftB });
  await eventually(
    async () => (await ops.orphans()).body.items.some((o) => o.name === leftB),
    20_000,
    `${leftB} an orphan`,
  );
  // Changed while the console watches, then served: Perses gets them through its API here.
  for (const [ns, name] of [
    ['team-a', lagA],
    ['team-b', lagB],
  ] as const)
    await putConfigMap(admin, ns, name, `${name}.json`, project(name));
  for (const name of [lagA, lagB])
    await eventually(
      async () => (await ops.list(`?q=${name}`)).body.items.length === 1,
      20_000,
      `${name} tracked`,
    );
  for (const name of [lagA, lagB]) await createInPerses(name);
  for (const [namespace, name] of [
    ['team-a', relA],
    ['team-b', relB],
  ] as const)
    await admin.createNamespacedConfigMap({
      namespace,
      body: { metadata: { name, labels: { [OLD]: 'true' } }, data: { 'x.txt': 'x' } },
    });
});

afterAll(async () => {
  await srv?.close();
  await perses?.stop();
  for (const [namespace, name] of [...made, ...later])
    await admin?.deleteNamespacedConfigMap({ namespace, name }).catch(() => undefined);
  await account?.cleanup();
  if (folder) await rm(folder, { recursive: true, force: true });
});

/** The overview's total once it matches what the same person's resource list holds. */
async function totalMatchingList(who: ApiClient): Promise<number> {
  let total = -1;
  await eventually(
    async () => {
      const [overview, list] = [(await who.status()).body, (await who.list()).body];
      total = overview.total;
      const counted = Object.values(overview.counts).reduce((a, b) => a + b, 0);
      return total === list.items.length && counted === total;
    },
    20_000,
    'the overview counting what the list shows',
  );
  return total;
}

describe('the status overview per person', () => {
  it('counts only the resources of the namespaces the caller may list', async () => {
    const mine = await totalMatchingList(devA);
    const all = await totalMatchingList(ops);
    // team-b holds at least this test's resource, which dev-a is never told about.
    expect(all).toBeGreaterThan(mine);
    expect((await devA.list(`?q=${inB}`)).body.items).toEqual([]);
    expect((await ops.list(`?q=${inB}`)).body.items).toHaveLength(1);
  });

  it('lists to each person the orphans of their namespaces and those of unknown origin', async () => {
    const opsOrphans = (await ops.orphans()).body.items;
    expect(opsOrphans.find((o) => o.name === leftB)?.lastSeen).toMatchObject({
      namespace: 'team-b',
      configMapName: leftB,
    });
    expect(opsOrphans.find((o) => o.name === stray)?.lastSeen).toBeNull();

    const devAOrphans = (await devA.orphans()).body.items;
    expect(devAOrphans.map((o) => o.name)).toContain(stray);
    expect(devAOrphans.map((o) => o.name)).not.toContain(leftB);
    expect(JSON.stringify(devAOrphans)).not.toContain('team-b');
    expect((await devA.status()).body.orphans).toBe(devAOrphans.length);
    expect((await ops.status()).body.orphans).toBe(opsOrphans.length);
  });

  it('does not let a person delete an orphan of a namespace they may not read', async () => {
    const orphan = (await ops.orphans()).body.items.find((o) => o.name === leftB);
    const refused = await devA.deleteOrphan(orphan?.id ?? '', leftB);
    expect(refused.status).toBe(404);
    const still = await persesGet(perses.url, `/api/v1/projects/${leftB}`);
    expect(still.status).toBe(200);
  });
});

describe('the orphans event per person', () => {
  const counts = (c: SseClient) => c.events.flatMap((e) => (e.type === 'orphans' ? [e.count] : []));

  it('tells each person their own orphan count, and nothing when only others changed', async () => {
    const [a, o] = [
      await openSse(`${srv.url}${API.events}`, DEV_A.headers),
      await openSse(`${srv.url}${API.events}`, OPS.headers),
    ];
    try {
      const mineBefore = (await devA.orphans()).body.items.length;
      const allBefore = (await ops.orphans()).body.items.length;
      // A team-b orphan: defined, served, then its ConfigMap deleted.
      await putConfigMap(admin, 'team-b', liveB, `${liveB}.json`, project(liveB));
      await eventually(
        async () => (await ops.list(`?q=${liveB}`)).body.items.length === 1,
        20_000,
        `${liveB} tracked`,
      );
      await createInPerses(liveB);
      await admin.deleteNamespacedConfigMap({ namespace: 'team-b', name: liveB });
      await o.waitFor(
        (e) => e.type === 'orphans' && e.count === allBefore + 1,
        20_000,
        `ops told of ${liveB}`,
      );
      // One of unknown origin: both are told, dev-a of its own count.
      await createInPerses(liveStray);
      await o.waitFor((e) => e.type === 'orphans' && e.count === allBefore + 2, 20_000, 'ops');
      await a.waitFor((e) => e.type === 'orphans', 20_000, `dev-a told of ${liveStray}`);
      expect(counts(a)).toEqual([mineBefore + 1]);
      expect((await devA.orphans()).body.items.length).toBe(mineBefore + 1);
      expect(a.raw.join('\n')).not.toContain(liveB);
      expect(a.raw.join('\n')).not.toContain('team-b');
    } finally {
      a.close();
      o.close();
    }
  });
});

describe('the lag history per person', () => {
  it('shows each person the samples of the namespaces they may list, and counts only those', async () => {
    const names = async (who: ApiClient) => (await who.lag()).body.samples.map((s) => s.name);
    await eventually(
      async () => {
        const all = await names(ops);
        return all.includes(lagA) && all.includes(lagB);
      },
      20_000,
      'both changes measured',
    );
    const mine = await names(devA);
    expect(mine).toContain(lagA);
    expect(mine).not.toContain(lagB);
    const [a, o] = [(await devA.status()).body.lag, (await ops.status()).body.lag];
    expect(a.recent.count).toBe(mine.length);
    expect(o.recent.count).toBeGreaterThan(a.recent.count);
  });
});

describe('the relabel dry run per person', () => {
  it('lists only the ConfigMaps of namespaces the caller may list', async () => {
    const request = { from: { key: OLD, value: 'true' }, to: { key: `${OLD}-new`, value: 'true' } };
    const listed = async (who: ApiClient) =>
      (await who.relabelPlan(request)).body.items.map((i) => `${i.namespace}/${i.name}`);
    expect(await listed(devA)).toEqual([`team-a/${relA}`]);
    expect(await listed(ops)).toEqual([`team-a/${relA}`, `team-b/${relB}`]);
  });
});
