import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { collectGarbage } from './release-memory.ts';

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
