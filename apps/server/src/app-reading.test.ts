// The HTTP API on the chart-directory store, end to end through a listening server: reading,
// and the service endpoints. Every test has its own server (testing/server-test.ts).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { z } from 'zod';
import { API, ListResourcesResponse, TARGET_HEADER } from '@perses-cm/api';
import { projectText } from './testing/documents.ts';
import { it } from './testing/server-test.ts';

describe('reading', () => {
  it('lists every file of the seed layout, flat and per project, with the target header', async ({
    api,
  }) => {
    const res = await api.list();
    expect(res.status).toBe(200);
    expect(res.headers.get(TARGET_HEADER)).toMatch(/^directory; path=/);
    const names = res.body.items.map((i) => `${i.kind}/${i.name}`);
    expect(names).toContain('Dashboard/Demo'); // files/dashboards/dashboard1.json
    expect(names).toContain('Dashboard/NodeExporter'); // files/dashboards/perses/NodeExporter.json
    expect(names).toContain('Project/testing');
    expect(res.body.errors).toEqual([]);
  });

  it('never serves a list from before a change', async ({ api }) => {
    const before = await api.list();
    const again = await api.list();
    expect(again.body).toEqual(before.body);
    const created = await api.create({ text: projectText('fresh-list') });
    const after = await api.list();
    expect(after.body.items.length).toBe(before.body.items.length + 1);
    expect(after.body.items.map((i) => i.id)).toContain(created.body.id);
    await api.remove(created.body.id, created.body.version);
    expect((await api.list()).body.items.length).toBe(before.body.items.length);
  });

  it('lets a browser revalidate the list: 304 while unchanged, the new list after a change', async ({
    srv,
    api,
  }) => {
    const url = `${srv.url}${API.resources}`;
    // As a browser revalidates its copy (fetch itself would add `no-cache` beside If-None-Match).
    const revalidate = (u: string, etag: string) =>
      fetch(u, { headers: { 'if-none-match': etag, 'cache-control': 'max-age=0' } });
    const first = await fetch(url);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/"/);
    const held = await revalidate(url, etag!);
    expect([held.status, await held.text()]).toEqual([304, '']);
    // Another query is another body.
    const other = await revalidate(`${url}?kind=Project`, etag!);
    expect(other.status).toBe(200);

    const created = await api.create({ text: projectText('revalidated') });
    const after = await revalidate(url, etag!);
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    const body = ListResourcesResponse.parse(await after.json());
    expect(body.items.map((i) => i.id)).toContain(created.body.id);
    // Back to the same content: the first ETag holds again.
    await api.remove(created.body.id, created.body.version);
    expect((await revalidate(url, etag!)).status).toBe(304);
  });

  it('filters by kind, project and text', async ({ api }) => {
    const byKind = await api.list('?kind=Project');
    expect(byKind.body.items.every((i) => i.kind === 'Project')).toBe(true);
    expect(byKind.body.items.length).toBeGreaterThanOrEqual(2);
    const byProject = await api.list('?kind=Dashboard&project=testing');
    expect(byProject.body.items.length).toBeGreaterThan(0);
    expect(byProject.body.items.every((i) => i.project === 'testing')).toBe(true);
    const byText = await api.list('?q=node%20exp');
    expect(byText.body.items.map((i) => i.name)).toEqual(['NodeExporter']);
  });

  it('refuses query values that could widen a selector, naming the field', async ({ api }) => {
    for (const q of [
      '?namespace=a,b',
      '?namespace=a%3Db',
      '?kind=Dashboard,Project',
      '?namespace=x&namespace=y',
    ]) {
      const res = await api.list(q);
      expect(res.status, q).toBe(400);
      expect(res.error.code).toBe('bad_request');
      expect(res.fields()[0]?.field).toMatch(/namespace|kind/);
    }
  });

  it('returns the stored text byte for byte with its origin', async ({ api, srv }) => {
    const list = await api.list('?q=dashboard1.json');
    const summary = list.body.items[0];
    if (!summary) throw new Error('dashboard1.json not listed');
    const res = await api.get(summary.id);
    expect(res.status).toBe(200);
    const onDisk = await readFile(path.join(srv.dir, 'files/dashboards/dashboard1.json'), 'utf8');
    expect(res.body.text).toBe(onDisk);
    expect(res.body.origin).toEqual({ type: 'file', path: 'files/dashboards/dashboard1.json' });
    expect(res.body.document).toMatchObject({ metadata: { name: 'Demo' } });
  });

  it('answers 404 for unknown ids and 400 for ids with path tricks', async ({ api }) => {
    const unknown = await api.get('nope~AAAAAAAAAAAAAAAAAAAAAA');
    expect(unknown.status).toBe(404);
    expect(unknown.error.code).toBe('not_found');
    const tricky = await api.get('../../etc/passwd');
    expect(tricky.status).toBe(400);
    expect(tricky.fields()[0]?.field).toBe('id');
  });

  it('accepts unlabeled=true on a directory, where nothing lacks a label, and changes nothing', async ({
    api,
  }) => {
    const plain = await api.list();
    const asked = await api.list('?unlabeled=true');
    expect(asked.status).toBe(200);
    expect(asked.body).toEqual(plain.body);
    expect((await api.list('?unlabeled=yes')).status).toBe(400);
  });
});

describe('service endpoints', () => {
  it('serves health, readiness, metrics and an OpenAPI 3.1 document', async ({ api }) => {
    expect((await api.health(API.healthz)).body).toEqual({ status: 'ok' });
    expect((await api.health(API.readyz)).body).toEqual({ status: 'ok' });
    expect((await api.metrics()).body).toMatch(/perses_cm_resources \d+/);
    const OpenApi = z.object({
      openapi: z.string(),
      paths: z.record(z.string(), z.record(z.string(), z.unknown())),
    });
    const doc = await api.call('GET', API.openapi, { schema: OpenApi });
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toContain('/api/v1/resources/{id}');
    expect(doc.body.paths['/api/v1/resources']?.['post']).toMatchObject({
      requestBody: {
        content: { 'application/json': { schema: { properties: { text: {} } } } },
      },
    });
  });

  it('answers whoami with the local identity and every verb allowed', async ({ api }) => {
    const res = await api.whoami();
    expect(res.body.identity.source).toBe('directory');
    expect(res.body.capabilities[0]?.allowed).toEqual({
      list: true,
      get: true,
      create: true,
      update: true,
      delete: true,
    });
  });

  it('answers unknown API paths with the error envelope', async ({ api }) => {
    const res = await api.call('GET', '/api/v1/nothing', { schema: z.never() });
    expect(res.status).toBe(404);
    expect(res.error.code).toBe('not_found');
  });
});
