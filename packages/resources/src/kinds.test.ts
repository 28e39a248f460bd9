import { describe, expect, it } from 'vitest';
import {
  KINDS,
  PERSES_KINDS,
  kindInfo,
  kindWithCaseFixed,
  persesApiPath,
  persesValidatePath,
} from './kinds.ts';

describe('kinds table', () => {
  it('lists every provisionable kind once, and not EphemeralDashboard', () => {
    expect(KINDS.map((k) => k.kind).sort()).toEqual([...PERSES_KINDS].sort());
    expect(new Set(KINDS.map((k) => k.plural)).size).toBe(KINDS.length);
    expect(kindInfo('EphemeralDashboard')).toBeUndefined();
  });

  it('matches kinds with exact case only, and suggests the right spelling', () => {
    expect(kindInfo('Dashboard')?.scope).toBe('project');
    expect(kindInfo('dashboard')).toBeUndefined();
    expect(kindWithCaseFixed('dashboard')).toBe('Dashboard');
    expect(kindWithCaseFixed('GLOBALDATASOURCE')).toBe('GlobalDatasource');
    expect(kindWithCaseFixed('ephemeraldashboard')).toBe('EphemeralDashboard');
    expect(kindWithCaseFixed('Dashboard')).toBeUndefined();
    expect(kindWithCaseFixed('Panel')).toBeUndefined();
  });

  it('builds Perses API paths with encoded segments', () => {
    expect(persesApiPath('Project', undefined)).toBe('/api/v1/projects');
    expect(persesApiPath('Project', undefined, 'perses')).toBe('/api/v1/projects/perses');
    expect(persesApiPath('Dashboard', 'my proj', 'a/b')).toBe(
      '/api/v1/projects/my%20proj/dashboards/a%2Fb',
    );
    expect(persesApiPath('Dashboard', undefined)).toBe('/api/v1/dashboards');
    expect(persesApiPath('GlobalDatasource', 'ignored', 'x')).toBe('/api/v1/globaldatasources/x');
    expect(persesApiPath('RoleBinding', 'p')).toBe('/api/v1/projects/p/rolebindings');
    expect(() => persesApiPath('Dashboard', undefined, 'x')).toThrow(/needs a project/);
  });

  it('names the kinds Perses validates, and only those', () => {
    expect(persesValidatePath('Dashboard')).toBe('/api/validate/dashboards');
    expect(persesValidatePath('GlobalVariable')).toBe('/api/validate/globalvariables');
    expect(persesValidatePath('Project')).toBeUndefined();
    expect(persesValidatePath('EphemeralDashboard')).toBeUndefined();
    expect(KINDS.filter((k) => k.validate).map((k) => k.plural)).toEqual([
      'dashboards',
      'datasources',
      'globaldatasources',
      'variables',
      'globalvariables',
    ]);
  });
});
