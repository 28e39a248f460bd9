// Orphans on a read-only Perses (security.readonly: true, which removes its write routes): the
// console lists what Perses serves with nothing behind it, says cleanup is impossible and why, and
// refuses a confirmed delete without touching Perses.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExtraPerses, type ExtraPerses } from '@perses-cm/stack';
import { startServer, type RunningServer } from './main.ts';
import { apiClient } from './testing/api-client.ts';
import { project } from './testing/documents.ts';
import { directoryConfig } from './testing/directory-server.ts';
import { uniq } from './testing/kube-fixture.ts';
import { eventually } from './testing/sse.ts';
import { persesGet } from './testing/status.ts';

const name = uniq('ro-orphan');
let dir: string;
let perses: ExtraPerses;
let srv: RunningServer;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'perses-cm-readonly-'));
  // The console's chart holds nothing; Perses provisions one project from a folder of its own.
  await mkdir(path.join(dir, 'chart/files'), { recursive: true });
  await mkdir(path.join(dir, 'provisioned'));
  await writeFile(path.join(dir, 'provisioned', `${name}.json`), JSON.stringify(project(name)));
  perses = await startExtraPerses({
    security: { readonly: true, enable_auth: false },
    provisioning: { folders: [path.join(dir, 'provisioned')], interval: '2s' },
  });
  srv = await startServer(
    directoryConfig(path.join(dir, 'chart'), {
      persesUrl: perses.url,
      status: {
        persesLogFile: perses.logFile,
        sidecarLogFile: null,
        persesNamespaces: null,
        persesUiUrl: null,
      },
    }),
    { pollMs: 200, status: { fastMs: 500, slowMs: 1000, history: null } },
  );
  api = apiClient(srv.url);
});

afterAll(async () => {
  await srv?.close();
  await perses?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('orphans on a read-only Perses', () => {
  it('says cleanup is impossible and why, and a confirmed delete leaves Perses untouched', async () => {
    const listed = await eventually(
      async () => {
        const { body } = await api.orphans();
        return body.items.some((o) => o.name === name) ? body : undefined;
      },
      20_000,
      'listed as an orphan',
    );
    expect(listed.cleanup.possible).toBe(false);
    expect(listed.cleanup.reason).toMatch(/read-only \(security\.readonly\)/);
    const orphan = listed.items.find((o) => o.name === name);
    const del = await api.deleteOrphan(orphan?.id ?? '', name);
    expect(del.status).toBe(403);
    expect(del.error.message).toMatch(/read-only/);
    expect((await persesGet(perses.url, `/api/v1/projects/${name}`)).status).toBe(200);
    const overview = await api.status();
    expect(overview.body.perses.readonly).toBe(true);
  });
});
