// Path rules of the chart-directory store: every path the store touches stays inside `files/` of
// the chart, whatever a document's name says and whatever symbolic links the tree holds. (Where a
// new resource goes, with its names checked as path segments, is the model's chartFilePath.)
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../domain/errors.ts';
import { CHART_FILES_DIR } from '../../domain/model.ts';

/** Absolute path of a chart-relative path, refusing anything that would leave `files/`. */
export function resolveInside(root: string, rel: string): string {
  if (rel.includes('\0') || path.isAbsolute(rel) || rel.split(/[\\/]/).includes('..')) {
    throw new AppError('bad_request', `path "${rel.slice(0, 120)}" leaves the chart directory`);
  }
  const filesRoot = path.join(root, CHART_FILES_DIR);
  const abs = path.resolve(root, rel);
  if (!abs.startsWith(filesRoot + path.sep)) {
    throw new AppError('bad_request', `path "${rel.slice(0, 120)}" is not under files/`);
  }
  return abs;
}

/** True when `abs`, with every symbolic link resolved, is still inside `realRoot`. */
export async function staysInside(realRoot: string, abs: string): Promise<boolean> {
  try {
    const real = await realpath(abs);
    return real === realRoot || real.startsWith(realRoot + path.sep);
  } catch {
    return false;
  }
}

export function toPosix(rel: string): string {
  return rel.split(path.sep).join('/');
}
