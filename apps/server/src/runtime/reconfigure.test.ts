// The runtime seam on a chart directory: the Perses connection changes without a restart; a
// directory has no label or namespaces to change, and a refused change leaves everything as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@perses-cm/stack';
import { apiClient } from '../testing/api-client.ts';
import { startDirectoryServer, type DirectoryServer } from '../testing/directory-server.ts';
import { projectText } from '../testing/documents.ts';

let srv: DirectoryServer;

beforeAll(async () => {
  srv = await startDirectoryServer();
});
afterAll(async () => srv.dispose());

describe('reconfigure on a chart directory', () => {
  it('connects to another Perses, which validation then asks', async () => {
    const api = apiClient(srv.url);
    const dashboard = { kind: 'Dashboard', metadata: { name: 'd', project: 'p' }, spec: {} };
    expect((await api.validate({ document: dashboard })).body.perses).toEqual({
      checked: false,
      skipped: 'no Perses URL is configured',
    });
    const url = `http://127.0.0.1:${await freePort()}`;
    const settings = await srv.reconfigure({ perses: { url } });
    expect(settings.perses.url).toBe(url);
    expect(srv.perses?.where).toBe(url);
    const verdict = (await api.validate({ document: dashboard })).body.perses;
    expect(verdict.checked).toBe(false);
    expect(verdict.skipped).toMatch(new RegExp(`Perses at ${url} is unreachable`));
  });

  it('refuses a label or namespaces and keeps serving as before', async () => {
    const before = await apiClient(srv.url).list();
    await expect(srv.reconfigure({ namespaces: ['team-a'] })).rejects.toThrow(
      /chart directory has no label or namespaces/,
    );
    await expect(srv.reconfigure({ label: { key: 'x' } })).rejects.toThrow(/chart directory/);
    expect(srv.settings().namespaces).toBeNull();
    const after = await apiClient(srv.url).list();
    expect(after.body).toEqual(before.body);
    const created = await apiClient(srv.url).create({ text: projectText('after-refusal') });
    expect(created.status).toBe(201);
  });
});
