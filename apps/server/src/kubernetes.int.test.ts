// The server on the real stack: CRUD through the API lands in kube-apiserver, preconditions,
// bad input, permissions and live events from other clients (outages: faults.int.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PatchStrategy, setHeaderOptions, type CoreV1Api } from '@kubernetes/client-node';
import { execFile } from 'node:child_process';
import { stackBinaries } from '@perses-cm/stack/testing';
import { API } from '@perses-cm/api';
import type { RunningServer } from './main.ts';
import { KubernetesStore } from './stores/kubernetes/kubernetes-store.ts';
import { apiClient, type ApiClient } from './testing/api-client.ts';
import { readConfigMap, startAdminConsole } from './testing/admin-console.ts';
import { escapedJsonString, project, projectOfBytes, projectText } from './testing/documents.ts';
import { core, startKubeServer, uniq, type StackEnv } from './testing/kube-fixture.ts';
import { eventually, openSse } from './testing/sse.ts';

const LABEL = { 'perses.dev/resource': 'true' };
let env: StackEnv;
let admin: CoreV1Api;
let srv: RunningServer;
let api: ApiClient;

const readCm = (namespace: string, name: string) => readConfigMap(admin, namespace, name);

async function labeledNames(namespace: string): Promise<string[]> {
  const list = await admin.listNamespacedConfigMap({
    namespace,
    labelSelector: 'perses.dev/resource=true',
  });
  return list.items.map((c) => c.metadata?.name ?? '').sort();
}

beforeAll(async () => {
  ({ env, admin, srv, api } = await startAdminConsole(['perses', 'team-a']));
});
afterAll(async () => srv?.close());

