// The kinds table's `metadataOnly` column against a real Perses v0.54.0 holding one resource of
// every kind (native auth on, so the role routes exist; guests may do anything): the lists of
// the kinds marked true drop `spec`, and those marked false ignore the parameter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KINDS, persesApiPath } from '@perses-cm/resources';
import { fixtureResources, startExtraPerses, type ExtraPerses } from '@perses-cm/stack';
import { Secret } from '../domain/secret.ts';
import { PersesClient } from './perses-client.ts';
import { directTransport } from './transport.ts';
import { loginToken as login } from '../testing/perses.ts';

const USER = 'kinds-bot';
const PASSWORD = 'kinds test password';
const PROJECT = 'perses';
let perses: ExtraPerses;
let client: PersesClient;

// The Perses project's development data, in its load order, plus the two project-scoped role
// kinds it lacks.
const FIXTURES = [
  '6-project.json',
  '2-globalrole.json',
  '3-globalsecret.json',
  '4-globaldatasource.json',
  '5-globalrolebinding.json',
  '7-secret.json',
  '8-datasource.json',
  '9-dashboard.json',
  '10-globalvariable.json',
  '11-variable.json',
  '12-folder.json',
];

beforeAll(async () => {
  perses = await startExtraPerses(
    {
      security: {
        enable_auth: true,
        encryption_key: 'm'.repeat(32),
        authentication: { providers: { enable_native: true } },
        authorization: {
          provider: { native: { guest_permissions: [{ actions: ['*'], scopes: ['*'] }] } },
        },
      },
    },
    { plugins: true },
  );
  await new PersesClient(directTransport(perses.url)).create({
    kind: 'User',
    metadata: { name: USER },
    spec: { nativeProvider: { password: PASSWORD } },
  });
  client = new PersesClient(directTransport(perses.url), {
    type: 'native',
    user: USER,
    password: new Secret(PASSWORD),
  });
  for (const file of FIXTURES)
    for (const resource of fixtureResources(file)) await client.create(resource);
  const permissions = [{ actions: ['read'], scopes: ['Dashboard'] }];
  await client.create({
    kind: 'Role',
    metadata: { name: 'reader', project: PROJECT },
    spec: { permissions },
  });
  await client.create({
    kind: 'RoleBinding',
    metadata: { name: 'readers', project: PROJECT },
    spec: { role: 'reader', subjects: [{ kind: 'User', name: USER }] },
  });
}, 120_000);
afterAll(async () => perses?.stop());

describe('metadata_only per kind', () => {
  it('drops spec exactly for the kinds the table marks', async () => {
    const token = await login(perses.url, USER, PASSWORD);
    const seen: Record<string, boolean> = {};
    for (const info of KINDS) {
      const project = info.scope === 'project' ? PROJECT : undefined;
      const res = await fetch(
        `${perses.url}${persesApiPath(info.kind, project)}?metadata_only=true`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      const items = (await res.json()) as { spec?: unknown }[];
      expect(items.length, `${info.kind} has resources to list`).toBeGreaterThan(0);
      seen[info.kind] = items.every((i) => JSON.stringify(i.spec ?? {}) === '{}');
    }
    expect(seen).toEqual(Object.fromEntries(KINDS.map((k) => [k.kind, k.metadataOnly])));
  });

  it('lists through the client with metadata only where it can, in full elsewhere', async () => {
    const dashboards = await client.list('Dashboard', { project: PROJECT, metadataOnly: true });
    expect(dashboards.metadataOnly).toBe(true);
    expect(dashboards.items.every((d) => JSON.stringify(d.spec) === '{}')).toBe(true);
    const datasources = await client.list('Datasource', { project: PROJECT, metadataOnly: true });
    expect(datasources.metadataOnly).toBe(false);
    expect(datasources.items.every((d) => JSON.stringify(d.spec) !== '{}')).toBe(true);
  });
});
