import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryReturn, collectGarbage } from './release-memory.ts';

const oldSpace = () => getHeapSpaceStatistics().find((s) => s.space_name === 'old_space')!;

/** What a load leaves: long-lived entries interleaved with garbage on the same pages. */
function load() {
  const kept: { i: number; name: string }[] = [];
  const garbage: { text: string; list: number[] }[] = [];
  for (let i = 0; i < 300_000; i++) {
    kept.push({ i, name: `k${i}` });
    garbage.push({ text: `${'x'.repeat(100)}${i}`, list: [i, i + 1, i + 2] });
  }
  return { kept, garbage: garbage as typeof garbage | null };
}

describe('collectGarbage', () => {
  it('frees what a load left behind and gives its pages back', () => {
    const heap = load();
    collectGarbage(); // both now live in the old generation
    const before = getHeapStatistics().used_heap_size;
    heap.garbage = null;

    collectGarbage();

    const freed = before - getHeapStatistics().used_heap_size;
    expect(freed).toBeGreaterThan(30 * 2 ** 20);
    // Compacted: what stays committed in the old generation is close to what is live there.
    const old = oldSpace();
    expect(old.space_size).toBeLessThan(old.space_used_size * 1.5 + 8 * 2 ** 20);
    expect(heap.kept).toHaveLength(300_000);
  });
});

describe('MemoryReturn', () => {
  const MiB = 2 ** 20;
  function setup() {
    let now = 0;
    let collections = 0;
    const r = new MemoryReturn(
      () => collections++,
      { burstBytes: 8 * MiB, minGapMs: 30_000 },
      () => now,
    );
    return {
      r,
      collections: () => collections,
      advance: (ms: number) => {
        now += ms;
        vi.advanceTimersByTime(ms);
      },
    };
  }
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('collects once after a large burst is done, no sooner than the gap after the last', () => {
    const { r, collections, advance } = setup();
    r.note(20 * MiB); // before it is turned on (the load): the load has its own collection
    r.settled();
    advance(60_000);
    expect(collections()).toBe(0);

    r.enable();
    for (let i = 0; i < 300; i++) r.note(35_000);
    r.settled();
    advance(29_999);
    expect(collections()).toBe(0);
    advance(1);
    expect(collections()).toBe(1);

    // Another burst at once waits out the gap, and its end: what arrives meanwhile puts it off.
    for (let i = 0; i < 300; i++) r.note(35_000);
    r.settled();
    advance(29_000);
    r.note(35_000);
    advance(5_000);
    expect(collections()).toBe(1);
    r.settled();
    advance(999);
    expect(collections()).toBe(1);
    advance(1);
    expect(collections()).toBe(2);
    // A small one is not worth a pause.
    r.note(MiB);
    r.settled();
    advance(60_000);
    expect(collections()).toBe(2);
  });
});
