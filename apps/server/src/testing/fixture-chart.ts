// Test helper: a chart directory holding the Perses project's real development data
// (shared/fixtures/perses-dev-data: upper-case names, a JSON array of 16 dashboards, an
// EphemeralDashboard) under files/, plus any extra files a test adds.
import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES_DIR = fileURLToPath(
  new URL('../../../../../shared/fixtures/perses-dev-data/', import.meta.url),
);

/** A temporary chart: Chart.yaml, the fixtures' .json files under files/, and `extra` files. */
export async function fixtureChart(extra: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'perses-cm-fixtures-'));
  await mkdir(path.join(dir, 'files'), { recursive: true });
  await writeFile(path.join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: fixtures\nversion: 0.1.0\n');
  await cp(FIXTURES_DIR, path.join(dir, 'files'), {
    recursive: true,
    filter: (src) => !src.endsWith('LICENSE'),
  });
  for (const [rel, text] of Object.entries(extra)) {
    const file = path.join(dir, rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  }
  return dir;
}
