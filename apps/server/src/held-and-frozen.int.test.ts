// Two quieter faults. A held reply: the API server commits a write but its answer is late; the
// console must never call that write failed: it says the outcome is unknown, or, when a quick
// re-read gets through, answers with what was written. A frozen watch: the connection goes silent
// without a reset while new connections work; the console notices within the watch's deadline,
// says it is stale, re-lists, and delivers the change made meanwhile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreV1Api } from '@kubernetes/client-node';
import { API } from '@perses-cm/api';
import { apiClient } from './testing/api-client.ts';
import { project, projectText } from './testing/documents.ts';
import {
  FROZEN_WATCH_LIMIT_MS,
  startFaultServer,
  type FaultServer,
} from './testing/fault-server.ts';
import { readConfigMap } from './testing/admin-console.ts';
import { core, stackEnv, uniq, type StackEnv } from './testing/kube-fixture.ts';
import { eventually, openSse } from './testing/sse.ts';

let env: StackEnv;
let admin: CoreV1Api;
let fs: FaultServer;
const NS = 'team-a';

const stored = (name: string) => readConfigMap(admin, NS, name);

beforeAll(async () => {
  env = stackEnv();
  admin = core(env.kubeconfigs.admin);
  // Watches and decisions that outlast a hold, so it meets only the write; the re-read after a
  // lost answer gets 3 s.
  fs = await startFaultServer(env.apiServer, env.kubeconfigs.admin, [NS], {
    kube: { deadlines: { writeMs: 2_000, checkMs: 3_000 }, access: { ttlMs: 120_000 } },
    loop: { watchTimeoutSeconds: 60 },
  });
});
afterAll(async () => fs?.close());

describe('a write whose answer is held back', () => {
  it('is reported with an unknown outcome, never as failed, and the truth follows', async () => {
    const c = apiClient(fs.srv.url);
    // Decisions and connections warm, so the hold only meets the write.
    expect((await c.create({ text: projectText(uniq('warm')), namespace: NS })).status).toBe(201);
    const sse = await openSse(`${fs.srv.url}${API.events}`);
    try {
      const name = uniq('held');
      fs.proxy.hold();
      const res = await c.create({ document: project(name), namespace: NS });
      // The API server did apply it...
      const cm = await eventually(() => stored(`project-${name}`), 5_000, 'committed');
      // ...and the console did not say it failed.
      expect(res.status).toBe(503);
      expect(res.outcome()).toBe('unknown');
      expect(res.error.message).toMatch(/the write may have been applied/);
      await fs.proxy.restore();
      await sse.waitFor(
        (e) => e.type === 'added' && e.resource.configMapName === cm.metadata?.name,
        10_000,
        'the truth',
      );
      const listed = await c.list(`?q=${name}`);
      expect(listed.body.items.map((i) => i.version)).toEqual([cm.metadata?.resourceVersion]);
    } finally {
      sse.close();
    }
  });

  it('answers with what was written when the re-read gets through', async () => {
    const c = apiClient(fs.srv.url);
    const name = uniq('reread');
    const before = fs.proxy.abandoned();
    fs.proxy.hold();
    const pending = c.create({ document: project(name), namespace: NS });
    // The console gave up waiting for the write's answer; let the re-read through.
    await eventually(() => fs.proxy.abandoned() > before, 10_000, 'the write abandoned');
    await fs.proxy.restore();
    const res = await pending;
    expect(res.status).toBe(201);
    const cm = await stored(`project-${name}`);
    expect(res.body.version).toBe(cm?.metadata?.resourceVersion);
    expect(res.body.text).toBe(cm?.data?.[res.body.key]);
  });
});

describe('an update and a delete whose answers are held back', () => {
  it('an update is reported with an unknown outcome, then the change arrives', async () => {
    const c = apiClient(fs.srv.url);
    const name = uniq('held-put');
    const made = (await c.create({ document: project(name), namespace: NS })).body;
    // The `get` decision an update checks first, known before the hold.
    await c.get(made.id);
    const sse = await openSse(`${fs.srv.url}${API.events}`);
    try {
      fs.proxy.hold();
      const res = await c.update(made.id, {
        document: project(name, 'Changed'),
        version: made.version,
      });
      const cm = await eventually(
        async () => {
          const now = await stored(made.configMapName ?? '');
          return now?.metadata?.resourceVersion !== made.version ? now : null;
        },
        5_000,
        'replaced',
      );
      expect(res.status).toBe(503);
      expect(res.outcome()).toBe('unknown');
      expect(res.error.message).toMatch(/the write may have been applied/);
      await fs.proxy.restore();
      await sse.waitFor(
        (e) =>
          e.type === 'modified' &&
          e.resource.id === made.id &&
          e.resource.version === cm.metadata?.resourceVersion,
        10_000,
        'the change',
      );
      expect((await c.get(made.id)).body.document).toEqual(project(name, 'Changed'));
    } finally {
      sse.close();
      await fs.proxy.restore();
    }
  });

  it('a delete answers 204 when the re-read finds the ConfigMap gone', async () => {
    const c = apiClient(fs.srv.url);
    const made = (await c.create({ document: project(uniq('held-del')), namespace: NS })).body;
    await c.get(made.id);
    const before = fs.proxy.abandoned();
    fs.proxy.hold();
    const pending = c.remove(made.id, made.version);
    try {
      await eventually(() => fs.proxy.abandoned() > before, 10_000, 'the delete abandoned');
    } finally {
      await fs.proxy.restore();
    }
    expect((await pending).status).toBe(204);
    expect(await stored(made.configMapName ?? '')).toBeNull();
    expect((await c.get(made.id)).status).toBe(404);
  });
});

describe('a watch frozen without a reset', () => {
  it('is noticed within its deadline, and the change made meanwhile arrives', async () => {
    const c = apiClient(fs.srv.url);
    const name = uniq('frozen');
    const sse = await openSse(`${fs.srv.url}${API.events}`);
    // A fresh console, so its watch is young and its deadline the full one.
    const fresh = await startFaultServer(env.apiServer, env.kubeconfigs.admin, [NS]);
    const fsse = await openSse(`${fresh.srv.url}${API.events}`);
    try {
      fresh.proxy.freeze();
      await admin.createNamespacedConfigMap({
        namespace: NS,
        body: {
          metadata: { name, labels: { 'perses.dev/resource': 'true' } },
          data: { [`${name}.json`]: projectText(name) },
        },
      });
      // Only the frozen console is blind: the other one sees the change at once.
      await sse.waitFor((e) => e.type === 'added' && e.resource.configMapName === name, 5_000);
      expect(await c.list(`?q=${name}`).then((r) => r.body.items.length)).toBe(1);
      await fsse.waitFor((e) => e.type === 'stale', FROZEN_WATCH_LIMIT_MS + 5_000, 'stale');
      await fsse.waitFor(
        (e) => e.type === 'added' && e.resource.configMapName === name,
        10_000,
        'the change made while frozen',
      );
      await fsse.waitFor((e) => e.type === 'recovered', 10_000, 'recovered');
      expect((await apiClient(fresh.srv.url).health(API.readyz)).body.status).toBe('ok');
    } finally {
      fsse.close();
      sse.close();
      await fresh.close();
    }
  });
});