describe('CRUD on labeled ConfigMaps', () => {
  it('creates, reads, updates and deletes, visible in kube-apiserver', async () => {
    const name = uniq('crud');
    const text = projectText(name);
    const created = await api.create({ text, namespace: 'team-a' });
    expect(created.status).toBe(201);
    expect(created.body.origin).toMatchObject({ type: 'configmap', namespace: 'team-a' });
    const cmName = created.body.configMapName as string;
    const cm = await readCm('team-a', cmName);
    expect(cm?.metadata?.labels).toMatchObject(LABEL);
    expect(cm?.data).toEqual({ [created.body.key]: text });
    expect(cm?.metadata?.annotations?.['perses-cm.dev/last-applied-by']).toMatch(/^perses-cm \(/);
    expect(cm?.metadata?.annotations?.['perses-cm.dev/last-applied-at']).toMatch(/^\d{4}-/);
    expect(created.body.version).toBe(cm?.metadata?.resourceVersion);

    const got = await api.get(created.body.id);
    expect(got.status).toBe(200);
    expect(got.body.text).toBe(text);
    const listed = await api.list(`?kind=Project&namespace=team-a&q=${name}`);
    expect(listed.body.items.map((i) => i.id)).toEqual([created.body.id]);

    const edited = projectText(name, 'Edited');
    const updated = await api.update(created.body.id, {
      text: edited,
      version: created.body.version,
    });
    expect(updated.status).toBe(200);
    expect((await readCm('team-a', cmName))?.data).toEqual({ [created.body.key]: edited });

    const again = await api.create({ document: project(name.toUpperCase()), namespace: 'perses' });
    expect(again.status).toBe(409);

    expect((await api.remove(created.body.id, updated.body.version)).status).toBe(204);
    expect(await readCm('team-a', cmName)).toBeNull();
    expect((await api.get(created.body.id)).status).toBe(404);
  });

  it('answers a stale update with 409 and the current document, leaving the ConfigMap unchanged', async () => {
    const name = uniq('stale');
    const created = await api.create({ text: projectText(name), namespace: 'perses' });
    const cmName = created.body.configMapName as string;
    // Another client edits the ConfigMap meanwhile.
    const cm = await readCm('perses', cmName);
    const theirs = projectText(name, 'Theirs');
    await admin.replaceNamespacedConfigMap({
      namespace: 'perses',
      name: cmName,
      body: { ...cm, data: { [created.body.key]: theirs } },
    });
    const before = await readCm('perses', cmName);
    const res = await api.update(created.body.id, {
      text: projectText(name, 'Mine'),
      version: created.body.version,
    });
    expect(res.status).toBe(409);
    expect(res.error.code).toBe('conflict');
    expect(res.current()?.text).toBe(theirs);
    expect(res.current()?.version).toBe(before?.metadata?.resourceVersion);
    const after = await readCm('perses', cmName);
    expect(after?.data).toEqual(before?.data);
    expect(after?.metadata?.resourceVersion).toBe(before?.metadata?.resourceVersion);
    const del = await api.remove(created.body.id, created.body.version);
    expect(del.status).toBe(409);
    expect(await readCm('perses', cmName)).not.toBeNull();
  });

  it('writes nothing for an invalid document or one of 1 MiB + 1 byte', async () => {
    const before = await labeledNames('perses');
    const invalid = await api.create({
      text: '{"kind": "Project", "metadata": {"name": "x", "name": "y"}, "spec": {}}',
      namespace: 'perses',
    });
    expect(invalid.status).toBe(400);
    expect(invalid.findings()[0]).toMatchObject({
      rule: 'duplicate-key',
      line: 1,
    });
    const tooBig = await api.create({
      text: projectOfBytes(uniq('big'), 1_048_577),
      namespace: 'perses',
    });
    expect(tooBig.status).toBe(413);
    const badNs = await api.create({ text: projectText(uniq('ns')), namespace: 'team-b' });
    expect(badNs.status).toBe(400);
    expect(await labeledNames('perses')).toEqual(before);
  });

  it('reads request bodies with the document rules and measures the decoded document', async () => {
    const before = await labeledNames('perses');
    // JSON.parse would keep the last name and create "other"; the body reader refuses both.
    const dup = await api.send(
      'POST',
      API.resources,
      '{"namespace": "perses", "document": {"kind": "Project", "metadata": {"name": "shop", "name": "other"}, "spec": {}}}',
    );
    expect(dup.status).toBe(400);
    expect(dup.fields()[0]?.field).toBe('document.metadata.name');
    // 1 MiB + 1 byte sent as \uXXXX escapes: refused for the decoded size, nothing written.
    const over = projectOfBytes(uniq('esc'), 1_048_577, 'x');
    const tooBig = await api.send(
      'POST',
      API.resources,
      `{"namespace": "perses", "text": ${escapedJsonString(over)}}`,
    );
    expect(tooBig.status).toBe(413);
    expect(tooBig.error.message).toContain('1048577 bytes');
    expect(await labeledNames('perses')).toEqual(before);
    // Exactly 1 MiB, 6 MiB on the wire: stored byte for byte in one ConfigMap.
    const text = projectOfBytes(uniq('esc'), 1_048_576, 'x');
    const created = await api.send(
      'POST',
      API.resources,
      `{"namespace": "perses", "text": ${escapedJsonString(text)}}`,
    );
    expect(created.status).toBe(201);
    const cm = await readCm('perses', created.body.configMapName ?? '');
    expect(cm?.data?.[created.body.key]).toBe(text);
    expect((await api.remove(created.body.id, created.body.version)).status).toBe(204);
  });

  it('shows ConfigMaps with several keys read-only and refuses to write them', async () => {
    const name = uniq('multi');
    await admin.createNamespacedConfigMap({
      namespace: 'perses',
      body: {
        metadata: { name, labels: LABEL },
        data: {
          [`${name}-a.json`]: projectText(`${name}a`),
          [`${name}-b.json`]: projectText(`${name}b`),
        },
      },
    });
    const item = await eventually(
      async () => (await api.list(`?q=${name}a`)).body.items[0],
      5000,
      'multi-key ConfigMap listed',
    );
    expect(item.readOnly).toMatch(/2 keys/);
    const res = await api.update(item.id, {
      text: projectText(`${name}a`, 'x'),
      version: item.version,
    });
    expect(res.status).toBe(400);
    expect((await readCm('perses', name))?.data?.[`${name}-a.json`]).toBe(projectText(`${name}a`));
  });

  it('keeps the owner references, finalizers, labels and annotations of a ConfigMap it edits from its compacted cache', async () => {
    const name = uniq('owned');
    const owner = await admin.createNamespacedConfigMap({
      namespace: 'team-a',
      body: { metadata: { name: `${name}-owner` } },
    });
    const ownerReferences = [
      { apiVersion: 'v1', kind: 'ConfigMap', name: `${name}-owner`, uid: owner.metadata!.uid! },
    ];
    const finalizers = ['perses-cm.dev/test-keep'];
    await admin.createNamespacedConfigMap({
      namespace: 'team-a',
      body: {
        metadata: {
          name,
          labels: { ...LABEL, team: 'a' },
          annotations: { note: 'kept' },
          ownerReferences,
          finalizers,
        },
        data: { [`${name}.json`]: projectText(name, 'Café ✓') },
      },
    });
    const item = await eventually(
      async () => (await api.list(`?namespace=team-a&q=${name}`)).body.items[0],
      5000,
      'owned ConfigMap listed',
    );
    const store = srv.store;
    if (!(store instanceof KubernetesStore)) throw new Error('not the Kubernetes store');
    await store.compacted();
    expect((await api.get(item.id)).body.text).toBe(projectText(name, 'Café ✓'));

    const edited = projectText(name, 'Édité');
    const res = await api.update(item.id, { text: edited, version: item.version });
    expect(res.status).toBe(200);
    const cm = await readCm('team-a', name);
    expect(cm?.data).toEqual({ [`${name}.json`]: edited });
    expect(cm?.metadata?.ownerReferences).toMatchObject(ownerReferences);
    expect(cm?.metadata?.finalizers).toEqual(finalizers);
    expect(cm?.metadata?.labels).toMatchObject({ ...LABEL, team: 'a' });
    expect(cm?.metadata?.annotations).toMatchObject({ note: 'kept' });
    expect((await api.get(item.id)).body.text).toBe(edited);

    await admin.patchNamespacedConfigMap(
      { namespace: 'team-a', name, body: [{ op: 'remove', path: '/metadata/finalizers' }] },
      setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
    );
    await admin.deleteNamespacedConfigMap({ namespace: 'team-a', name });
    await admin.deleteNamespacedConfigMap({ namespace: 'team-a', name: `${name}-owner` });
  });
});

describe('identities', () => {
  it('maps the viewer’s 403 and reports its capabilities', async () => {
    const viewer = await startKubeServer(env.kubeconfigs.viewer, ['team-a']);
    try {
      const v = apiClient(viewer.url);
      const res = await v.create({ text: projectText(uniq('viewer')), namespace: 'team-a' });
      expect(res.status).toBe(403);
      expect(res.error.code).toBe('forbidden');
      // What Kubernetes itself lets the viewer do decides what the console reports.
      const canList = await core(env.kubeconfigs.viewer)
        .listNamespacedConfigMap({ namespace: 'team-a' })
        .then(
          () => true,
          () => false,
        );
      const list = await v.list();
      expect(list.status).toBe(200);
      // A refusal is an answer: the server is ready either way.
      expect((await v.health(API.readyz)).status).toBe(200);
      if (!canList) {
        // Never an empty list without a word: the refusal is returned as data.
        expect(list.body.errors).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ source: 'team-a', code: 'forbidden' }),
          ]),
        );
      }
      const who = await v.whoami();
      expect(who.body.identity.name).toBe('viewer');
      expect(who.body.capabilities).toEqual([
        expect.objectContaining({
          namespace: 'team-a',
          allowed: expect.objectContaining({ list: canList, create: false }),
        }),
      ]);
      expect(who.body.capabilities[0]?.reasons['create']).toMatch(/viewer may not create/);
    } finally {
      await viewer.close();
    }
  });

  it('lets the editor write in team-a only', async () => {
    const editor = await startKubeServer(env.kubeconfigs.editor, ['team-a', 'team-b']);
    try {
      const e = apiClient(editor.url);
      expect((await e.create({ text: projectText(uniq('ed')), namespace: 'team-a' })).status).toBe(
        201,
      );
      expect((await e.create({ text: projectText(uniq('ed')), namespace: 'team-b' })).status).toBe(
        403,
      );
    } finally {
      await editor.close();
    }
  });
});

