// The hardening every mode gets, on the chart-directory store: security headers and the CSP,
// request ids, rate limits on sign-in and writes, and the audit log of every write.
import { AuditEntry, REQUEST_ID_HEADER } from '@perses-cm/api';
import { describe, expect, it as plain } from 'vitest';
import { CSP_DIRECTIVES } from './middleware/security-headers.ts';
import { apiClient } from './testing/api-client.ts';
import { project, projectText } from './testing/documents.ts';
import { startDirectoryServer } from './testing/directory-server.ts';
import { it } from './testing/server-test.ts';

const directives = (csp: string) =>
  new Map(
    csp.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );

describe('security headers', () => {
  it('sends a strict CSP and the usual headers on pages and API answers', async ({ srv, api }) => {
    for (const res of [await fetch(`${srv.url}/`), (await api.list()).headers]) {
      const h = res instanceof Response ? res.headers : res;
      const csp = directives(h.get('content-security-policy') ?? '');
      expect(csp.get('script-src')).toEqual(["'self'"]);
      expect(csp.get('script-src-attr')).toEqual(["'none'"]);
      expect(csp.get('worker-src')).toEqual(["'self'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('default-src')).toEqual(["'self'"]);
      expect(h.get('x-frame-options')).toBe('DENY');
      expect(h.get('x-content-type-options')).toBe('nosniff');
      expect(h.get('referrer-policy')).toBe('no-referrer');
      expect(h.get('x-powered-by')).toBeNull();
      expect(h.get(REQUEST_ID_HEADER)).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(Object.keys(CSP_DIRECTIVES)).toContain('frame-ancestors');
    const list = await api.list();
    // The list may be kept by this browser only, and is revalidated on every use (ETag).
    expect(list.headers.get('cache-control')).toBe('private, no-cache');
    expect((await api.whoami()).headers.get('cache-control')).toBe('no-store');
  });
});

describe('session in local mode', () => {
  it('reports the server identity and offers no sign-in', async ({ api }) => {
    const s = await api.session();
    expect(s.body).toMatchObject({ mode: 'local', signedIn: true, idleTimeoutSeconds: null });
    expect(s.body.identity?.source).toBe('directory');
    const signIn = await api.signIn('some-token');
    expect([signIn.status, signIn.error.code]).toEqual([400, 'bad_request']);
  });
});

describe('rate limits', () => {
  plain('limits writes per user and says so in the envelope', async () => {
    const srv = await startDirectoryServer({ security: { writesPerMinute: 2 } });
    try {
      const api = apiClient(srv.url);
      expect((await api.create({ text: projectText('rl-1') })).status).toBe(201);
      expect((await api.create({ text: projectText('rl-2') })).status).toBe(201);
      const third = await api.create({ text: projectText('rl-3') });
      expect([third.status, third.error.code]).toEqual([429, 'rate_limited']);
      expect(third.headers.get('ratelimit')).toMatch(/r=0/);
      // Reads are not writes.
      const names = (await api.list('?kind=Project')).body.items.map((i) => i.name);
      expect(names).toContain('rl-2');
      expect(names).not.toContain('rl-3');
    } finally {
      await srv.dispose();
    }
  });

  plain('limits sign-in attempts per address', async () => {
    const srv = await startDirectoryServer({ security: { signInPerMinute: 2 } });
    try {
      const api = apiClient(srv.url);
      expect((await api.signIn('a')).status).toBe(400);
      expect((await api.signIn('b')).status).toBe(400);
      const third = await api.signIn('c');
      expect([third.status, third.error.code]).toEqual([429, 'rate_limited']);
    } finally {
      await srv.dispose();
    }
  });
});

describe('audit log', () => {
  it('writes one JSON line per write, with the result and the request id', async ({ srv, api }) => {
    const created = await api.create({ document: project('audited') });
    const updated = await api.update(created.body.id, {
      document: project('audited', 'Audited'),
      version: created.body.version,
    });
    const stale = await api.update(created.body.id, {
      document: project('audited', 'Again'),
      version: created.body.version,
    });
    expect(stale.status).toBe(409);
    const removed = await api.remove(created.body.id, updated.body.version);
    expect(removed.status).toBe(204);

    const lines = srv.auditLines.map((l) => {
      expect(l.endsWith('\n') && !l.slice(0, -1).includes('\n')).toBe(true);
      return AuditEntry.parse(JSON.parse(l));
    });
    expect(lines.map((e) => [e.action, e.result, e.error?.code ?? null])).toEqual([
      ['create', 'ok', null],
      ['update', 'ok', null],
      ['update', 'error', 'conflict'],
      ['delete', 'ok', null],
    ]);
    for (const e of lines) {
      expect(e).toMatchObject({
        user: srv.identity.name,
        groups: [],
        authMode: 'local',
        source: 'directory',
        kind: 'Project',
        name: 'audited',
        file: 'files/projects/audited.json',
        namespace: null,
        configMap: null,
      });
    }
    expect(lines[0]!.requestId).toBe(created.headers.get(REQUEST_ID_HEADER));
    expect(lines[2]!.requestId).toBe(stale.headers.get(REQUEST_ID_HEADER));

    const recent = await api.audit();
    expect(recent.body.entries).toEqual([...lines].reverse());
    expect((await api.audit('?limit=1')).body.entries).toEqual([lines[3]]);
  });

  it('records a refused create with what its document names', async ({ srv, api }) => {
    const bad = await api.create({ document: { kind: 'Project', metadata: { name: 'a b' } } });
    expect(bad.status).toBe(400);
    const entry = AuditEntry.parse(JSON.parse(srv.auditLines.at(-1) ?? '{}'));
    expect(entry).toMatchObject({
      action: 'create',
      kind: 'Project',
      name: 'a b',
      result: 'error',
      error: { code: 'validation_failed' },
    });
  });
});
