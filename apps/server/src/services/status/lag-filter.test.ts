import { describe, expect, it } from 'vitest';
import { lagFilter } from './lag-filter.ts';
import { LagHistory, type Sample } from './lag-history.ts';
import type { Tracked } from './tracker.ts';

const at = 1_000_000;
const sample = (name: string, namespace?: string | null): Sample => ({
  at,
  lagMs: 10,
  id: name,
  kind: 'Dashboard',
  project: 'p',
  name,
  ...(namespace === undefined ? {} : { namespace }),
});

/** A tracker holding one resource, `old`, in team-a. */
const tracker = {
  byId: new Map([['old', { r: { summary: { namespace: 'team-a' } } } as unknown as Tracked]]),
};
const teamA = (ns: string | null) => ns === null || ns === 'team-a';

describe('the lag samples a caller sees', () => {
  const h = new LagHistory(() => at);
  for (const s of [
    sample('a', 'team-a'),
    sample('b', 'team-b'),
    sample('dir', null),
    sample('old'),
    sample('gone'),
  ])
    h.add(s);

  it('keeps those of the namespaces the caller may read, and counts only them', () => {
    const f = lagFilter(tracker, teamA);
    expect(h.samples(f).map((s) => s.name)).toEqual(['a', 'dir', 'old']);
    expect(h.summary(f).recent.count).toBe(3);
    expect(h.namespaces()).toEqual(new Set(['team-a', 'team-b']));
  });

  it('keeps every sample when the caller sees everything, and narrows to one resource', () => {
    expect(h.samples(lagFilter(tracker, null))).toHaveLength(5);
    expect(h.samples(lagFilter(tracker, teamA, 'b'))).toEqual([]);
    expect(h.samples(lagFilter(tracker, null, 'b')).map((s) => s.name)).toEqual(['b']);
  });

  it('keeps the namespace through the persisted text, and reads a history without it', () => {
    const again = new LagHistory(() => at);
    again.load(h.serialize());
    expect(again.samples()).toEqual(h.samples());
    expect(again.samples().find((s) => s.name === 'old')).not.toHaveProperty('namespace');
    expect(h.toApi(h.samples()[0]!)).not.toHaveProperty('namespace');
  });
});
