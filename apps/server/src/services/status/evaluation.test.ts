// Deciding statuses again only when something moved: a Pending resource still turns Stale on
// time with nothing else happening, a resource the poll looked at is decided again on its own,
// a change of what all share decides everything again, and a stalled sidecar is counted per
// namespace.
import type { V1ConfigMap } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { toContainer } from '../../stores/kubernetes/configmap-entries.ts';
import { projectText } from '../../testing/documents.ts';
import { ResourceIndex } from '../resource-index.ts';
import { staleAt } from './cycle.ts';
import { stalledMessage } from './hints.ts';
import type { EvalInput } from './evaluate.ts';
import { Evaluation } from './evaluation.ts';
import { LogWatch } from './log-watch.ts';
import type { ServedSnapshot } from './served-snapshot.ts';
import { Tracker, type Tracked } from './tracker.ts';

const T0 = Date.parse('2026-12-02T06:00:00Z');
const INTERVAL = 60_000;

/** `name`, or `namespace/name` (namespace `a` otherwise). */
const cm = (ref: string): V1ConfigMap => {
  const [namespace, name] = ref.includes('/') ? ref.split('/') : ['a', ref];
  return configMap(namespace ?? 'a', name ?? ref);
};

const configMap = (
  namespace: string,
  name: string,
  text = projectText(name),
  resourceVersion = '1',
): V1ConfigMap => ({
  metadata: {
    namespace,
    name,
    resourceVersion,
    labels: { 'perses.dev/resource': 'true' },
  },
  data: { [`${name}.json`]: text },
});

function setup(names: string[], logs = new LogWatch(null, null)) {
  const index = new ResourceIndex();
  for (const n of names) index.put(toContainer(cm(n)));
  const tracker = new Tracker();
  tracker.seed(
    index.list({}, () => true),
    T0,
  );
  const snapshot: ServedSnapshot = { items: new Map(), notServed: new Map(), at: T0, revision: 1 };
  const input = (now: number): EvalInput => ({
    tracker,
    snapshot,
    logs,
    folder: '/perses/provisioning',
    world: {
      connection: 'connected',
      connectionMessage: '',
      now,
      timing: { intervalMs: INTERVAL, lastCycleAt: T0 - 1000 },
      startedAt: T0,
      scope: { target: 'kubernetes', label: 'perses.dev/resource=true', namespaces: 'all' },
    },
  });
  const byName = (n: string) =>
    [...tracker.byId.values()].find((t) => t.r.summary.configMapName === n) ?? expect.fail(n);
  index.subscribe((e) => tracker.apply(e, (id) => index.get(id), T0));
  /** Perses serves exactly this content, as checked at T0 + 600. */
  const served = (t: Tracked) => {
    snapshot.items.set(t.r.keys.identity ?? '', {
      kind: 'Project',
      project: null,
      name: t.r.summary.name,
      createdAt: T0,
      updatedAt: T0 + 500,
      version: 2,
    });
    t.check = { equal: true, ignoredOnly: false, at: T0 + 600, servedUpdatedAt: T0 + 500 };
  };
  /** An edit of ConfigMap `a/<name>` as the watch delivers it. */
  const edit = (name: string, text: string, rv: string) =>
    index.put(toContainer(configMap('a', name, text, rv)));
  return { tracker, snapshot, input, byName, edit, served };
}

