// The status rules on recorded Perses answers: served metadata as the real Perses v0.54.0 listed
// it, refusals as its validation and its log gave them.
import { describe, expect, it } from 'vitest';
import { attribute } from './attribution.ts';
import { parsePersesLine } from './log-lines.ts';
import { decide, type ResourceFacts, type World } from './rules.ts';
import { shadowedMembers } from './shadow.ts';
import { notServedMessage } from './served-snapshot.ts';

const T = Date.parse('2026-12-02T02:23:29.764Z'); // a cycle start the real Perses reported
const served = {
  kind: 'Dashboard',
  project: 'perses',
  name: 'demo',
  createdAt: T - 60_000,
  updatedAt: T + 2,
  version: 12,
};
const facts = (more: Partial<ResourceFacts> = {}): ResourceFacts => ({
  kind: 'Dashboard',
  where: 'ConfigMap perses/demo key "demo.json"',
  identityLabel: 'Dashboard "perses/demo"',
  project: 'perses',
  sidecarPath: '/etc/perses/provisioning/demo.json',
  provisionedFile: true,
  notProvisionable: null,
  unparseable: null,
  changedAt: T - 30_000,
  fileWrittenAt: null,
  served,
  kindNotServed: null,
  check: { equal: true, ignoredOnly: false, at: T + 500, servedUpdatedAt: T + 2 },
  confirmed: true,
  offCycleWriteAt: null,
  directFailure: null,
  refusal: null,
  projectServed: true,
  projectDefined: true,
  log: null,
  shadow: null,
  ...more,
});
const world = (more: Partial<World> = {}): World => ({
  connection: 'connected',
  connectionMessage: '',
  now: T + 1000,
  timing: { intervalMs: 3000, lastCycleAt: T },
  startedAt: T - 3_600_000,
  scope: {
    target: 'kubernetes',
    label: 'perses.dev/resource=true',
    namespaces: 'namespace perses',
    sidecarLog: true,
    persesLog: true,
    stalled: null,
  },
  ...more,
});

