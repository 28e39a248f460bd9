// Apply now against a Perses with native auth on, where the console logs in as a user Perses's RBAC
// lets read everything (guest permissions) and write only in one project (a Role and RoleBinding
// there), provisioning every 10 minutes. A save in that project is served at once; a save
// elsewhere writes the ConfigMap, is told Perses answered 403, and turns apply now off with the
// reason; a bulk apply stops asking Perses after the 403.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret } from './domain/secret.ts';
import { ApplyNow } from './services/apply/apply-now.ts';
import { project } from './testing/documents.ts';
import { uniq } from './testing/kube-fixture.ts';
import { startWithOwnPerses, type OwnPerses } from './testing/own-perses.ts';
import { loginToken } from './testing/perses.ts';
import { eventually } from './testing/sse.ts';
import { dashboard, waitForStatus } from './testing/status.ts';

const USER = uniq('console-bot');
const PASSWORD = 'a long test password';
const writable = uniq('team-rw');
const readOnly = uniq('team-ro');
let dir: string;
let own: OwnPerses;

/** Perses as the console's user sees it. */
const persesAs = async (route: string) => {
  const token = await loginToken(own.perses.url, USER, PASSWORD);
  return fetch(`${own.perses.url}${route}`, { headers: { authorization: `Bearer ${token}` } });
};
const configMapOf = (name: string) =>
  own.admin.readNamespacedConfigMap({ namespace: 'perses', name });
const created = async (doc: unknown) => {
  const res = await own.api.create({ document: doc, namespace: 'perses', applyNow: true });
  if (res.status === 201) own.made.push(res.body.configMapName ?? '');
  return res;
};

beforeAll(async () => {
  // Provisioned at start, beside the sidecar's folder: both projects, and the console's user may
  // do anything in one of them only.
  dir = await mkdtemp(path.join(tmpdir(), 'perses-cm-forbidden-'));
  const files: Record<string, unknown> = {
    'rw.json': project(writable),
    'ro.json': project(readOnly),
    'role.json': {
      kind: 'Role',
      metadata: { name: 'editor', project: writable },
      spec: { permissions: [{ actions: ['*'], scopes: ['*'] }] },
    },
    'binding.json': {
      kind: 'RoleBinding',
      metadata: { name: 'console-edits', project: writable },
      spec: { role: 'editor', subjects: [{ kind: 'User', name: USER }] },
    },
  };
  for (const [file, doc] of Object.entries(files))
    await writeFile(path.join(dir, file), JSON.stringify(doc));
  own = await startWithOwnPerses({
    interval: '10m',
    folders: [dir],
    plugins: true,
    config: {
      security: {
        enable_auth: true,
        encryption_key: 'k'.repeat(32),
        authentication: { providers: { enable_native: true } },
        authorization: {
          provider: { native: { guest_permissions: [{ actions: ['read'], scopes: ['*'] }] } },
        },
      },
    },
    persesAuth: { type: 'native', user: USER, password: new Secret(PASSWORD) },
    polls: { fastMs: 300, slowMs: 1000, maxBackoffMs: 1000 },
    // Sign-up is open (anonymous POST of a User): the console's user exists before it logs in.
    beforeConsole: async (url) => {
      const res = await fetch(`${url}/api/v1/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          kind: 'User',
          metadata: { name: USER },
          spec: { nativeProvider: { password: PASSWORD } },
        }),
      });
      if (res.status !== 200) throw new Error(`sign-up of ${USER}: HTTP ${res.status}`);
    },
  });
  await eventually(
    async () => (await persesAs(`/api/v1/projects/${readOnly}`)).status === 200,
    20_000,
    'both projects provisioned',
  );
  await eventually(async () => (await own.api.applyNow()).body.available, 20_000, 'apply now on');
});

afterAll(async () => {
  await own?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('apply now when Perses RBAC lets the console write in one project only', () => {
  it('is served at once where the console may write', async () => {
    const name = uniq('dash');
    const res = await created(dashboard(name, writable));
    expect(res.status).toBe(201);
    expect(res.body.applied).toMatchObject({ outcome: 'applied' });
    expect((await persesAs(`/api/v1/projects/${writable}/dashboards/${name}`)).status).toBe(200);
  });

  it('elsewhere saves the ConfigMap, reports the 403 and turns apply now off with the reason', async () => {
    const name = uniq('dash');
    const res = await created(dashboard(name, readOnly));
    expect(res.status).toBe(201);
    expect(res.body.applied?.outcome).toBe('failed');
    expect(res.body.applied?.message).toMatch(/^the ConfigMap is saved; Perses did not take it: /);
    expect(res.body.applied?.message).toMatch(
      new RegExp(`missing 'create' permission in '${readOnly}' project for 'Dashboard' kind`),
    );
    expect((await configMapOf(res.body.configMapName ?? '')).data).toBeDefined();
    expect((await persesAs(`/api/v1/projects/${readOnly}/dashboards/${name}`)).status).toBe(404);
    const status = await waitForStatus(
      own.srv.url,
      res.body.id,
      (s) => s.direct?.outcome === 'failed',
      10_000,
      'the failed direct write in the status',
    );
    expect(status.state).not.toBe('synced');

    const off = (await own.api.applyNow()).body;
    expect(off.available).toBe(false);
    expect(off.reason).toMatch(/the console's Perses identity may not write there \(403\)/);
    // The next save does not ask Perses: the ConfigMap is written, the reason given.
    const next = await created(dashboard(uniq('dash'), writable));
    expect(next.status).toBe(201);
    expect(next.body.applied).toMatchObject({ outcome: 'skipped' });
    expect(next.body.applied?.message).toContain('(403)');
  });

  it('in bulk, stops asking Perses after its 403 and skips the rest with the reason', async () => {
    const { index, status } = own.srv;
    if (!status) throw new Error('the console watches Perses');
    // A fresh apply service over the running console's index and status, wired as the server's.
    const applyNow = new ApplyNow({ target: () => status.writeTarget(), index, status });
    const items = [];
    for (const [name, proj] of [
      [uniq('bulk'), writable],
      [uniq('bulk'), readOnly],
      [uniq('bulk'), writable],
    ] as const) {
      const res = await own.api.create({ document: dashboard(name, proj), namespace: 'perses' });
      expect(res.status).toBe(201);
      own.made.push(res.body.configMapName ?? '');
      items.push({
        document: dashboard(name, proj),
        id: { kind: 'Dashboard' as const, project: proj, name },
        resourceId: res.body.id,
      });
    }
    const outcomes = await applyNow.putEach(items);
    expect(outcomes.map((o) => o.outcome)).toEqual(['applied', 'failed', 'skipped']);
    expect(outcomes[2]?.message).toContain('(403)');
    const [first, , third] = items;
    expect(
      (await persesAs(`/api/v1/projects/${writable}/dashboards/${first?.id.name}`)).status,
    ).toBe(200);
    expect(
      (await persesAs(`/api/v1/projects/${writable}/dashboards/${third?.id.name}`)).status,
    ).toBe(404);
  });
});
