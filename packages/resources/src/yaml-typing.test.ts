// The yaml11-plain-scalar rule on hand-written YAML: plain scalars that Perses (Go's yaml.v3) or
// another YAML 1.1 reader types differently from YAML 1.2, with line and column.
import { describe, expect, it } from 'vitest';
import { lintResources } from './lint.ts';
import { parseText } from './parse.ts';
import { serializeResource } from './serialize.ts';
import { realDashboards } from './testing/fixtures.ts';
import { YAML11_RULE } from './yaml-typing.ts';

const rule = (text: string) =>
  parseText(text, { filename: 'd.yaml' }).findings.filter((f) => f.rule === YAML11_RULE);

/** A real dashboard with numeric panel keys, written by hand: the keys plain, the $refs quoted. */
function handWritten(): { text: string; keys: string[] } {
  const doc = realDashboards().find((d) =>
    Object.keys((d as { spec: { panels?: object } }).spec.panels ?? {}).includes('1_0'),
  );
  const text = serializeResource(doc, 'yaml').replace(/^( {4})"([0-9_]+)":$/gm, '$1$2:');
  const keys = [...text.matchAll(/^ {4}([0-9_]+):$/gm)].map((m) => m[1] ?? '');
  return { text, keys };
}

describe('yaml11-plain-scalar', () => {
  it('is an error on every plain panel key of a real dashboard that a $ref can no longer find', () => {
    const { text, keys } = handWritten();
    expect(keys).toContain('0_0');
    expect(keys).toContain('1_0');
    const findings = rule(text);
    expect(findings).toHaveLength(keys.length);
    const lines = text.split('\n');
    for (const f of findings) {
      expect(f.severity).toBe('error');
      const key = lines[(f.line ?? 0) - 1]?.slice((f.column ?? 0) - 1).replace(/:$/, '');
      expect(keys).toContain(key);
      expect(f.message).toContain(`panel key ${key}: Perses (Go's yaml.v3`);
      expect(f.message).toContain(`$ref "#/spec/panels/${key}" finds no panel`);
      expect(f.message).toContain(`quote it ("${key}")`);
    }
    const tenth = findings.find((f) => f.message.startsWith('panel key 1_0:'));
    expect(tenth?.message).toContain('reads it as the number 10, YAML 1.2 as the string "1_0"');
    // The lint CLI reports the same findings for the file.
    const cli = lintResources([{ source: 'file', path: 'd.yaml', text }]).filter(
      (f) => f.rule === YAML11_RULE,
    );
    expect(cli.map((f) => [f.line, f.column, f.severity])).toEqual(
      findings.map((f) => [f.line, f.column, f.severity]),
    );
    // A 118 KB real dashboard, parsed and linted twice: slow on a busy machine, not a speed check.
  }, 30_000);

  it('is an error on a name Perses reads as a number, a warning elsewhere, with line and column', () => {
    const text = [
      'kind: Dashboard',
      'metadata:',
      '  name: 1_0',
      '  project: perses',
      'spec:',
      '  display:',
      '    name: 2024-01-02',
      '    description: yes',
      '  duration: 1h',
      '  panels:',
      '    yes:',
      '      kind: Panel',
      '      spec:',
      '        display: {name: 0o17}',
      '        plugin: {kind: Markdown, spec: {text: 012, width: 08, ok: "1_0", tagged: !!str 1_0}}',
      '',
    ].join('\n');
    expect(rule(text).map((f) => [f.line, f.column, f.severity, f.message.split(':')[0]])).toEqual([
      [3, 9, 'error', 'metadata.name 1_0'],
      [7, 11, 'warning', 'plain scalar 2024-01-02'],
      [8, 18, 'warning', 'plain scalar yes'],
      [11, 5, 'warning', 'panel key yes'],
      [15, 47, 'warning', 'plain scalar 012'],
    ]);
    const [, date, bool, , octal] = rule(text);
    expect(date?.message).toContain(
      "Perses (Go's yaml.v3, which keeps YAML 1.1 forms) reads it as a timestamp",
    );
    expect(bool?.message).toContain(
      'YAML 1.1 readers (kubectl, PyYAML; not Perses) read it as the boolean true',
    );
    expect(octal?.message).toContain('reads it as the number 10, YAML 1.2 as the number 12');
  });

  it('finds nothing in YAML every reader reads the same', () => {
    const text =
      'kind: Project\nmetadata:\n  name: "1_0"\nspec:\n  display: {name: "yes", num: 12, f: 0.5}\n';
    expect(rule(text)).toEqual([]);
  });
});
