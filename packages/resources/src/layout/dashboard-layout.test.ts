import { describe, expect, it } from 'vitest';
import { parseText } from '../parse.ts';
import { isRecord } from '../resource-items.ts';
import { fixtureText } from '../testing/fixtures.ts';
import { dashboardTexts } from '../testing/dashboards.ts';
import { dashboardLayout, type DashboardLayout } from './dashboard-layout.ts';
import { dashboardLayoutOf, spanOf, targetAt } from './layout-source.ts';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function layoutOf(text: string, format: 'json' | 'yaml') {
  const parsed = parseText(text, { format });
  const layout = dashboardLayoutOf(parsed);
  if (!layout) throw new Error('no dashboard');
  return { parsed, layout };
}

const texts = dashboardTexts();

describe('dashboardLayout on every real dashboard (dev data and sample chart, JSON and YAML)', () => {
  it('covers the 16 dev dashboards and the 8 sample ones in both formats', () => {
    expect(texts).toHaveLength((16 + 8) * 2);
  });

  it.each(texts)('$label: items where the document puts them, panels resolved', (t) => {
    const { layout } = layoutOf(t.text, t.format);
    const spec = t.value.spec as Doc;
    expect(layout.name).toBe((t.value.metadata as Doc).name);
    expect(layout.duration).toBe(spec.duration);
    expect(layout.sections).toHaveLength(spec.layouts.length);
    const referenced = new Set<string>();
    layout.sections.forEach((section, li) => {
      const raw = spec.layouts[li].spec;
      expect(section.title).toBe(raw.display?.title);
      expect(section.open).toBe(raw.display?.collapse?.open !== false);
      expect(section.items).toHaveLength((raw.items ?? []).length);
      section.items.forEach((item, ii) => {
        const r = raw.items[ii];
        expect([item.x, item.y, item.width, item.height]).toEqual([r.x, r.y, r.width, r.height]);
        const key = (r.content.$ref as string).replace('#/spec/panels/', '');
        referenced.add(key);
        expect(item.panelKey).toBe(key);
        expect(item.missing).toBe(!(key in spec.panels));
        expect(item.invalid).toEqual([]);
      });
    });
    expect(layout.panels.map((p) => p.key)).toEqual(Object.keys(spec.panels));
    for (const panel of layout.panels) {
      const raw = spec.panels[panel.key].spec;
      expect(panel.name).toBe(raw.display?.name || panel.key);
      expect(panel.pluginKind).toBe(raw.plugin.kind);
      expect(panel.family).not.toBe('other');
      expect(panel.queries.map((q) => q.query)).toEqual(
        (raw.queries ?? []).map((q: Doc) => q.spec.plugin.spec.query),
      );
      if (panel.family === 'markdown') expect(panel.markdown).toBe(raw.plugin.spec.text);
    }
    expect(layout.unplaced).toEqual(Object.keys(spec.panels).filter((k) => !referenced.has(k)));
    expect(layout.variables.map((v) => [v.name, v.kind])).toEqual(
      (spec.variables ?? []).map((v: Doc) => [v.spec.name, v.kind]),
    );
  });

  it.each(texts)('$label: every panel and item is located in the text, both ways', (t) => {
    const { parsed, layout } = layoutOf(t.text, t.format);
    for (const panel of layout.panels) {
      const span = spanOf(parsed, layout, { type: 'panel', key: panel.key });
      if (!span) throw new Error(`panel ${panel.key} not located`);
      expect(t.text.slice(span.keyStart)).toMatch(new RegExp(`^"?${panel.key}"?:`));
      if (t.format === 'json')
        expect(JSON.parse(t.text.slice(span.start, span.end))).toEqual(
          (t.value.spec as Doc).panels[panel.key],
        );
      for (const at of [span.keyStart, span.start, span.end - 1])
        expect(targetAt(parsed, layout, at)).toEqual({ type: 'panel', key: panel.key });
    }
    for (const item of layout.sections.flatMap((s) => s.items)) {
      const span = spanOf(parsed, layout, { type: 'item', id: item.id });
      if (!span) throw new Error(`item ${item.id} not located`);
      expect(t.text.slice(span.start, span.end)).toContain(item.ref);
      for (const at of [span.start, span.end - 1])
        expect(targetAt(parsed, layout, at)).toEqual({ type: 'item', id: item.id });
    }
    expect(targetAt(parsed, layout, 0)).toBeUndefined();
  });

  it('finds the one real overlap (Demo, row 3) and the six panels Demo places nowhere', () => {
    const overlapping = texts.flatMap((t) =>
      layoutOf(t.text, t.format)
        .layout.sections.flatMap((s) => s.items)
        .filter((i) => i.overlaps.length > 0)
        .map((i) => `${t.label}: ${i.panelKey} x ${i.overlaps.join(',')}`),
    );
    const demo = (label: string) => [
      `${label}: cpuGauge x 2.2`,
      `${label}: defaultTimeSeriesChart x 2.0`,
    ];
    expect(overlapping).toEqual([
      ...demo('dev-data[0] (json)'),
      ...demo('dev-data[0] (yaml)'),
      ...demo('examples dashboards/dashboard1.json (json)'),
      ...demo('examples dashboards/dashboard1.json (yaml)'),
    ]);
    const { layout } = layoutOf(texts[0]?.text ?? '', 'json');
    expect(layout.unplaced).toEqual([
      'seriesTest',
      'testNodeQuery',
      'testQueryAlt',
      'statSm',
      'gaugeEx',
      'gaugeAltEx',
    ]);
    expect(layout.datasources).toEqual([
      {
        name: 'PrometheusLocal',
        pluginKind: 'PrometheusDatasource',
        local: true,
        isDefault: false,
        usedBy: 0,
      },
    ]);
  });

  it('reads the dev data file, a JSON list of 16 dashboards, with positions inside the list', () => {
    const text = fixtureText('9-dashboard.json');
    const parsed = parseText(text);
    const list = parsed.documents[0] as unknown[];
    expect(dashboardLayoutOf(parsed)?.name).toBe('Demo');
    list.forEach((value, i) => {
      const layout = dashboardLayout(value, [i]) as DashboardLayout;
      const item = layout.sections[0]?.items[0];
      if (!item) throw new Error('no item');
      expect(item.pointer).toEqual([i, 'spec', 'layouts', 0, 'spec', 'items', 0]);
      const x = parsed.span([...item.pointer, 'x']);
      expect(Number(text.slice(x?.start, x?.end))).toBe(item.x);
      const span = spanOf(parsed, layout, { type: 'item', id: item.id });
      expect(targetAt(parsed, layout, span?.start ?? -1)).toEqual({ type: 'item', id: item.id });
    });
  });
});

