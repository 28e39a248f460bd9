// The comparison of a file with what Perses serves (packages/resources served-content.ts), on every
// real fixture: each file of shared/fixtures/perses-dev-data provisioned by the real Perses
// v0.54.0, then every resource it serves compared with its file. None may differ, or the status
// would call a provisioned resource Pending or Drifted forever.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExtraPerses, type ExtraPerses } from '@perses-cm/stack';
import { requirePluginSchemas } from '@perses-cm/stack/testing';
import { compareServed, identityKey, kindInfo, KINDS, type PersesKind } from '../domain/model.ts';
import { stackEnv } from '../testing/kube-fixture.ts';
import { eventually } from '../testing/sse.ts';
import { PersesClient } from './perses-client.ts';
import { directTransport } from './transport.ts';
import { ROLE_KINDS, servedKeyOf, servedMetaOf } from '../services/status/served-snapshot.ts';

const FIXTURES = new URL('../../../../../shared/fixtures/perses-dev-data/', import.meta.url)
  .pathname;
const dir = mkdtempSync(path.join(tmpdir(), 'perses-cm-fixtures-'));
let perses: ExtraPerses;
let client: PersesClient;

interface Doc {
  kind: string;
  metadata: { name: string; project?: string };
}
const docs: Doc[] = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .flatMap((f) => {
    const v = JSON.parse(readFileSync(path.join(FIXTURES, f), 'utf8')) as Doc | Doc[];
    return Array.isArray(v) ? v : [v];
  });
const keyOf = (d: Doc) =>
  identityKey({
    kind: d.kind as PersesKind,
    name: d.metadata.name,
    ...(d.metadata.project ? { project: d.metadata.project } : {}),
  });
const servedKinds = docs.filter((d) => kindInfo(d.kind) && !ROLE_KINDS.has(d.kind));

beforeAll(async () => {
  requirePluginSchemas(stackEnv());
  for (const f of readdirSync(FIXTURES))
    if (f.endsWith('.json')) cpSync(path.join(FIXTURES, f), path.join(dir, f));
  perses = await startExtraPerses(
    { provisioning: { folders: [dir], interval: '1s' } },
    { plugins: true },
  );
  client = new PersesClient(directTransport(perses.url));
});
afterAll(async () => {
  await perses?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('what Perses serves of every fixture', () => {
  it('equals its file once compared the way the status compares', async () => {
    const served = new Map<string, unknown>();
    await eventually(
      async () => {
        for (const info of KINDS) {
          if (ROLE_KINDS.has(info.kind)) continue;
          for (const item of (await client.list(info.kind)).items) {
            const meta = servedMetaOf(item);
            if (meta) served.set(servedKeyOf(meta), item);
          }
        }
        return servedKinds.every((d) => served.has(keyOf(d)));
      },
      30_000,
      'every fixture served',
    );
    const differing = servedKinds
      .map((d) => ({ key: keyOf(d), cmp: compareServed(d, served.get(keyOf(d))) }))
      .filter((x) => !x.cmp.equal);
    expect(differing).toEqual([]);
    expect(servedKinds.length).toBeGreaterThan(30);
  });

  it('has Role kinds provisioned but not served while authorization is off', async () => {
    expect(docs.some((d) => ROLE_KINDS.has(d.kind))).toBe(true);
    const err = await client.list('GlobalRole').then(
      () => null,
      (e: { code?: string }) => e,
    );
    expect(err?.code).toBe('not_found');
  });
});
