// The hardening of a local-mode console on the real stack: what a page in the user's browser
// could try (a DNS-rebinding Host, a cross-site form or fetch, a text/plain post) is refused and
// writes nothing to Kubernetes; writes that pass are in the audit log with the user.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreV1Api } from '@kubernetes/client-node';
import { API, AuditEntry, CSRF_HEADER } from '@perses-cm/api';
import type { RunningServer } from './main.ts';
import { apiClient } from './testing/api-client.ts';
import { projectText } from './testing/documents.ts';
import { core, stackEnv, startKubeServer, uniq } from './testing/kube-fixture.ts';
import { rawRequest } from './testing/raw-http.ts';

let admin: CoreV1Api;
let srv: RunningServer;
const audit: string[] = [];

const labeled = async () =>
  (
    await admin.listNamespacedConfigMap({
      namespace: 'team-a',
      labelSelector: 'perses.dev/resource=true',
    })
  ).items.map((c) => c.metadata?.name);

beforeAll(async () => {
  const env = stackEnv();
  admin = core(env.kubeconfigs.admin);
  srv = await startKubeServer(
    env.kubeconfigs.editor,
    ['team-a'],
    {},
    { auditWrite: (l) => audit.push(l) },
  );
});
afterAll(async () => srv?.close());

describe('a local-mode console on loopback', () => {
  it('refuses Host: evil.example (DNS rebinding)', async () => {
    const evil = await rawRequest(srv.url, 'GET', API.whoami, { host: 'evil.example' });
    expect(evil.status).toBe(403);
    expect(evil.body).not.toContain('editor');
    const own = await rawRequest(srv.url, 'GET', API.whoami, { host: new URL(srv.url).host });
    expect(own.status).toBe(200);
  });

  it('refuses a cross-site POST and a text/plain POST, writing nothing', async () => {
    const before = await labeled();
    const name = uniq('csrf');
    const body = JSON.stringify({ text: projectText(name), namespace: 'team-a' });
    const host = new URL(srv.url).host;
    // What fetch() from another site sends: its Origin, and no way to add the CSRF header
    // without a preflight this server never answers.
    const crossSite = await rawRequest(
      srv.url,
      'POST',
      API.resources,
      {
        host,
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
        'content-type': 'application/json',
      },
      body,
    );
    expect(crossSite.status).toBe(403);
    // What a <form enctype="text/plain"> can send, even with the header guessed.
    const plain = await rawRequest(
      srv.url,
      'POST',
      API.resources,
      { host, 'content-type': 'text/plain', [CSRF_HEADER]: '1' },
      body,
    );
    expect(plain.status).toBe(415);
    expect(await labeled()).toEqual(before);
    expect(audit.some((l) => l.includes(name))).toBe(false);
  });

  it('writes an audit line per write, naming the user, the ConfigMap and the result', async () => {
    const api = apiClient(srv.url);
    const name = uniq('audited');
    const created = await api.create({ text: projectText(name), namespace: 'team-a' });
    expect(created.status).toBe(201);
    const entry = AuditEntry.parse(JSON.parse(audit.at(-1) ?? '{}'));
    expect(entry).toMatchObject({
      user: 'editor',
      authMode: 'local',
      source: 'kubeconfig',
      action: 'create',
      kind: 'Project',
      name,
      namespace: 'team-a',
      configMap: created.body.configMapName,
      key: created.body.key,
      result: 'ok',
      requestId: created.headers.get('x-request-id'),
    });
    await api.remove(created.body.id, created.body.version);
  });
});
