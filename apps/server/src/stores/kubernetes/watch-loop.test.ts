// The list+watch loop against a scripted client: 410 Gone, failures, recovery diffs.
import type { V1ConfigMap } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { eventually } from '../../testing/sse.ts';
import type { KubeClient, WatchEventType } from './kube-client.ts';
import { kubeStatusError } from './kube-status.ts';
import { TextCompactor } from '../stored-text.ts';
import { WatchLoop, type LoopChange } from './watch-loop.ts';

const cm = (name: string, rv: string, text = name): V1ConfigMap => ({
  metadata: { namespace: 'ns', name, resourceVersion: rv },
  data: { [`${name}.json`]: text },
});

interface OpenWatch {
  rv: string;
  emit: (type: WatchEventType, obj: unknown) => void;
  done: (err: unknown) => void;
}

/** A fake API server: `items` is what a list returns; `failLists` makes lists fail. */
function fakeClient() {
  const state = {
    items: [] as V1ConfigMap[],
    listRv: '1',
    failLists: false,
    lists: 0,
    watches: [] as OpenWatch[],
  };
  const client = {
    listConfigMaps: async () => {
      state.lists++;
      if (state.failLists) throw new Error('connect ECONNREFUSED');
      return { items: state.items, resourceVersion: state.listRv };
    },
    watchConfigMaps: (
      _ns: string | null,
      _sel: string,
      rv: string,
      onEvent: OpenWatch['emit'],
      onDone: OpenWatch['done'],
    ) => {
      state.watches.push({ rv, emit: onEvent, done: onDone });
      return { abort: () => undefined };
    },
  } as unknown as KubeClient;
  const lastWatch = () => state.watches[state.watches.length - 1] as OpenWatch;
  return { state, client, lastWatch };
}

function loopWith(client: KubeClient) {
  const changes: LoopChange[] = [];
  const loop = new WatchLoop(client, 'ns', 'l=v', (c) => changes.push(c), {
    minBackoffMs: 5,
    maxBackoffMs: 20,
  });
  const names = () =>
    changes.map((c) =>
      c.type === 'put'
        ? `put:${c.configMap.metadata?.name}@${c.configMap.metadata?.resourceVersion}`
        : c.type === 'remove'
          ? `remove:${c.key}`
          : c.type,
    );
  return { loop, changes, names };
}

describe('WatchLoop', () => {
  it('lists, then watches from the list resourceVersion and applies events', async () => {
    const f = fakeClient();
    f.state.items = [cm('a', '5')];
    f.state.listRv = '7';
    const { loop, names } = loopWith(f.client);
    await loop.start();
    await eventually(() => f.state.watches.length === 1);
    expect(f.lastWatch().rv).toBe('7');
    f.lastWatch().emit('ADDED', cm('b', '8'));
    f.lastWatch().emit('MODIFIED', cm('a', '9', 'changed'));
    f.lastWatch().emit('MODIFIED', cm('a', '9', 'changed')); // duplicate: ignored
    f.lastWatch().emit('DELETED', cm('b', '10'));
    expect(names()).toEqual(['put:a@5', 'put:b@8', 'put:a@9', 'remove:ns/b']);
    expect(loop.synced).toBe(true);
    loop.stop();
  });

  it('re-lists on 410 Gone without reporting stale, emitting only the differences', async () => {
    const f = fakeClient();
    f.state.items = [cm('a', '5'), cm('b', '5')];
    f.state.listRv = '5';
    const { loop, names } = loopWith(f.client);
    await loop.start();
    await eventually(() => f.state.watches.length === 1);
    f.state.items = [cm('a', '5'), cm('c', '12')];
    f.state.listRv = '12';
    f.lastWatch().emit('ERROR', { kind: 'Status', code: 410, reason: 'Expired' });
    await eventually(() => f.state.watches.length === 2);
    expect(f.lastWatch().rv).toBe('12');
    expect(names()).toEqual(['put:a@5', 'put:b@5', 'put:c@12', 'remove:ns/b']);
    loop.stop();
  });

  it('reports stale while lists fail, retries with backoff, then recovers with the missed changes', async () => {
    const f = fakeClient();
    f.state.items = [cm('a', '5'), cm('b', '5')];
    f.state.listRv = '5';
    const { loop, names, changes } = loopWith(f.client);
    await loop.start();
    await eventually(() => f.state.watches.length === 1);
    f.state.failLists = true;
    f.lastWatch().done(new Error('socket hang up'));
    await eventually(() => f.state.lists >= 4, 3000, 'retries');
    expect(changes.filter((c) => c.type === 'stale')).toHaveLength(1);
    expect(loop.stale).toMatch(/ECONNREFUSED/);
    f.state.items = [cm('a', '20', 'changed'), cm('d', '21')];
    f.state.listRv = '21';
    f.state.failLists = false;
    await eventually(() => loop.stale === null, 3000, 'recovery');
    expect(names()).toEqual([
      'put:a@5',
      'put:b@5',
      'stale',
      'put:a@20',
      'put:d@21',
      'remove:ns/b',
      'fresh',
    ]);
    loop.stop();
  });

  it('reopens a watch the server closed normally, from the last seen resourceVersion', async () => {
    const f = fakeClient();
    const { loop, changes } = loopWith(f.client);
    await loop.start();
    await eventually(() => f.state.watches.length === 1);
    f.lastWatch().emit('BOOKMARK', { metadata: { resourceVersion: '42' } });
    f.lastWatch().done(null);
    await eventually(() => f.state.watches.length === 2, 3000);
    expect(f.lastWatch().rv).toBe('42');
    expect(f.state.lists).toBe(1);
    expect(changes).toEqual([]);
    loop.stop();
  });

  it('does not let a late watch event roll back a newer write', async () => {
    const f = fakeClient();
    const { loop, names } = loopWith(f.client);
    await loop.start();
    await eventually(() => f.state.watches.length === 1);
    loop.apply(cm('a', '30', 'mine'));
    f.lastWatch().emit('MODIFIED', cm('a', '29', 'older'));
    expect(names()).toEqual(['put:a@30']);
    expect(loop.items.get('ns/a')?.texts[0]?.text.get()).toBe('mine');
    loop.stop();
  });
});

