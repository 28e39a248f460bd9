// The HTTP API on the chart-directory store: creating, updating and deleting files, with the
// version preconditions. Every test has its own server (testing/server-test.ts).
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { project, projectText } from './testing/documents.ts';
import { it } from './testing/server-test.ts';

describe('writing', () => {
  it('creates at files/<plural>/<name>.json, then refuses the same identity with 409', async ({
    api,
    srv,
  }) => {
    const text = projectText('alpha');
    const res = await api.create({ text });
    expect(res.status).toBe(201);
    expect(res.body.origin).toEqual({ type: 'file', path: 'files/projects/alpha.json' });
    expect(await readFile(path.join(srv.dir, 'files/projects/alpha.json'), 'utf8')).toBe(text);
    // Perses lower-cases names: ALPHA is the same project.
    const again = await api.create({ document: project('ALPHA') });
    expect(again.status).toBe(409);
    expect(again.error.code).toBe('already_exists');
  });

  it('keeps one file of 20 concurrent creates of one identity, in any case and format', async ({
    api,
    srv,
  }) => {
    // Different spellings and formats are different file paths: only the identity settles it.
    const spellings = ['gamma', 'GAMMA', 'Gamma', 'gAmMa'];
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api.create({
          document: project(spellings[i % 4] ?? 'gamma'),
          format: i % 2 === 0 ? 'json' : 'yaml',
        }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, ...Array<number>(19).fill(409)]);
    const files = (await readdir(path.join(srv.dir, 'files/projects'))).filter((f) =>
      f.toLowerCase().startsWith('gamma.'),
    );
    expect(files).toHaveLength(1);
  });

  it('creates project-scoped resources under files/<plural>/<project>/', async ({ api }) => {
    expect((await api.create({ document: project('beta') })).status).toBe(201);
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
    expect(res.body.origin).toEqual({ type: 'file', path: 'files/datasources/beta/prom.json' });
  });

  it('updates with the current version, refuses a stale one with 409 and the current document', async ({
    api,
    srv,
  }) => {
    const created = await api.create({ text: projectText('gamma') });
    const file = path.join(srv.dir, 'files/projects/gamma.json');
    const v1 = created.body.version;
    const edited = projectText('gamma', 'Gamma project');
    const ok = await api.update(created.body.id, { text: edited, version: v1 });
    expect(ok.status).toBe(200);
    expect(ok.body.version).not.toBe(v1);
    expect(await readFile(file, 'utf8')).toBe(edited);

    const stale = await api.update(created.body.id, { text: projectText('gamma'), version: v1 });
    expect(stale.status).toBe(409);
    expect(stale.error.code).toBe('conflict');
    expect(stale.current()?.text).toBe(edited);
    expect(await readFile(file, 'utf8')).toBe(edited);
  });

  it('detects a change made on disk behind its back (409, file untouched)', async ({
    api,
    srv,
  }) => {
    const created = await api.create({ text: projectText('delta') });
    const file = path.join(srv.dir, 'files/projects/delta.json');
    const external = projectText('delta', 'changed outside');
    await writeFile(file, external);
    const res = await api.update(created.body.id, {
      text: projectText('delta'),
      version: created.body.version,
    });
    expect(res.status).toBe(409);
    expect(res.current()?.text).toBe(external);
    expect(await readFile(file, 'utf8')).toBe(external);
  });

  it('refuses a rename through update', async ({ api }) => {
    const created = await api.create({ text: projectText('epsilon') });
    const res = await api.update(created.body.id, {
      document: project('zeta'),
      version: created.body.version,
    });
    expect(res.status).toBe(400);
    expect(res.fields()[0]?.field).toBe('metadata.name');
  });

  it('deletes with the current version only; then 404', async ({ api, srv }) => {
    const created = await api.create({ text: projectText('eta') });
    const file = path.join(srv.dir, 'files/projects/eta.json');
    const stale = await api.remove(created.body.id, 'stale');
    expect(stale.status).toBe(409);
    expect(await readFile(file, 'utf8')).toBe(projectText('eta'));
    expect((await api.remove(created.body.id, created.body.version)).status).toBe(204);
    await expect(readFile(file)).rejects.toThrow(/ENOENT/);
    const gone = await api.remove(created.body.id, created.body.version);
    expect(gone.status).toBe(404);
    expect(gone.error.code).toBe('not_found');
  });
});
