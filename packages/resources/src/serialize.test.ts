// The one YAML writer keeps meaning for every reader: YAML 1.2 (ours), YAML 1.1 (the `yaml`
// library's 1.1 schema) and Go's yaml.v3 as Perses uses it (the yaml11-plain-scalar rule).
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseText } from './parse.ts';
import { formatYamlText, serializeResource, toYamlText } from './serialize.ts';
import { exampleFiles, realDashboards } from './testing/fixtures.ts';

/** Reads YAML text back as YAML 1.2 and YAML 1.1, and lints it like a hand-written file. */
function readBack(text: string) {
  return {
    v12: parse(text),
    v11: parse(text, { version: '1.1' }),
    findings: parseText(text, { format: 'yaml' }).findings,
  };
}

/** What the editor's Format does with YAML. */
function format(text: string): string {
  const formatted = formatYamlText(text);
  if (formatted === undefined) throw new Error('Format refused the text');
  return formatted;
}

const dashboards = [
  ...realDashboards().map((d, i) => ({ name: `9-dashboard.json[${i}]`, doc: d })),
  ...exampleFiles()
    .filter((f) => f.path.startsWith('dashboards/'))
    .map((f) => ({ name: f.path, doc: JSON.parse(f.text) as unknown })),
];

describe('toYamlText', () => {
  it('quotes every string that YAML 1.1 or yaml.v3 would read as something else', () => {
    const strings = [
      ...['0_0', '1_0', '1__0', '+_1', '012', '0o17', '0b101', '0x1F', '0_x1F', '1e1_0', '1_0.5'],
      ...['yes', 'No', 'on', 'OFF', 'y', 'n', '~', 'null', 'true', '.inf', '-.Inf', '.nan', '.5'],
      ...[
        '2024-01-02',
        '2024-1-2 3:04:05',
        '2024-01-02T03:04:05Z',
        '1:20',
        '',
        '99999999999999999999',
        '<<',
      ],
    ];
    const doc = { spec: { panels: Object.fromEntries(strings.map((s) => [s, s])) } };
    const text = toYamlText(doc);
    for (const s of strings)
      expect(text).toContain(`\n    ${JSON.stringify(s)}: ${JSON.stringify(s)}\n`);
    const back = readBack(text);
    expect(back.v12).toEqual(doc);
    expect(back.v11).toEqual(doc);
    expect(back.findings).toEqual([]);
    // Ordinary strings and real numbers stay plain.
    expect(toYamlText({ a: 'hello world', b: '1.2.3', c: 10, d: 0.5, e: true, f: null })).toBe(
      'a: hello world\nb: 1.2.3\nc: 10\nd: 0.5\ne: true\nf: null\n',
    );
  });

  it('writes refused characters and YAML 1.1 line breaks as escapes in double quotes', () => {
    const value = { a: 'x\u0001\u007f\u0085\u0090\u2028\u2029\ufffe\uffffy', b: 'tab\tok' };
    const text = toYamlText(value);
    expect(text).toBe('a: "x\\x01\\x7f\\x85\\x90\\u2028\\u2029\\ufffe\\uffffy"\nb: tab\tok\n');
    const back = readBack(text);
    expect(back.v12).toEqual(value);
    expect(back.v11).toEqual(value);
    expect(back.findings).toEqual([]);
  });

  it('formats every document of a file and refuses text with errors', () => {
    expect(format('a:    1\n---\nb:\n    - "0_0"\n')).toBe('a: 1\n---\nb:\n  - "0_0"\n');
    expect(formatYamlText('a: [1\n')).toBeUndefined();
    // Plain scalars that Perses reads as numbers come out quoted.
    expect(format('metadata:\n  name: 1_0\nspec:\n  panels:\n    0_0: {}\n')).toBe(
      'metadata:\n  name: "1_0"\nspec:\n  panels:\n    "0_0": {}\n',
    );
  });

  it('refuses a lone surrogate, which no UTF-8 file can carry', () => {
    expect(() => toYamlText({ a: 'x\ud800' })).toThrow(/lone UTF-16 surrogate/);
  });
});

describe(`Format on every real dashboard (${dashboards.length})`, () => {
  it.each(dashboards)(
    '$name: JSON to YAML and YAML formatted mean the same to 1.1 and 1.2',
    ({ doc }) => {
      const yaml = serializeResource(doc, 'yaml');
      const formatted = format(yaml);
      expect(formatted).toBe(yaml);
      const back = readBack(formatted);
      expect(back.v12).toEqual(doc);
      expect(back.v11).toEqual(doc);
      expect(back.findings).toEqual([]);
    },
    30_000,
  );

  it('keeps the quotes on the real panel keys 0_0 and 1_0', () => {
    const withKeys = dashboards.filter(({ doc }) =>
      Object.keys((doc as { spec: { panels?: object } }).spec.panels ?? {}).includes('1_0'),
    );
    expect(withKeys.length).toBeGreaterThan(0);
    for (const { doc } of withKeys) {
      const text = format(serializeResource(doc, 'yaml'));
      expect(text).toMatch(/\n {4}"0_0":\n/);
      expect(text).toMatch(/\n {4}"1_0":\n/);
      expect(text).toContain('$ref: "#/spec/panels/1_0"');
    }
  }, 30_000);
});
