// Writes a chart directory of `count` dashboards shaped like a real one (the sample chart's
// StatChartPanel), spread over 50 projects. Shared by the scale test and the benchmark.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const SEED_PROJECTS = 50;

export async function seedDashboards(dir: string, count: number): Promise<number> {
  const sample = await readFile(
    new URL(
      '../../../examples/perses-resources/files/dashboards/testing/StatChartPanel.json',
      import.meta.url,
    ),
    'utf8',
  );
  let bytes = 0;
  for (let p = 0; p < SEED_PROJECTS; p++) {
    const folder = path.join(dir, 'files/dashboards', `team${p}`);
    await mkdir(folder, { recursive: true });
    await Promise.all(
      Array.from({ length: Math.ceil(count / SEED_PROJECTS) }, (_, i) => {
        const text = sample
          .replace('"name": "StatChartPanel"', `"name": "dash${i}"`)
          .replace('"project": "testing"', `"project": "team${p}"`);
        bytes += Buffer.byteLength(text);
        return writeFile(path.join(folder, `dash${i}.json`), text);
      }),
    );
  }
  return bytes;
}
