// Reads the paths given to `perses-cm lint`: files as they are, directories recursively (a
// provisioning folder or a chart's files/ tree). The rules live in @perses-cm/resources.

import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { chartPathOf, type LintEntry } from '@perses-cm/resources';

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

export async function readInputs(paths: string[]): Promise<ReadResult> {
  const entries: LintEntry[] = [];
  const errors: string[] = [];
  for (const given of paths) {
    try {
      const info = await stat(given);
      const files = info.isDirectory() ? await walk(given) : [given];
      for (const path of files) {
        const text = await readFile(path, 'utf8');
        const chartPath = chartPathOf(path);
        entries.push({ source: 'file', path, text, ...(chartPath ? { chartPath } : {}) });
      }
    } catch (e) {
      errors.push(`cannot read ${given}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { entries, errors };
}
