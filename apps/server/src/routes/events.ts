// GET /api/v1/events: Server-Sent Events of resource changes and store health. Each connection
// gets a heartbeat, a `retry:` hint, only the events its identity may read, and is cleaned up
// on close; a client that stops reading is dropped rather than buffered without bound.
import type { Request, Response } from 'express';
import { Router } from 'express';
import { ResourceEvent } from '@perses-cm/api';
import type { Authorizer } from '../services/identity.ts';
import type { ResourceIndex } from '../services/resource-index.ts';
import type { ResourceStore } from '../stores/store.ts';
import type { IdentityResolver } from './respond.ts';

export interface EventsOptions {
  heartbeatMs?: number;
  retryMs?: number;
  maxBufferedBytes?: number;
  onConnections?: (delta: number) => void;
}

export function eventsRouter(
  index: ResourceIndex,
  store: ResourceStore,
  authorizer: Authorizer,
  identify: IdentityResolver,
  options: EventsOptions = {},
): Router {
  const r = Router();
  r.get('/', async (req: Request, res: Response) => {
    const who = await identify(req);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.flushHeaders();
    let seq = 0;
    const write = (chunk: string) => {
      if (res.writableEnded) return;
      res.write(chunk);
      if (res.writableLength > (options.maxBufferedBytes ?? 16 * 1024 * 1024)) res.end();
    };
    const sendEvent = (event: ResourceEvent) => {
      const checked = ResourceEvent.parse(event);
      write(`id: ${++seq}\nevent: ${checked.type}\ndata: ${JSON.stringify(checked)}\n\n`);
    };
    write(`retry: ${options.retryMs ?? 3000}\n: connected\n\n`);
    const stale = store.status().stale;
    if (stale !== null) sendEvent({ type: 'stale', reason: stale });

    // Authorization is async; a chain keeps events in order per connection.
    let chain = Promise.resolve();
    const unsubscribe = index.subscribe((event) => {
      chain = chain.then(async () => {
        if (
          event.type !== 'stale' &&
          event.type !== 'recovered' &&
          event.resource.namespace !== null
        ) {
          const d = await authorizer
            .can(who, 'list', event.resource.namespace)
            .catch(() => ({ allowed: false }));
          if (!d.allowed) return;
        }
        sendEvent(event);
      });
    });
    const heartbeat = setInterval(() => write(': heartbeat\n\n'), options.heartbeatMs ?? 15_000);
    options.onConnections?.(1);
    const cleanup = () => {
      clearInterval(heartbeat);
      unsubscribe();
      options.onConnections?.(-1);
    };
    res.once('close', cleanup);
  });
  return r;
}
