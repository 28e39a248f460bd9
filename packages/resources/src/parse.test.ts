import { describe, expect, it } from 'vitest';
import { parseText } from './parse.ts';
import { MAX_DEPTH, MAX_YAML_ALIASES } from './parse-limits.ts';
import { fixtureText } from './testing/fixtures.ts';

describe('parseText', () => {
  it('reads the real 370 KB dashboards file as JSON, unchanged and with positions', () => {
    const text = fixtureText('9-dashboard.json');
    const parsed = parseText(text, { filename: '9-dashboard.json' });
    expect(parsed.format).toBe('json');
    expect(parsed.findings).toEqual([]);
    expect(parsed.documents[0]).toEqual(JSON.parse(text));
    // Key order is the user's (toEqual ignores order, stringify does not).
    expect(JSON.stringify(parsed.documents[0])).toBe(JSON.stringify(JSON.parse(text)));
    const pos = parsed.locate([1, 'metadata', 'name']);
    const line = text.split('\n')[(pos?.line ?? 0) - 1] ?? '';
    expect(line.slice((pos?.column ?? 1) - 1)).toMatch(/^"Benchmark"/);
  });

  it('reports JSON syntax errors with line and column', () => {
    const parsed = parseText('{\n  "kind": "Project",\n  "metadata": {"name": "a"\n}\n', {
      filename: 'p.json',
    });
    expect(parsed.findings).toHaveLength(1);
    expect(parsed.findings[0]).toMatchObject({
      path: 'p.json',
      line: 5,
      column: 1,
      severity: 'error',
      rule: 'parse-error',
    });
    expect(parsed.findings[0]?.message).toBe(
      'invalid JSON: unexpected end of input, expected "," or "}"',
    );
    const bad = parseText('{"kind": "Project",\n  "metadata": {"name": x}}');
    // Valid as YAML (flow mapping with a plain scalar): Perses reads it, so only a warning.
    expect(bad.findings[0]).toMatchObject({ line: 2, column: 24, rule: 'json-fallback-yaml' });
    const broken = parseText('{"kind": "Project",\n  "metadata": {"name": "a" "b"}}');
    expect(broken.findings).toMatchObject([{ line: 2, column: 28, rule: 'parse-error' }]);
  });

  it('detects the format from content, like Perses, and warns when JSON only parses as YAML', () => {
    expect(parseText('kind: Project\nmetadata:\n  name: a\n', { filename: 'x.json' }).format).toBe(
      'yaml',
    );
    const lenient = parseText('{"kind": "Project", "metadata": {"name": "a"},}', {
      filename: 'p.json',
    });
    expect(lenient.format).toBe('yaml');
    expect(lenient.documents[0]).toEqual({ kind: 'Project', metadata: { name: 'a' } });
    expect(lenient.findings.map((f) => [f.rule, f.severity, f.column])).toEqual([
      ['json-fallback-yaml', 'warning', 47],
    ]);
  });

  it('refuses duplicate keys in JSON and YAML', () => {
    const json = parseText('{"kind": "Project", "kind": "Dashboard"}');
    expect(json.findings).toMatchObject([{ rule: 'duplicate-key', line: 1, column: 21 }]);
    const yaml = parseText('kind: Project\nmetadata:\n  name: a\n  name: b\n');
    expect(yaml.findings).toMatchObject([{ rule: 'duplicate-key', severity: 'error' }]);
    expect(yaml.documents).toEqual([undefined]);
  });

  it('names the field of a duplicate or forbidden key', () => {
    const dup = parseText('{"kind": "Project", "metadata": {"name": "a", "name": "b"}}');
    expect(dup.findings).toMatchObject([{ rule: 'duplicate-key', field: 'metadata.name' }]);
    const proto = parseText('{"spec": {"items": [{"__proto__": {}}]}}');
    expect(proto.findings).toMatchObject([
      { rule: 'forbidden-key', field: 'spec.items[0].__proto__' },
    ]);
  });

  it('decodes every JSON escape as JSON.parse does, in short and in megabyte strings', () => {
    const samples = [
      'plain',
      'a\\"b',
      '\\u00e9\\u20AC\\ud83d\\ude00',
      '\\b\\f\\n\\r\\t\\/',
      'é€😀',
    ];
    for (const raw of samples) {
      const text = `{"s": "${raw}"}`;
      expect(parseText(text).documents[0], raw).toEqual(JSON.parse(text));
    }
    const big = 'é'.repeat(300_000) + 'x'.repeat(300_000);
    const escaped = [...big].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    const text = `{"s": "${escaped.join('')}"}`;
    expect((parseText(text).documents[0] as { s: string }).s).toBe(big);
    for (const bad of ['"\\x"', '"\\u12"', '"\\u12g4"', '"a']) {
      expect(parseText(`{"s": ${bad}}`, { format: 'json' }).findings[0]?.rule, bad).toBe(
        'parse-error',
      );
    }
  });

  it('refuses prototype keys without polluting anything', () => {
    const json = parseText('{"__proto__": {"polluted": true}, "a": {"constructor": 1}}');
    expect(json.findings.map((f) => f.rule)).toEqual(['forbidden-key', 'forbidden-key']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const doc = json.documents[0] as Record<string, unknown>;
    expect(Object.getPrototypeOf(doc)).toBe(Object.prototype);
    const yaml = parseText('a:\n  prototype: 1\n');
    expect(yaml.findings).toMatchObject([{ rule: 'forbidden-key', line: 2, column: 3 }]);
  });

  it(`refuses nesting deeper than ${MAX_DEPTH} levels`, () => {
    const ok = '['.repeat(MAX_DEPTH - 1) + '1' + ']'.repeat(MAX_DEPTH - 1);
    expect(parseText(ok).findings).toEqual([]);
    const deep = '['.repeat(MAX_DEPTH + 1) + ']'.repeat(MAX_DEPTH + 1);
    expect(parseText(deep).findings).toMatchObject([{ rule: 'max-depth', severity: 'error' }]);
    // A wrapper such as a request body allows its own levels on top, and no more.
    const wrapped = `{"document": ${ok}}`;
    expect(parseText(wrapped, { maxDepth: MAX_DEPTH + 1 }).findings).toEqual([]);
    expect(parseText(`{"document": ${deep}}`, { maxDepth: MAX_DEPTH + 1 }).findings).toMatchObject([
      { rule: 'max-depth' },
    ]);
    const deepYaml = Array.from(
      { length: MAX_DEPTH + 2 },
      (_, i) => `${'  '.repeat(i)}k${i}:`,
    ).join('\n');
    expect(parseText(deepYaml).findings.map((f) => f.rule)).toContain('max-depth');
  });

  it('caps YAML aliases (billion laughs) and refuses custom tags', () => {
    const laughs = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
    ].join('\n');
    const parsed = parseText(laughs);
    expect(parsed.findings).toMatchObject([{ rule: 'yaml-aliases', severity: 'error' }]);
    expect(parsed.findings[0]?.message).toContain(String(MAX_YAML_ALIASES));
    expect(parseText('a: &x 1\nb: *x\n').findings).toEqual([]);
    const tagged = parseText('kind: !custom Dashboard\ndata: !!binary aGVsbG8=\nok: !!str 3\n');
    expect(tagged.findings.map((f) => [f.rule, f.line])).toEqual([
      ['yaml-tag', 1],
      ['yaml-tag', 2],
    ]);
  });

  it('keeps every YAML document, warns that Perses reads only the first, and locates per document', () => {
    const parsed = parseText(
      'kind: Project\nmetadata:\n  name: a\n---\nkind: Project\nmetadata:\n  name: b\n',
      {
        filename: 'p.yaml',
      },
    );
    expect(parsed.documents).toHaveLength(2);
    expect(parsed.findings).toMatchObject([
      { rule: 'multi-document', severity: 'warning', line: 4, path: 'p.yaml' },
    ]);
    expect(parsed.locate(['metadata', 'name'], 1)).toEqual({ line: 7, column: 3 });
  });

  it('reports YAML syntax errors with line and column', () => {
    const parsed = parseText('kind: Project\nmetadata:\n  name: [a, b\nspec: {}\n');
    expect(parsed.findings[0]).toMatchObject({ rule: 'parse-error', severity: 'error', line: 4 });
    expect(parsed.findings[0]?.message).toMatch(/^invalid YAML: /);
  });

  it('gives the exact span of a value and of its key, in JSON and YAML, and nothing for a missing one', () => {
    const json = '{\n  "spec": {"items": [ {"x": 12, "name": "a"} ]}\n}\n';
    const yaml = 'spec:\n  items:\n    - x: 12 # left\n      name: a\n';
    for (const text of [json, yaml]) {
      const parsed = parseText(text);
      const x = parsed.span(['spec', 'items', 0, 'x']);
      expect(text.slice(x?.start, x?.end)).toBe('12');
      expect(text.slice(x?.keyStart, x?.start)).toMatch(/^"?x"?:\s*$/);
      const item = parsed.span(['spec', 'items', 0]);
      expect(text.slice(item?.start, item?.end)).toMatch(/x"?: 12[\s\S]*name"?: "?a"?/);
      expect(parsed.span(['spec', 'items', 0, 'y'])).toBeUndefined();
      expect(parsed.span(['spec', 'items', 1])).toBeUndefined();
    }
    expect(parseText('{"a": ').span([])).toBeUndefined();
  });
});
