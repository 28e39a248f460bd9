// Reads a tar (gzipped or not) with tar-stream, one entry at a time as the bytes inflate: links,
// devices and paths that leave the archive are refused by name, and the budget stops a bomb.
import { Readable, Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import {
  Budget,
  BudgetExceeded,
  EntryBytes,
  type RawFile,
  type RawFiles,
} from './archive-budget.ts';
import { checkEntryPath } from './entry-path.ts';

const REFUSED_TYPES: Record<string, string> = {
  symlink: 'a symbolic link: links are not followed',
  link: 'a hard link: links are not followed',
  'character-device': 'a device file',
  'block-device': 'a device file',
  fifo: 'a FIFO (named pipe)',
};

/** Counts the decompressed bytes tar-stream reads (headers included) against the total budget. */
function metered(budget: Budget): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      try {
        budget.bytes(chunk.length);
        done(null, chunk);
      } catch (err) {
        done(err as Error);
      }
    },
  });
}

export async function readTar(
  archive: Buffer,
  gzipped: boolean,
  budget: Budget,
): Promise<RawFiles> {
  const files: RawFile[] = [];
  const extract = tar.extract();
  const source = Readable.from([archive]);
  const inflated = gzipped ? source.pipe(createGunzip()) : source;
  // Entry bytes are counted by the meter: EntryBytes gets a budget that only checks sizes.
  const entryBudget = new Budget({ ...budget.limits, totalBytes: Number.POSITIVE_INFINITY });
  const meter = metered(budget);
  const fail = (err: Error) => extract.destroy(err);
  inflated.on('error', fail);
  meter.on('error', fail);
  inflated.pipe(meter).pipe(extract);
  let current: string | null = null;
  try {
    for await (const entry of extract) {
      budget.entry();
      const header = entry.header;
      const checked = checkEntryPath(header.name);
      const type = header.type ?? 'file';
      current = checked.path;
      if (type === 'directory') {
        entry.resume();
        continue;
      }
      const refusal = !checked.ok
        ? checked.reason
        : (REFUSED_TYPES[type] ??
          (type === 'file' || type === 'contiguous-file' ? null : `not a regular file (${type})`));
      const bytes = new EntryBytes(entryBudget, checked.path);
      // Drained even when refused: the next header follows this entry's bytes.
      for await (const chunk of entry) if (!refusal) bytes.add(chunk as Buffer);
      files.push(refusal ? { path: checked.path, refused: refusal } : bytes.result());
      current = null;
    }
    return { files, stopped: null };
  } catch (err) {
    const why =
      err instanceof BudgetExceeded
        ? err.message
        : `the archive cannot be read past this point: ${(err as Error).message}`;
    if (current !== null) files.push({ path: current, refused: why });
    return { files, stopped: why };
  } finally {
    source.destroy();
  }
}
