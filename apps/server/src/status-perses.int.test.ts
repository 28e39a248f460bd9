// The status against a Perses of its own that provisions the stack's sidecar folder every 10 s
// (so an edit made in Perses lives long enough to be seen): an edit through the Perses API shows
// Drifted, with Perses's copy offered for the ConfigMap, then Synced after the next cycle; a direct
// apply is confirmed by the next cycle; Perses stopped turns every status Unknown while editing
// keeps working, and started again recovers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtraPerses } from '@perses-cm/stack';
import type { RunningServer } from './main.ts';
import type { apiClient } from './testing/api-client.ts';
import { project, projectText } from './testing/documents.ts';
import { uniq } from './testing/kube-fixture.ts';
import { startWithOwnPerses, type OwnPerses } from './testing/own-perses.ts';
import { eventually } from './testing/sse.ts';
import { idOf, putConfigMap, waitForDirectSync, waitForStatus } from './testing/status.ts';

let own: OwnPerses;
let perses: ExtraPerses;
let srv: RunningServer;
let api: ReturnType<typeof apiClient>;
const name = uniq('drift');
let id: string;

beforeAll(async () => {
  own = await startWithOwnPerses({
    interval: '10s',
    polls: { fastMs: 500, slowMs: 1000, maxBackoffMs: 2000 },
  });
  ({ perses, srv, api } = own);
  await putConfigMap(
    own.admin,
    'perses',
    name,
    `${name}.json`,
    project(name, 'from the ConfigMap'),
  );
  own.made.push(name);
  id = await idOf(srv.url, name);
  await waitForStatus(srv.url, id, (s) => s.state === 'synced', 40_000, 'synced');
});

afterAll(async () => own?.close());

const lastCycle = async (): Promise<string | null> => (await api.status()).body.perses.lastCycleAt;

describe('an edit made in Perses', () => {
  it('shows Drifted with Perses’s copy to take, then Synced after the next cycle', async () => {
    // Right after a cycle, so the edit stays for most of an interval.
    const before = await lastCycle();
    await eventually(async () => (await lastCycle()) !== before, 20_000, 'a new cycle');
    const edited = { ...project(name, 'edited in Perses') };
    const put = await fetch(`${perses.url}/api/v1/projects/${name}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(edited),
    });
    expect(put.status).toBe(200);
    const drifted = await waitForStatus(srv.url, id, (s) => s.state === 'drifted', 8000, 'drifted');
    expect(drifted.reason).toMatchObject({ code: 'served_differs', source: 'perses-api' });
    const served = await api.served(id);
    expect(served.status).toBe(200);
    expect(served.body).toMatchObject({
      differs: true,
      format: 'json',
      redacted: [],
      document: {
        kind: 'Project',
        metadata: { name },
        spec: { display: { name: 'edited in Perses' } },
      },
    });
    expect((served.body.document as { metadata: object }).metadata).not.toHaveProperty('updatedAt');
    await waitForStatus(
      srv.url,
      id,
      (s) => s.state === 'synced',
      // A 10 s interval, then the console's next content check: room for a slow cycle.
      60_000,
      'restored by the next cycle',
    );
  });
});

describe('a direct apply', () => {
  it('is Synced at once, then confirmed by the next provisioning cycle', async () => {
    await eventually(async () => (await api.applyNow()).body.available, 20_000, 'apply now on');
    // Right after a cycle, so the status is seen before the next one confirms it.
    const before = await lastCycle();
    await eventually(async () => (await lastCycle()) !== before, 20_000, 'a new cycle');
    const fresh = uniq('confirm');
    const res = await api.create({ document: project(fresh), namespace: 'perses', applyNow: true });
    expect(res.status).toBe(201);
    own.made.push(res.body.configMapName ?? '');
    expect(res.body.applied).toMatchObject({ outcome: 'applied' });
    await waitForDirectSync(srv.url, res.body.id);
    // The sidecar copies the ConfigMap, a cycle rewrites the same content: a 10 s interval, then
    // the console's next look at Perses.
    const confirmed = await waitForStatus(
      srv.url,
      res.body.id,
      (s) => typeof s.direct?.confirmedAt === 'string',
      90_000,
      'confirmed by provisioning',
    );
    expect(confirmed.state).toBe('synced');
    expect(confirmed.direct?.outcome).toBe('applied');
    // Room for two cycles and the sidecar on a loaded machine.
  }, 150_000);
});

describe('Perses stopped', () => {
  it('turns statuses Unknown while editing keeps working, and recovers when Perses is back', async () => {
    await perses.pause();
    const unknown = await waitForStatus(
      srv.url,
      id,
      (s) => s.state === 'unknown',
      15_000,
      'unknown',
    );
    expect(unknown.reason?.code).toBe('perses_unreachable');
    const overview = (await api.status()).body;
    expect(overview.perses.state).toBe('unreachable');
    expect(overview.perses.nextAttemptAt).not.toBeNull();
    const metrics = await (await fetch(`${srv.url}/metrics`)).text();
    expect(metrics).toMatch(/^perses_cm_perses_up 0$/m);
    // Editing does not need Perses.
    const later = uniq('while-down');
    const created = await api.create({ text: projectText(later), namespace: 'perses' });
    expect(created.status).toBe(201);
    own.made.push(created.body.configMapName as string);

    await perses.resume();
    await waitForStatus(srv.url, id, (s) => s.state === 'synced', 30_000, 'synced again');
    await waitForStatus(
      srv.url,
      created.body.id,
      (s) => s.state === 'synced',
      30_000,
      'the new one synced',
    );
    expect(await (await fetch(`${srv.url}/metrics`)).text()).toMatch(/^perses_cm_perses_up 1$/m);
  });
});
