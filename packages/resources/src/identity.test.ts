import { describe, expect, it } from 'vitest';
import { identityKey, identityOf } from './identity.ts';

describe('identity', () => {
  it('takes kind, project and name; project only for project-scoped kinds', () => {
    expect(
      identityOf({ kind: 'Dashboard', metadata: { name: 'Demo', project: 'perses' } }),
    ).toEqual({
      kind: 'Dashboard',
      name: 'Demo',
      project: 'perses',
    });
    expect(identityOf({ kind: 'GlobalDatasource', metadata: { name: 'x', project: 'p' } })).toEqual(
      {
        kind: 'GlobalDatasource',
        name: 'x',
      },
    );
    expect(identityOf({ kind: 'dashboard', metadata: { name: 'x' } })).toBeUndefined();
    expect(identityOf({ kind: 'EphemeralDashboard', metadata: { name: 'x' } })).toBeUndefined();
    expect(identityOf({ kind: 'Project', metadata: {} })).toBeUndefined();
    expect(identityOf([1])).toBeUndefined();
  });

  it('keys identities lower-cased like Perses stores them', () => {
    const a = identityKey({ kind: 'Dashboard', project: 'IncredibleProject', name: 'MyDash' });
    const b = identityKey({ kind: 'Dashboard', project: 'incredibleproject', name: 'mydash' });
    expect(a).toBe(b);
    expect(a).toBe('dashboard/incredibleproject/mydash');
    expect(identityKey({ kind: 'User', name: 'Admin' })).toBe('user/admin');
    expect(identityKey({ kind: 'Datasource', project: 'p', name: 'x' })).not.toBe(
      identityKey({ kind: 'GlobalDatasource', name: 'x' }),
    );
  });
});
