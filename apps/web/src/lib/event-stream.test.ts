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
  emit(type: string, data: unknown) {
    this.listeners.get(type)?.({ data: JSON.stringify(data) } as MessageEvent<string>);
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
}

beforeAll(() => vi.stubGlobal('EventSource', FakeEventSource));
afterAll(() => vi.unstubAllGlobals());

describe('event stream', () => {
  it('reports connected, reconnecting and stale, parses events and asks for a resync after a drop', async () => {
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
    es.emit('modified', { type: 'modified', resource: summary({ version: '2' }) });
    es.emit('modified', { nonsense: true });
    expect(events).toHaveLength(1);
    expect(events[0]?.type).toBe('modified');

    es.onerror?.();
    expect(status().status).toBe('reconnecting');
    es.onopen?.();
    expect(resync).toHaveBeenCalledTimes(1);

    es.emit('stale', { type: 'stale', reason: 'watch failed' });
    expect(status()).toMatchObject({
      status: 'stale',
      detail: 'watch failed',
    });
    es.emit('recovered', { type: 'recovered' });
    expect(status().status).toBe('connected');
    expect(resync).toHaveBeenCalledTimes(2);
    stop();
  });
});
