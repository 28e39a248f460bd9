import { describe, expect, it } from 'vitest';
import { durationMs } from './duration.ts';

describe('durationMs', () => {
  it('reads the durations Perses writes in /api/config and dashboards', () => {
    expect(durationMs('3s')).toBe(3000);
    expect(durationMs('10m')).toBe(600_000);
    expect(durationMs('1h30m')).toBe(5_400_000);
    expect(durationMs('1d')).toBe(86_400_000);
    expect(durationMs('1y')).toBe(365 * 86_400_000);
    expect(durationMs('2w1d')).toBe(15 * 86_400_000);
    expect(durationMs('1m5ms')).toBe(60_005);
    expect(durationMs('0')).toBe(0);
  });

  it('refuses what Perses refuses: no unit, wrong order, unknown unit, empty', () => {
    for (const bad of ['', '10', '30m1h', '1h1h', '5 m', '1M', '-1s', '1.5h'])
      expect(durationMs(bad), bad).toBeUndefined();
  });
});
