// Reads a zip with yauzl (entry by entry from the central directory, each inflated as a stream).
// Names are decoded here rather than by yauzl, which would stop the whole archive at the first
// absolute or `..` name: such entries are refused one by one instead. Sizes come from counting
// the inflated bytes; yauzl also stops an entry that inflates past the size its header claims.
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import type { Budget } from './archive-budget.ts';
import { BudgetExceeded, EntryBytes, type RawFile, type RawFiles } from './archive-budget.ts';
import { checkEntryPath } from './entry-path.ts';

const S_IFMT = 0o170000;
const FILE_TYPES: Record<number, string | null> = {
  0: null, // written on systems without Unix modes: a plain file
  0o100000: null,
  0o120000: 'a symbolic link: links are not followed',
  0o020000: 'a device file',
  0o060000: 'a device file',
  0o010000: 'a FIFO (named pipe)',
  0o140000: 'a socket',
};

function nameOf(entry: yauzl.Entry): string {
  const raw = entry.fileName as unknown as Buffer;
  return yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, false);
}

function refusalOf(entry: yauzl.Entry): string | null {
  const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
  const type = FILE_TYPES[mode];
  if (type === undefined) return 'not a regular file';
  if (type) return type;
  if (entry.isEncrypted()) return 'an encrypted entry';
  return null;
}

/** yauzl 3's entry iterator (`eachEntry`, lazy entries), which its type definitions lack. */
function entriesOf(zip: yauzl.ZipFile): AsyncIterable<yauzl.Entry> {
  return (zip as unknown as { eachEntry(): AsyncIterable<yauzl.Entry> }).eachEntry();
}

async function readEntry(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  path: string,
  budget: Budget,
): Promise<RawFile> {
  const bytes = new EntryBytes(budget, path);
  let stream: Readable;
  try {
    stream = await zip.openReadStreamPromise(entry);
  } catch (err) {
    return { path, refused: `the entry cannot be read: ${(err as Error).message}` };
  }
  try {
    for await (const chunk of stream) {
      bytes.add(chunk as Buffer);
      // Past the entry limit nothing more of it is needed: stop inflating it.
      if (bytes.tooLarge) break;
    }
  } catch (err) {
    if (err instanceof BudgetExceeded) throw err;
    return { path, refused: `the entry cannot be read: ${(err as Error).message}` };
  } finally {
    stream.destroy();
  }
  return bytes.result();
}

export async function readZip(archive: Buffer, budget: Budget): Promise<RawFiles> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(archive, {
      lazyEntries: true,
      decodeStrings: false,
      validateEntrySizes: true,
    });
  } catch (err) {
    return { files: [], stopped: `not a readable zip archive: ${(err as Error).message}` };
  }
  const files: RawFile[] = [];
  try {
    for await (const entry of entriesOf(zip)) {
      budget.entry();
      const name = nameOf(entry);
      if (name.endsWith('/')) continue;
      const checked = checkEntryPath(name);
      const refusal = checked.ok ? refusalOf(entry) : checked.reason;
      if (refusal) files.push({ path: checked.path, refused: refusal });
      else files.push(await readEntry(zip, entry, checked.path, budget));
    }
    return { files, stopped: null };
  } catch (err) {
    const why =
      err instanceof BudgetExceeded
        ? err.message
        : `the archive cannot be read past this point: ${(err as Error).message}`;
    return { files, stopped: why };
  } finally {
    zip.close();
  }
}
