// Test helper: zips built with yazl, including entries no well-behaved tool writes (`../` and
// absolute names, which yazl refuses, are written under a stand-in name of the same length and
// renamed in the bytes: names are outside the CRC, so the archive stays valid).
import yazl from 'yazl';

export interface ZipInput {
  name: string;
  data: Buffer | string;
  /** Unix mode, e.g. 0o120777 for a symbolic link. */
  mode?: number;
}

export async function makeZip(entries: ZipInput[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const renames: [string, string][] = [];
  for (const [i, e] of entries.entries()) {
    let name = e.name;
    if (name.startsWith('/') || name.split('/').includes('..')) {
      const stand = `Z${String(i).padStart(name.length - 1, '0')}`.slice(0, name.length);
      renames.push([stand, name]);
      name = stand;
    }
    const data = typeof e.data === 'string' ? Buffer.from(e.data) : e.data;
    zip.addBuffer(data, name, e.mode === undefined ? {} : { mode: e.mode });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  const out = Buffer.concat(chunks);
  for (const [stand, real] of renames) {
    let at = out.indexOf(stand);
    while (at >= 0) {
      out.write(real, at, 'latin1');
      at = out.indexOf(stand, at + 1);
    }
  }
  return out;
}