describe('WatchLoop re-list after our own write', () => {
  it('keeps a written object that is newer than the list snapshot', async () => {
    const f = fakeClient();
    f.state.items = [cm('a', '5')];
    f.state.listRv = '5';
    const { loop, names } = loopWith(f.client);
    await loop.start();
    await eventually(() => f.state.watches.length === 1);
    loop.apply(cm('a', '9', 'mine'));
    loop.apply(cm('b', '10', 'new'));
    // A re-list whose snapshot predates both writes must not roll them back or drop b.
    f.state.listRv = '8';
    f.lastWatch().emit('ERROR', { kind: 'Status', code: 410 });
    await eventually(() => f.state.watches.length === 2);
    expect(names()).toEqual(['put:a@5', 'put:a@9', 'put:b@10']);
    expect(loop.items.get('ns/a')?.texts[0]?.text.get()).toBe('mine');
    expect(loop.items.has('ns/b')).toBe(true);
    loop.stop();
  });
});

describe('WatchLoop when the list is forbidden', () => {
  it('settles without going stale, drops what it held, and recovers when access is granted', async () => {
    const f = fakeClient();
    f.state.items = [cm('a', '5')];
    f.state.listRv = '5';
    const { loop, names } = loopWith(f.client);
    await loop.start();
    await eventually(() => f.state.watches.length === 1);
    const list = f.client.listConfigMaps.bind(f.client);
    let forbid = true;
    (f.client as { listConfigMaps: unknown }).listConfigMaps = async (
      ...args: Parameters<typeof list>
    ) => {
      if (forbid)
        throw kubeStatusError(403, { reason: 'Forbidden', message: 'configmaps is forbidden' });
      return list(...args);
    };
    f.lastWatch().done(new Error('connection reset'));
    await eventually(() => loop.forbidden !== null, 3000, 'forbidden');
    expect(loop.synced).toBe(true);
    expect(loop.stale).toBeNull();
    expect(loop.items.size).toBe(0);
    forbid = false;
    await eventually(() => loop.forbidden === null && loop.items.size === 1, 3000, 'granted');
    expect(names()).toEqual(['put:a@5', 'stale', 'remove:ns/a', 'fresh', 'put:a@5']);
    loop.stop();
  });
});

describe('WatchLoop with a compactor', () => {
  it('holds the cached texts in the compactor, reads them the same once compacted, and drops replaced ones', async () => {
    const f = fakeClient();
    f.state.items = [cm('a', '5', 'première'), cm('b', '5')];
    f.state.listRv = '5';
    const compactor = new TextCompactor({ idleMs: 60_000 });
    const changes: LoopChange[] = [];
    const loop = new WatchLoop(f.client, 'ns', 'l=v', (c) => changes.push(c), {}, compactor);
    await loop.start();
    await eventually(() => f.state.watches.length === 1);
    const text = (key: string) => loop.items.get(key)?.texts[0]?.text;
    expect(compactor.pending).toBe(2);
    compactor.begin();
    await compactor.drain();
    expect(text('ns/a')?.compacted).toBe(true);
    expect(text('ns/a')?.get()).toBe('première');
    // An event replaces a: the new text waits for the next pass, the old one is not queued.
    const old = text('ns/b')!;
    f.lastWatch().emit('MODIFIED', cm('b', '6', 'deuxième'));
    f.lastWatch().emit('ADDED', cm('c', '7'));
    f.lastWatch().emit('DELETED', cm('c', '8'));
    expect(compactor.pending).toBe(1);
    expect(text('ns/b')?.compacted).toBe(false);
    await compactor.drain();
    expect(text('ns/b')?.compacted).toBe(true);
    expect(text('ns/b')?.get()).toBe('deuxième');
    expect(old.get()).toBe('b');
    // The change the store turns into a container carries the same holder as the cache.
    const put = changes.findLast((c) => c.type === 'put' && c.configMap.metadata.name === 'b');
    expect(put?.type === 'put' && put.configMap.texts[0]?.text).toBe(text('ns/b'));
    loop.stop();
    compactor.stop();
  });
});
