// Apply now against a Perses of its own that provisions the stack's sidecar folder only every
// 10 minutes (as the chart does), so only the console's direct write can explain Perses serving a
// change: served as soon as the save answers, equal to the ConfigMap, Synced (applied directly);
// the Project first; a refused dashboard writes nothing; with Perses stopped the save still
// succeeds and shows Pending with the reason; a delete leaves no orphan; read-only turns it off;
// a bulk apply puts a batch's Project before the resources in it.
import type { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtraPerses } from '@perses-cm/stack';
import type { RunningServer } from './main.ts';
import { compareServed, identity } from './domain/model.ts';
import { ApplyNow } from './services/apply/apply-now.ts';
import type { apiClient } from './testing/api-client.ts';
import { project } from './testing/documents.ts';
import { uniq } from './testing/kube-fixture.ts';
import { startWithOwnPerses, type OwnPerses } from './testing/own-perses.ts';
import { eventually } from './testing/sse.ts';
import {
  dashboard,
  idOf,
  persesGet,
  putConfigMap,
  waitForDirectSync,
  waitForStatus,
} from './testing/status.ts';

const INTERVAL = '10m';
let own: OwnPerses;
let perses: ExtraPerses;
let admin: CoreV1Api;
let srv: RunningServer;
let api: ReturnType<typeof apiClient>;
let made: string[];
const proj = uniq('applynow');

const created = async (doc: unknown, applyNow = true) => {
  const res = await api.create({ document: doc, namespace: 'perses', applyNow });
  if (res.status === 201) made.push(res.body.configMapName ?? '');
  return res;
};
const configMapDoc = async (name: string): Promise<unknown> => {
  const cm = await admin.readNamespacedConfigMap({ namespace: 'perses', name });
  return JSON.parse(Object.values(cm.data ?? {})[0] ?? 'null') as unknown;
};
const available = async () => (await api.applyNow()).body;
/** The audit entries of the write that touched `name`: the store's and the direct ones. */
const auditOf = async (name: string) => {
  const entries = (await api.audit()).body.entries;
  const store = entries.find((e) => e.name === name && e.via === 'store');
  return {
    store,
    direct: entries.filter((e) => e.requestId === store?.requestId && e.via === 'perses'),
  };
};

beforeAll(async () => {
  own = await startWithOwnPerses({
    interval: INTERVAL,
    plugins: true,
    polls: { fastMs: 300, slowMs: 1000, maxBackoffMs: 1000 },
  });
  ({ perses, admin, srv, api, made } = own);
  await eventually(async () => (await available()).available === true, 20_000, 'apply now on');
  const res = await created(project(proj));
  expect(res.body.applied).toMatchObject({ outcome: 'applied' });
});

afterAll(async () => own?.close());

