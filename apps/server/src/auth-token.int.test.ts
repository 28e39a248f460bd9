// Token mode on the real stack: a person signs in with their Kubernetes token (the stack's
// `editor`), which the server checks with the API server and keeps; the browser holds only an
// httpOnly, SameSite=Strict session cookie. The token never comes back in any body, header or
// event; writes go to Kubernetes with it (the console's own account may not write at all), and
// sign-out ends the session and its event stream.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, AuditEntry } from '@perses-cm/api';
import type { RunningServer } from './main.ts';
import { apiClient, type Reply } from './testing/api-client.ts';
import {
  CONSOLE_READ_RULES,
  consoleAccount,
  tokenOf,
  type ConsoleAccount,
} from './testing/console-account.ts';
import { projectText } from './testing/documents.ts';
import { stackEnv, startKubeServer, uniq } from './testing/kube-fixture.ts';
import { openSse } from './testing/sse.ts';

let account: ConsoleAccount;
let srv: RunningServer;
let token: string;
const audit: string[] = [];
/** Everything the server sent back during the tests, to scan for the token. */
const seen: string[] = [];

function record<T>(reply: Reply<T>): Reply<T> {
  reply.headers.forEach((value, name) => seen.push(`${name}: ${value}`));
  seen.push(JSON.stringify(reply.status < 300 ? reply.body : reply.error) ?? '');
  return reply;
}

beforeAll(async () => {
  const env = stackEnv();
  token = await tokenOf(env.kubeconfigs.editor);
  account = await consoleAccount(env.kubeconfigs.admin, CONSOLE_READ_RULES);
  srv = await startKubeServer(
    account.kubeconfig,
    ['team-a', 'team-b'],
    { auth: { mode: 'token', idleTimeoutMs: 30 * 60_000 } },
    { auditWrite: (line) => audit.push(line) },
  );
});
afterAll(async () => {
  await srv?.close();
  await account?.cleanup();
});

describe('token mode', () => {
  it('answers nothing but the session status before sign-in', async () => {
    const anonymous = apiClient(srv.url);
    expect(record(await anonymous.session()).body).toEqual({
      mode: 'token',
      signedIn: false,
      identity: null,
      idleTimeoutSeconds: 1800,
    });
    for (const reply of [await anonymous.whoami(), await anonymous.list()] as Reply<unknown>[]) {
      expect([record(reply).status, reply.error.code]).toEqual([401, 'unauthorized']);
    }
    await expect(openSse(`${srv.url}${API.events}`)).rejects.toThrow(/401/);
  });

  it('refuses a token the API server does not accept, and sets no cookie', async () => {
    const refused = record(await apiClient(srv.url).signIn(`${token.slice(0, -4)}0000`));
    expect([refused.status, refused.error.code]).toEqual([401, 'unauthorized']);
    expect(refused.headers.get('set-cookie')).toBeNull();
  });

  it('signs in, acts with the token, keeps it out of every answer, and signs out', async () => {
    const signIn = record(await apiClient(srv.url).signIn(token));
    expect(signIn.status).toBe(201);
    expect(signIn.body).toMatchObject({
      mode: 'token',
      signedIn: true,
      identity: { name: 'editor', source: 'token' },
    });
    const setCookie = signIn.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(
      /^perses-cm-session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/,
    );
    const cookie = setCookie.split(';')[0]!;
    const editor = apiClient(srv.url, { headers: { cookie } });

    const sse = await openSse(`${srv.url}${API.events}`, { cookie });
    const who = record(await editor.whoami());
    expect(who.body.identity).toMatchObject({ name: 'editor', source: 'token' });

    const name = uniq('editor-project');
    const created = record(await editor.create({ text: projectText(name), namespace: 'team-a' }));
    expect(created.status).toBe(201);
    await sse.waitFor(
      (e) => e.type === 'added' && e.resource.id === created.body.id,
      10_000,
      'the added event',
    );
    record(await editor.list());
    record(await editor.get(created.body.id));
    const updated = record(
      await editor.update(created.body.id, {
        text: projectText(name, 'Edited'),
        version: created.body.version,
      }),
    );
    expect(updated.status).toBe(200);
    // The editor may not write in team-b: Kubernetes says so to a review made with the token,
    // which names the token's user, before anything is written.
    const refused = record(
      await editor.create({ text: projectText(uniq('b')), namespace: 'team-b' }),
    );
    expect(refused.status).toBe(403);
    expect(refused.error.message).toMatch(/^editor may not create ConfigMaps in team-b/);
    expect(record(await editor.remove(created.body.id, updated.body.version)).status).toBe(204);
    record(await editor.audit());

    const entries = audit.map((l) => AuditEntry.parse(JSON.parse(l)));
    expect(
      entries.filter((e) => e.name === name).map((e) => [e.action, e.user, e.authMode]),
    ).toEqual([
      ['create', 'editor', 'token'],
      ['update', 'editor', 'token'],
      ['delete', 'editor', 'token'],
    ]);

    const signOut = record(await editor.signOut());
    expect(signOut.status).toBe(204);
    expect(signOut.headers.get('set-cookie')).toMatch(/^perses-cm-session=; Max-Age=0;/);
    expect(signOut.headers.get('clear-site-data')).toBe('"cache"');
    // The open stream ends with the session.
    await sse.ended;
    seen.push(...sse.raw);
    for (const reply of [await editor.whoami(), await editor.list()] as Reply<unknown>[]) {
      expect(record(reply).status).toBe(401);
    }
    expect(record(await editor.session()).body.signedIn).toBe(false);

    expect(seen.length).toBeGreaterThan(20);
    for (const text of [...seen, ...audit]) expect(text).not.toContain(token);
  });
});
