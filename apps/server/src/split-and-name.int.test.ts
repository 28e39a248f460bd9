// On the real stack: a ConfigMap key holding a list of resources split into one labeled ConfigMap
// per resource (and Perses serving them from the new files), and a ConfigMap name chosen at create
// time, checked as Kubernetes checks it and against the ConfigMaps already there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreV1Api } from '@kubernetes/client-node';
import type { RunningServer } from './main.ts';
import type { ApiClient } from './testing/api-client.ts';
import { readConfigMap, startAdminConsole } from './testing/admin-console.ts';
import { project, projectText } from './testing/documents.ts';
import { stackEnv, uniq, type StackEnv } from './testing/kube-fixture.ts';
import { eventually } from './testing/sse.ts';

const NS = 'perses';
let env: StackEnv;
let admin: CoreV1Api;
let srv: RunningServer;
let api: ApiClient;

const readCm = (name: string) => readConfigMap(admin, NS, name);

beforeAll(async () => {
  ({ env, admin, srv, api } = await startAdminConsole([NS], { persesUrl: stackEnv().persesUrl }));
});
afterAll(async () => srv?.close());

describe('split a list into one ConfigMap per resource', () => {
  it('plans, applies, removes the list, and Perses serves each resource', async () => {
    const p = uniq('split');
    const variable = {
      kind: 'Variable',
      metadata: { name: 'region', project: p },
      spec: { kind: 'TextVariable', spec: { name: 'region', value: 'eu' } },
    };
    const listName = `${p}-list`;
    await admin.createNamespacedConfigMap({
      namespace: NS,
      body: {
        metadata: { name: listName, labels: { 'perses.dev/resource': 'true' } },
        data: { [`${p}.json`]: JSON.stringify([project(p), variable], null, 2) },
      },
    });
    const item = await eventually(
      async () => {
        const list = await api.list(`?project=${p}`);
        return list.body.items.find((i) => i.kind === 'Variable');
      },
      20_000,
      'the list key is indexed',
    );
    expect(item.name).toBe('region');
    expect(item.sizeBytes).toBeLessThan(
      Buffer.byteLength(JSON.stringify([project(p), variable], null, 2)),
    );

    const plan = await api.splitPlan(item.id);
    expect(plan.status).toBe(200);
    expect(plan.body.refused).toBeNull();
    expect(plan.body.items.map((i) => [i.kind, i.name, i.target?.type])).toEqual([
      ['Project', p, 'configmap'],
      ['Variable', 'region', 'configmap'],
    ]);

    const done = await api.split(item.id, plan.body.version);
    expect(done.status).toBe(201);
    expect(done.body.created.map((c) => c.name)).toEqual([p, 'region']);
    expect(await readCm(listName)).toBeNull();
    for (const [i, c] of done.body.created.entries()) {
      const target = plan.body.items[i]?.target;
      if (target?.type !== 'configmap') throw new Error('expected a ConfigMap target');
      const cm = await readCm(target.name);
      expect(cm?.metadata?.labels?.['perses.dev/resource']).toBe('true');
      expect(Object.keys(cm?.data ?? {})).toEqual([target.key]);
      expect(c.readOnly).toBeNull();
    }
    await eventually(
      async () =>
        (await fetch(`${env.persesUrl}/api/v1/projects/${p}/variables/region`)).status === 200,
      45_000,
      'Perses serves the variable from its own file',
    );
  });

  it('refuses a list with a resource that cannot stand alone, and writes nothing', async () => {
    const p = uniq('nosplit');
    const listName = `${p}-list`;
    const ephemeral = {
      kind: 'EphemeralDashboard',
      metadata: { name: 'TempDemo', project: p },
      spec: {},
    };
    await admin.createNamespacedConfigMap({
      namespace: NS,
      body: {
        metadata: { name: listName, labels: { 'perses.dev/resource': 'true' } },
        data: { [`${p}.json`]: JSON.stringify([project(p), ephemeral]) },
      },
    });
    const item = await eventually(
      async () => {
        const list = await api.list(`?project=${p}`);
        return list.body.items.find((i) => i.name === 'TempDemo');
      },
      20_000,
      'the list key is indexed',
    );
    expect(item).toMatchObject({ kind: 'EphemeralDashboard', project: p });
    const plan = await api.splitPlan(item.id);
    expect(plan.body.refused).toMatch(/cannot be stored on its own/);
    expect(plan.body.items[1]?.problem).toMatch(/EphemeralDashboard/);
    const refused = await api.split(item.id, plan.body.version);
    expect(refused.status).toBe(400);
    expect(await readCm(listName)).not.toBeNull();
    expect(await readCm(`project-${p}`)).toBeNull();
  });
});

describe('a chosen ConfigMap name', () => {
  it('is used when valid and free, refused naming the field otherwise', async () => {
    const name = uniq('named');
    const chosen = `${name}-cm`;
    const created = await api.create({
      text: projectText(name),
      namespace: NS,
      configMapName: chosen,
    });
    expect(created.status).toBe(201);
    expect(created.body.configMapName).toBe(chosen);
    expect((await readCm(chosen))?.metadata?.labels?.['perses.dev/resource']).toBe('true');

    const bad = await api.create({
      text: projectText(uniq('bad')),
      namespace: NS,
      configMapName: 'Bad_Name',
    });
    expect(bad.status).toBe(400);
    expect(bad.fields()).toEqual([
      { field: 'configMapName', message: 'ConfigMap name must be lower case' },
    ]);

    const other = uniq('other');
    const taken = await api.create({
      text: projectText(other),
      namespace: NS,
      configMapName: chosen,
    });
    expect(taken.status).toBe(409);
    expect(taken.error.code).toBe('already_exists');
    expect(taken.fields()[0]?.field).toBe('configMapName');
    const list = await api.list();
    expect(list.body.items.some((i) => i.name === other)).toBe(false);
  });
});
