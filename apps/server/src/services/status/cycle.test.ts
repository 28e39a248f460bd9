import { describe, expect, it } from 'vitest';
import {
  cycleAtOrAfter,
  expectedServeAt,
  humanDuration,
  lastCycleOf,
  staleAt,
  versionOutliers,
  type ServedMeta,
} from './cycle.ts';

// updatedAt values as the real Perses served them on a 3 s interval (Projects first).
const t = (iso: string) => Date.parse(iso);
const served = (kind: string, updatedAt: string): ServedMeta => ({
  kind,
  project: null,
  name: kind.toLowerCase(),
  createdAt: null,
  updatedAt: t(updatedAt),
  version: 5,
});

describe('the provisioning cycle', () => {
  it('starts with the newest Project update, even when a dashboard was written later', () => {
    const items = [
      served('Project', '2026-12-02T02:23:29.764064157Z'),
      served('Dashboard', '2026-12-02T02:23:29.765881655Z'),
      served('Project', '2026-12-02T02:23:26.763357158Z'),
      // edited through the API after the cycle
      served('Dashboard', '2026-12-02T02:23:30.912Z'),
    ];
    expect(lastCycleOf(items)).toBe(t('2026-12-02T02:23:29.764Z'));
    expect(lastCycleOf(items.filter((i) => i.kind !== 'Project'))).toBe(
      t('2026-12-02T02:23:30.912Z'),
    );
    expect(lastCycleOf([])).toBeNull();
  });

  it('expects a change at the first cycle after its file is written', () => {
    const last = t('2026-12-02T02:23:29.764Z');
    expect(cycleAtOrAfter(last + 100, last, 3000)).toBe(last + 3000);
    expect(cycleAtOrAfter(last + 6000, last, 3000)).toBe(last + 6000);
    expect(expectedServeAt(last + 7000, { intervalMs: 3000, lastCycleAt: last })).toBe(last + 9000);
    // The grid unknown: one interval; the interval unknown: nothing to say.
    expect(expectedServeAt(1000, { intervalMs: 600_000, lastCycleAt: null })).toBe(601_000);
    expect(expectedServeAt(1000, { intervalMs: null, lastCycleAt: 5 })).toBeNull();
  });

  it('calls a change stale one interval and a margin after it was expected', () => {
    expect(staleAt(0, 3000)).toBe(8000);
    expect(staleAt(0, 600_000)).toBe(660_000);
  });

  it('finds resources written by something besides provisioning from version moves', () => {
    const before = new Map([
      ['a', 4],
      ['b', 4],
      ['c', 9],
      ['d', 2],
    ]);
    const after = new Map([
      ['a', 6],
      ['b', 6],
      ['c', 12],
      ['d', 4],
      ['new', 1],
    ]);
    expect(versionOutliers(before, after)).toEqual(['c']);
    expect(versionOutliers(new Map(), after)).toEqual([]);
  });

  it('says durations the way people read them', () => {
    expect(humanDuration(190_000)).toBe('3m10s');
    expect(humanDuration(600_000)).toBe('10m');
    expect(humanDuration(2_900)).toBe('3s');
    expect(humanDuration(7_500_000)).toBe('2h5m');
  });
});
