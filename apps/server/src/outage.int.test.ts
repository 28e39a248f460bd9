// An API server that is cut off (connections reset, then refused) or hung (connections accepted,
// never answered) for many times the access decisions' lifetime: the console keeps serving what
// it knew, marked stale, with the same permission answers; writes fail fast with 503 and write
// nothing; afterwards, every change made meanwhile arrives. The console runs as `editor` (lists
// team-a and team-b, writes in team-a only), so its permission answers are not all "yes".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreV1Api } from '@kubernetes/client-node';
import { API, type ListResourcesResponse, type WhoAmIResponse } from '@perses-cm/api';
import { apiClient } from './testing/api-client.ts';
import { projectText } from './testing/documents.ts';
import { FROZEN_WATCH_LIMIT_MS, SHORT, startFaultServer } from './testing/fault-server.ts';
import { core, stackEnv, uniq, type StackEnv } from './testing/kube-fixture.ts';
import { eventually, openSse, sawChange, waitForMissedChanges } from './testing/sse.ts';

const LABEL = { 'perses.dev/resource': 'true' };
/** How long each fault lasts once the console has noticed it: ten lifetimes of a decision. */
const FAULT_MS = 10 * (SHORT.kube.access?.ttlMs ?? 0);
let env: StackEnv;
let admin: CoreV1Api;

beforeAll(() => {
  env = stackEnv();
  admin = core(env.kubeconfigs.admin);
});

const mk = (name: string, display = name) =>
  admin.createNamespacedConfigMap({
    namespace: 'team-a',
    body: {
      metadata: { name, labels: LABEL },
      data: { [`${name}.json`]: projectText(name, display) },
    },
  });

/** Labeled ConfigMaps in team-a whose name starts with `prefix`, straight from kube-apiserver. */
async function stored(prefix: string): Promise<string[]> {
  const list = await admin.listNamespacedConfigMap({
    namespace: 'team-a',
    labelSelector: 'perses.dev/resource=true',
  });
  return list.items.flatMap((c) => (c.metadata?.name?.startsWith(prefix) ? [c.metadata.name] : []));
}

const ids = (list: ListResourcesResponse) => list.items.map((i) => i.id);
const capabilities = (who: WhoAmIResponse) => who.capabilities;

describe.each(['cut', 'hang'] as const)('an API server %s', (fault) => {
  let names: { prefix: string; kept: string; gone: string; changed: string; born: string };
  afterAll(async () => {
    for (const name of await stored(names.prefix))
      await admin.deleteNamespacedConfigMap({ namespace: 'team-a', name });
  });

  it('keeps reads and permission answers, refuses writes fast, and misses no change', async () => {
    const prefix = uniq(fault);
    names = {
      prefix,
      kept: `${prefix}-kept`,
      gone: `${prefix}-gone`,
      changed: `${prefix}-changed`,
      born: `${prefix}-born`,
    };
    const { srv, proxy, close } = await startFaultServer(env.apiServer, env.kubeconfigs.editor, [
      'team-a',
      'team-b',
    ]);
    // Every answer during the fault must come within 5 s, or the call fails.
    const c = apiClient(srv.url, { answerWithinMs: 5_000 });
    try {
      await mk(names.kept);
      await mk(names.gone);
      await mk(names.changed);
      await eventually(
        async () => (await c.list(`?q=${prefix}`)).body.items.length === 3,
        5_000,
        'seeded',
      );
      const list = (await c.list(`?q=${prefix}`)).body;
      expect(list.errors).toEqual([]);
      const who = (await c.whoami()).body;
      expect(who.capabilities.find((n) => n.namespace === 'team-b')?.allowed.create).toBe(false);
      const keptId = list.items.find((i) => i.configMapName === names.kept)?.id ?? '';
      const kept = (await c.get(keptId)).body;
      const sse = await openSse(`${srv.url}${API.events}`);
      try {
        if (fault === 'cut') await proxy.cut();
        else proxy.hang();
        await sse.waitFor((e) => e.type === 'stale', FROZEN_WATCH_LIMIT_MS + 5_000, 'stale');
        // Each namespace's watch notices on its own; both within the same bound.
        await eventually(
          async () => (await c.list(`?q=${prefix}`)).body.errors.length === 2,
          FROZEN_WATCH_LIMIT_MS + 5_000,
          'both namespaces stale',
        );
        const noticed = Date.now();
        expect((await c.health(API.readyz)).body.status).toBe('stale');
        // Changes the console cannot see yet.
        await admin.deleteNamespacedConfigMap({ namespace: 'team-a', name: names.gone });
        const cm = await admin.readNamespacedConfigMap({
          namespace: 'team-a',
          name: names.changed,
        });
        await admin.replaceNamespacedConfigMap({
          namespace: 'team-a',
          name: names.changed,
          body: {
            ...cm,
            data: { [`${names.changed}.json`]: projectText(names.changed, 'During') },
          },
        });
        await mk(names.born);

        let rounds = 0;
        while (Date.now() - noticed < FAULT_MS || rounds < 3) {
          rounds++;
          const during = (await c.list(`?q=${prefix}`)).body;
          expect(ids(during)).toEqual(ids(list));
          // Marked stale: each namespace says it could not refresh; none says "forbidden".
          expect(during.errors.map((e) => e.code)).toEqual(['unavailable', 'unavailable']);
          expect(capabilities((await c.whoami()).body)).toEqual(capabilities(who));
          expect((await c.get(keptId)).body.text).toBe(kept.text);
          const write = await c.create({ text: projectText(`${prefix}-x`), namespace: 'team-a' });
          expect(write.status).toBe(503);
          expect(write.error.code).toBe('unavailable');
          expect(write.error.message).toMatch(/^Kubernetes is unreachable .*nothing was written/);
          expect(write.outcome()).toBe('not_applied');
        }
        expect(await stored(`${prefix}-x`)).toEqual([]);

        await proxy.restore();
        await sse.waitFor((e) => e.type === 'recovered', 15_000, 'recovered');
        await waitForMissedChanges(sse, names);
        expect(
          sawChange(sse, 'deleted', names.kept) || sawChange(sse, 'modified', names.kept),
        ).toBe(false);
        expect((await c.health(API.readyz)).body.status).toBe('ok');
        const after = (await c.list(`?q=${prefix}`)).body;
        expect(after.errors).toEqual([]);
        expect(after.items.map((i) => i.configMapName).sort()).toEqual(
          [names.born, names.changed, names.kept].sort(),
        );
      } finally {
        sse.close();
      }
    } finally {
      await close();
    }
  });
});
