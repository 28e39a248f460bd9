// A stored document text, held as a string while it is fresh and as raw-deflated UTF-8 once the
// store compacts it. Dashboards compress about tenfold, and a JS string costs one byte per
// character at best (two once any character is beyond Latin-1), so holding every text as a
// string cannot keep a console near its documents' size. Everything made from one stored text
// (the cached ConfigMap, each StoreEntry, the index's copy of the entry) reads through the same
// holder, so compacting it frees the string everywhere at once.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { backgroundWork } from '../runtime/background-work.ts';
import { memoryReturn } from '../runtime/release-memory.ts';

// Level 3 on real-shape dashboards: 13.9x at 60-90 MiB/s, as fast as level 1 (11.9x) and twice
// level 6 (16x); inflating a 35 KB dashboard takes about 0.2 ms (bench/compaction.ts).
const DEFLATE = { level: 3 };

export class StoredText {
  private hot: string | null;
  private packed: Uint8Array | null = null;

  constructor(text: string) {
    this.hot = text;
  }

  /** The text; a compacted one is inflated for this read only (it stays compact). */
  get(): string {
    if (this.hot !== null) return this.hot;
    return inflateRawSync(this.packed!).toString('utf8');
  }

  get compacted(): boolean {
    return this.hot === null;
  }

  /** Bytes held for the text: its deflated size once compacted. */
  get heldBytes(): number {
    return this.packed ? this.packed.byteLength : Buffer.byteLength(this.hot!, 'utf8');
  }

  compact(): void {
    if (this.hot === null) return;
    const out = deflateRawSync(this.hot, DEFLATE);
    // zlib answers with a view into its (16 KB) output chunk: keep an exact-size copy instead.
    this.packed = new Uint8Array(out);
    this.hot = null;
  }
}

export interface CompactorOptions {
  /** How long a new text stays a string before it is compacted (it is likely read again soon). */
  idleMs?: number;
  /** How long one slice of compaction runs before yielding to the event loop. */
  sliceMs?: number;
}

/**
 * Compacts a store's texts off the request path: nothing while the first load runs (`begin()`
 * starts the first pass, after ready), then each new text a short while after it arrives, in
 * slices that yield to the event loop. Readiness shows what is left (`compacting`).
 */
export class TextCompactor {
  private readonly queue = new Set<StoredText>();
  private started = false;
  private stopped = false;
  private running = false;
  private timer: NodeJS.Timeout | null = null;
  private untrack: (() => void) | null = null;
  private readonly idleMs: number;
  private readonly sliceMs: number;

  constructor(options: CompactorOptions = {}) {
    this.idleMs = options.idleMs ?? 2000;
    this.sliceMs = options.sliceMs ?? 10;
  }

  /** A new text, held as a string until the next pass. */
  hold(text: string): StoredText {
    const t = new StoredText(text);
    if (this.stopped) return t;
    this.queue.add(t);
    if (this.started) {
      memoryReturn.note(text.length);
      this.schedule(this.idleMs);
    }
    return t;
  }

  /** A text the store no longer holds: not worth compacting. */
  release(t: StoredText): void {
    this.queue.delete(t);
  }

  get pending(): number {
    return this.queue.size;
  }

  /**
   * The first load is in: compact what it holds, and what arrives from here on. The first pass
   * also waits `idleMs`, so it does not compete with the rest of the start.
   */
  begin(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.untrack = backgroundWork.track('compacting', () => this.queue.size);
    this.schedule(this.idleMs);
  }

  stop(): void {
    this.stopped = true;
    this.queue.clear();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.untrack?.();
    this.untrack = null;
  }

  /** Compacts what waits now, without the idle delay; resolves when nothing is left (once begun). */
  async drain(): Promise<void> {
    if (!this.started) return;
    this.schedule(0);
    while (this.queue.size > 0 && !this.stopped) await new Promise((r) => setImmediate(r));
  }

  private schedule(ms: number): void {
    if (this.running || this.stopped || !this.started) return;
    if (this.timer && ms > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.pass();
    }, ms);
  }

  private async pass(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.size > 0 && !this.stopped) {
        const slice = performance.now();
        for (const t of this.queue) {
          this.queue.delete(t);
          t.compact();
          if (performance.now() - slice > this.sliceMs) break;
        }
        backgroundWork.progress();
        await new Promise((r) => setImmediate(r));
      }
      if (this.queue.size === 0) memoryReturn.settled();
    } finally {
      this.running = false;
    }
  }
}
