// GET /api/v1/events: Server-Sent Events of resource changes and store health. Each connection
// gets a heartbeat, a `retry:` hint, only the events its identity may read, and is cleaned up
// on close; a client that stops reading is dropped rather than buffered without bound. Events
// carry ids from the shared event log: a reconnect with `Last-Event-ID` replays what was missed,
// or gets `resync` when the log no longer holds it.
import type { Request, Response } from 'express';
import { Router } from 'express';
import { ResourceEvent } from '@perses-cm/api';
import type { EventLog, LogEvent, LoggedEvent } from '../services/event-log.ts';
import { orphanNamespaces, orphansEventFor } from '../services/status/orphans.ts';
import { listableBy, type Authorizer, type Identity } from '../domain/identity.ts';
import type { ResourceStore } from '../stores/store.ts';
import type { IdentityResolver } from './respond.ts';

export interface EventsOptions {
  heartbeatMs?: number;
  retryMs?: number;
  maxBufferedBytes?: number;
  onConnections?: (delta: number) => void;
}

/**
 * What `who` may see of the event: resource events and lag samples need `list` in their namespace,
 * a batch of statuses keeps the items of namespaces `who` may list, and an orphans change counts
 * the orphans `who` may see, sent only when those changed (null: nothing to send).
 */
async function visible(
  authorizer: Authorizer,
  who: Identity,
  event: LogEvent,
): Promise<ResourceEvent | null> {
  const may = async (ns: string | null) =>
    ns === null ||
    (await authorizer.can(who, 'list', ns).catch(() => ({ allowed: false }))).allowed;
  if (event.type === 'orphans') {
    // A count alone cannot be narrowed to a caller: it is not sent.
    if (!('previous' in event)) return null;
    return orphansEventFor(event, await listableBy(authorizer, who, orphanNamespaces(event)));
  }
  if (event.type === 'status') {
    const items = [];
    for (const i of event.items) if (await may(i.namespace)) items.push(i);
    return items.length > 0 ? { ...event, items } : null;
  }
  if (event.type === 'lag') return (await may(event.namespace ?? null)) ? event : null;
  if (!('resource' in event)) return event;
  return (await may(event.resource.namespace)) ? event : null;
}

export function eventsRouter(
  log: EventLog,
  store: ResourceStore,
  authorizer: Authorizer,
  identify: IdentityResolver,
  options: EventsOptions = {},
): Router {
  const r = Router();
  r.get('/', async (req: Request, res: Response) => {
    const who = await identify(req);
    // EventSource resends the header on its own reconnects; a client that opens a new one (after
    // an HTTP error) can pass the id it last saw as `?lastEventId=` instead.
    const fromQuery = req.query.lastEventId;
    const lastEventId =
      req.get('last-event-id') ?? (typeof fromQuery === 'string' ? fromQuery : undefined);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.flushHeaders();
    const write = (chunk: string) => {
      if (res.writableEnded) return;
      res.write(chunk);
      if (res.writableLength > (options.maxBufferedBytes ?? 16 * 1024 * 1024)) res.end();
    };
    // No `id:` on synthetic events: the client's last id stays a position in the log.
    const sendEvent = (event: ResourceEvent, id?: string) => {
      const checked = ResourceEvent.parse(event);
      write(
        `${id ? `id: ${id}\n` : ''}event: ${checked.type}\ndata: ${JSON.stringify(checked)}\n\n`,
      );
    };

    // Replay and subscription happen in the same tick, so no event falls between them.
    const replay = lastEventId === undefined ? { events: [] } : log.since(lastEventId);
    const queue: LoggedEvent[] = 'events' in replay ? [...replay.events] : [];
    // Authorization is async; a chain keeps events in order per connection.
    let chain = Promise.resolve();
    const forward = (logged: LoggedEvent) => {
      chain = chain.then(async () => {
        const shown = await visible(authorizer, who, logged.event);
        if (shown) sendEvent(shown, logged.id);
      });
    };
    const unsubscribe = log.subscribe(forward);
    // A fresh client learns the current position at once, so even a reconnect before any
    // event resumes from here (an `id:` without data sets the id and dispatches nothing).
    const at = lastEventId === undefined ? `id: ${log.latestId()}\n` : '';
    write(`retry: ${options.retryMs ?? 3000}\n${at}: connected\n\n`);
    if ('resync' in replay) sendEvent({ type: 'resync', reason: replay.resync }, log.latestId());
    const stale = store.status().stale;
    if (stale !== null) sendEvent({ type: 'stale', reason: stale });
    for (const logged of queue) forward(logged);

    const heartbeat = setInterval(() => write(': heartbeat\n\n'), options.heartbeatMs ?? 15_000);
    options.onConnections?.(1);
    const cleanup = () => {
      clearInterval(heartbeat);
      unsubscribe();
      options.onConnections?.(-1);
    };
    // A signed-out or timed-out session gets nothing more: the browser's reconnect then meets 401.
    const endStream = () => res.end();
    who.ended?.addEventListener('abort', endStream, { once: true });
    if (who.ended?.aborted) res.end();
    res.once('close', () => {
      who.ended?.removeEventListener('abort', endStream);
      cleanup();
    });
  });
  return r;
}