describe('dashboardLayout problems', () => {
  const doc = {
    kind: 'Dashboard',
    metadata: { name: 'd', project: 'p' },
    spec: {
      display: { name: 'My dashboard' },
      datasources: { prom: { default: true, plugin: { kind: 'PrometheusDatasource', spec: {} } } },
      variables: [
        { kind: 'TextVariable', spec: { name: 'q', value: 'up', display: { name: 'Query' } } },
        {
          kind: 'ListVariable',
          spec: {
            name: 'job',
            allowMultiple: true,
            defaultValue: ['a', 'b'],
            plugin: { kind: 'PrometheusLabelValuesVariable', spec: {} },
          },
        },
      ],
      panels: {
        a: {
          kind: 'Panel',
          spec: {
            display: { name: 'A', description: 'the A panel' },
            plugin: { kind: 'TimeSeriesChart', spec: {} },
            queries: [
              {
                kind: 'TimeSeriesQuery',
                spec: {
                  plugin: {
                    kind: 'PrometheusTimeSeriesQuery',
                    spec: { datasource: { kind: 'PrometheusDatasource' }, query: 'up' },
                  },
                },
              },
              {
                kind: 'TraceQuery',
                spec: {
                  plugin: {
                    kind: 'TempoTraceQuery',
                    spec: { datasource: { kind: 'TempoDatasource', name: 'tempo' }, query: '{}' },
                  },
                },
              },
            ],
          },
        },
        b: { kind: 'Panel', spec: { plugin: { kind: 'Markdown', spec: { text: '# hi' } } } },
        c: { kind: 'Panel', spec: { plugin: { kind: 'SomePlugin', spec: {} } } },
      },
      layouts: [
        {
          kind: 'Grid',
          spec: {
            display: { title: 'One', collapse: { open: false } },
            items: [
              { x: 0, y: 0, width: 12, height: 6, content: { $ref: '#/spec/panels/a' } },
              { x: 6, y: 3, width: 12, height: 6, content: { $ref: '#/spec/panels/b' } },
              { x: 12, y: 0, width: 12, height: 4, content: { $ref: '#/spec/panels/b' } },
              { x: 20, y: 9, width: 8, height: 2, content: { $ref: '#/spec/panels/gone' } },
              { x: '1', y: 11, width: 4, content: { $ref: 'elsewhere' } },
            ],
          },
        },
        { kind: 'Grid', spec: { items: [] } },
      ],
    },
  };

  it('outlines overlaps, marks missing refs, bad numbers and items past column 24', () => {
    const layout = dashboardLayout(doc) as DashboardLayout;
    const items = layout.sections[0]?.items ?? [];
    expect(items.map((i) => i.overlaps)).toEqual([['0.1'], ['0.0', '0.2'], ['0.1'], [], []]);
    expect(items.map((i) => i.missing)).toEqual([false, false, false, true, true]);
    expect(items.map((i) => i.outside)).toEqual([false, false, false, true, false]);
    expect(items[4]).toMatchObject({ x: 0, height: 1, invalid: ['x', 'height'], ref: 'elsewhere' });
    expect(items[4]?.panelKey).toBeUndefined();
    expect(layout.sections.map((s) => [s.title, s.open, s.rows])).toEqual([
      ['One', false, 12],
      [undefined, true, 0],
    ]);
    expect(layout.unplaced).toEqual(['c']);
  });

  it('summarises panels, variables and datasources', () => {
    const layout = dashboardLayout(doc) as DashboardLayout;
    expect(layout.displayName).toBe('My dashboard');
    expect(layout.panels.map((p) => [p.name, p.family, p.pluginLabel, p.description])).toEqual([
      ['A', 'time-series', 'Time Series Chart', 'the A panel'],
      ['b', 'markdown', 'Markdown', undefined],
      ['c', 'other', 'SomePlugin', undefined],
    ]);
    expect(layout.panels[0]?.queries.map((q) => [q.pluginKind, q.query])).toEqual([
      ['PrometheusTimeSeriesQuery', 'up'],
      ['TempoTraceQuery', '{}'],
    ]);
    expect(layout.panels[1]?.markdown).toBe('# hi');
    expect(layout.variables.map((v) => [v.label, v.kind, v.value, v.allowMultiple])).toEqual([
      ['Query', 'TextVariable', 'up', false],
      ['job', 'ListVariable', 'a, b', true],
    ]);
    expect(layout.datasources).toEqual([
      { name: 'prom', pluginKind: 'PrometheusDatasource', local: true, isDefault: true, usedBy: 1 },
      { name: 'tempo', pluginKind: 'TempoDatasource', local: false, isDefault: false, usedBy: 1 },
    ]);
  });

  it('is undefined for anything but a Dashboard', () => {
    expect(dashboardLayout({ kind: 'Project', metadata: { name: 'p' } })).toBeUndefined();
    expect(dashboardLayout('x')).toBeUndefined();
    expect(dashboardLayoutOf(parseText('{"kind": '))).toBeUndefined();
    expect(isRecord(dashboardLayout({ kind: 'Dashboard' }))).toBe(true);
  });
});
