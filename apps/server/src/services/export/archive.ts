// Streams files into a tgz (tar-stream, then gzip) or a zip (yazl), one entry at a time and only
// as fast as the reader takes them, so memory stays flat however many files there are. Entries
// carry a fixed time, mode and owner: the same files give the same bytes.
import { Readable, Transform, type PassThrough, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import tar from 'tar-stream';
import yazl from 'yazl';
import type { ExportFormat } from '@perses-cm/api';

export interface ArchiveEntry {
  path: string;
  /** The byte length of `data()`, known before the bytes are made. */
  size: number;
  /** The file's bytes, made when the writer gets to this entry. */
  data: () => Buffer;
}

/** 1980-01-01, the earliest time a zip can hold; tar uses the same instant. */
const TAR_MTIME = new Date(Date.UTC(1980, 0, 1));
// yazl writes DOS times from local-time fields: a local date gives the same bytes in any zone.
const zipMtime = () => new Date(1980, 0, 1);
const FILE_MODE = 0o644;
/** Bytes handed to the archiver and not yet taken by the reader: what memory may hold. */
const IN_FLIGHT_BYTES = 8 * 2 ** 20;

/**
 * Hands entries over without waiting for each to be taken (one event-loop round trip per entry
 * would dominate thousands of small files), but never more than IN_FLIGHT_BYTES ahead of the
 * reader: `add` resolves once that entry is taken.
 */
async function feedWindowed(
  entries: Iterable<ArchiveEntry>,
  add: (e: ArchiveEntry, data: Buffer) => Promise<void>,
): Promise<void> {
  const window: { size: number; taken: Promise<void> }[] = [];
  let held = 0;
  for (const e of entries) {
    const taken = add(e, e.data());
    // Seen at once, so a failure never goes unhandled while it waits its turn.
    taken.catch(() => undefined);
    window.push({ size: e.size, taken });
    held += e.size;
    while (held > IN_FLIGHT_BYTES) {
      const oldest = window.shift();
      if (!oldest) break;
      await oldest.taken;
      held -= oldest.size;
    }
  }
  await Promise.all(window.map((w) => w.taken));
}

export const ARCHIVE_TYPES: Record<ExportFormat, { extension: string; contentType: string }> = {
  tgz: { extension: 'tgz', contentType: 'application/gzip' },
  zip: { extension: 'zip', contentType: 'application/zip' },
};

/**
 * Joins tar's small pushes (a 512-byte header, the file, its padding) into 64 KiB chunks: gzip
 * runs each write in the thread pool, and three round trips per file cost more than the deflate.
 */
function coalesce(size = 64 * 1024): Transform {
  let parts: Buffer[] = [];
  let held = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      parts.push(chunk);
      held += chunk.length;
      if (held >= size) {
        this.push(Buffer.concat(parts, held));
        parts = [];
        held = 0;
      }
      done();
    },
    flush(done) {
      if (held > 0) this.push(Buffer.concat(parts, held));
      done();
    },
  });
}

async function writeTgz(entries: Iterable<ArchiveEntry>, out: Writable): Promise<void> {
  const pack = tar.pack();
  const done = pipeline(pack, coalesce(), createGzip(), out);
  const feed = async () => {
    await feedWindowed(
      entries,
      (e, data) =>
        // The callback comes once the reader has taken the entry.
        new Promise<void>((resolve, reject) => {
          const sink = pack.entry(
            {
              name: e.path,
              size: data.length,
              mode: FILE_MODE,
              mtime: TAR_MTIME,
              uid: 0,
              gid: 0,
              uname: '',
              gname: '',
              type: 'file',
            },
            data,
            (err) => (err ? reject(err) : resolve()),
          );
          // A reader gone mid-way destroys the entry too; the callback above reports it.
          sink.on('error', () => undefined);
        }),
    );
    pack.finalize();
  };
  await Promise.all([feed(), done]);
}

async function writeZip(entries: Iterable<ArchiveEntry>, out: Writable): Promise<void> {
  const zip = new yazl.ZipFile();
  // A PassThrough in yazl, typed as a bare readable.
  const output = zip.outputStream as PassThrough;
  const done = pipeline(output, out);
  for (const e of entries) {
    // yazl opens an entry's stream only when it gets to it, one entry at a time, and pipes it
    // to its output: each file's bytes are made then, and the reader paces everything.
    zip.addReadStreamLazy(
      e.path,
      { size: e.size, mtime: zipMtime(), mode: 0o100000 | FILE_MODE, forceDosTimestamp: true },
      (opened) => opened(null, Readable.from([e.data()], { objectMode: false })),
    );
  }
  zip.end();
  await done;
}

/** Writes every entry, in the order given, as an archive of `format` into `out`. */
export function writeArchive(
  format: ExportFormat,
  entries: Iterable<ArchiveEntry>,
  out: Writable,
): Promise<void> {
  return format === 'tgz' ? writeTgz(entries, out) : writeZip(entries, out);
}
