// Twenty creates of one Perses identity at once leave exactly one resource and nineteen 409s:
// from one console into two namespaces, in different spellings and formats, and from two console
// processes that share nothing but the API server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreV1Api } from '@kubernetes/client-node';
import { parse } from 'yaml';
import type { RunningServer } from './main.ts';
import { apiClient } from './testing/api-client.ts';
import { project } from './testing/documents.ts';
import { startConsoleProcess, type ConsoleProcess } from './testing/console-process.ts';
import { core, stackEnv, startKubeServer, uniq, type StackEnv } from './testing/kube-fixture.ts';

const NAMESPACES = ['team-a', 'team-b'];
let env: StackEnv;
let admin: CoreV1Api;
let a: RunningServer;
let b: ConsoleProcess;

beforeAll(async () => {
  env = stackEnv();
  admin = core(env.kubeconfigs.admin);
  [a, b] = await Promise.all([
    startKubeServer(env.kubeconfigs.admin, NAMESPACES),
    startConsoleProcess([
      '--host',
      '127.0.0.1',
      '--kubeconfig',
      env.kubeconfigs.admin,
      '--namespaces',
      NAMESPACES.join(','),
    ]),
  ]);
});
afterAll(async () => {
  await a?.close();
  await b?.stop();
});

/** Labeled ConfigMaps in the watched namespaces holding a Project of that name, any spelling. */
async function storedProjects(name: string): Promise<string[]> {
  const found: string[] = [];
  for (const namespace of NAMESPACES) {
    const list = await admin.listNamespacedConfigMap({
      namespace,
      labelSelector: 'perses.dev/resource=true',
    });
    for (const cm of list.items)
      for (const text of Object.values(cm.data ?? {})) {
        const doc = parse(text) as { kind?: unknown; metadata?: { name?: unknown } } | null;
        const named = doc?.metadata?.name;
        if (doc?.kind === 'Project' && typeof named === 'string' && named.toLowerCase() === name)
          found.push(`${namespace}/${cm.metadata?.name}`);
      }
  }
  return found;
}

/** Runs every create at once; answers the statuses, sorted. */
async function all(creates: (() => Promise<{ status: number }>)[]): Promise<number[]> {
  const answers = await Promise.all(creates.map((c) => c()));
  return answers.map((r) => r.status).sort();
}

const oneCreatedRestRefused = [201, ...Array<number>(19).fill(409)];

describe('concurrent creates of one identity', () => {
  it('in one console, across two namespaces', async () => {
    const name = uniq('race');
    const c = apiClient(a.url);
    const statuses = await all(
      Array.from(
        { length: 20 },
        (_, i) => () => c.create({ document: project(name), namespace: NAMESPACES[i % 2] }),
      ),
    );
    expect(statuses).toEqual(oneCreatedRestRefused);
    expect(await storedProjects(name)).toHaveLength(1);
    expect((await c.list(`?kind=Project&q=${name}`)).body.items).toHaveLength(1);
  });

  it('in spellings that differ in case, and in both formats', async () => {
    const name = uniq('case');
    const spellings = [name, name.toUpperCase(), `${name[0]?.toUpperCase()}${name.slice(1)}`];
    const c = apiClient(a.url);
    const statuses = await all(
      Array.from(
        { length: 20 },
        (_, i) => () =>
          c.create({
            document: project(spellings[i % 3] ?? name),
            format: i % 2 === 0 ? 'json' : 'yaml',
            namespace: NAMESPACES[i % 2],
          }),
      ),
    );
    expect(statuses).toEqual(oneCreatedRestRefused);
    expect(await storedProjects(name)).toHaveLength(1);
  });

  it('from two console processes, each into its own namespace', async () => {
    const name = uniq('two');
    const [ca, cb] = [apiClient(a.url), apiClient(b.url)];
    // Different namespaces, so Kubernetes' own AlreadyExists cannot settle it.
    const statuses = await all(
      Array.from(
        { length: 20 },
        (_, i) => () =>
          i % 2 === 0
            ? ca.create({ document: project(name), namespace: 'team-a' })
            : cb.create({ document: project(name.toUpperCase()), namespace: 'team-b' }),
      ),
    );
    expect(statuses).toEqual(oneCreatedRestRefused);
    expect(await storedProjects(name)).toHaveLength(1);
  });
});
