import { describe, expect, it } from 'vitest';
import { chartFilePath, chartPathOf } from './chart-layout.ts';

describe('chartFilePath', () => {
  it('places resources as the Perses file database does: plural, project, name', () => {
    expect(chartFilePath({ kind: 'Dashboard', project: 'Perses', name: 'Demo' }, 'json')).toEqual({
      ok: true,
      path: 'files/dashboards/Perses/Demo.json',
    });
    expect(chartFilePath({ kind: 'GlobalDatasource', name: 'prom' }, 'yaml')).toEqual({
      ok: true,
      path: 'files/globaldatasources/prom.yaml',
    });
  });

  it('refuses a name or project that is not one visible path segment, naming the field', () => {
    const problem = (project: string | undefined, name: string) => {
      const id = project === undefined ? { name } : { project, name };
      const r = chartFilePath({ kind: 'Dashboard', ...id }, 'json');
      return r.ok ? null : `${r.problem.field}: ${r.problem.message}`;
    };
    expect(problem('p', '../x')).toBe(
      'metadata.name: metadata.name "../x" cannot be used as a file name',
    );
    expect(problem('p', '.hidden')).toMatch(/^metadata.name:/);
    expect(problem('p', 'a..b')).toMatch(/^metadata.name:/);
    expect(problem('a/b', 'x')).toMatch(/^metadata.project:/);
    expect(problem('', 'x')).toMatch(/^metadata.project:/);
    expect(problem('p', 'ok_name-1.2')).toBeNull();
  });
});

describe('chartPathOf', () => {
  it('is the part from the last files/ folder on', () => {
    expect(chartPathOf('x/files/a/b.json')).toBe('files/a/b.json');
    expect(chartPathOf('x/a/b.json')).toBeUndefined();
  });
});
