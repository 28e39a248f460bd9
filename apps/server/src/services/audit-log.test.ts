import type { AuditEntry } from '@perses-cm/api';
import { describe, expect, it, vi } from 'vitest';
import { AuditLog } from './audit-log.ts';

const entry = (n: number): AuditEntry => ({
  time: `2026-01-01T00:00:0${n}Z`,
  requestId: `r${n}`,
  user: 'dev-a',
  groups: ['team-a-editors'],
  authMode: 'proxy',
  source: 'proxy',
  action: 'update',
  via: 'store',
  kind: 'Dashboard',
  name: `d${n}`,
  project: 'p',
  namespace: 'team-a',
  configMap: `cm${n}`,
  key: `d${n}.json`,
  file: null,
  result: 'ok',
  error: null,
});

describe('AuditLog', () => {
  it('writes one JSON line per entry to stdout by default', () => {
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      new AuditLog('proxy').record(entry(1));
      expect(spy).toHaveBeenCalledTimes(1);
      const line = String(spy.mock.calls[0]?.[0]);
      expect(line.endsWith('\n')).toBe(true);
      expect(JSON.parse(line)).toMatchObject({ msg: 'audit', user: 'dev-a', requestId: 'r1' });
    } finally {
      spy.mockRestore();
    }
  });

  it('keeps the most recent entries, newest first', () => {
    const log = new AuditLog('proxy', 3, () => {});
    for (let i = 1; i <= 5; i++) log.record(entry(i));
    expect(log.recent().map((e) => e.requestId)).toEqual(['r5', 'r4', 'r3']);
  });
});
