// Reads the resource files of a chart's files/ tree, whatever its layout: every .json, .yaml and
// .yml file, recursively. Unchanged files (same inode, size and mtime) are not read again.
import { createHash } from 'node:crypto';
import type { Dirent, Stats } from 'node:fs';
import { lstat, readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { SourceError } from '@perses-cm/api';
import { CHART_FILES_DIR, isProvisionedFile } from '../../domain/model.ts';
import { staysInside, toPosix } from './paths.ts';

export interface ScannedFile {
  rel: string;
  text: string;
  hash: string;
  stamp: string;
  /** Set for a symbolic link: readable, never written through. */
  symlink: boolean;
}

export const MAX_FILE_BYTES = 8 * 1024 * 1024;

export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 32);
}

const stampOf = (s: Stats) => `${s.ino}:${s.size}:${s.mtimeMs}`;

/**
 * Lists the resource files under `<root>/files`, reusing `previous` entries whose stamp did not
 * change. Symbolic links are followed only when they resolve inside the chart.
 */
export async function scanFiles(
  root: string,
  realRoot: string,
  previous: ReadonlyMap<string, ScannedFile>,
  /** Files that could not be read, with why: shown beside the list, never silently dropped. */
  problems: SourceError[] = [],
): Promise<Map<string, ScannedFile>> {
  const out = new Map<string, ScannedFile>();
  const filesDir = path.join(root, CHART_FILES_DIR);
  // A vanished chart directory (unmounted, moved) is an outage, not the deletion of everything.
  if (!(await stat(root)).isDirectory()) throw new Error(`${root} is not a directory`);
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > 32) return;
    let dirents: Dirent[];
    try {
      dirents = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      if (dir !== filesDir || (err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      return;
    }
    for (const d of dirents) {
      if (d.name.startsWith('.')) continue;
      const abs = path.join(dir, d.name);
      const isLink = d.isSymbolicLink();
      if (isLink && !(await staysInside(realRoot, abs))) continue;
      const s = await (isLink ? stat(abs) : lstat(abs)).catch(() => null);
      if (!s) continue;
      if (s.isDirectory()) {
        await walk(abs, depth + 1);
        continue;
      }
      if (!s.isFile() || !isProvisionedFile(d.name)) continue;
      const rel = toPosix(path.relative(root, abs));
      const stamp = stampOf(s);
      const prev = previous.get(rel);
      if (prev && prev.stamp === stamp) {
        out.set(rel, prev);
        continue;
      }
      if (s.size > MAX_FILE_BYTES) {
        problems.push({
          source: rel,
          code: 'payload_too_large',
          message: `${rel} is ${s.size} bytes; files over ${MAX_FILE_BYTES} are not read`,
        });
        continue;
      }
      const text = await readFile(abs, 'utf8').catch((err: unknown) => {
        problems.push({
          source: rel,
          code: 'internal',
          message: `cannot read ${rel}: ${(err as Error).message}`,
        });
        return null;
      });
      if (text === null) continue;
      out.set(rel, { rel, text, hash: contentHash(text), stamp, symlink: isLink });
    }
  };
  await walk(filesDir, 0);
  return out;
}

/** Reads one file the store just wrote, so the cache reflects it before the response. */
export async function readOne(root: string, rel: string): Promise<ScannedFile | null> {
  const abs = path.join(root, rel);
  try {
    const s = await lstat(abs);
    if (!s.isFile()) return null;
    const text = await readFile(abs, 'utf8');
    return { rel, text, hash: contentHash(text), stamp: stampOf(s), symlink: false };
  } catch {
    return null;
  }
}
