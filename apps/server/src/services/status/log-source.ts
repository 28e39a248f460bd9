// Where the console reads the pipeline's logs, incrementally: a local file (`--perses-log-file`,
// `--sidecar-log-file`), or a container's log through the Kubernetes API (`pods/log` from the
// last line's time). The first read returns the recent past, so the last cycles' refusals count.
import { open, stat } from 'node:fs/promises';

export interface LogSource {
  /** What is read, for people. */
  readonly description: string;
  /** Lines written since the previous read. */
  read(): Promise<string[]>;
}

/** Bytes read back on the first read: a few cycles of provisioning lines and access logs. */
const TAIL_BYTES = 512 * 1024;
/** Most bytes read at once: a log that grew more is read from its newest part. */
const MAX_READ_BYTES = 4 * 1024 * 1024;

export class FileLogSource implements LogSource {
  readonly description: string;
  private offset: number | null = null;
  private partial = '';

  constructor(private readonly path: string) {
    this.description = `the file ${path}`;
  }

  async read(): Promise<string[]> {
    const size = (await stat(this.path)).size;
    let from = this.offset ?? Math.max(0, size - TAIL_BYTES);
    let dropFirst = this.offset === null && from > 0;
    // Truncated or rotated: start again from its beginning.
    if (size < from) {
      from = 0;
      this.partial = '';
      dropFirst = false;
    }
    if (size - from > MAX_READ_BYTES) {
      from = size - MAX_READ_BYTES;
      this.partial = '';
      dropFirst = true;
    }
    this.offset = size;
    if (size === from) return [];
    const handle = await open(this.path, 'r');
    try {
      const buf = Buffer.alloc(size - from);
      await handle.read(buf, 0, buf.length, from);
      const lines = (this.partial + buf.toString('utf8')).split('\n');
      this.partial = lines.pop() ?? '';
      // A read that starts mid-file starts mid-line.
      return dropFirst ? lines.slice(1) : lines;
    } finally {
      await handle.close();
    }
  }
}

/** A timestamp of the kubelet (RFC 3339, nanoseconds trimmed) made comparable as text. */
function sortableTime(line: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z /.exec(line);
  return m ? `${m[1]}.${(m[2] ?? '').padEnd(9, '0')}` : null;
}

export type PodLogReader = (sinceTime: string) => Promise<string>;

/**
 * A container's log through the API server. `sinceTime` has whole seconds, so each read repeats
 * the last second's lines; those at or before the newest timestamp already returned are skipped.
 */
export class PodLogSource implements LogSource {
  private newest: string | null = null;

  constructor(
    readonly description: string,
    private readonly reader: PodLogReader,
    private readonly lookbackMs: () => number,
    private readonly now: () => number = Date.now,
  ) {}

  async read(): Promise<string[]> {
    const since =
      this.newest === null
        ? new Date(this.now() - this.lookbackMs())
        : new Date(`${this.newest.slice(0, 19)}Z`);
    const text = await this.reader(since.toISOString().replace(/\.\d+Z$/, 'Z'));
    const out: string[] = [];
    for (const line of text.split('\n')) {
      if (line === '') continue;
      const t = sortableTime(line);
      if (t !== null && this.newest !== null && t <= this.newest) continue;
      if (t !== null) this.newest = t;
      out.push(line);
    }
    return out;
  }
}
