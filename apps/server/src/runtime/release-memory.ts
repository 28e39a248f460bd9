// After the first full list the heap still holds what loading left behind (every page's text,
// every document's parse tree): V8 frees it only at its next full collection, which an idle
// console may not reach for hours, so the process keeps its start-up peak. One full collection
// right after the load returns it. Node exposes `gc` only under --expose-gc; setting the flag
// at run time and taking `gc` from a fresh context is the pattern Jest's leak detector uses.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { backgroundWork } from './background-work.ts';

export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as ((options?: object) => void) | undefined;
  // A plain full collection frees the texts the store compacted but leaves the pages they were
  // mixed in with committed (after the load: 78 MB live in 318 MB); this one moves the live
  // objects together so whole pages go back.
  setFlagsFromString('--compact-on-every-full-gc');
  try {
    // No options: Node 20's `gc` takes `{type: 'major', ...}` for a young-generation collection
    // only, which left the whole load in the heap. Without arguments it is a full collection on
    // every version.
    gc?.();
  } finally {
    setFlagsFromString('--no-compact-on-every-full-gc');
  }
}

export interface ReturnOptions {
  /** Size of new texts (their length: bytes for ASCII) that makes a burst worth a collection. */
  burstBytes: number;
  /** The least time between two collections (each pauses the console ~0.1 s at 5,000). */
  minGapMs: number;
}

/**
 * A burst of changes (a sync from Git rewriting a thousand dashboards) leaves its garbage in the
 * heap as the load did, and V8 may keep those pages for hours. Once the work such a burst made is
 * done (its texts compacted), one collection returns them: at most one per `minGapMs`, and only
 * for bursts of `burstBytes` or more. Off until the serving process turns it on.
 */
export class MemoryReturn {
  private churn = 0;
  private lastAt = -Infinity;
  private timer: NodeJS.Timeout | null = null;
  private enabled = false;

  constructor(
    private readonly collect: () => void = collectGarbage,
    private readonly options: ReturnOptions = { burstBytes: 8 * 2 ** 20, minGapMs: 30_000 },
    private readonly now: () => number = Date.now,
  ) {}

  /** Turns it on; readiness shows a collection that is due (`settling: {collecting: 1}`). */
  enable(): void {
    if (this.enabled) return;
    this.enabled = true;
    this.lastAt = this.now();
    backgroundWork.track('collecting', () => (this.timer ? 1 : 0));
  }

  /** New text of `length` arrived: the burst goes on, a collection waits for its end. */
  note(length: number): void {
    if (!this.enabled) return;
    this.churn += length;
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.timer = null;
    backgroundWork.progress();
  }

  /** The work the arrivals made is done: collect once the burst was large enough. */
  settled(): void {
    if (!this.enabled || this.timer || this.churn < this.options.burstBytes) return;
    const wait = Math.max(1000, this.lastAt + this.options.minGapMs - this.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.churn = 0;
      this.lastAt = this.now();
      this.collect();
      backgroundWork.progress();
    }, wait);
    this.timer.unref();
  }
}

/** The process's one: stores report arrivals and compaction here. */
export const memoryReturn = new MemoryReturn();
