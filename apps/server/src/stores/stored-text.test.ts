// The compactable text holder and the compactor that drives it.
import { afterEach, describe, expect, it } from 'vitest';
import { backgroundWork } from '../runtime/background-work.ts';
import { StoredText, TextCompactor } from './stored-text.ts';

const dashboard = JSON.stringify(
  {
    kind: 'Dashboard',
    metadata: { name: 'nodes', project: 'ops' },
    spec: {
      display: { name: 'Nœuds — 节点 📈' },
      panels: Object.fromEntries(
        Array.from({ length: 40 }, (_, i) => [
          `p${i}`,
          { kind: 'Panel', spec: { query: `up{i="${i}"}` } },
        ]),
      ),
    },
  },
  null,
  2,
);

describe('StoredText', () => {
  it.each([
    ['ASCII JSON', '{"kind":"Dashboard","metadata":{"name":"a"}}'],
    ['non-Latin-1 text', dashboard],
    ['Latin-1 only', 'name: Überwachung café\n'],
    ['an emoji (a surrogate pair)', 'a😀b'],
    ['an empty text', ''],
  ])('reads %s the same before and after compaction', (_, text) => {
    const t = new StoredText(text);
    expect(t.get()).toBe(text);
    expect(t.compacted).toBe(false);
    t.compact();
    expect(t.compacted).toBe(true);
    expect(t.get()).toBe(text);
    // a second read, and a second compaction, change nothing
    t.compact();
    expect(t.get()).toBe(text);
  });

  it('holds a compacted dashboard in a fraction of its UTF-8 bytes', () => {
    const t = new StoredText(dashboard);
    const bytes = Buffer.byteLength(dashboard, 'utf8');
    expect(t.heldBytes).toBe(bytes);
    t.compact();
    expect(t.heldBytes).toBeLessThan(bytes / 4);
  });
});

describe('TextCompactor', () => {
  let compactor: TextCompactor;
  afterEach(() => compactor.stop());

  it('leaves texts as strings until begun, then compacts them all and reports what is left', async () => {
    compactor = new TextCompactor({ idleMs: 60_000 });
    const texts = Array.from({ length: 50 }, (_, i) => compactor.hold(`${dashboard}${i}`));
    await new Promise((r) => setImmediate(r));
    expect(texts.some((t) => t.compacted)).toBe(false);
    expect(backgroundWork.pending().compacting).toBeUndefined();
    compactor.begin();
    expect(backgroundWork.pending().compacting).toBe(50);
    await compactor.drain();
    expect(texts.every((t) => t.compacted)).toBe(true);
    expect(texts.map((t) => t.get())).toEqual(texts.map((_, i) => `${dashboard}${i}`));
    expect(backgroundWork.pending().compacting).toBeUndefined();
  });

  it('compacts a text held after the start once it has waited, not one released before', async () => {
    compactor = new TextCompactor({ idleMs: 1 });
    compactor.begin();
    await compactor.drain();
    const kept = compactor.hold('kept');
    const replaced = compactor.hold('replaced');
    compactor.release(replaced);
    expect(compactor.pending).toBe(1);
    await compactor.drain();
    expect(kept.compacted).toBe(true);
    expect(replaced.compacted).toBe(false);
    expect(replaced.get()).toBe('replaced');
  });

  it('stops: nothing left to report, and texts held after it stay strings', () => {
    compactor = new TextCompactor({ idleMs: 1 });
    compactor.hold('a');
    compactor.begin();
    compactor.stop();
    expect(backgroundWork.pending().compacting).toBeUndefined();
    expect(compactor.hold('b').compacted).toBe(false);
    expect(compactor.pending).toBe(0);
  });
});
