// Proxy mode on the real stack: behind an auth proxy the console calls Kubernetes impersonating
// each person, so RBAC decides per person. `dev-a` in group `team-a-editors` (bound to `edit` in
// team-a only) lists and edits in team-a, is refused in team-b by Kubernetes itself, never sees
// team-b in lists or on the event stream; forged credentials change nothing, and the proxy's
// headers count only from its address. The console's own account may not write ConfigMaps at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreV1Api } from '@kubernetes/client-node';
import { API, AuditEntry } from '@perses-cm/api';
import type { RunningServer } from './main.ts';
import { apiClient, type ApiClient } from './testing/api-client.ts';
import { tokenOf, type ConsoleAccount } from './testing/console-account.ts';
import { startFaultProxy, type FaultProxy } from '@perses-cm/stack/testing';
import { identity } from './domain/model.ts';
import { readDocument } from './services/document-input.ts';
import { projectText } from './testing/documents.ts';
import { core, stackEnv, startKubeServer, uniq } from './testing/kube-fixture.ts';
import { DEV_A, PROXY_MODE, proxyModeAccount, proxyPerson } from './testing/proxy-mode.ts';
import { eventually, openSse } from './testing/sse.ts';

const IMPERSONATE = { type: 'impersonate' } as const;
/** Someone who may read both namespaces: their lists must never be served to dev-a. */
const READER = proxyPerson('reader', 'all-readers', { 'team-a': 'view', 'team-b': 'view' });
const LABEL = { 'perses.dev/resource': 'true' };

let admin: CoreV1Api;
let account: ConsoleAccount;
let srv: RunningServer;
let devA: ApiClient;
let outsider: FaultProxy;
const audit: string[] = [];
/** A resource in team-b that dev-a must never see. */
const hidden = uniq('hidden-b');

async function seed(namespace: string, name: string): Promise<void> {
  await admin.createNamespacedConfigMap({
    namespace,
    body: { metadata: { name, labels: LABEL }, data: { [`${name}.json`]: projectText(name) } },
  });
}

beforeAll(async () => {
  const env = stackEnv();
  admin = core(env.kubeconfigs.admin);
  account = await proxyModeAccount(env.kubeconfigs.admin, [DEV_A, READER]);
  await seed('team-b', hidden);
  srv = await startKubeServer(account.kubeconfig, ['team-a', 'team-b'], PROXY_MODE, {
    auditWrite: (line) => audit.push(line),
  });
  devA = apiClient(srv.url, { headers: DEV_A.headers });
  // Another address on loopback: not the proxy's.
  outsider = await startFaultProxy('127.0.0.1', Number(new URL(srv.url).port), '127.0.0.2');
});
afterAll(async () => {
  await outsider?.close();
  await srv?.close();
  await admin?.deleteNamespacedConfigMap({ namespace: 'team-b', name: hidden }).catch(() => {});
  await account?.cleanup();
});

