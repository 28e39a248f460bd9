// Reads the paths given to `perses-cm lint`: files as they are, directories recursively (a
// provisioning folder or a chart's files/ tree). The rules live in @perses-cm/resources.

import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CHART_FILES_DIR, chartPathOf, type LintEntry } from '@perses-cm/resources';
import { chartRootOf, isChartRoot, usesDocsGenerator } from './chart.ts';

export interface ReadResult {
  entries: LintEntry[];
  errors: string[];
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  const items = await readdir(dir, { withFileTypes: true });
  items.sort((a, b) => a.name.localeCompare(b.name));
  for (const item of items) {
    // Dot files (.helmignore, .DS_Store, editor swap files) are never resources.
    if (item.name.startsWith('.')) continue;
    const path = join(dir, item.name);
    if (item.isDirectory()) out.push(...(await walk(path)));
    else if (item.isFile()) out.push(path);
  }
  return out;
}

/** Whether files under `path` are turned into ConfigMaps by the chart docs' template. */
async function docsTemplateApplies(path: string, cache: Map<string, boolean>): Promise<boolean> {
  const root = chartRootOf(path);
  // A bare files/ tree: assume the template most charts copy, the docs' one.
  if (!root) return true;
  let uses = cache.get(root);
  if (uses === undefined) cache.set(root, (uses = await usesDocsGenerator(root)));
  return uses;
}

export async function readInputs(paths: string[]): Promise<ReadResult> {
  const entries: LintEntry[] = [];
  const errors: string[] = [];
  const docsTemplate = new Map<string, boolean>();
  for (const given of paths) {
    try {
      const info = await stat(given);
      // A chart directory: only files/ holds resources (templates and values are Helm's).
      const dir = info.isDirectory() && isChartRoot(given) ? join(given, CHART_FILES_DIR) : given;
      const files = info.isDirectory() ? await walk(dir) : [given];
      const applies = await docsTemplateApplies(given, docsTemplate);
      for (const path of files) {
        const text = await readFile(path, 'utf8');
        const chartPath = chartPathOf(path);
        entries.push({
          source: 'file',
          path,
          text,
          ...(chartPath ? { chartPath, docsTemplate: applies } : {}),
        });
      }
    } catch (e) {
      errors.push(`cannot read ${given}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { entries, errors };
}
