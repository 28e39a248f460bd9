// The HTTP API on the chart-directory store, live: events for changes on disk and through the
// API, broken files, and findings that follow other resources. Every test has its own server.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { EVENT_ID_HEADER } from '@perses-cm/api';
import { project, projectText } from './testing/documents.ts';
import { it } from './testing/server-test.ts';
import { eventually, openSse } from './testing/sse.ts';

describe('live events', () => {
  it('streams files added, changed and removed on disk', async ({ srv }) => {
    const sse = await openSse(`${srv.url}/api/v1/events`);
    try {
      expect(sse.raw[0] ?? (await eventually(() => sse.raw[0]))).toMatch(/retry: \d+/);
      const file = path.join(srv.dir, 'files/projects/external.json');
      await writeFile(file, projectText('external'));
      const added = await sse.waitFor(
        (e) => e.type === 'added' && e.resource.name === 'external',
        5000,
        'added',
      );
      await writeFile(file, projectText('external', 'External'));
      await sse.waitFor(
        (e) => e.type === 'modified' && e.resource.name === 'external',
        5000,
        'modified',
      );
      await rm(file);
      const deleted = await sse.waitFor(
        (e) => e.type === 'deleted' && e.resource.name === 'external',
        5000,
        'deleted',
      );
      expect(deleted.type === 'deleted' && deleted.resource.id).toBe(
        added.type === 'added' && added.resource.id,
      );
    } finally {
      sse.close();
    }
  });

  it('streams writes made through the API', async ({ srv, api }) => {
    const sse = await openSse(`${srv.url}/api/v1/events`);
    try {
      const created = await api.create({ text: projectText('theta') });
      const e = await sse.waitFor(
        (x) => x.type === 'added' && x.resource.id === created.body.id,
        2000,
        'added',
      );
      expect(e.type).toBe('added');
    } finally {
      sse.close();
    }
  });
});

describe('a list and the stream after it', () => {
  it('tells the position of a list, and a stream opened later from it replays what changed since', async ({
    srv,
    api,
  }) => {
    const listed = await api.list();
    const at = listed.headers.get(EVENT_ID_HEADER);
    expect(at).toMatch(/^[0-9a-f]+\.\d+$/);
    expect(listed.body.items.some((i) => i.name === 'iota')).toBe(false);
    // A change between the list and the stream: a browser that read the list before opening
    // the stream must still see it.
    const created = await api.create({ text: projectText('iota') });
    const sse = await openSse(`${srv.url}/api/v1/events?lastEventId=${at}`);
    try {
      await sse.waitFor(
        (e) => e.type === 'added' && e.resource.id === created.body.id,
        2000,
        'replayed',
      );
      // A list read now reflects the change and tells a later position.
      const again = await api.list();
      expect(again.body.items.some((i) => i.id === created.body.id)).toBe(true);
      expect(again.headers.get(EVENT_ID_HEADER)).not.toBe(at);
    } finally {
      sse.close();
    }
  });
});

describe('broken files', () => {
  it('lists an unparseable file with its errors and lets it be fixed, not duplicated', async ({
    srv,
    api,
  }) => {
    const file = path.join(srv.dir, 'files/projects/broken.json');
    await writeFile(file, '{"kind": "Project", "metadata": {"name": "broken"}');
    const item = await eventually(
      async () => (await api.list('?q=broken.json')).body.items[0],
      5000,
      'listed',
    );
    expect(item.kind).toBe('Unknown');
    expect(item.findings.errors).toBeGreaterThan(0);
    const detail = await api.get(item.id);
    expect(detail.body.findingList[0]).toMatchObject({ severity: 'error', line: 1 });
    // The sample chart defines project "perses": fixing the file into it would duplicate it.
    const clash = await api.update(item.id, { text: projectText('perses'), version: item.version });
    expect(clash.status).toBe(409);
    expect(clash.error.code).toBe('already_exists');
    const fixed = await api.update(item.id, { text: projectText('broken'), version: item.version });
    expect(fixed.status).toBe(200);
    expect(fixed.body.kind).toBe('Project');
    expect(await readFile(file, 'utf8')).toBe(projectText('broken'));
  });
});

describe('findings across resources', () => {
  it('warns about a missing project until the project exists, live', async ({ srv, api }) => {
    const sse = await openSse(`${srv.url}/api/v1/events`);
    try {
      const dash = {
        kind: 'Dashboard',
        metadata: { name: 'lonely', project: 'nowhere' },
        spec: { duration: '1h', panels: {}, layouts: [] },
      };
      const created = await api.create({ document: dash });
      expect(created.status).toBe(201);
      expect(created.body.findings).toEqual({ errors: 0, warnings: 1 });
      expect(created.body.findingList[0]).toMatchObject({
        rule: 'unknown-project',
        field: 'metadata.project',
      });
      expect((await api.create({ document: project('Nowhere') })).status).toBe(201);
      const e = await sse.waitFor(
        (x) =>
          x.type === 'modified' &&
          x.resource.id === created.body.id &&
          x.resource.findings.warnings === 0,
        3000,
        'dashboard re-checked',
      );
      expect(e.type).toBe('modified');
      expect((await api.get(created.body.id)).body.findingList).toEqual([]);
    } finally {
      sse.close();
    }
  });

  it('flags two files defining the same identity, and clears it when one goes', async ({
    srv,
    api,
  }) => {
    const first = await api.create({ text: projectText('twin') });
    const copy = path.join(srv.dir, 'files/elsewhere/TWIN.json');
    await mkdir(path.dirname(copy), { recursive: true });
    await writeFile(copy, projectText('TWIN'));
    const flagged = await eventually(
      async () => {
        const d = await api.get(first.body.id);
        return d.body.findings.errors === 1 ? d.body : null;
      },
      5000,
      'duplicate flagged',
    );
    expect(flagged.findingList[0]).toMatchObject({ rule: 'duplicate-identity' });
    expect(flagged.findingList[0]?.message).toContain('files/elsewhere/TWIN.json');
    await rm(copy);
    await eventually(
      async () => (await api.get(first.body.id)).body.findings.errors === 0,
      5000,
      'duplicate cleared',
    );
  });
});

describe('validation', () => {
  it('validates without writing and says Perses was not asked', async ({ api }) => {
    const before = (await api.list()).body.items.length;
    const res = await api.validate({ document: project('v') });
    expect(res.status).toBe(200);
    expect((await api.list()).body.items.length).toBe(before);
    expect(res.body.perses).toEqual({ checked: false, skipped: 'no Perses URL is configured' });
    const bad = await api.validate({ text: '{"kind": "Project",' });
    expect(bad.status).toBe(200);
    expect(bad.body.findings[0]?.severity).toBe('error');
  });
});
