import { describe, expect, it } from 'vitest';
import { at, resourceStatus, T0 } from '../test/status-fixtures.ts';
import { formatTime } from '../lib/durations.ts';
import { directLine, STATES_BY_RANK, statusSummary } from './status-badge.tsx';

const now = Date.parse(T0);

describe('statusSummary', () => {
  it('gives a pending resource its expected time', () => {
    const s = resourceStatus({ state: 'pending', expectedAt: at(190), servedSince: null });
    expect(statusSummary(s, now)).toBe('Pending: expected in about 3m10s');
  });

  it("gives a rejected resource Perses's reason", () => {
    const s = resourceStatus({
      state: 'rejected',
      reason: {
        code: 'project_missing',
        message: 'project "nosuch" does not exist in Perses',
        source: 'perses-api',
        inferred: false,
        at: T0,
      },
    });
    expect(statusSummary(s, now)).toBe('Rejected: project "nosuch" does not exist in Perses');
  });

  it('names the winner of a shadowed resource', () => {
    const s = resourceStatus({
      state: 'shadowed',
      winner: {
        id: 'w',
        namespace: 'team-a',
        configMapName: 'dashboards-a',
        key: 'cpu.json',
        basis: 'served',
        why: 'Perses serves its content',
      },
    });
    expect(statusSummary(s, now)).toBe(
      'Shadowed: Perses ends up with team-a/dashboards-a · cpu.json (Perses serves its content)',
    );
  });

  it('orders the states worst first', () => {
    expect(STATES_BY_RANK[0]).toBe('rejected');
    expect(STATES_BY_RANK.at(-1)).toBe('synced');
  });
});

describe('directLine', () => {
  const direct = (confirmedAt: string | null) => ({
    at: at(-2),
    outcome: 'applied' as const,
    message: null,
    confirmedAt,
  });

  it('says a Synced rests on the direct write until a provisioning cycle confirms it', () => {
    const s = resourceStatus({ direct: direct(null) });
    expect(directLine(s, now)).toMatch(
      /^applied directly at .+; provisioning confirms it at its next cycle$/,
    );
    expect(statusSummary(s, now)).toMatch(/^Synced: applied directly at /);
  });

  it('then says when provisioning confirmed it', () => {
    const s = resourceStatus({ direct: direct(at(30)) });
    expect(directLine(s, now)).toBe(
      `applied directly, confirmed by provisioning at ${formatTime(at(30), now)}`,
    );
  });

  it('says nothing for a write Perses did not take, or a status that is not Synced', () => {
    const failed = { ...direct(null), outcome: 'failed' as const, message: 'HTTP 403' };
    expect(directLine(resourceStatus({ direct: failed }), now)).toBeNull();
    expect(directLine(resourceStatus({ state: 'pending', direct: direct(null) }), now)).toBeNull();
    expect(directLine(resourceStatus(), now)).toBeNull();
  });
});
