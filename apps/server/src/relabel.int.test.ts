// Relabel on the real stack, as `editor` (who may write ConfigMaps in team-a only): 200 ConfigMaps,
// one of them in team-b; the progress stream reports every one, the forbidden one with why, the
// rest carry the new label, a retry of the failure is refused again, and both labels can be kept.
import { CSRF_HEADER, RelabelProgress, API } from '@perses-cm/api';
import type { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from './domain/identity.ts';
import type { RunningServer } from './main.ts';
import { apiClient } from './testing/api-client.ts';
import { core, stackEnv, startKubeServer, uniq } from './testing/kube-fixture.ts';

const OLD = `test.perses-cm/${uniq('old')}`;
const NEW = `test.perses-cm/${uniq('new')}`;
const tag = uniq('rl');
const editor: Identity = {
  name: 'editor',
  groups: ['system:authenticated'],
  source: 'proxy',
  credential: { type: 'impersonate' },
};
let admin: CoreV1Api;
let srv: RunningServer;
const made: { namespace: string; name: string }[] = [];

async function relabel(body: unknown): Promise<RelabelProgress[]> {
  const res = await fetch(`${srv.url}${API.relabel}`, {
    method: 'POST',
    headers: { [CSRF_HEADER]: '1', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.headers.get('content-type')).toBe('application/x-ndjson');
  const text = await res.text();
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => RelabelProgress.parse(JSON.parse(l)));
}

const labelled = async (namespace: string, selector: string) =>
  (await admin.listNamespacedConfigMap({ namespace, labelSelector: selector })).items.filter((c) =>
    c.metadata?.name?.startsWith(tag),
  );

beforeAll(async () => {
  admin = core(stackEnv().kubeconfigs.admin);
  const make = async (namespace: string, name: string) => {
    await admin.createNamespacedConfigMap({
      namespace,
      body: { metadata: { name, labels: { [OLD]: 'true' } }, data: { [`${name}.txt`]: 'x' } },
    });
    made.push({ namespace, name });
  };
  await Promise.all(Array.from({ length: 199 }, (_, i) => make('team-a', `${tag}-${i}`)));
  await make('team-b', `${tag}-b`);
  await make('team-a', `${tag}-keep-0`);
  await make('team-a', `${tag}-keep-1`);
  srv = await startKubeServer(
    stackEnv().kubeconfigs.admin,
    ['team-a', 'team-b'],
    { label: { key: OLD, value: 'true' } },
    { identify: async () => editor, status: false },
  );
});
afterAll(async () => {
  await srv?.close();
  await Promise.all(made.map((m) => admin.deleteNamespacedConfigMap(m).catch(() => undefined)));
});

describe('relabel', () => {
  it('moves 200 ConfigMaps with a progress stream, reporting the one RBAC forbids', async () => {
    const only = [
      ...Array.from({ length: 199 }, (_, i) => `team-a/${tag}-${i}`),
      `team-b/${tag}-b`,
    ];
    const request = { from: { key: OLD, value: 'true' }, to: { key: NEW, value: 'true' }, only };
    const plan = (await apiClient(srv.url).relabelPlan(request)).body;
    expect(plan.items).toHaveLength(200);
    expect(plan.items[0]).toMatchObject({ before: `${OLD}=true`, after: `${NEW}=true` });

    const lines = await relabel(request);
    expect(lines[0]).toEqual({ type: 'start', total: 200 });
    const items = lines.filter((l) => l.type === 'item');
    expect(items).toHaveLength(200);
    expect(items.map((l) => l.done)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    const refused = items.filter((l) => !l.ok);
    expect(refused.map((l) => `${l.namespace}/${l.name}`)).toEqual([`team-b/${tag}-b`]);
    expect(refused[0]?.message).toMatch(/forbidden/i);
    expect(lines.at(-1)).toEqual({
      type: 'done',
      applied: 199,
      failed: [`team-b/${tag}-b`],
      total: 200,
    });

    expect(await labelled('team-a', `${NEW}=true,!${OLD}`)).toHaveLength(199);
    expect(await labelled('team-b', `${OLD}=true`)).toHaveLength(1);

    // A retry of the failure alone: RBAC still decides, and says so again.
    const retry = await relabel({ ...request, only: [`team-b/${tag}-b`] });
    expect(retry.at(-1)).toEqual({
      type: 'done',
      applied: 0,
      failed: [`team-b/${tag}-b`],
      total: 1,
    });
  });

  it('keeps both labels during a migration, and says which one the sidecar watches', async () => {
    const request = {
      from: { key: OLD, value: 'true' },
      to: { key: NEW, value: 'true' },
      keepOld: true,
      only: [`team-a/${tag}-keep-0`, `team-a/${tag}-keep-1`],
    };
    const plan = (await apiClient(srv.url).relabelPlan(request)).body;
    expect(plan.items.map((i) => i.after)).toEqual([
      `${OLD}=true,${NEW}=true`,
      `${OLD}=true,${NEW}=true`,
    ]);
    expect(plan.note).toContain(`The old label ${OLD}=true stays beside it.`);
    const lines = await relabel(request);
    expect(lines.at(-1)).toEqual({ type: 'done', applied: 2, failed: [], total: 2 });
    expect(await labelled('team-a', `${OLD}=true,${NEW}=true`)).toHaveLength(2);
  });
});
