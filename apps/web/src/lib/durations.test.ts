import { describe, expect, it } from 'vitest';
import { formatDuration, fromNow } from './durations.ts';

describe('formatDuration', () => {
  it('says a duration in its two largest units', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(2400)).toBe('2.4s');
    expect(formatDuration(3000)).toBe('3s');
    expect(formatDuration(42_000)).toBe('42s');
    expect(formatDuration(190_000)).toBe('3m10s');
    expect(formatDuration(600_000)).toBe('10m');
    expect(formatDuration(3_900_000)).toBe('1h5m');
  });
});

describe('fromNow', () => {
  const now = Date.parse('2026-01-05T10:00:00Z');
  it('says ahead as "in about", behind as "ago"', () => {
    expect(fromNow('2026-01-05T10:03:10Z', now)).toBe('in about 3m10s');
    expect(fromNow('2026-01-05T09:59:18Z', now)).toBe('42s ago');
    expect(fromNow('2026-01-05T10:00:00.400Z', now)).toBe('now');
  });
});
