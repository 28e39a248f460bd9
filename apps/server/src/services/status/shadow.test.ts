import { describe, expect, it } from 'vitest';
import { loadOrder, shadowedMembers, type ShadowMember } from './shadow.ts';

const member = (id: string, more: Partial<ShadowMember> = {}): ShadowMember => ({
  id,
  where: `ConfigMap perses/${id} key "dash.json"`,
  namespace: 'perses',
  configMapName: id,
  key: 'dash.json',
  sidecarPath: '/etc/perses/provisioning/dash.json',
  container: `perses/${id}`,
  identityKey: `dashboard/p/${id}`,
  docIndex: 0,
  changedAt: 1000,
  served: null,
  fresh: null,
  ...more,
});

describe('shadowing', () => {
  it('names the ConfigMap whose content Perses serves as the winner of one file', () => {
    const a = member('a', { served: true, fresh: true, changedAt: 1000 });
    const b = member('b', { served: false, changedAt: 2000 });
    const out = shadowedMembers([a, b]);
    expect([...out.keys()]).toEqual(['b']);
    expect(out.get('b')).toMatchObject({
      reason: 'same_file',
      what: '/etc/perses/provisioning/dash.json',
      winner: { id: 'a', configMapName: 'a', basis: 'served', why: 'Perses serves its content' },
    });
  });

  it('does not count a copy Perses keeps serving but no longer refreshes', () => {
    // a's file was overwritten by b's after a cycle had taken a: Perses keeps a's old copy.
    const a = member('a', { served: true, fresh: false, changedAt: 1000 });
    const b = member('b', { served: true, fresh: true, changedAt: 2000 });
    const out = shadowedMembers([a, b]);
    expect([...out.keys()]).toEqual(['a']);
    expect(out.get('a')?.winner).toMatchObject({ id: 'b', basis: 'served' });
  });

  it('expects the last writer to win one file before anything is served', () => {
    const out = shadowedMembers([
      member('a', { changedAt: 3000 }),
      member('b', { changedAt: 2000 }),
    ]);
    expect(out.get('b')?.winner).toMatchObject({ id: 'a', basis: 'order' });
    expect(out.has('a')).toBe(false);
  });

  it('expects the document Perses reads last to win one identity', () => {
    const x = member('x', {
      sidecarPath: '/f/a.json',
      identityKey: 'dashboard/p/d',
      key: 'a.json',
    });
    const y = member('y', {
      sidecarPath: '/f/a/b.json',
      identityKey: 'dashboard/p/d',
      key: 'b.json',
    });
    // filepath.Walk reads a/b.json before a.json: "a" sorts before "a.json" in folder a listing.
    expect(loadOrder(y, x)).toBeLessThan(0);
    const out = shadowedMembers([x, y]);
    expect(out.get('y')).toMatchObject({ reason: 'same_identity', winner: { id: 'x' } });
  });

  it('does not shadow a copy whose content is the one served', () => {
    const x = member('x', { sidecarPath: '/f/x.json', identityKey: 'k', served: true });
    const y = member('y', { sidecarPath: '/f/y.json', identityKey: 'k', served: true });
    expect(shadowedMembers([x, y]).size).toBe(0);
  });
});
