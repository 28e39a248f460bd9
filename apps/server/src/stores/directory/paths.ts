// Path rules of the chart-directory store: every path the store touches stays inside `files/` of
// the chart, whatever a document's name says and whatever symbolic links the tree holds.
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../domain/errors.ts';

export const RESOURCE_EXTENSIONS = new Set(['.json', '.yaml', '.yml']);
const SEGMENT = /^[a-zA-Z0-9_-][a-zA-Z0-9_.-]{0,254}$/;

/** A safe single path segment from a Perses name: no separators, no `..`, no leading dot. */
export function checkSegment(value: string, what: string): string {
  if (!SEGMENT.test(value) || value.includes('..')) {
    throw new AppError(
      'bad_request',
      `${what} "${value.slice(0, 80)}" cannot be used as a file name`,
      {
        fields: [
          { field: what, message: 'letters, digits, "_", "-", "." only; no "..", no leading "."' },
        ],
      },
    );
  }
  return value;
}

/** `files/<plural>/[<project>/]<name>.<ext>`, relative to the chart root, `/`-separated. */
export function newResourcePath(
  folder: string,
  project: string | null,
  name: string,
  ext: '.json' | '.yaml',
): string {
  const parts = [
    'files',
    checkSegment(folder, 'kind'),
    project === null ? null : checkSegment(project, 'metadata.project'),
    `${checkSegment(name, 'metadata.name')}${ext}`,
  ];
  return parts.filter((p): p is string => p !== null).join('/');
}

/** Absolute path of a chart-relative path, refusing anything that would leave `files/`. */
export function resolveInside(root: string, rel: string): string {
  if (rel.includes('\0') || path.isAbsolute(rel) || rel.split(/[\\/]/).includes('..')) {
    throw new AppError('bad_request', `path "${rel.slice(0, 120)}" leaves the chart directory`);
  }
  const filesRoot = path.join(root, 'files');
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
