// Test helper: reads a Server-Sent Events stream, every event checked against the API contract,
// and waits for events with deadlines.
import { ResourceEvent } from '@perses-cm/api';

export interface SseClient {
  events: ResourceEvent[];
  /** Resolves with the first event (from the start of the stream) matching `pred`. */
  waitFor(
    pred: (e: ResourceEvent) => boolean,
    timeoutMs?: number,
    label?: string,
  ): Promise<ResourceEvent>;
  close(): void;
  raw: string[];
  /** Resolves when the server ends the stream (or it is closed). */
  ended: Promise<void>;
}

export async function openSse(
  url: string,
  headers: Record<string, string> = {},
): Promise<SseClient> {
  const controller = new AbortController();
  const res = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  if (!res.ok || !res.body) throw new Error(`SSE ${url}: HTTP ${res.status}`);
  const events: ResourceEvent[] = [];
  const raw: string[] = [];
  const waiters = new Set<() => void>();
  // An event off the contract fails every wait at once instead of timing out.
  let invalid: Error | undefined;
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const ended = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let sep: number;
        while ((sep = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, sep);
          buffer = buffer.slice(sep + 2);
          raw.push(block);
          const data = block
            .split('\n')
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n');
          if (data) {
            const parsed = ResourceEvent.safeParse(JSON.parse(data));
            if (parsed.success) events.push(parsed.data);
            else invalid ??= new Error(`event off contract: ${data}: ${parsed.error.message}`);
          }
          for (const w of waiters) w();
        }
      }
    } catch {
      /* aborted */
    }
  })();
  return {
    events,
    raw,
    ended,
    close: () => controller.abort(),
    waitFor: (pred, timeoutMs = 5000, label = 'event') =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (invalid) {
            waiters.delete(check);
            clearTimeout(timer);
            reject(invalid);
            return;
          }
          const hit = events.find(pred);
          if (hit) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(hit);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `no ${label} within ${timeoutMs} ms; got ${JSON.stringify(events.map((e) => e.type))}`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
  };
}

type Truthy<T> = Exclude<T, null | undefined | false | '' | 0>;

/** Polls `fn` until it returns a truthy value (and resolves with it) or the deadline passes. */
export async function eventually<T>(
  fn: () => Promise<T> | T,
  timeoutMs = 5000,
  label = 'condition',
): Promise<Truthy<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as Truthy<T>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(`${label} not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Whether the stream carried a `type` event for the resource stored in ConfigMap `cmName`. */
export function sawChange(sse: SseClient, type: string, cmName: string): boolean {
  return sse.events.some(
    (e) => e.type === type && 'resource' in e && e.resource.configMapName === cmName,
  );
}

/**
 * After an outage: waits until the stream reports the three changes made while the server
 * could not watch (a ConfigMap deleted, one changed, one created).
 */
export function waitForMissedChanges(
  sse: SseClient,
  names: { gone: string; changed: string; born: string },
): Promise<boolean> {
  return eventually(
    () =>
      sawChange(sse, 'deleted', names.gone) &&
      sawChange(sse, 'modified', names.changed) &&
      sawChange(sse, 'added', names.born),
    5000,
    'changes made during the outage',
  );
}
