import { describe, expect, it } from 'vitest';
import { refreshDueAt } from './perses-session.ts';

describe('refreshDueAt', () => {
  it('refreshes a quarter of the lifetime early, at most a minute early', () => {
    expect(refreshDueAt(1000, 4)).toBe(1000 + 3000);
    expect(refreshDueAt(0, 15 * 60)).toBe(14 * 60_000);
  });

  it('never refreshes on time alone when Perses gave no lifetime', () => {
    expect(refreshDueAt(0, undefined)).toBe(Number.POSITIVE_INFINITY);
  });
});
