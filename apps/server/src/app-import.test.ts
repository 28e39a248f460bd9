// Import through the API on a chart directory: a hostile zip refused entry by entry with nothing
// written for those entries, a zip bomb stopped at the total cap, and an update written only when
// its diff is ticked with the version it was shown against.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { dashboard } from './testing/status.ts';
import { makeZip } from './testing/hostile-zip.ts';
import { importApi } from './testing/import-api.ts';
import { it } from './testing/server-test.ts';

const json = (doc: unknown) => `${JSON.stringify(doc, null, 2)}\n`;

async function filesUnder(dir: string): Promise<string[]> {
  const out = await readdir(dir, { recursive: true });
  return out.map((p) => p.split(path.sep).join('/')).sort();
}

describe('import preview and apply', () => {
  it('says perses-operator resources come from a cluster when the target is a chart', async ({
    srv,
    api,
  }) => {
    const res = await importApi(srv.url, api).preview({ source: 'operator' });
    expect(res.body.entries).toEqual([]);
    expect(res.body.errors).toEqual([
      { source: 'cluster', code: 'unavailable', message: expect.stringMatching(/from a cluster/) },
    ]);
  });

  it('refuses each hostile entry of a zip by name and writes only the sound one', async ({
    srv,
    api,
  }) => {
    const imp = importApi(srv.url, api);
    const before = await filesUnder(srv.dir);
    const good = dashboard('imported_one', 'perses');
    const zip = await makeZip([
      { name: 'files/dashboards/good.json', data: json(good) },
      { name: '../evil.json', data: json(dashboard('evil', 'perses')) },
      { name: '/abs.json', data: json(dashboard('abs', 'perses')) },
      { name: 'link.json', data: '/etc/passwd', mode: 0o120777 },
      { name: 'big.json', data: Buffer.alloc(2 * 2 ** 20, 0x20) },
    ]);
    const res = await imp.upload(zip, { filename: 'team.zip' });
    const byOrigin = Object.fromEntries(res.body.entries.map((e) => [e.origin, e]));
    expect(byOrigin['team.zip: files/dashboards/good.json']).toMatchObject({
      action: 'create',
      name: 'imported_one',
    });
    expect(byOrigin['team.zip: ../evil.json']?.reason).toMatch(/path traversal/);
    expect(byOrigin['team.zip: /abs.json']?.reason).toMatch(/absolute path/);
    expect(byOrigin['team.zip: link.json']?.reason).toMatch(/symbolic link/);
    expect(byOrigin['team.zip: big.json']?.reason).toMatch(/larger than 1 MiB/);
    expect(res.body.counts).toMatchObject({ create: 1, refused: 4 });

    const all = res.body.entries.map((e) => ({ key: e.key }));
    const { report, lines } = await imp.apply(res.body.id, { items: all });
    expect(lines.filter((l) => l.type === 'progress')).toHaveLength(5);
    expect(report.counts).toMatchObject({ created: 1, skipped: 4, failed: 0 });
    const written = (await filesUnder(srv.dir)).filter((f) => !before.includes(f));
    expect(written).toEqual(['files/dashboards/perses/imported_one.json']);
    expect(JSON.parse(await readFile(path.join(srv.dir, written[0] ?? ''), 'utf8'))).toEqual(good);
    expect((await imp.report(res.body.id)).body).toEqual(report);
  });

  it('stops reading a zip that inflates past the total cap and writes none of it', async ({
    srv,
    api,
  }) => {
    const imp = importApi(srv.url, api);
    const before = await filesUnder(srv.dir);
    // 70 entries just under 1 MiB each: every one passes the entry cap, together past 64 MiB.
    const zeros = Buffer.alloc(2 ** 20 - 1, 0x20);
    const zip = await makeZip(
      Array.from({ length: 70 }, (_, i) => ({ name: `d${i}.json`, data: zeros })),
    );
    expect(zip.length).toBeLessThan(2 ** 20);
    const res = await imp.upload(zip, { filename: 'bomb.zip' });
    expect(res.body.errors[0]?.message).toMatch(/inflates past 64 MiB/);
    expect(res.body.counts.create).toBe(0);
    await imp.apply(res.body.id, { items: res.body.entries.map((e) => ({ key: e.key })) });
    expect(await filesUnder(srv.dir)).toEqual(before);
  }, 60_000);

  it('shows an update with both texts and writes it only when ticked with the shown version', async ({
    srv,
    api,
  }) => {
    const imp = importApi(srv.url, api);
    const file = path.join(srv.dir, 'files/projects/testing.json');
    const stored = await readFile(file, 'utf8');
    const changed = { ...JSON.parse(stored), spec: { display: { name: 'Renamed by import' } } };
    const res = await imp.preview({
      source: 'files',
      files: [{ name: 'testing.json', text: json(changed) }],
    });
    const entry = res.body.entries[0];
    expect(entry).toMatchObject({
      action: 'update',
      destination: { type: 'file', path: 'files/projects/testing.json' },
    });
    const texts = (await imp.texts(res.body.id, entry?.key ?? '')).body;
    expect(texts.existingText).toBe(stored);
    expect(JSON.parse(texts.text)).toEqual(changed);

    const unticked = await imp.apply(res.body.id, { items: [{ key: entry?.key ?? '' }] });
    expect(unticked.report.items[0]).toMatchObject({ outcome: 'skipped' });
    expect(await readFile(file, 'utf8')).toBe(stored);

    const version = entry?.existing?.version ?? '';
    const ticked = await imp.apply(res.body.id, {
      items: [{ key: entry?.key ?? '', overwrite: { version } }],
    });
    expect(ticked.report.items[0]).toMatchObject({ outcome: 'updated' });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(changed);

    const again = await imp.preview({
      source: 'files',
      files: [{ name: 'testing.json', text: json(changed) }],
    });
    expect(again.body.entries[0]?.action).toBe('unchanged');
  });
});