describe('Evaluation', () => {
  it('turns a Pending resource Stale when its time comes, though nothing else moved', () => {
    const { input, byName } = setup(['late']);
    const evaluation = new Evaluation();
    evaluation.run(input(T0), 'same', []);
    const late = byName('late');
    expect(late.status?.state).toBe('pending');
    const expectedAt = Date.parse(late.status?.expectedAt ?? '');
    const stale = staleAt(expectedAt, INTERVAL);

    expect(evaluation.run(input(stale - 1), 'same', [])).toEqual([]);
    expect(late.status?.state).toBe('pending');
    expect(evaluation.run(input(stale), 'same', [])).toEqual([late]);
    expect(late.status?.state).toBe('stale');
  });

  it('decides the resources a poll looked at alone, and all of them when what they share moves', () => {
    const { input, byName, served } = setup(['one', 'two']);
    const [one, two] = [byName('one'), byName('two')];
    [one, two].forEach(served);
    const evaluation = new Evaluation();
    evaluation.run(input(T0 + 700), 'k1', []);
    expect([one.status?.state, two.status?.state]).toEqual(['synced', 'synced']);

    // Perses's copy of `two` moved, but this poll compared only `one`.
    two.check = { equal: false, ignoredOnly: false, at: T0 + 800, servedUpdatedAt: T0 + 500 };
    expect(evaluation.run(input(T0 + 900), 'k1', [one])).toEqual([]);
    expect(two.status?.state).toBe('synced');
    // Once `two` is among the looked-at (or anything shared moves), its status follows.
    expect(evaluation.run(input(T0 + 1000), 'k1', [two])).toEqual([two]);
    expect(two.status?.state).not.toBe('synced');
  });

  it('decides an edited resource alone unless another shares its identity or file', () => {
    const { input, byName, tracker, edit, served } = setup(['one', 'two', 'three']);
    ['one', 'two', 'three'].map(byName).forEach(served);
    const evaluation = new Evaluation();
    const run = (now: number) =>
      evaluation.run(input(now), `k ${tracker.structure}`, tracker.drainChanged());
    /** What Perses serves of `two` changes unseen (no poll touched it): only a full run shows it. */
    const twoServes = (equal: boolean, at: number) =>
      (byName('two').check = { equal, ignoredOnly: false, at, servedUpdatedAt: T0 + 500 });
    run(T0 + 700);
    expect(byName('two').status?.state).toBe('synced');
    twoServes(false, T0 + 800);

    // A new display name for `one`: its own status only.
    edit('one', projectText('one', 'One, renamed'), '2');
    expect(run(T0 + 900)).toEqual([byName('one')]);
    expect(byName('one').status?.state).not.toBe('synced');
    expect(byName('two').status?.state).toBe('synced');

    // `three` now says it is Project `one`: two ConfigMaps define one identity, all are decided.
    edit('three', projectText('one'), '3');
    const changed = run(T0 + 1000);
    expect(changed).toContain(byName('two'));
    expect(byName('two').status?.state).not.toBe('synced');
    // The other ConfigMap of that identity is decided again: Perses keeps one of the two.
    expect(byName('one').status?.state).toBe('shadowed');
    expect(byName('one').status?.reason?.code).toBe('same_identity');

    // An edit of one of the two sharing that identity decides everything again too.
    twoServes(true, T0 + 1050);
    edit('three', projectText('one', 'Still one'), '4');
    expect(run(T0 + 1100)).toContain(byName('two'));
    expect(byName('two').status?.state).toBe('synced');
  });

  it('counts the Stale resources with no file written per namespace, never across them', async () => {
    // The sidecar's log is read and names no file: none of theirs was written.
    const logs = new LogWatch(null, { description: 'the sidecar log', read: async () => [] });
    await logs.read(T0);
    const { input, byName } = setup(['a/a1', 'a/a2', 'b/b1', 'b/b2', 'b/b3', 'c/c1'], logs);
    const evaluation = new Evaluation();
    evaluation.run(input(T0 + 100 * INTERVAL), 'k', []);
    const stalledHint = (n: string) =>
      byName(n).status?.hints.find((h) => h.startsWith('The sidecar may be stalled')) ?? null;
    expect(byName('a1').status?.state).toBe('stale');
    expect(stalledHint('a1')).toMatch(/^The sidecar may be stalled: 2 resources/);
    expect(stalledHint('b3')).toMatch(/^The sidecar may be stalled: 3 resources/);
    // Alone in its namespace: its readers are not told of the others.
    expect(stalledHint('c1')).toBeNull();

    const told = (mayList: string[]) =>
      stalledMessage(evaluation.unwritten.filter((u) => mayList.includes(u.namespace ?? '')));
    expect(told(['a'])).toMatch(/^The sidecar may be stalled: 2 resources/);
    expect(told(['a', 'c'])).toMatch(/^The sidecar may be stalled: 3 resources/);
    expect(told(['c'])).toBeNull();
    expect(told(['a', 'b', 'c'])).toMatch(/: 6 resources/);
  });
});
