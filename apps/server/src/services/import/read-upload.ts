// An upload as raw files: the body is read up to the archive limit (counted as it arrives), then
// told apart by its first bytes, not its name: gzip, zip, tar, or else one plain file.
import type { Readable } from 'node:stream';
import { AppError } from '../../domain/errors.ts';
import { Budget, type RawFiles } from './archive-budget.ts';
import { checkEntryPath } from './entry-path.ts';
import { mib, type ImportLimits } from './limits.ts';
import { readTar } from './tar-reader.ts';
import { readZip } from './zip-reader.ts';

/** Reads a stream whole, refusing it once it passes `limit` bytes. */
export async function receive(body: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      body.destroy();
      throw new AppError(
        'payload_too_large',
        `the upload is larger than ${mib(limit)}: split it into smaller archives`,
        { limit },
      );
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}

const isGzip = (b: Buffer) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
// Local file header, or the end record of an empty zip.
const isZip = (b: Buffer) =>
  b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5);
const isTar = (b: Buffer) => b.length >= 262 && b.toString('latin1', 257, 262) === 'ustar';

export type UploadKind = 'tgz' | 'zip' | 'tar' | 'file';

export function kindOfUpload(bytes: Buffer): UploadKind {
  if (isGzip(bytes)) return 'tgz';
  if (isZip(bytes)) return 'zip';
  if (isTar(bytes)) return 'tar';
  return 'file';
}

/** The files of an upload; a plain file is one file named `filename`. */
export async function filesOfUpload(
  bytes: Buffer,
  filename: string,
  limits: ImportLimits,
): Promise<RawFiles> {
  const budget = new Budget(limits);
  const kind = kindOfUpload(bytes);
  if (kind === 'tgz' || kind === 'tar') return readTar(bytes, kind === 'tgz', budget);
  if (kind === 'zip') return readZip(bytes, budget);
  const name = checkEntryPath(filename.split(/[\\/]/).pop() ?? filename);
  if (!name.ok) return { files: [{ path: name.path, refused: name.reason }], stopped: null };
  if (bytes.length > limits.entryBytes)
    return {
      files: [
        {
          path: name.path,
          refused: `the file is larger than ${mib(limits.entryBytes)}: one ConfigMap holds at most that`,
        },
      ],
      stopped: null,
    };
  return { files: [{ path: name.path, data: bytes }], stopped: null };
}
