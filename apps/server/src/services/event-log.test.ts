// The numbered ring of recent events behind SSE replay.
import type { ResourceEvent } from '@perses-cm/api';
import { describe, expect, it } from 'vitest';
import { EventLog } from './event-log.ts';

function source() {
  let emit: (e: ResourceEvent) => void = () => {};
  return {
    subscribe: (l: (e: ResourceEvent) => void) => {
      emit = l;
      return () => {};
    },
    emit: (reason: string) => emit({ type: 'stale', reason }),
  };
}

const reasons = (r: ReturnType<EventLog['since']>) =>
  'events' in r ? r.events.map((e) => (e.event.type === 'stale' ? e.event.reason : '?')) : r;

describe('EventLog', () => {
  it('numbers events and replays those after an id', () => {
    const src = source();
    const log = new EventLog(src, 5, 'ab');
    const start = log.latestId();
    expect(start).toBe('ab.0');
    src.emit('a');
    src.emit('b');
    src.emit('c');
    expect(log.latestId()).toBe('ab.3');
    expect(reasons(log.since(start))).toEqual(['a', 'b', 'c']);
    expect(reasons(log.since('ab.2'))).toEqual(['c']);
    expect(reasons(log.since('ab.3'))).toEqual([]);
  });

  it('keeps the last `capacity` events and asks for a resync beyond them', () => {
    const src = source();
    const log = new EventLog(src, 3, 'ab');
    for (const r of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) src.emit(r);
    expect(reasons(log.since('ab.4'))).toEqual(['e', 'f', 'g']);
    expect(reasons(log.since('ab.5'))).toEqual(['f', 'g']);
    expect(log.since('ab.3')).toEqual({ resync: expect.stringMatching(/more than 3 events/) });
    expect(log.since('ab.0')).toHaveProperty('resync');
  });

  it('asks for a resync on ids of another process, from the future, or malformed', () => {
    const src = source();
    const log = new EventLog(src, 3, 'ab');
    src.emit('a');
    for (const id of ['cd.1', 'ab.2', 'ab', '1', '', 'ab.-1', 'ab.1\r\nx'])
      expect(log.since(id)).toHaveProperty('resync');
  });

  it('tells subscribers each event with its id', () => {
    const src = source();
    const log = new EventLog(src, 3, 'ab');
    const seen: string[] = [];
    log.subscribe((e) => seen.push(e.id));
    src.emit('a');
    src.emit('b');
    expect(seen).toEqual(['ab.1', 'ab.2']);
  });
});
