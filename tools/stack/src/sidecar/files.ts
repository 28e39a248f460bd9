import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Writes `content` to `path` unless the file already holds exactly that content
 * (compared by sha256, as k8s-sidecar does), so an unchanged file keeps its mtime
 * and a re-list does not wake up file watchers. Returns whether it wrote.
 */
export async function writeIfChanged(path: string, content: Buffer): Promise<boolean> {
  const existing = await readFile(path).catch(() => undefined);
  if (existing && sha256(existing) === sha256(content)) return false;
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
  return true;
}

/** Removes a file; returns false when it was already gone. */
export async function removeFile(path: string): Promise<boolean> {
  try {
    await rm(path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}
