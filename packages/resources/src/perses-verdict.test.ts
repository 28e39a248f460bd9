// Perses v0.54.0's validation answers, as the real server gave them (plugin schema paths trimmed to
// the part that matters), split per field and located in the document they were about.
import { describe, expect, it } from 'vitest';
import { persesMessageText, persesProblems } from './perses-verdict.ts';

const PLUGINS = '../../../../tmp/stack/perses/plugins';

const dashboard = {
  kind: 'Dashboard',
  metadata: { name: 'x', project: 'p' },
  spec: {
    variables: [
      { kind: 'TextVariable', spec: { name: 'text' } },
      {
        kind: 'ListVariable',
        spec: { name: 'v', plugin: { kind: 'PrometheusLabelValuesVariable' } },
      },
    ],
    panels: { a: { kind: 'Panel', spec: { plugin: { kind: 'Nope', spec: {} } } } },
    layouts: [
      { kind: 'Grid', spec: { items: [{ content: { $ref: '#/spec/panels/a' } }] } },
      { kind: 'Grid', spec: { items: [{}, { content: { $ref: '#/spec/panels/b' } }] } },
    ],
  },
};

describe('persesProblems', () => {
  it('puts a panel field Perses refuses on the field of the panel plugin', () => {
    const msg =
      'bad request: bad request: invalid panel a: spec.foo: field not allowed:\n    1:35\n';
    expect(persesProblems(msg, dashboard)).toEqual([
      {
        message: 'panel "a": spec.foo: field not allowed',
        pointer: ['spec', 'panels', 'a', 'spec', 'plugin', 'spec', 'foo'],
      },
    ]);
  });

  it('merges the branches of one disjunction and keeps fields apart', () => {
    const msg = `bad request: bad request: invalid panel a: spec.legend.mode: 2 errors in empty disjunction:
spec.legend.mode: conflicting values "list" and "x":
    ${PLUGINS}/TimeSeriesChart/cue.mod/pkg/github.com/perses/shared/cue/common/legend.cue:18:12
    1:52
spec.legend.mode: conflicting values "table" and "x":
    ${PLUGINS}/TimeSeriesChart/schemas/time-series.cue:22:18
    1:52
spec.yAxis.show: conflicting values "no" and bool (mismatched types string and bool):
    1:94
`;
    const problems = persesProblems(msg, dashboard);
    expect(problems.map((p) => p.message)).toEqual([
      'panel "a": spec.legend.mode: conflicting values "list" and "x"; conflicting values "table" and "x"',
      'panel "a": spec.yAxis.show: conflicting values "no" and bool (mismatched types string and bool)',
    ]);
    expect(problems[1]?.pointer).toEqual([
      'spec',
      'panels',
      'a',
      'spec',
      'plugin',
      'spec',
      'yAxis',
      'show',
    ]);
  });

  it('locates a query by its number and a dashboard variable by its name', () => {
    const msg = `bad request: bad request: panel "a": invalid query n°2: spec.query: conflicting values 5 and strings.MinRunes(1) (mismatched types int and string):
    ${PLUGINS}/Prometheus/schemas/prometheus-time-series-query/query.cue:25:21
    1:1
invalid variable v: spec.labelName: conflicting values 3 and strings.MinRunes(1) (mismatched types int and string):
    1:61
`;
    const [query, variable] = persesProblems(msg, dashboard);
    expect(query?.pointer).toEqual([
      'spec',
      'panels',
      'a',
      'spec',
      'queries',
      1,
      'spec',
      'plugin',
      'spec',
      'query',
    ]);
    expect(query?.message).toMatch(/^panel "a", query 2: spec.query: conflicting values 5/);
    expect(variable?.pointer).toEqual([
      'spec',
      'variables',
      1,
      'spec',
      'plugin',
      'spec',
      'labelName',
    ]);
  });

  it('puts a Datasource resource problem under its plugin', () => {
    const msg = `bad request: invalid datasource x: spec: 2 errors in empty disjunction:
spec.directUrl: conflicting values 5 and =~"^https?://" (mismatched types int and string):
    1:52
spec.directUrl: field not allowed:
    1:40
`;
    const doc = { kind: 'Datasource', metadata: { name: 'x' }, spec: { plugin: {} } };
    expect(persesProblems(msg, doc)).toEqual([
      {
        message:
          'datasource "x": spec.directUrl: conflicting values 5 and =~"^https?://" (mismatched types int and string); field not allowed',
        pointer: ['spec', 'plugin', 'spec', 'directUrl'],
      },
    ]);
  });

  it('finds the layout item of a dangling $ref and the plugin of an unknown kind', () => {
    const ref =
      'bad request: code=400, message=no panel found for ref "b", internal=no panel found for ref "b"';
    expect(persesProblems(ref, dashboard)).toEqual([
      {
        message: 'no panel found for ref "b"',
        pointer: ['spec', 'layouts', 1, 'spec', 'items', 1, 'content', '$ref'],
      },
    ]);
    const plugin =
      'bad request: bad request: schema not found for plugin Nope with version unknown';
    expect(persesProblems(plugin, dashboard)[0]?.pointer).toEqual([
      'spec',
      'panels',
      'a',
      'spec',
      'plugin',
      'kind',
    ]);
  });

  it('keeps a message it cannot place whole, without a pointer', () => {
    expect(persesProblems('panel schemas are not loaded', dashboard)).toEqual([
      { message: 'panel schemas are not loaded' },
    ]);
    expect(persesMessageText('bad request: bad request: x')).toBe('x');
  });
});
