import { describe, expect, it } from 'vitest';
import type { LagSample } from '@perses-cm/api';
import { describeLag, lagSeries } from './lag-series.ts';

const s = (at: string, lagMs: number): LagSample => ({
  at,
  lagMs,
  id: null,
  kind: 'Dashboard',
  project: 'p',
  name: 'd',
});

describe('lagSeries', () => {
  it('gives uPlot seconds on both axes, in time order', () => {
    const later = s('2026-01-05T10:00:10Z', 2500);
    const earlier = s('2026-01-05T10:00:00Z', 4000);
    const t = Date.parse('2026-01-05T10:00:00Z') / 1000;
    expect(lagSeries([later, earlier])).toEqual([
      [t, t + 10],
      [4, 2.5],
    ]);
  });

  it('says what the chart shows', () => {
    expect(describeLag([])).toBe('No change has reached Perses yet.');
    expect(describeLag([s('2026-01-05T10:00:00Z', 4040), s('2026-01-05T10:00:01Z', 900)])).toBe(
      'Sync lag of the last 2 changes, at most 4s.',
    );
  });
});