describe('apply now, with provisioning every 10 minutes', () => {
  it('has Perses serve a saved dashboard when the save answers, equal to the ConfigMap, Synced (applied directly)', async () => {
    const config = (await api.status()).body.perses.provisioning;
    expect(config?.interval).toBe(INTERVAL);
    const name = uniq('dash');
    const res = await created(dashboard(name, proj));
    expect(res.status).toBe(201);
    expect(res.body.applied).toMatchObject({ outcome: 'applied', projectApplied: null });
    // No wait: the direct write finished before the save answered.
    const served = await persesGet(perses.url, `/api/v1/projects/${proj}/dashboards/${name}`);
    expect(served.status).toBe(200);
    const own = await configMapDoc(res.body.configMapName ?? '');
    expect(compareServed(own, served.body).equal).toBe(true);
    await waitForDirectSync(srv.url, res.body.id);

    // An update is served the same way.
    const edited = dashboard(name, proj);
    edited.spec.display.name = 'edited';
    const up = await api.update(res.body.id, {
      document: edited,
      version: res.body.version,
      applyNow: true,
    });
    expect(up.body.applied).toMatchObject({ outcome: 'applied' });
    const after = await persesGet(perses.url, `/api/v1/projects/${proj}/dashboards/${name}`);
    expect(after.body).toMatchObject({ spec: { display: { name: 'edited' } } });
  });

  it('applies the Project first when Perses lacks it and a ConfigMap here defines it', async () => {
    const other = uniq('newproj');
    await putConfigMap(admin, 'perses', other, `${other}.json`, project(other));
    made.push(other);
    await idOf(srv.url, other);
    expect((await persesGet(perses.url, `/api/v1/projects/${other}`)).status).toBe(404);
    const name = uniq('dash');
    const res = await created(dashboard(name, other));
    expect(res.body.applied).toMatchObject({ outcome: 'applied', projectApplied: other });
    expect((await persesGet(perses.url, `/api/v1/projects/${other}`)).status).toBe(200);
    const served = await persesGet(perses.url, `/api/v1/projects/${other}/dashboards/${name}`);
    expect(served.status).toBe(200);
    // Each direct write is in the audit log (newest first), as the person who saved, under the
    // save's request.
    const { store, direct } = await auditOf(name);
    expect(store).toMatchObject({ action: 'create', result: 'ok' });
    expect(direct.map((e) => [e.action, e.kind, e.name, e.user, e.result])).toEqual([
      ['create', 'Dashboard', name, store?.user, 'ok'],
      ['create', 'Project', other, store?.user, 'ok'],
    ]);
  });

  it('in bulk, applies a batch in order of need: its Project before the dashboards in it', async () => {
    const { index, status } = srv;
    if (!status) throw new Error('the console watches Perses');
    // A fresh apply service over the running console's index and status, wired as the server's.
    const applyNow = new ApplyNow({ target: () => status.writeTarget(), index, status });
    const batch = uniq('bulkproj');
    const docs = [dashboard(uniq('bulk'), batch), dashboard(uniq('bulk'), batch), project(batch)];
    const items = [];
    for (const doc of docs) {
      const res = await created(doc, false);
      expect(res.status).toBe(201);
      const id = identity(doc);
      if (!id) throw new Error('a resource without identity');
      items.push({ document: doc, id, resourceId: res.body.id });
    }
    const outcomes = await applyNow.putEach(items);
    expect(outcomes.map((o) => o.outcome)).toEqual(['applied', 'applied', 'applied']);
    // Its own Project came first, so no dashboard needed one applied for it.
    expect(outcomes.map((o) => o.projectApplied)).toEqual([null, null, null]);
    for (const doc of docs.slice(0, 2)) {
      const served = await persesGet(
        perses.url,
        `/api/v1/projects/${batch}/dashboards/${doc.metadata.name}`,
      );
      expect(served.status).toBe(200);
    }
    await waitForStatus(
      srv.url,
      items[0]?.resourceId ?? '',
      (st) => st.direct?.outcome === 'applied',
      5000,
      'applied directly',
    );
  });

  it('reports a dashboard Perses refuses before anything is written', async () => {
    const name = uniq('refused');
    const res = await created(dashboard(name, proj, 'NoSuchPanelPlugin'));
    expect(res.status).toBe(400);
    expect(res.error.code).toBe('validation_failed');
    expect(res.error.message).toContain('Perses refuses');
    expect(res.findings()[0]).toMatchObject({ rule: 'perses-validation', severity: 'error' });
    const listed = await api.list(`?project=${proj}`);
    expect(listed.body.items.map((i) => i.name)).not.toContain(name);
    const cms = await admin.listNamespacedConfigMap({ namespace: 'perses' });
    expect(cms.items.some((c) => JSON.stringify(c.data ?? {}).includes(name))).toBe(false);
    const served = await persesGet(perses.url, `/api/v1/projects/${proj}/dashboards/${name}`);
    expect(served.status).toBe(404);
  });

  it('deletes from Perses too, leaving no orphan', async () => {
    const name = uniq('gone');
    const res = await created(dashboard(name, proj));
    expect(res.body.applied).toMatchObject({ outcome: 'applied' });
    const del = await api.removeApplyNow(res.body.id, res.body.version);
    expect(del.status).toBe(200);
    expect(del.body.applied).toMatchObject({ outcome: 'applied' });
    const served = await persesGet(perses.url, `/api/v1/projects/${proj}/dashboards/${name}`);
    expect(served.status).toBe(404);
    const entries = (await api.audit()).body.entries.filter((e) => e.name === name);
    expect(entries.map((e) => [e.action, e.via])).toEqual([
      ['delete', 'perses'],
      ['delete', 'store'],
      ['create', 'perses'],
      ['create', 'store'],
    ]);
    // After a full poll of Perses, still no orphan by that name.
    const before = (await api.orphans()).body.checkedAt;
    await eventually(
      async () => (await api.orphans()).body.checkedAt !== before,
      10_000,
      'a new look at Perses',
    );
    const orphans = (await api.orphans()).body.items;
    expect(orphans.map((o) => o.name)).not.toContain(name);
  });

  it('saves with Perses stopped, and shows the resource Pending with the reason', async () => {
    const name = uniq('offline');
    await perses.pause();
    try {
      const res = await created(dashboard(name, proj));
      expect(res.status).toBe(201);
      expect(['failed', 'skipped']).toContain(res.body.applied?.outcome);
      expect(res.body.applied?.message).toContain('the ConfigMap is saved');
      expect(await configMapDoc(res.body.configMapName ?? '')).toMatchObject({
        metadata: { name },
      });
      const status = await waitForStatus(
        srv.url,
        res.body.id,
        (s) => s.state === 'pending' && s.reason?.code === 'perses_unreachable',
        10_000,
        'pending, Perses unreachable',
      );
      expect(status.reason?.message).toContain('the ConfigMap is saved');
      expect(status.direct).toMatchObject({ outcome: 'failed' });
      // A write Perses did not take is audited as an error, with Perses's reason.
      const { direct } = await auditOf(name);
      if (res.body.applied?.outcome === 'failed')
        expect(direct).toMatchObject([{ result: 'error', error: { code: 'upstream_error' } }]);
      else expect(direct).toEqual([]);
      expect(await available()).toMatchObject({ available: false });
    } finally {
      await perses.resume();
    }
    await eventually(async () => (await available()).available === true, 20_000, 'back on');
  });

  it('is off, with the reason, when Perses is read-only; saving still works', async () => {
    await perses.restart(own.config({ security: { readonly: true } }));
    const off = await eventually(
      async () => {
        const a = await available();
        return a.available === false && /read-only/.test(a.reason ?? '') ? a : undefined;
      },
      20_000,
      'apply now off on a read-only Perses',
    );
    expect(off?.reason).toContain('security.readonly');
    const name = uniq('ro');
    const res = await created(dashboard(name, proj));
    expect(res.status).toBe(201);
    expect(res.body.applied).toMatchObject({ outcome: 'skipped' });
    expect(res.body.applied?.message).toContain('read-only');
    // Nothing was written to Perses, so nothing is audited as a direct write.
    const { store, direct } = await auditOf(name);
    expect(store).toMatchObject({ action: 'create', result: 'ok' });
    expect(direct).toEqual([]);
  });
});
