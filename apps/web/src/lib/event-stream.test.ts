import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ResourceEvent } from '@perses-cm/api';
import { summary } from '../test/fixtures.ts';

class FakeEventSource {
  static CLOSED = 2;
  static last: FakeEventSource | undefined;
  readyState = 0;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onmessage: ((m: MessageEvent<string>) => void) | null = null;
  private listeners = new Map<string, (m: MessageEvent<string>) => void>();
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  addEventListener(type: string, fn: (m: MessageEvent<string>) => void) {
    this.listeners.set(type, fn);
  }
  emit(type: string, data: unknown, lastEventId = '') {
    this.listeners.get(type)?.({ data: JSON.stringify(data), lastEventId } as MessageEvent<string>);
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
}

beforeAll(() => vi.stubGlobal('EventSource', FakeEventSource));
afterAll(() => vi.unstubAllGlobals());

describe('event stream', () => {
  it('reports connected, reconnecting and stale, parses events, and resumes from the last event id', async () => {
    vi.useFakeTimers();
    const { subscribeEvents, useConnectionState } = await import('./event-stream.ts');
    const { renderHook } = await import('@testing-library/react');
    const status = () => renderHook(() => useConnectionState()).result.current;
    const events: ResourceEvent[] = [];
    const resync = vi.fn();
    const stop = subscribeEvents((e) => events.push(e), resync);
    const es = FakeEventSource.last!;
    expect(es.url).toBe('/api/v1/events');

    es.onopen?.();
    expect(status().status).toBe('connected');
    es.emit('modified', { type: 'modified', resource: summary({ version: '2' }) }, '7.41');
    es.emit('modified', { nonsense: true });
    expect(events).toHaveLength(1);
    expect(events[0]?.type).toBe('modified');

    // A drop the browser reconnects by itself: the server replays what was missed, no refetch.
    es.onerror?.();
    expect(status().status).toBe('reconnecting');
    es.onopen?.();
    expect(resync).not.toHaveBeenCalled();
    // The server could not replay: caches refetch.
    es.emit('resync', { type: 'resync', reason: 'server restarted' }, '8.1');
    expect(resync).toHaveBeenCalledTimes(1);
    expect(events.map((e) => e.type)).toEqual(['modified', 'resync']);

    es.emit('stale', { type: 'stale', reason: 'watch failed' });
    expect(status()).toMatchObject({
      status: 'stale',
      detail: 'watch failed',
    });
    es.emit('recovered', { type: 'recovered' });
    expect(status().status).toBe('connected');
    expect(resync).toHaveBeenCalledTimes(2);

    // The browser gave up: a new EventSource resumes from the last id seen.
    es.close();
    es.onerror?.();
    vi.advanceTimersByTime(1000);
    expect(FakeEventSource.last?.url).toBe('/api/v1/events?lastEventId=8.1');
    stop();
    vi.useRealTimers();
  });

  it('opens first from the position of a list read before it, and where the server is without one', async () => {
    for (const [start, url] of [
      [() => Promise.resolve('ab12.40'), '/api/v1/events?lastEventId=ab12.40'],
      [() => Promise.resolve(null), '/api/v1/events'],
      [() => Promise.reject(new Error('lost')), '/api/v1/events'],
    ] as const) {
      vi.resetModules();
      const { openEventsAfter, subscribeEvents } = await import('./event-stream.ts');
      FakeEventSource.last = undefined;
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      openEventsAfter(held.then(start));
      const stop = subscribeEvents(() => {});
      // Nothing opens before the list's position is known.
      await Promise.resolve();
      expect(FakeEventSource.last).toBeUndefined();
      release();
      await vi.waitFor(() => expect(FakeEventSource.last?.url).toBe(url));
      stop();
    }
  });
});
