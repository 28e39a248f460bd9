// Writes a chart directory of `count` dashboards spread over 50 projects: small copies of the
// sample chart's StatChartPanel for the scale test, real shapes and sizes (real-shape.ts, JSON and
// YAML) for the benchmarks.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { shapedDashboard } from './real-shape.ts';

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

/** `count` dashboards of real shape, `dash<i>` in project `team<i % 50>`; returns their bytes. */
export async function seedRealShapeDashboards(dir: string, count: number): Promise<number> {
  for (let p = 0; p < SEED_PROJECTS; p++)
    await mkdir(path.join(dir, 'files/dashboards', `team${p}`), { recursive: true });
  let bytes = 0;
  // A few hundred files at a time: thousands of open writes would exhaust file descriptors.
  for (let start = 0; start < count; start += 200) {
    await Promise.all(
      Array.from({ length: Math.min(200, count - start) }, (_, k) => {
        const i = start + k;
        const project = `team${i % SEED_PROJECTS}`;
        const { format, text } = shapedDashboard(i, project, `dash${i}`);
        bytes += Buffer.byteLength(text);
        return writeFile(path.join(dir, 'files/dashboards', project, `dash${i}.${format}`), text);
      }),
    );
  }
  return bytes;
}