describe('proxy mode', () => {
  it('knows dev-a and reports only the namespaces dev-a may act in', async () => {
    const who = await devA.whoami();
    expect(who.body.identity).toEqual({
      name: 'dev-a',
      groups: ['team-a-editors', 'system:authenticated'],
      source: 'proxy',
    });
    expect(who.body.capabilities.map((c) => c.namespace)).toEqual(['team-a']);
    expect(who.body.capabilities[0]?.allowed).toMatchObject({ create: true, update: true });
    const session = await devA.session();
    expect(session.body).toMatchObject({ mode: 'proxy', signedIn: true });
  });

  it('lists and edits in team-a as dev-a, writes landing in Kubernetes', async () => {
    const name = uniq('dev-a-project');
    const created = await devA.create({ text: projectText(name), namespace: 'team-a' });
    expect(created.status).toBe(201);
    const cm = await admin.readNamespacedConfigMap({
      namespace: 'team-a',
      name: created.body.configMapName!,
    });
    expect(cm.metadata?.annotations?.['perses-cm.dev/last-applied-by']).toBe('perses-cm (dev-a)');
    const listed = await devA.list(`?q=${name}`);
    expect(listed.body.items.map((i) => i.id)).toEqual([created.body.id]);
    const updated = await devA.update(created.body.id, {
      text: projectText(name, 'Edited'),
      version: created.body.version,
    });
    expect(updated.status).toBe(200);
    expect((await devA.remove(created.body.id, updated.body.version)).status).toBe(204);

    const lines = audit.map((l) => AuditEntry.parse(JSON.parse(l))).filter((e) => e.name === name);
    expect(lines.map((e) => [e.action, e.result])).toEqual([
      ['create', 'ok'],
      ['update', 'ok'],
      ['delete', 'ok'],
    ]);
    expect(lines[0]).toMatchObject({
      user: 'dev-a',
      groups: ['team-a-editors', 'system:authenticated'],
      authMode: 'proxy',
      source: 'proxy',
      namespace: 'team-a',
      configMap: created.body.configMapName,
    });
  });

  it('is refused in team-b by a review of dev-a, and by Kubernetes itself on the write', async () => {
    const refused = await devA.create({ text: projectText(uniq('b')), namespace: 'team-b' });
    expect(refused.status).toBe(403);
    expect(refused.error.message).toMatch(/dev-a may not create ConfigMaps in team-b/);
    // The write itself, past the console's own check, goes out as dev-a and Kubernetes refuses it.
    const doc = readDocument({ text: projectText(uniq('b')), format: 'yaml' });
    const asDevA = await srv.store
      .create(
        { name: 'dev-a', groups: ['team-a-editors'], source: 'proxy', credential: IMPERSONATE },
        { ...doc, identity: identity(doc.document)!, namespace: 'team-b' },
      )
      .catch((err: unknown) => err);
    expect(asDevA).toMatchObject({ code: 'forbidden' });
    expect((asDevA as Error).message).toMatch(/User "dev-a" cannot create resource "configmaps"/);
    const entry = AuditEntry.parse(JSON.parse(audit.at(-1) ?? '{}'));
    expect(entry).toMatchObject({
      user: 'dev-a',
      action: 'create',
      namespace: 'team-b',
      result: 'error',
      error: { code: 'forbidden' },
    });

    // What the console itself sees in team-b, dev-a may not read.
    const all = await srv.resources.list(srv.identity, { namespace: 'team-b' });
    const id = all.resources.find((r) => r.summary.name === hidden)?.summary.id;
    expect(id).toBeDefined();
    expect((await devA.get(id!)).status).toBe(403);
  });

  it('never shows team-b in lists', async () => {
    // Someone who sees team-b lists first, with the same query: their list is not dev-a's.
    const wider = await apiClient(srv.url, { headers: READER.headers }).list();
    expect(wider.body.items.map((i) => i.configMapName)).toContain(hidden);
    const list = await devA.list();
    expect(list.body.items.every((i) => i.namespace === 'team-a')).toBe(true);
    expect(JSON.stringify(list.body)).not.toContain('team-b');
    // dev-a holding the reader's copy (a shared browser) revalidates it: not a 304, dev-a's list.
    const readerTag = wider.headers.get('etag');
    expect(readerTag).toMatch(/^W\//);
    expect(list.headers.get('etag')).not.toBe(readerTag);
    const held = await fetch(`${srv.url}${API.resources}`, {
      headers: { ...DEV_A.headers, 'if-none-match': readerTag!, 'cache-control': 'max-age=0' },
    });
    expect(held.status).toBe(200);
    expect(await held.text()).not.toContain('team-b');
    const own = await fetch(`${srv.url}${API.resources}`, {
      headers: {
        ...DEV_A.headers,
        'if-none-match': list.headers.get('etag')!,
        'cache-control': 'max-age=0',
      },
    });
    expect(own.status).toBe(304);
    const asked = await devA.list('?namespace=team-b');
    expect(asked.body.items).toEqual([]);
    expect(asked.body.errors).toMatchObject([{ source: 'team-b', code: 'forbidden' }]);
    const unlabeled = await devA.list('?unlabeled=true');
    expect(JSON.stringify(unlabeled.body.items)).not.toContain('team-b');
  });

  it('never sends team-b changes on the event stream', async () => {
    const sse = await openSse(`${srv.url}${API.events}`, DEV_A.headers);
    try {
      const secret = uniq('secret-b');
      const visible = uniq('visible-a');
      // The team-b change reaches the console's cache first; events go out in log order, so
      // once the later team-a event arrives, the team-b one has been judged.
      await seed('team-b', secret);
      await eventually(
        async () =>
          (await srv.resources.list(srv.identity, { namespace: 'team-b', q: secret })).resources
            .length === 1,
        10_000,
        'the team-b ConfigMap in the console cache',
      );
      await seed('team-a', visible);
      await sse.waitFor(
        (e) => 'resource' in e && e.resource.configMapName === visible,
        10_000,
        'the team-a event',
      );
      const text = sse.raw.join('\n');
      expect(text).not.toContain(secret);
      expect(text).not.toContain('team-b');
      await admin.deleteNamespacedConfigMap({ namespace: 'team-b', name: secret });
      await admin.deleteNamespacedConfigMap({ namespace: 'team-a', name: visible });
    } finally {
      sse.close();
    }
  });

  it('ignores forged impersonation and credentials from the browser', async () => {
    const adminToken = await tokenOf(stackEnv().kubeconfigs.admin);
    const forged = apiClient(srv.url, {
      headers: {
        ...DEV_A.headers,
        'impersonate-user': 'admin',
        'impersonate-group': 'system:masters',
        authorization: `Bearer ${adminToken}`,
      },
    });
    const refused = await forged.create({ text: projectText(uniq('forged')), namespace: 'team-b' });
    expect(refused.status).toBe(403);
    expect(refused.error.message).toMatch(/^dev-a may not create/);
    expect((await forged.whoami()).body.identity.name).toBe('dev-a');
    expect(JSON.stringify((await forged.list()).body)).not.toContain('team-b');
  });

  it('ignores the proxy headers from an address outside the trusted CIDRs', async () => {
    const outside = apiClient(`http://127.0.0.1:${outsider.port}`, {
      headers: { 'x-forwarded-user': 'admin', 'x-forwarded-groups': 'system:masters' },
    });
    for (const reply of [await outside.whoami(), await outside.list()]) {
      expect([reply.status, reply.error.code]).toEqual([401, 'unauthorized']);
    }
    const write = await outside.create({ text: projectText(uniq('outside')), namespace: 'team-a' });
    expect(write.status).toBe(401);
    expect((await outside.session()).body).toMatchObject({ mode: 'proxy', signedIn: false });
    await expect(
      openSse(`http://127.0.0.1:${outsider.port}${API.events}`, DEV_A.headers),
    ).rejects.toThrow(/401/);
    // From the proxy's address but without a user: nobody.
    expect((await apiClient(srv.url).whoami()).status).toBe(401);
  });
});
