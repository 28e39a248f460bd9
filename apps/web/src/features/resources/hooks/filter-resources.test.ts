import { describe, expect, it } from 'vitest';
import { summary } from '../../../test/fixtures.ts';
import { buildRows, compareText, facets, rowsOf, sortItems } from './filter-resources.ts';
import { DEFAULT_STATE, parseListState } from './use-list-state.ts';

const items = [
  summary({ name: 'node-exporter', displayName: 'Node Exporter Full' }),
  summary({
    name: 'api-latency',
    project: 'payments',
    configMapName: 'cm-api',
    findings: { errors: 2, warnings: 0 },
  }),
  summary({
    kind: 'Project',
    name: 'payments',
    project: null,
    configMapName: 'project-payments',
    namespace: 'team-a',
  }),
  summary({ kind: 'GlobalDatasource', name: 'prom', project: null, sizeBytes: 10 }),
];

const names = (s: Partial<typeof DEFAULT_STATE>) =>
  buildRows(items, { ...DEFAULT_STATE, group: 'none', ...s }).rows.map((r) =>
    r.type === 'item' ? r.item.name : `#${r.label}`,
  );

describe('buildRows', () => {
  it('matches free text on name, display name and ConfigMap name, case-insensitively', () => {
    expect(names({ q: 'EXPORTER FULL' })).toEqual(['node-exporter']);
    expect(names({ q: 'cm-api' })).toEqual(['api-latency']);
    expect(names({ q: 'project-pay' })).toEqual(['payments']);
  });

  it('matches the text within one field, never across two, alone or with other filters', () => {
    expect(names({ q: 'exporternode' })).toEqual([]);
    expect(names({ q: 'exporter\u0000node' })).toEqual([]);
    expect(names({ q: 'node-exporter\u0000node' })).toEqual([]);
    expect(names({ q: 'latency', project: 'payments' })).toEqual(['api-latency']);
    expect(names({ q: 'latency', project: 'perses' })).toEqual([]);
  });

  it('filters by kind, project, namespace and findings', () => {
    expect(names({ kind: 'Project' })).toEqual(['payments']);
    expect(names({ project: 'payments' })).toEqual(['api-latency']);
    expect(names({ namespace: 'team-a' })).toEqual(['payments']);
    expect(names({ findings: 'errors' })).toEqual(['api-latency']);
    expect(names({ findings: 'clean' })).not.toContain('api-latency');
  });

  it('sorts by the chosen column and direction', () => {
    expect(names({ sort: 'size', dir: 'asc' })[0]).toBe('prom');
    expect(names({ sort: 'name', dir: 'desc' })).toEqual([
      'prom',
      'payments',
      'node-exporter',
      'api-latency',
    ]);
  });

  it('puts a header row before each group', () => {
    const { rows, total } = buildRows(items, { ...DEFAULT_STATE, group: 'kind' });
    expect(total).toBe(4);
    expect(
      rows
        .filter((r) => r.type === 'group')
        .map((r) => (r.type === 'group' ? `${r.label}:${r.count}` : '')),
    ).toEqual(['Dashboard:2', 'GlobalDatasource:1', 'Project:1']);
  });

  it('lists distinct facet values', () => {
    expect(facets(items).projects).toEqual(['payments', 'perses']);
  });
});

describe('sortItems', () => {
  const byName = (xs: { name: string }[]) => xs.map((r) => r.name);

  it('keeps the last order after live edits that moved no sort value, with the new copies', () => {
    const first = sortItems(items, 'name', 'asc');
    expect(byName(first.sorted)).toEqual(['api-latency', 'node-exporter', 'payments', 'prom']);
    const edited = items.map((r) => (r.name === 'prom' ? { ...r, version: '2' } : r));
    const next = sortItems(edited, 'name', 'asc', first);
    expect(byName(next.sorted)).toEqual(byName(first.sorted));
    expect(next.sorted.find((r) => r.name === 'prom')?.version).toBe('2');
    expect(sortItems(edited, 'name', 'asc', next)).toBe(next);
  });

  it('sorts again when an edit moves a sort value, or the sort changes', () => {
    const first = sortItems(items, 'size', 'asc');
    const grown = items.map((r) => (r.name === 'prom' ? { ...r, sizeBytes: 99_999 } : r));
    expect(byName(sortItems(grown, 'size', 'asc', first).sorted).at(-1)).toBe('prom');
    const renamed = items.map((r) => (r.name === 'prom' ? { ...r, name: 'aaa' } : r));
    expect(
      byName(sortItems(renamed, 'name', 'asc', sortItems(items, 'name', 'asc')).sorted)[0],
    ).toBe('aaa');
    expect(byName(sortItems(items, 'name', 'desc', first).sorted)[0]).toBe('prom');
  });

  it('filters a sorted list without changing its order', () => {
    const sorted = sortItems(items, 'name', 'desc').sorted;
    const { rows } = rowsOf(sorted, { ...DEFAULT_STATE, group: 'none', kind: 'Dashboard' });
    expect(rows.map((r) => (r.type === 'item' ? r.item.name : ''))).toEqual([
      'node-exporter',
      'api-latency',
    ]);
  });
});

describe('parseListState', () => {
  it('reads every filter from the URL and ignores unknown values', () => {
    const s = parseListState(
      new URLSearchParams('kind=Dashboard&q=x&sort=bogus&dir=desc&group=project'),
    );
    expect(s).toMatchObject({
      kind: 'Dashboard',
      q: 'x',
      sort: 'name',
      dir: 'desc',
      group: 'project',
    });
  });
});

describe('compareText', () => {
  it('orders as the collator does: case ignored, digit runs by value, digits first', () => {
    const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
    // English, so the fast path is the one compared (elsewhere it is the collator itself).
    expect(collator.resolvedOptions().locale).toMatch(/^en\b/);
    const alphabet = 'aAbBmzZ0019x-._é';
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const word = () =>
      Array.from({ length: Math.floor(next() * 8) }, () => alphabet[Math.floor(next() * 16)]).join(
        '',
      );
    for (let n = 0; n < 20_000; n++) {
      const a = word();
      const b = word();
      expect([a, b, Math.sign(compareText(a, b))]).toEqual([
        a,
        b,
        Math.sign(collator.compare(a, b)),
      ]);
    }
    expect(compareText('dash9', 'Dash10')).toBeLessThan(0);
    expect(compareText('a007', 'A7')).toBe(0);
  });
});
