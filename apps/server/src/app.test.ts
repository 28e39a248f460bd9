// The HTTP API on the chart-directory store, end to end through a listening server.
import { mkdir, readFile, writeFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGET_HEADER } from '@perses-cm/api';
import { apiClient } from './testing/api-client.ts';
import { startDirectoryServer, type DirectoryServer } from './testing/directory-server.ts';
import { eventually, openSse } from './testing/sse.ts';
import { project, projectOfBytes, projectText } from './testing/documents.ts';

let srv: DirectoryServer;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  srv = await startDirectoryServer();
  api = apiClient(srv.url);
});
afterAll(async () => srv.dispose());

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe('reading', () => {
  it('lists every file of the seed layout, flat and per project, with the target header', async () => {
    const res = await api.list();
    expect(res.status).toBe(200);
    expect(res.headers.get(TARGET_HEADER)).toMatch(/^directory; path=/);
    const names = res.body.items.map((i: { kind: string; name: string }) => `${i.kind}/${i.name}`);
    expect(names).toContain('Dashboard/Demo'); // files/dashboards/dashboard1.json
    expect(names).toContain('Dashboard/NodeExporter'); // files/dashboards/perses/NodeExporter.json
    expect(names).toContain('Project/testing');
    expect(res.body.errors).toEqual([]);
  });

  it('never serves a list from before a change', async () => {
    const before = await api.list();
    const again = await api.list();
    expect(again.body).toEqual(before.body);
    const created = await api.create({ text: projectText('fresh-list') });
    const after = await api.list();
    expect(after.body.items.length).toBe(before.body.items.length + 1);
    expect(after.body.items.map((i: { id: string }) => i.id)).toContain(created.body.id);
    await api.remove(created.body.id, created.body.version);
    expect((await api.list()).body.items.length).toBe(before.body.items.length);
  });

  it('filters by kind, project and text', async () => {
    const byKind = await api.list('?kind=Project');
    expect(byKind.body.items.every((i: { kind: string }) => i.kind === 'Project')).toBe(true);
    expect(byKind.body.items.length).toBeGreaterThanOrEqual(2);
    const byProject = await api.list('?kind=Dashboard&project=testing');
    expect(byProject.body.items.length).toBeGreaterThan(0);
    expect(byProject.body.items.every((i: { project: string }) => i.project === 'testing')).toBe(
      true,
    );
    const byText = await api.list('?q=node%20exp');
    expect(byText.body.items.map((i: { name: string }) => i.name)).toEqual(['NodeExporter']);
  });

  it('refuses query values that could widen a selector, naming the field', async () => {
    for (const q of [
      '?namespace=a,b',
      '?namespace=a%3Db',
      '?kind=Dashboard,Project',
      '?namespace=x&namespace=y',
    ]) {
      const res = await api.list(q);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toBe('bad_request');
      expect(res.body.error.details.fields[0].field).toMatch(/namespace|kind/);
    }
  });

  it('returns the stored text byte for byte with its origin', async () => {
    const list = await api.list('?q=dashboard1.json');
    const summary = list.body.items[0];
    const res = await api.get(summary.id);
    expect(res.status).toBe(200);
    const onDisk = await readFile(path.join(srv.dir, 'files/dashboards/dashboard1.json'), 'utf8');
    expect(res.body.text).toBe(onDisk);
    expect(res.body.origin).toEqual({ type: 'file', path: 'files/dashboards/dashboard1.json' });
    expect(res.body.document.metadata.name).toBe('Demo');
  });

  it('answers 404 for unknown ids and 400 for ids with path tricks', async () => {
    expect((await api.get('nope~AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    const tricky = await api.call('GET', '/api/v1/resources/..%2F..%2Fetc%2Fpasswd');
    expect(tricky.status).toBe(400);
  });
});

describe('writing', () => {
  it('creates at files/<plural>/<name>.json, then refuses the same identity with 409', async () => {
    const text = projectText('alpha');
    const res = await api.create({ text });
    expect(res.status).toBe(201);
    expect(res.body.origin).toEqual({ type: 'file', path: 'files/projects/alpha.json' });
    expect(await readFile(path.join(srv.dir, 'files/projects/alpha.json'), 'utf8')).toBe(text);
    // Perses lower-cases names: ALPHA is the same project.
    const again = await api.create({ document: project('ALPHA') });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_exists');
  });

  it('creates project-scoped resources under files/<plural>/<project>/', async () => {
    await api.create({ document: project('beta') });
    const doc = {
      kind: 'Datasource',
      metadata: { name: 'prom', project: 'beta' },
      spec: {
        default: true,
        plugin: { kind: 'PrometheusDatasource', spec: { directUrl: 'http://prometheus:9090' } },
      },
    };
    const res = await api.create({ document: doc });
    expect(res.status).toBe(201);
    expect(res.body.origin.path).toBe('files/datasources/beta/prom.json');
  });

  it('updates with the current version, refuses a stale one with 409 and the current document', async () => {
    const created = await api.create({ text: projectText('gamma') });
    const file = path.join(srv.dir, 'files/projects/gamma.json');
    const v1 = created.body.version;
    const edited = projectText('gamma').replace(
      '"name": "gamma"\n    }',
      '"name": "Gamma project"\n    }',
    );
    const ok = await api.update(created.body.id, { text: edited, version: v1 });
    expect(ok.status).toBe(200);
    expect(ok.body.version).not.toBe(v1);
    expect(await readFile(file, 'utf8')).toBe(edited);

    const stale = await api.update(created.body.id, { text: projectText('gamma'), version: v1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('conflict');
    expect(stale.body.error.details.current.text).toBe(edited);
    expect(await readFile(file, 'utf8')).toBe(edited);
  });

  it('detects a change made on disk behind its back (409, file untouched)', async () => {
    const created = await api.create({ text: projectText('delta') });
    const file = path.join(srv.dir, 'files/projects/delta.json');
    const external = projectText('delta').replace('"delta"\n    }', '"changed outside"\n    }');
    await writeFile(file, external);
    const res = await api.update(created.body.id, {
      text: projectText('delta'),
      version: created.body.version,
    });
    expect(res.status).toBe(409);
    expect(res.body.error.details.current.text).toBe(external);
    expect(await readFile(file, 'utf8')).toBe(external);
  });

  it('refuses a rename through update', async () => {
    const created = await api.create({ text: projectText('epsilon') });
    const res = await api.update(created.body.id, {
      document: project('zeta'),
      version: created.body.version,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields[0].field).toBe('metadata.name');
  });

  it('deletes with the current version only; then 404', async () => {
    const created = await api.create({ text: projectText('eta') });
    const file = path.join(srv.dir, 'files/projects/eta.json');
    expect((await api.remove(created.body.id, 'stale')).status).toBe(409);
    await readFile(file); // still there
    expect((await api.remove(created.body.id, created.body.version)).status).toBe(204);
    await expect(readFile(file)).rejects.toThrow(/ENOENT/);
    expect((await api.remove(created.body.id, created.body.version)).status).toBe(404);
  });
});

describe('bad input writes nothing', () => {
  it('refuses duplicate keys and __proto__ with line and column', async () => {
    const before = await filesUnder(srv.dir);
    const dup = await api.create({
      text: '{\n  "kind": "Project",\n  "kind": "Project",\n  "metadata": {"name": "x"}, "spec": {}\n}',
    });
    expect(dup.status).toBe(400);
    expect(dup.body.error.code).toBe('validation_failed');
    const finding = dup.body.error.details.findings[0];
    expect(finding).toMatchObject({ rule: 'duplicate-key', line: 3 });
    const proto = await api.create({
      text: '{"kind":"Project","metadata":{"name":"p","__proto__":{"x":1}},"spec":{}}',
    });
    expect(proto.status).toBe(400);
    expect(await filesUnder(srv.dir)).toEqual(before);
  });

  it('refuses YAML aliases beyond the cap and custom tags', async () => {
    const before = await filesUnder(srv.dir);
    const lines = ['a: &a [x, x]', ...Array.from({ length: 60 }, (_, i) => `k${i}: *a`)];
    const bomb = await api.create({
      text: `kind: Project\nmetadata: {name: bomb}\nspec:\n${lines.map((l) => `  ${l}`).join('\n')}\n`,
    });
    expect(bomb.status).toBe(400);
    const tag = await api.create({
      text: 'kind: Project\nmetadata: {name: t}\nspec: !!js/function "x"\n',
    });
    expect(tag.status).toBe(400);
    expect(await filesUnder(srv.dir)).toEqual(before);
  });

  it('refuses names that would leave the folder', async () => {
    const before = await filesUnder(srv.dir);
    for (const name of ['../escape', 'a/b', '..', '/abs']) {
      const res = await api.create({ document: project(name) });
      expect(res.status, name).toBe(400);
    }
    expect(await filesUnder(srv.dir)).toEqual(before);
  });

  it('refuses a document of 1 MiB + 1 byte with 413, and a body over the transport cap', async () => {
    const before = await filesUnder(srv.dir);
    const res = await api.create({ text: projectOfBytes('big', 1_048_577) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
    const huge = await api.call(
      'POST',
      '/api/v1/resources',
      undefined,
      JSON.stringify({ text: 'x'.repeat(3_000_000) }),
    );
    expect(huge.status).toBe(413);
    expect(await filesUnder(srv.dir)).toEqual(before);
    // Exactly at the limit is accepted.
    expect((await api.create({ text: projectOfBytes('big', 1_048_576) })).status).toBe(201);
  });

  it('refuses a malformed JSON body and a body that is not an object', async () => {
    expect((await api.call('POST', '/api/v1/resources', undefined, '{"text":')).status).toBe(400);
    expect((await api.call('POST', '/api/v1/resources', undefined, '"x"')).status).toBe(400);
    const both = await api.create({ text: '{}', document: {} });
    expect(both.status).toBe(400);
  });
});

describe('unlabeled ConfigMaps', () => {
  it('accepts unlabeled=true on a directory, where nothing lacks a label, and changes nothing', async () => {
    const plain = await api.list();
    const asked = await api.list('?unlabeled=true');
    expect(asked.status).toBe(200);
    expect(asked.body).toEqual(plain.body);
    expect((await api.list('?unlabeled=yes')).status).toBe(400);
  });
});

describe('live events', () => {
  it('streams files added, changed and removed on disk', async () => {
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
      await writeFile(
        file,
        projectText('external').replace('"external"\n    }', '"External"\n    }'),
      );
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

  it('streams writes made through the API', async () => {
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

describe('broken files', () => {
  it('lists an unparseable file with its errors and lets it be fixed, not duplicated', async () => {
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
    const clash = await api.update(item.id, { text: projectText('perses'), version: item.version });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('already_exists');
    const fixed = await api.update(item.id, { text: projectText('broken'), version: item.version });
    expect(fixed.status).toBe(200);
    expect(fixed.body.kind).toBe('Project');
    expect(await readFile(file, 'utf8')).toBe(projectText('broken'));
  });
});

describe('findings across resources', () => {
  it('warns about a missing project until the project exists, live', async () => {
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
      await api.create({ document: project('Nowhere') });
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

  it('flags two files defining the same identity, and clears it when one goes', async () => {
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
    expect(flagged.findingList[0].message).toContain('files/elsewhere/TWIN.json');
    await rm(copy);
    await eventually(
      async () => (await api.get(first.body.id)).body.findings.errors === 0,
      5000,
      'duplicate cleared',
    );
  });
});

describe('service endpoints', () => {
  it('serves health, readiness, metrics and an OpenAPI 3.1 document', async () => {
    expect((await api.call('GET', '/healthz')).body).toEqual({ status: 'ok' });
    expect((await api.call('GET', '/readyz')).body).toEqual({ status: 'ok' });
    const metrics = await api.call('GET', '/metrics');
    expect(metrics.body).toMatch(/perses_cm_resources \d+/);
    const doc = await api.call('GET', '/api/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toContain('/api/v1/resources/{id}');
    expect(
      doc.body.paths['/api/v1/resources'].post.requestBody.content['application/json'].schema
        .properties,
    ).toHaveProperty('text');
  });

  it('answers whoami with the local identity and every verb allowed', async () => {
    const res = await api.call('GET', '/api/v1/whoami');
    expect(res.body.identity.source).toBe('directory');
    expect(res.body.capabilities[0].allowed).toEqual({
      list: true,
      get: true,
      create: true,
      update: true,
      delete: true,
    });
  });

  it('validates without writing and says Perses was not asked', async () => {
    const res = await api.validate({ document: project('v') });
    expect(res.status).toBe(200);
    expect(res.body.perses).toEqual({ checked: false, skipped: 'no Perses URL is configured' });
    const bad = await api.validate({ text: '{"kind": "Project",' });
    expect(bad.status).toBe(200);
    expect(bad.body.findings[0].severity).toBe('error');
  });

  it('answers unknown API paths with the error envelope', async () => {
    const res = await api.call('GET', '/api/v1/nothing');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});
