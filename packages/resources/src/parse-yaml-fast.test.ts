import { describe, expect, it } from 'vitest';
import { fixtureResources } from '@perses-cm/stack';
import { locateYaml, parseYaml } from './parse-yaml.ts';
import { readYamlFast } from './parse-yaml-fast.ts';
import { parseText } from './parse.ts';
import { toYamlText } from './serialize.ts';

/** The fast reader vouches for a text only when the `yaml` library reads it with no issue, alike. */
function agrees(text: string): boolean {
  const fast = readYamlFast(text);
  if (fast) {
    const full = parseYaml(text);
    expect(full.issues).toEqual([]);
    expect(full.documents).toHaveLength(1);
    expect(fast.value).toEqual(full.documents[0]);
  }
  return fast !== undefined;
}

describe('readYamlFast', () => {
  it("reads the real dashboards as the model's writer renders them", () => {
    const dashboards = fixtureResources('9-dashboard.json');
    const fast = dashboards.filter((d) => agrees(toYamlText(d)));
    // Markdown reference links (`[1]: http://...`) look like a collection key: read by the tree.
    expect(fast.length).toBeGreaterThanOrEqual(dashboards.length - 2);
    // Writing and reading 600 KB of YAML with the `yaml` library takes seconds on a busy machine.
  }, 60_000);

  it('types plain scalars with the YAML 1.2 core schema, quoted ones as strings', () => {
    const text = [
      'kind: Dashboard',
      'spec:',
      '  a: 12',
      '  b: -1.5e3',
      '  c: .inf',
      '  d: ~',
      '  e: True',
      '  f: "12"',
      "  g: 'x: y'",
      '  h: 0x1F',
      '  i: 1.50',
      '  j:',
      '  k: [1, two, {x: 3}]',
      '  l: |',
      '    line one',
      '    line two',
      '  m: >-',
      '    folded',
      '    text',
      '  q: sum(rate(x[5m])) * 100 # a comment',
      '  o: up{job!="a"}',
      '  p: "{{instance}} mode"',
      '',
    ].join('\n');
    expect(agrees(text)).toBe(true);
  });

  it('leaves to the `yaml` library whatever lint reports or the readers may take differently', () => {
    const cases = [
      'a: &x 1\nb: *x\n', // anchors and aliases
      'a: !!str 1\n', // tags
      'a: ! 1\n',
      '%YAML 1.1\n---\na: 1\n', // directives
      'a: 1\na: 2\n', // duplicate keys
      'spec:\n  panels:\n    1_0: {}\n', // yaml.v3 reads 1_0 as 10
      'a: yes\n', // a boolean to YAML 1.1 readers
      'a: 012\n', // octal to yaml.v3
      '~: 1\n', // a null key
      '[a, b]: 1\n', // a collection key
      '{ [a]: 1 }\n',
      '? a\n: 1\n', // an explicit key
      'a:\n\t- 1\n', // a tab
      'a: 1\n---\nb: 2\n', // several documents
      '', // nothing
      'just a scalar\n',
      '[]\n',
      '__proto__: 1\n', // a forbidden key
      'a: "\u0001"\n', // a control character
      'a: [1, 2\n', // a syntax error
    ];
    for (const text of cases) expect(agrees(text), text).toBe(false);
  });

  it('places the start of a document as the node tree does, without building it', () => {
    const texts = [
      'kind: Project\nmetadata:\n  name: a\n',
      '\n\n# a comment\n  # another\n\nkind: Project\n',
      '\r\n# windows\r\nkind: Project\r\n',
      '   {kind: Project}\n',
      '---\nkind: Project\n',
      '# only\n--- # marker\nkind: Project\n',
    ];
    for (const text of texts) {
      const tree = parseYaml(text);
      const expected = locateYaml(tree.nodes[0], [], tree.position);
      expect(expected).toBeDefined();
      expect(parseText(text, { format: 'yaml' }).locate([])).toEqual(expected);
    }
  });
});
