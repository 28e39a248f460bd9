// Test helper: unpacks an exported archive in memory with the readers users' tools rely on
// (a tar parser after gunzip, yauzl for zip), with each entry's header as written.
import { gunzipSync } from 'node:zlib';
import tar from 'tar-stream';
import yauzl from 'yauzl';

export interface UnpackedEntry {
  path: string;
  text: string;
  mode: number;
  mtime: Date;
}

export async function untgz(archive: Buffer): Promise<UnpackedEntry[]> {
  const extract = tar.extract();
  const out: UnpackedEntry[] = [];
  const done = (async () => {
    for await (const entry of extract) {
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      out.push({
        path: entry.header.name,
        text: Buffer.concat(chunks).toString('utf8'),
        mode: entry.header.mode ?? 0,
        mtime: entry.header.mtime ?? new Date(0),
      });
    }
  })();
  extract.end(gunzipSync(archive));
  await done;
  return out;
}

export function unzip(archive: Buffer): Promise<UnpackedEntry[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(archive, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const out: UnpackedEntry[] = [];
      zip.on('error', reject);
      zip.on('end', () => resolve(out));
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.push({
              path: entry.fileName,
              text: Buffer.concat(chunks).toString('utf8'),
              mode: (entry.externalFileAttributes >>> 16) & 0o7777,
              mtime: entry.getLastModDate(),
            });
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

export function unpack(format: 'tgz' | 'zip', archive: Buffer): Promise<UnpackedEntry[]> {
  return format === 'tgz' ? untgz(archive) : unzip(archive);
}
