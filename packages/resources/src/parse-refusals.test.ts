// Documents Perses would refuse are refused at parse time, with the position: a recursive YAML
// alias (yaml.v3: "anchor 's' value contains itself"), characters yaml.v3's reader refuses
// ("control characters are not allowed"), and control characters inside JSON strings
// (encoding/json: "invalid character in string literal").
import { describe, expect, it } from 'vitest';
import { parseText } from './parse.ts';

const dashboard = (spec: string) =>
  `kind: Dashboard\nmetadata:\n  name: shop\n  project: perses\n${spec}`;

describe('refused like Perses refuses them', () => {
  it('refuses a recursive alias with its line and column, and reads no document', () => {
    const parsed = parseText(dashboard('spec: &s\n  display:\n    name: x\n  self: *s\n'));
    expect(parsed.documents).toEqual([undefined]);
    expect(parsed.findings).toEqual([
      expect.objectContaining({ rule: 'yaml-recursive-alias', severity: 'error', line: 8 }),
    ]);
    expect(parsed.findings[0]?.column).toBe(9);
    expect(parsed.findings[0]?.message).toContain("anchor 's' value contains itself");
    // In a flow sequence too.
    const flow = parseText('a: [&x [*x]]\n');
    expect(flow.findings.map((f) => [f.rule, f.line, f.column])).toEqual([
      ['yaml-recursive-alias', 1, 9],
    ]);
    // An alias after its anchor, outside it, is fine.
    expect(parseText('a: &x [1]\nb: *x\n').findings).toEqual([]);
  });

  it.each([
    ['\u0001', 'U+0001'],
    ['\u001b', 'U+001B'],
    ['\u007f', 'U+007F'],
    ['\u0080', 'U+0080'],
    ['\u009f', 'U+009F'],
    ['\ufffe', 'U+FFFE'],
    ['\uffff', 'U+FFFF'],
    ['\ud800', 'U+D800'],
  ])('refuses the raw character %j anywhere in YAML, with its position', (char, name) => {
    for (const [text, line, column] of [
      [dashboard(`spec:\n  display:\n    name: "a${char}b"\n`), 7, 13],
      [dashboard(`spec: {}\n# note ${char}\n`), 6, 8],
    ] as const) {
      const parsed = parseText(text);
      expect(parsed.documents).toEqual([undefined]);
      expect(parsed.findings).toEqual([
        expect.objectContaining({ rule: 'control-character', severity: 'error', line, column }),
      ]);
      expect(parsed.findings[0]?.message).toContain(name);
      expect(parsed.findings[0]?.message).toContain('control characters are not allowed');
    }
  });

  it('accepts what yaml.v3 accepts: tab, CR LF, NEL, no-break space, astral characters, a BOM', () => {
    const text = `\ufeff${dashboard('spec:\r\n  display:\r\n    name: "a\tb\u0085c\u00a0d 📈"\r\n')}`;
    const parsed = parseText(text);
    expect(parsed.findings).toEqual([]);
    expect(parsed.documents[0]).toMatchObject({
      spec: { display: { name: 'a\tb\u0085c\u00a0d 📈' } },
    });
  });

  it('refuses a raw NUL or control character in a JSON string, with its position', () => {
    for (const [char, code] of [
      ['\u0000', '0000'],
      ['\u0001', '0001'],
      ['\u001f', '001F'],
    ]) {
      const parsed = parseText(`{\n  "kind": "Project",\n  "metadata": {"name": "a${char}"}\n}\n`, {
        filename: 'p.json',
      });
      expect(parsed.documents).toEqual([]);
      expect(parsed.findings).toEqual([
        expect.objectContaining({ rule: 'parse-error', severity: 'error', line: 3, column: 26 }),
      ]);
      expect(parsed.findings[0]?.message).toContain(`U+${code}`);
      expect(parsed.findings[0]?.message).toContain(`\\u${code}`);
    }
    // encoding/json takes DEL and C1 controls in strings, and reads the file as JSON.
    const del = parseText('{"kind": "Project", "metadata": {"name": "a"}, "x": "\u007f\u0085"}');
    expect(del.format).toBe('json');
    expect(del.findings).toEqual([]);
  });
});
