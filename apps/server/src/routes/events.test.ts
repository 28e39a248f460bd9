// GET /api/v1/events: ids from the shared log, replay after Last-Event-ID filtered per identity,
// and `resync` when the id cannot be replayed.
import type { Server } from 'node:http';
import express from 'express';
import type { Orphan, ResourceEvent, ResourceSummary } from '@perses-cm/api';
import { afterEach, describe, expect, it } from 'vitest';
import { EventLog } from '../services/event-log.ts';
import type { Authorizer } from '../domain/identity.ts';
import type { ResourceStore } from '../stores/store.ts';
import { openSse, type SseClient } from '../testing/sse.ts';
import { eventsRouter } from './events.ts';

const summary = (name: string, namespace: string): ResourceSummary => ({
  id: `${name}~x`,
  kind: 'Project',
  project: null,
  name,
  displayName: null,
  namespace,
  configMapName: name,
  key: `${name}.json`,
  version: '1',
  sizeBytes: 10,
  format: 'json',
  findings: { errors: 0, warnings: 0 },
  readOnly: null,
});

// The identity may not list ConfigMaps in `secret`.
const authorizer: Authorizer = { can: async (_who, _verb, ns) => ({ allowed: ns !== 'secret' }) };
const store = {
  status: () => ({ synced: true, stale: null, errors: [] }),
} as unknown as ResourceStore;

let server: Server | undefined;
const clients: SseClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
});

async function start(capacity = 10) {
  let emit: (e: ResourceEvent) => void = () => {};
  const log = new EventLog({ subscribe: (l) => ((emit = l), () => {}) }, capacity, 'e1');
  const app = express();
  app.use(
    '/events',
    eventsRouter(log, store, authorizer, async () => ({
      name: 'me',
      groups: [],
      source: 'kubeconfig',
    })),
  );
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/events`;
  const open = async (lastEventId?: string, viaQuery = false) => {
    const c = viaQuery
      ? await openSse(`${url}?lastEventId=${encodeURIComponent(lastEventId ?? '')}`)
      : await openSse(url, lastEventId ? { 'last-event-id': lastEventId } : {});
    clients.push(c);
    return c;
  };
  const modified = (name: string, ns = 'a') =>
    emit({ type: 'modified', resource: summary(name, ns) });
  const lag = (name: string, namespace: string) =>
    emit({
      type: 'lag',
      sample: {
        at: new Date(0).toISOString(),
        lagMs: 5,
        id: name,
        kind: 'Project',
        project: null,
        name,
      },
      namespace,
    });
  // The orphans after the change: a name in `secret` or `a` was last defined there, `stray`
  // names no namespace.
  let orphansNow: Orphan[] = [];
  const orphans = (...names: string[]) => {
    const previous = orphansNow;
    orphansNow = names.map((n) => orphan(n));
    log.publish({ type: 'orphans', count: orphansNow.length, orphans: orphansNow, previous });
  };
  return { open, modified, lag, orphans };
}

const orphan = (name: string): Orphan => ({
  id: `Project~~${name}`,
  kind: 'Project',
  project: null,
  name,
  createdAt: null,
  updatedAt: null,
  contains: 0,
  persesUrl: null,
  lastSeen: name.startsWith('stray')
    ? null
    : {
        namespace: name.split('-')[0] ?? '',
        configMapName: name,
        key: `${name}.json`,
        goneAt: new Date(0).toISOString(),
      },
});

const idsOf = (c: SseClient) => c.raw.flatMap((b) => /^id: (.*)$/m.exec(b)?.[1] ?? []);
const names = (c: SseClient) =>
  c.events.flatMap((e) => ('resource' in e ? [e.resource.name] : [e.type]));

describe('events stream', () => {
  it('gives a fresh client the current position, then ids on every event', async () => {
    const { open, modified } = await start();
    modified('before');
    const c = await open();
    modified('one');
    modified('hidden', 'secret');
    modified('two');
    await c.waitFor((e) => 'resource' in e && e.resource.name === 'two');
    expect(names(c)).toEqual(['one', 'two']);
    expect(idsOf(c)).toEqual(['e1.1', 'e1.2', 'e1.4']);
  });

  it('replays the missed events the identity may read, then continues live', async () => {
    const { open, modified } = await start();
    modified('seen');
    modified('missed-1');
    modified('missed-hidden', 'secret');
    modified('missed-2');
    const c = await open('e1.1');
    await c.waitFor((e) => 'resource' in e && e.resource.name === 'missed-2');
    modified('live');
    await c.waitFor((e) => 'resource' in e && e.resource.name === 'live');
    expect(names(c)).toEqual(['missed-1', 'missed-2', 'live']);
    expect(idsOf(c)).toEqual(['e1.2', 'e1.4', 'e1.5']);
    expect(c.raw[0]).not.toMatch(/^id:/m);
    // The same from a new EventSource, which cannot set the header.
    const q = await open('e1.1', true);
    await q.waitFor((e) => 'resource' in e && e.resource.name === 'live');
    expect(names(q)).toEqual(['missed-1', 'missed-2', 'live']);
  });

  it('sends resync with the current id when the id is too old or unknown', async () => {
    const { open, modified } = await start(2);
    for (const n of ['a', 'b', 'c', 'd']) modified(n);
    for (const [id, latest] of [
      ['e1.1', 'e1.4'],
      ['other.3', 'e1.5'],
    ]) {
      const c = await open(id);
      const e = await c.waitFor((x) => x.type === 'resync');
      expect(e).toEqual({ type: 'resync', reason: expect.any(String) });
      expect(idsOf(c)).toEqual([latest]);
      modified(`after-${id}`);
      await c.waitFor((x) => 'resource' in x && x.resource.name === `after-${id}`);
      expect(names(c)).toEqual(['resync', `after-${id}`]);
    }
  });

  it('sends a lag sample only to those who may list its namespace', async () => {
    const { open, modified, lag } = await start();
    const c = await open();
    lag('lag-hidden', 'secret');
    lag('lag-seen', 'a');
    modified('after');
    await c.waitFor((e) => 'resource' in e && e.resource.name === 'after');
    const lags = c.events.flatMap((e) => (e.type === 'lag' ? [e.sample.name] : []));
    expect(lags).toEqual(['lag-seen']);
  });

  it('counts only the orphans the identity may see, and tells it only when those changed', async () => {
    const { open, modified, orphans } = await start();
    const c = await open();
    orphans('secret-1');
    orphans('secret-1', 'a-1');
    orphans('secret-1', 'secret-2', 'a-1');
    orphans('secret-1', 'secret-2', 'a-1', 'stray');
    modified('after');
    await c.waitFor((e) => 'resource' in e && e.resource.name === 'after');
    const counts = c.events.flatMap((e) => (e.type === 'orphans' ? [e.count] : []));
    expect(counts).toEqual([1, 2]);
    expect(c.raw.join('\n')).not.toContain('secret');
  });
});
