// Helm chart awareness for `perses-cm lint`: a chart directory is linted through its files/
// tree, and the chart docs' generator-template checks apply only where that template is used.
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

export function isChartRoot(dir: string): boolean {
  return existsSync(join(dir, 'Chart.yaml'));
}

/** The nearest folder at or above `path` holding a Chart.yaml, if any. */
export function chartRootOf(path: string): string | undefined {
  let dir = resolve(path);
  for (;;) {
    if (isChartRoot(dir)) return dir;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/**
 * Whether the chart renders files/ with the chart docs' generator template, recognised by its
 * `.Files.Glob` loop naming ConfigMaps with `trunc 63` (DOMAIN pitfall 7.1). A chart with a
 * template of its own is judged by the ConfigMaps that template makes, not by the docs' one.
 */
export async function usesDocsGenerator(chartRoot: string): Promise<boolean> {
  const dir = join(chartRoot, 'templates');
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (!/\.(ya?ml|tpl)$/.test(name)) continue;
    const text = await readFile(join(dir, name), 'utf8').catch(() => '');
    if (text.includes('.Files.Glob') && /trunc\s+63/.test(text)) return true;
  }
  return false;
}
