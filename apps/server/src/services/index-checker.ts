// The check of what the initial load indexed from a summary (pending resources): full parse and
// validation, a few containers at a time, yielding to the event loop between slices so requests
// stay fast. Readiness shows what is left (`settling: {checking: n}`).
import type { BackgroundWork } from '../runtime/background-work.ts';
import type { ResourceIndex } from './resource-index.ts';

/** How long one slice may run before the event loop gets a turn. */
const SLICE_MS = 10;

export class IndexChecker {
  private stopped = false;
  private untrack: (() => void) | null = null;

  constructor(
    private readonly index: ResourceIndex,
    private readonly work: BackgroundWork,
  ) {}

  /** Starts checking in the background; ends by itself once nothing is pending. */
  start(): void {
    if (this.untrack || this.index.pendingCount === 0) return;
    this.untrack = this.work.track('checking', () => (this.stopped ? 0 : this.index.pendingCount));
    setImmediate(() => this.slice());
  }

  /** Stops checking (the index is no longer served); what is left stays pending. */
  stop(): void {
    this.stopped = true;
    this.finish();
  }

  private slice(): void {
    if (this.stopped) return;
    const until = performance.now() + SLICE_MS;
    let more = true;
    while (more && performance.now() < until) more = this.index.checkNext();
    if (!more || this.index.pendingCount === 0) return this.finish();
    this.work.progress();
    setImmediate(() => this.slice());
  }

  private finish(): void {
    const untrack = this.untrack;
    this.untrack = null;
    untrack?.();
  }
}