describe('live updates', () => {
  it('streams edits made by another client', async () => {
    const sse = await openSse(`${srv.url}/api/v1/events`);
    try {
      const name = uniq('other');
      const key = `${name}.json`;
      await admin.createNamespacedConfigMap({
        namespace: 'perses',
        body: { metadata: { name, labels: LABEL }, data: { [key]: projectText(name) } },
      });
      const t0 = Date.now();
      const added = await sse.waitFor(
        (e) => e.type === 'added' && e.resource.configMapName === name,
        5000,
        'added',
      );
      expect(Date.now() - t0).toBeLessThan(2000);
      const cm = await readCm('perses', name);
      await admin.replaceNamespacedConfigMap({
        namespace: 'perses',
        name,
        body: { ...cm, data: { [key]: projectText(name, 'Changed') } },
      });
      await sse.waitFor(
        (e) => e.type === 'modified' && e.resource.configMapName === name,
        5000,
        'modified',
      );
      // Removing the label is a deletion for the console, as for the sidecar.
      const cm2 = await readCm('perses', name);
      await admin.replaceNamespacedConfigMap({
        namespace: 'perses',
        name,
        body: { ...cm2, metadata: { ...cm2?.metadata, labels: {} } },
      });
      const deleted = await sse.waitFor(
        (e) => e.type === 'deleted' && e.resource.configMapName === name,
        5000,
        'deleted',
      );
      expect(
        deleted.type === 'deleted' &&
          added.type === 'added' &&
          deleted.resource.id === added.resource.id,
      ).toBe(true);
    } finally {
      sse.close();
    }
  });
});

