// Streams files into a tgz (tar-stream, then gzip) or a zip (yazl), one entry at a time and only
// as fast as the reader takes them, so memory stays flat however many files there are. Entries
// carry a fixed time, mode and owner: the same files give the same bytes.
import { once } from 'node:events';
import { Readable, type PassThrough, type Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import tar from 'tar-stream';
import yazl from 'yazl';
import type { ExportFormat } from '@perses-cm/api';

export interface ArchiveEntry {
  path: string;
  data: Buffer;
}

/** 1980-01-01, the earliest time a zip can hold; tar uses the same instant. */
const TAR_MTIME = new Date(Date.UTC(1980, 0, 1));
// yazl writes DOS times from local-time fields: a local date gives the same bytes in any zone.
const zipMtime = () => new Date(1980, 0, 1);
const FILE_MODE = 0o644;

export const ARCHIVE_TYPES: Record<ExportFormat, { extension: string; contentType: string }> = {
  tgz: { extension: 'tgz', contentType: 'application/gzip' },
  zip: { extension: 'zip', contentType: 'application/zip' },
};

async function writeTgz(entries: Iterable<ArchiveEntry>, out: Writable): Promise<void> {
  const pack = tar.pack();
  const done = pipeline(pack, createGzip(), out);
  const feed = async () => {
    for (const e of entries) {
      // The callback comes once the reader has taken the entry: that is the backpressure.
      await new Promise<void>((resolve, reject) => {
        const sink = pack.entry(
          {
            name: e.path,
            size: e.data.length,
            mode: FILE_MODE,
            mtime: TAR_MTIME,
            uid: 0,
            gid: 0,
            uname: '',
            gname: '',
            type: 'file',
          },
          e.data,
          (err) => (err ? reject(err) : resolve()),
        );
        // A reader gone mid-way destroys the entry too; the callback above reports it.
        sink.on('error', () => undefined);
      });
    }
    pack.finalize();
  };
  await Promise.all([feed(), done]);
}

async function writeZip(entries: Iterable<ArchiveEntry>, out: Writable): Promise<void> {
  const zip = new yazl.ZipFile();
  // A PassThrough in yazl, typed as a bare readable.
  const output = zip.outputStream as PassThrough;
  const done = pipeline(output, out);
  const feed = async () => {
    for (const e of entries) {
      // yazl pumps one entry at a time from its stream; waiting for this one to be read, and for
      // the output to drain, keeps at most one entry in memory.
      const source = Readable.from([e.data], { objectMode: false });
      zip.addReadStream(source, e.path, {
        size: e.data.length,
        mtime: zipMtime(),
        mode: 0o100000 | FILE_MODE,
        forceDosTimestamp: true,
      });
      await finished(source);
      if (output.writableNeedDrain) await once(output, 'drain');
    }
    zip.end();
  };
  await Promise.all([feed(), done]);
}

/** Writes every entry, in the order given, as an archive of `format` into `out`. */
export function writeArchive(
  format: ExportFormat,
  entries: Iterable<ArchiveEntry>,
  out: Writable,
): Promise<void> {
  return format === 'tgz' ? writeTgz(entries, out) : writeZip(entries, out);
}
