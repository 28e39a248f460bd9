// `perses-cm export --out-dir DIR`: the chart as plain files, for `git diff`. Resource files under
// files/ that the export no longer holds are removed, so a deleted resource shows as deleted;
// files the template does not read (notes, a .helmignore) and everything outside files/ stay.
import { mkdir, readdir, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CHART_FILES_DIR, isProvisionedFile } from '@perses-cm/resources';
import type { PlannedFile } from '../../services/export/plan.ts';

export class OutDirError extends Error {}

async function entriesOf(dir: string): Promise<string[] | null> {
  try {
    return await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Refuses a folder that holds something other than a chart or a files/ tree. */
async function checkTarget(dir: string): Promise<void> {
  const names = await entriesOf(dir);
  if (names === null || names.length === 0) return;
  if (!(await stat(dir)).isDirectory()) throw new OutDirError(`${dir} is not a folder`);
  if (!names.includes('Chart.yaml') && !names.includes(CHART_FILES_DIR))
    throw new OutDirError(
      `${dir} is not empty and holds neither a Chart.yaml nor a ${CHART_FILES_DIR}/ folder: give an empty folder or a chart`,
    );
}

/** Resource files under `dir/files`, relative to `dir`, `/`-separated. */
async function resourceFiles(dir: string, rel = CHART_FILES_DIR): Promise<string[]> {
  const items = await readdir(path.join(dir, rel), { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const item of items) {
    const child = `${rel}/${item.name}`;
    if (item.isDirectory()) out.push(...(await resourceFiles(dir, child)));
    else if (item.isFile() && isProvisionedFile(item.name)) out.push(child);
  }
  return out;
}

/** Removes the folders under files/ left empty, deepest first. */
async function pruneEmpty(dir: string, rel = CHART_FILES_DIR): Promise<void> {
  const items = await readdir(path.join(dir, rel), { withFileTypes: true }).catch(() => []);
  for (const item of items) {
    if (!item.isDirectory()) continue;
    const child = `${rel}/${item.name}`;
    await pruneEmpty(dir, child);
    if ((await readdir(path.join(dir, child))).length === 0) await rmdir(path.join(dir, child));
  }
}

/** Writes the files into `dir`; returns the resource files it removed. */
export async function writeTree(dir: string, files: PlannedFile[]): Promise<string[]> {
  await checkTarget(dir);
  const keep = new Set(files.map((f) => f.path));
  const stale = (await resourceFiles(dir)).filter((p) => !keep.has(p));
  for (const p of stale) await rm(path.join(dir, p));
  for (const f of files) {
    const target = path.join(dir, ...f.path.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, f.content());
  }
  await pruneEmpty(dir);
  return stale;
}