describe('kubectl', () => {
  it('an apply and a patch made with kubectl appear on the SSE stream', async () => {
    const kubectl = stackBinaries().kubectl;
    const run = (args: string[], input?: string) =>
      new Promise<string>((resolve, reject) => {
        const child = execFile(
          kubectl,
          ['--kubeconfig', env.kubeconfigs.admin, ...args],
          (err, stdout, stderr) =>
            err ? reject(new Error(`${err.message}: ${stderr}`)) : resolve(stdout),
        );
        child.stdin?.end(input ?? '');
      });
    const sse = await openSse(`${srv.url}/api/v1/events`);
    try {
      const name = uniq('kubectl');
      const manifest = JSON.stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name, namespace: 'perses', labels: LABEL },
        data: { [`${name}.json`]: projectText(name) },
      });
      await run(['apply', '-f', '-'], manifest);
      await sse.waitFor(
        (e) => e.type === 'added' && e.resource.configMapName === name,
        5000,
        'added',
      );
      const patch = JSON.stringify({ data: { [`${name}.json`]: projectText(name, 'Patched') } });
      await run(['-n', 'perses', 'patch', 'configmap', name, '--type', 'merge', '-p', patch]);
      const modified = await sse.waitFor(
        (e) => e.type === 'modified' && e.resource.configMapName === name,
        5000,
        'modified',
      );
      if (modified.type !== 'modified') throw new Error('unreachable');
      expect((await api.get(modified.resource.id)).body.text).toContain('Patched');
    } finally {
      sse.close();
    }
  });
});

describe('label and scope rules', () => {
  it('never writes a ConfigMap whose label was removed meanwhile', async () => {
    const name = uniq('unlabel');
    const created = await api.create({ text: projectText(name), namespace: 'perses' });
    const cmName = created.body.configMapName as string;
    const cm = await readCm('perses', cmName);
    await admin.replaceNamespacedConfigMap({
      namespace: 'perses',
      name: cmName,
      body: { ...cm, metadata: { ...cm?.metadata, labels: {} } },
    });
    const res = await api.update(created.body.id, {
      text: projectText(name, 'x'),
      version: created.body.version,
    });
    expect([404, 409]).toContain(res.status);
    const after = await readCm('perses', cmName);
    expect(after?.metadata?.labels ?? {}).toEqual({});
    expect(after?.data?.[created.body.key]).toBe(projectText(name));
    await eventually(
      async () => (await api.get(created.body.id)).status === 404,
      5000,
      'gone from the console',
    );
  });

  it('watches every namespace with --all-namespaces and then needs a namespace to create', async () => {
    const all = await startKubeServer(env.kubeconfigs.admin, 'all');
    try {
      const a = apiClient(all.url);
      const name = uniq('allns');
      await admin.createNamespacedConfigMap({
        namespace: 'team-b',
        body: { metadata: { name, labels: LABEL }, data: { [`${name}.json`]: projectText(name) } },
      });
      const item = await eventually(
        async () => (await a.list(`?namespace=team-b&q=${name}`)).body.items[0],
        5000,
        'listed',
      );
      expect(item.namespace).toBe('team-b');
      const missing = await a.create({ text: projectText(uniq('nons')) });
      expect(missing.status).toBe(400);
      expect(missing.fields()[0]?.field).toBe('namespace');
      const who = await a.whoami();
      expect(who.body.target).toMatchObject({ type: 'kubernetes', namespaces: 'all' });
      expect(who.body.capabilities.map((c) => c.namespace)).toEqual(
        expect.arrayContaining(['perses', 'team-a', 'team-b']),
      );
    } finally {
      await all.close();
    }
  });
});
