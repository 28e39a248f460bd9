// What an archive reader hands on, and the budget it spends while reading: entries and bytes are
// counted as they come out of the decompressor, so no header can make the server read more.
import { mib, type ImportLimits } from './limits.ts';

/** One file of a source: its bytes, or why it is refused (nothing of it is kept). */
export type RawFile = { path: string; data: Buffer } | { path: string; refused: string };

export interface RawFiles {
  files: RawFile[];
  /** Why reading stopped before the end (a bomb, a corrupt archive): the rest was not read. */
  stopped: string | null;
}

/** Thrown inside a reader when a total limit is passed; the reader turns it into `stopped`. */
export class BudgetExceeded extends Error {}

export class Budget {
  private entries = 0;
  private total = 0;

  constructor(readonly limits: ImportLimits) {}

  /** Counts one more entry; throws past the entry limit. */
  entry(): void {
    this.entries++;
    if (this.entries > this.limits.entries)
      throw new BudgetExceeded(
        `the archive holds more than ${this.limits.entries} entries: the rest was not read`,
      );
  }

  /** Counts decompressed bytes; throws past the total limit. */
  bytes(n: number): void {
    this.total += n;
    if (this.total > this.limits.totalBytes)
      throw new BudgetExceeded(
        `the archive inflates past ${mib(this.limits.totalBytes)}: reading stopped there (a zip or tar bomb?), the rest was not read`,
      );
  }
}

/** Collects one entry's chunks up to the per-entry limit; past it keeps counting, not keeping. */
export class EntryBytes {
  private chunks: Buffer[] = [];
  private size = 0;

  constructor(
    private readonly budget: Budget,
    private readonly path: string,
  ) {}

  add(chunk: Buffer): void {
    this.budget.bytes(chunk.length);
    this.size += chunk.length;
    if (this.size <= this.budget.limits.entryBytes) this.chunks.push(chunk);
    else this.chunks = [];
  }

  get tooLarge(): boolean {
    return this.size > this.budget.limits.entryBytes;
  }

  result(): RawFile {
    if (this.tooLarge)
      return {
        path: this.path,
        refused: `the entry is larger than ${mib(this.budget.limits.entryBytes)}: one ConfigMap holds at most that`,
      };
    return { path: this.path, data: Buffer.concat(this.chunks, this.size) };
  }
}
