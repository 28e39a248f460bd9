import { describe, expect, it } from 'vitest';
import { DAY_MS, LagHistory, MAX_SAMPLES, type Sample } from './lag-history.ts';

const sample = (at: number, lagMs: number, id = 'a'): Sample => ({
  at,
  lagMs,
  id,
  kind: 'Dashboard',
  project: 'p',
  name: id,
});

describe('the lag history', () => {
  it('summarises last, p50, p95 and max per window and per resource', () => {
    let now = 10 * DAY_MS;
    const h = new LagHistory(() => now);
    for (let i = 1; i <= 20; i++)
      h.add(sample(now - 1000 * (21 - i), i * 100, i % 2 ? 'odd' : 'even'));
    expect(h.summary().day).toEqual({
      count: 20,
      lastMs: 2000,
      p50Ms: 1000,
      p95Ms: 1900,
      maxMs: 2000,
    });
    expect(h.summary({ id: 'odd' }).recent).toMatchObject({ count: 10, lastMs: 1900, maxMs: 1900 });
    now += DAY_MS;
    // A day later nothing is within 24 h, but the last changes are still the last 100.
    expect(h.summary().day.count).toBe(0);
    expect(h.summary().recent.count).toBe(20);
  });

  it('keeps 24 hours and at least the last 100 changes, within a bound', () => {
    let now = 0;
    const h = new LagHistory(() => now);
    for (let i = 0; i < 150; i++) h.add(sample(i, 1));
    now = 2 * DAY_MS;
    h.add(sample(now, 5));
    expect(h.samples().length).toBe(100);
    for (let i = 0; i < MAX_SAMPLES + 10; i++) h.add(sample(now, 2));
    expect(h.samples().length).toBe(MAX_SAMPLES);
  });

  it('survives a round trip through its persisted text, and refuses another text', () => {
    const now = 5 * DAY_MS;
    const h = new LagHistory(() => now);
    h.add(sample(now - 10, 1234, 'x'));
    h.add({ ...sample(now - 5, 99, 'y'), project: null, id: null });
    const again = new LagHistory(() => now);
    again.load(h.serialize());
    expect(again.samples()).toEqual(h.samples());
    expect(() => again.load('{"v":2}')).toThrow(/not a lag history/);
  });
});
