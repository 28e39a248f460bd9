import type { ResourceStatus } from '@perses-cm/api';
import { describe, expect, it } from 'vitest';
import { firstLookDone, verdictOf } from './verdict.ts';

const status = (
  state: ResourceStatus['state'],
  code: ResourceStatus['reason'] = null,
): ResourceStatus => ({
  state,
  since: '2026-01-01T00:00:00.000Z',
  reason: code,
  hints: [],
  expectedAt: null,
  changedAt: null,
  servedSince: null,
  checkedAt: null,
  lagMs: null,
});
const reason = (code: 'kind_not_served' | 'checking' | 'perses_unreachable') =>
  ({ code, message: '', source: 'console', inferred: false, at: null }) as const;

describe('when `status --wait` stops', () => {
  it('succeeds once every resource is Synced, or one Perses cannot show', () => {
    expect(verdictOf([status('synced'), status('unknown', reason('kind_not_served'))])).toEqual({
      done: true,
      exit: 0,
    });
  });

  it('fails as soon as one is Rejected, Stale or Shadowed, even with others pending', () => {
    for (const s of ['rejected', 'stale', 'shadowed'] as const)
      expect(verdictOf([status('pending'), status(s)])).toEqual({ done: true, exit: 1 });
  });

  it('keeps waiting for Pending, Drifted, unreachable and not yet looked at', () => {
    expect(
      verdictOf([
        status('pending'),
        status('drifted'),
        status('unknown', reason('perses_unreachable')),
        null,
        status('synced'),
      ]),
    ).toEqual({ done: false, waitingFor: 4 });
  });

  it('knows when the first look is over', () => {
    expect(firstLookDone([status('synced'), status('pending')])).toBe(true);
    expect(firstLookDone([status('synced'), null])).toBe(false);
    expect(firstLookDone([status('unknown', reason('checking'))])).toBe(false);
  });
});
