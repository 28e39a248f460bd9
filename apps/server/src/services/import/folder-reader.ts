// A folder on disk (a chart, its files/ tree, any folder of resource files) as raw files, for the
// CLI: links and special files are refused by name, never followed, with the archive limits.
import { lstat, open, readdir } from 'node:fs/promises';
import path from 'node:path';
import {
  Budget,
  BudgetExceeded,
  EntryBytes,
  type RawFile,
  type RawFiles,
} from './archive-budget.ts';
import type { ImportLimits } from './limits.ts';

async function readCapped(file: string, rel: string, budget: Budget): Promise<RawFile> {
  const handle = await open(file, 'r');
  const bytes = new EntryBytes(budget, rel);
  try {
    // The size is counted while reading: a file can grow between lstat and read.
    for await (const chunk of handle.createReadStream()) {
      bytes.add(chunk as Buffer);
      if (bytes.tooLarge) break;
    }
  } finally {
    await handle.close();
  }
  return bytes.result();
}

export async function readFolder(dir: string, limits: ImportLimits): Promise<RawFiles> {
  const budget = new Budget(limits);
  const files: RawFile[] = [];
  const walk = async (rel: string): Promise<void> => {
    const names = (await readdir(path.join(dir, rel))).sort();
    for (const name of names) {
      budget.entry();
      const relPath = rel ? `${rel}/${name}` : name;
      const full = path.join(dir, relPath);
      const st = await lstat(full);
      if (st.isDirectory()) await walk(relPath);
      else if (st.isSymbolicLink())
        files.push({ path: relPath, refused: 'a symbolic link: links are not followed' });
      else if (!st.isFile()) files.push({ path: relPath, refused: 'not a regular file' });
      else files.push(await readCapped(full, relPath, budget));
    }
  };
  try {
    await walk('');
    return { files, stopped: null };
  } catch (err) {
    if (err instanceof BudgetExceeded) return { files, stopped: err.message };
    throw err;
  }
}