describe('status rules', () => {
  it('is Synced when Perses serves this content', () => {
    expect(decide(facts(), world()).state).toBe('synced');
  });

  it('is Unknown, never failed, while Perses cannot be asked', () => {
    const d = decide(
      facts(),
      world({ connection: 'unreachable', connectionMessage: 'connect ECONNREFUSED' }),
    );
    expect(d).toMatchObject({
      state: 'unknown',
      code: 'perses_unreachable',
      message: 'connect ECONNREFUSED',
    });
    const notFound = decide(
      facts(),
      world({ connection: 'not_configured', connectionMessage: 'no Service in team-a, team-b' }),
    );
    expect(notFound.code).toBe('perses_not_configured');
    // Where discovery looked names namespaces this person may not see: only the overview says it.
    expect(notFound.message).not.toContain('team-b');
  });

  it('is Pending, not Unknown, when a direct write of the saved content failed and Perses is gone', () => {
    const d = decide(
      facts({ directFailure: 'Perses at http://p is unreachable: connect ECONNREFUSED' }),
      world({ connection: 'unreachable', connectionMessage: 'connect ECONNREFUSED' }),
    );
    expect(d).toMatchObject({ state: 'pending', code: 'perses_unreachable' });
    expect(d.message).toContain('the ConfigMap is saved');
    expect(d.message).toContain('ECONNREFUSED');
  });

  it('is Pending until the first cycle after the file is written, then Stale a cycle and margin later', () => {
    const changedAt = T + 500;
    const f = facts({
      changedAt,
      check: null,
      confirmed: false,
      served: null,
      fileWrittenAt: T + 1200,
    });
    const pending = decide(f, world({ now: T + 1300 }));
    expect(pending).toMatchObject({
      state: 'pending',
      code: 'not_served_yet',
      expectedAt: T + 3000,
    });
    // Overdue but within one interval and the 5 s margin: still Pending.
    expect(decide(f, world({ now: T + 10_999 })).state).toBe('pending');
    const stale = decide(f, world({ now: T + 11_000 }));
    expect(stale).toMatchObject({ state: 'stale', code: 'not_served', expectedAt: T + 3000 });
    expect(stale.hints[0]).toMatch(/label the sidecar watches \(perses\.dev\/resource=true/);
    expect(stale.hints[1]).toMatch(/The sidecar wrote \/etc\/perses\/provisioning\/demo\.json at/);
    expect(stale.hints[2]).toMatch(/Perses log names no provisioning error/);
  });

  it('puts the stalled sidecar first when its files were not written', () => {
    const f = facts({ changedAt: T - 60_000, check: null, confirmed: false, served: null });
    const scope = { ...world().scope, stalled: 'The sidecar may be stalled: 3 resources ...' };
    const d = decide(f, world({ scope }));
    expect(d.state).toBe('stale');
    expect(d.hints[0]).toBe(scope.stalled);
    expect(d.hints[2]).toMatch(/has not written .*kiwigrid\/k8s-sidecar issue #621/);
  });

  it('is Rejected with the line of the Perses log that names it', () => {
    const e = parsePersesLine(
      `time="2026-12-02T02:23:32Z" level=error msg="unable to provision the \\"Dashboard\\"/\\"d1\\": project \\"nosuch\\" doesn't exist"`,
    );
    const log = attribute(e ? [e] : [], [
      {
        id: 'd1',
        kind: 'Dashboard',
        name: 'd1',
        identityKey: 'dashboard/nosuch/d1',
        relPath: null,
        parseFailed: false,
        refusal: null,
      },
    ]).byId.get('d1');
    const d = decide(
      facts({ project: 'nosuch', served: null, check: null, confirmed: false, log: log ?? null }),
      world(),
    );
    expect(d).toMatchObject({
      state: 'rejected',
      code: 'project_missing',
      source: 'perses-log',
      inferred: false,
      evidenceAt: Date.parse('2026-12-02T02:23:32Z'),
    });
    expect(d.hints[0]).toMatch(/Create the Project "nosuch"/);
  });

  it('is Rejected with Perses’s validation message before any cycle', () => {
    const refusal = {
      message:
        'bad request: bad request: schema not found for plugin NoSuchChart with version unknown',
      at: T,
    };
    const d = decide(
      facts({ served: null, check: null, confirmed: false, refusal, changedAt: T + 900 }),
      world(),
    );
    expect(d).toMatchObject({
      state: 'rejected',
      code: 'perses_invalid',
      source: 'perses-validate',
    });
    expect(d.message).toMatch(/NoSuchChart/);
  });

  it('is Rejected when its project is neither in Perses nor defined here', () => {
    const f = facts({
      served: null,
      check: null,
      confirmed: false,
      projectServed: false,
      projectDefined: false,
    });
    expect(decide(f, world())).toMatchObject({
      state: 'rejected',
      code: 'project_missing',
      source: 'perses-api',
    });
    // A project on its way (defined by a ConfigMap) makes it wait instead.
    expect(decide({ ...f, projectDefined: true, changedAt: T }, world()).state).toBe('pending');
  });

  it('is Drifted when the content once served changed in Perses, Synced when the cycle restores it', () => {
    const differs = { equal: false, ignoredOnly: false, at: T + 900, servedUpdatedAt: T + 800 };
    expect(decide(facts({ check: differs }), world())).toMatchObject({
      state: 'drifted',
      code: 'served_differs',
    });
    expect(
      decide(facts({ check: differs, confirmed: false, offCycleWriteAt: T + 800 }), world()).state,
    ).toBe('drifted');
    expect(decide(facts(), world()).state).toBe('synced');
  });

  it('is Pending while the old content is served after a change', () => {
    const old = { equal: false, ignoredOnly: false, at: T + 900, servedUpdatedAt: T + 2 };
    const d = decide(facts({ check: old, confirmed: false, changedAt: T + 700 }), world());
    expect(d).toMatchObject({ state: 'pending', code: 'old_content_served', expectedAt: T + 3000 });
  });

  it('takes members Perses drops as served once Perses wrote the copy after the change', () => {
    const ignored = { equal: false, ignoredOnly: true, at: T + 900, servedUpdatedAt: T + 2 };
    expect(decide(facts({ check: ignored, changedAt: T - 10 }), world()).state).toBe('synced');
    expect(
      decide(facts({ check: ignored, changedAt: T + 700, confirmed: false }), world()).state,
    ).toBe('pending');
  });

  it('says Role kinds are not served while Perses authorization is off', () => {
    const kindNotServed = notServedMessage('GlobalRole', 'not_found');
    const d = decide(
      facts({ kind: 'GlobalRole', kindNotServed, served: null, check: null }),
      world(),
    );
    expect(d).toMatchObject({ state: 'unknown', code: 'kind_not_served' });
    expect(d.message).toMatch(/authorization/);
  });

  it('refuses keys Perses never reads and unparseable text', () => {
    expect(decide(facts({ provisionedFile: false }), world())).toMatchObject({
      state: 'rejected',
      code: 'ignored_file',
    });
    expect(decide(facts({ unparseable: 'line 1: bad' }), world())).toMatchObject({
      state: 'rejected',
      code: 'unparseable',
      source: 'console',
    });
  });

  it('is Shadowed naming the winner', () => {
    const shadow = shadowedMembers([
      {
        id: 'a',
        where: 'ConfigMap perses/a key "k.json"',
        namespace: 'perses',
        configMapName: 'a',
        key: 'k.json',
        sidecarPath: '/p/k.json',
        container: 'perses/a',
        identityKey: 'x',
        docIndex: 0,
        changedAt: 1,
        served: true,
        fresh: true,
      },
      {
        id: 'b',
        where: 'ConfigMap team-a/b key "k.json"',
        namespace: 'team-a',
        configMapName: 'b',
        key: 'k.json',
        sidecarPath: '/p/k.json',
        container: 'team-a/b',
        identityKey: 'y',
        docIndex: 0,
        changedAt: 2,
        served: false,
        fresh: false,
      },
    ]).get('b');
    const d = decide(facts({ shadow: shadow ?? null }), world());
    expect(d).toMatchObject({
      state: 'shadowed',
      code: 'same_file',
      winner: { configMapName: 'a', basis: 'served' },
    });
    expect(d.message).toMatch(/ConfigMap perses\/a key "k\.json" writes the same sidecar file/);
  });

  it('is Unknown while an unchanged resource waits for its first comparison', () => {
    expect(decide(facts({ check: null, confirmed: false }), world())).toMatchObject({
      state: 'unknown',
      code: 'checking',
    });
  });
});
