// The live connection to GET /api/v1/events. One EventSource for the whole app; its status
// (connected / reconnecting / stale) is an external store the header reads.
import { useSyncExternalStore } from 'react';
import { API, ResourceEvent } from '@perses-cm/api';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'stale';

export interface StreamState {
  status: ConnectionStatus;
  detail?: string;
  since: number;
}

type Handler = (ev: ResourceEvent) => void;
type ResyncHandler = () => void;

// Every event type of the contract, so a type added there (e.g. the status events) is heard here.
const EVENT_TYPES = ResourceEvent.options.map((o) => o.shape.type.value);

let state: StreamState = { status: 'connecting', since: Date.now() };
const stateListeners = new Set<() => void>();
const handlers = new Set<Handler>();
const resyncHandlers = new Set<ResyncHandler>();
let source: EventSource | null = null;
let retryTimer: number | undefined;
let attempt = 0;
/** Id of the last event seen: the server replays what came after it when we reconnect. */
let lastEventId = '';

function setState(status: ConnectionStatus, detail?: string) {
  if (state.status === status && state.detail === detail) return;
  state = { status, detail, since: Date.now() };
  for (const l of stateListeners) l();
}

function dispatch(type: string, data: string, id: string) {
  if (id) lastEventId = id;
  let raw: unknown;
  try {
    raw = JSON.parse(data);
  } catch {
    return;
  }
  const withType =
    typeof raw === 'object' && raw !== null && !('type' in raw) ? { type, ...raw } : raw;
  const parsed = ResourceEvent.safeParse(withType);
  if (!parsed.success) return;
  const ev = parsed.data;
  if (ev.type === 'stale') setState('stale', ev.reason);
  else if (ev.type === 'recovered') {
    setState('connected');
    for (const r of resyncHandlers) r();
  } else if (ev.type === 'resync') {
    // The server could not replay what we missed (restarted, or we were away too long).
    for (const r of resyncHandlers) r();
  }
  for (const h of handlers) h(ev);
}

function open() {
  source?.close();
  // The browser resends Last-Event-ID only on its own reconnects; a new EventSource passes it
  // in the query so the server replays the missed events (or answers `resync`).
  const query = lastEventId ? `?lastEventId=${encodeURIComponent(lastEventId)}` : '';
  const es = new EventSource(`${API.events}${query}`);
  source = es;
  es.onopen = () => {
    attempt = 0;
    setState('connected');
  };
  es.onerror = () => {
    setState('reconnecting');
    if (es.readyState === EventSource.CLOSED) {
      // The browser gave up (e.g. an HTTP error): retry ourselves with backoff.
      window.clearTimeout(retryTimer);
      const delay = Math.min(30_000, 1000 * 2 ** attempt++);
      retryTimer = window.setTimeout(open, delay);
    }
  };
  for (const t of EVENT_TYPES)
    es.addEventListener(t, (m) => {
      const msg = m as MessageEvent<string>;
      dispatch(t, msg.data, msg.lastEventId);
    });
  es.onmessage = (m: MessageEvent<string>) => dispatch('message', m.data, m.lastEventId);
}

/** Set while the first connection waits for the position to start from. */
let held: Promise<void> | null = null;

/**
 * Holds the stream's first connection until `start` settles with the id of the newest event a
 * list already in the cache reflects: the stream then replays what changed after that list was
 * read, however long before the stream it was fetched. A null id (or a failure) starts the stream
 * where the server is, as without a hold.
 */
export function openEventsAfter(start: Promise<string | null>): void {
  const hold: Promise<void> = start
    .then(
      (id) => {
        if (id && !lastEventId) lastEventId = id;
      },
      () => {},
    )
    .finally(() => {
      if (held !== hold) return;
      held = null;
      if (handlers.size > 0 && !source) open();
    });
  held = hold;
}

/** Starts the stream on first subscriber; returns an unsubscribe function. */
export function subscribeEvents(onEvent: Handler, onResync?: ResyncHandler): () => void {
  handlers.add(onEvent);
  if (onResync) resyncHandlers.add(onResync);
  if (!source && !held) open();
  return () => {
    handlers.delete(onEvent);
    if (onResync) resyncHandlers.delete(onResync);
  };
}

export function useConnectionState(): StreamState {
  return useSyncExternalStore(
    (l) => {
      stateListeners.add(l);
      return () => stateListeners.delete(l);
    },
    () => state,
  );
}

/** Closes the stream (signed out: the server would refuse it); the next subscriber reopens it. */
export function stopEvents(): void {
  window.clearTimeout(retryTimer);
  source?.close();
  source = null;
  attempt = 0;
  setState('connecting');
}

/**
 * Like subscribeEvents, but hands over the events arriving within `windowMs` together: a re-list
 * can send thousands, and caches are cheaper to patch once per batch.
 */
export function subscribeEventBatches(
  onBatch: (events: ResourceEvent[]) => void,
  onResync?: ResyncHandler,
  windowMs = 50,
): () => void {
  let queue: ResourceEvent[] = [];
  let timer: number | undefined;
  const flush = () => {
    timer = undefined;
    const batch = queue;
    queue = [];
    onBatch(batch);
  };
  const unsubscribe = subscribeEvents((ev) => {
    queue.push(ev);
    timer ??= window.setTimeout(flush, windowMs);
  }, onResync);
  return () => {
    unsubscribe();
    window.clearTimeout(timer);
  };
}
