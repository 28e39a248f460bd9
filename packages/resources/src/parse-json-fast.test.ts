import { describe, expect, it } from 'vitest';
import { parseJson } from './parse-json.ts';
import { readJsonFast } from './parse-json-fast.ts';
import { parseText } from './parse.ts';

/** The fast reader vouches for a text exactly when the strict one finds it valid with no issue. */
function agrees(text: string, maxDepth?: number) {
  const strict = parseJson(text, maxDepth);
  const clean = !strict.syntaxError && strict.issues.length === 0;
  const fast = readJsonFast(text, maxDepth);
  if (fast) {
    expect(clean).toBe(true);
    expect(fast.value).toEqual(strict.value);
  }
  return fast !== undefined;
}

describe('readJsonFast', () => {
  it('reads plain documents, colons in strings and keys included', () => {
    expect(agrees('{"kind":"Dashboard","spec":{"a:b":"http://x:9090","n":[1,{"c":"::"}]}}')).toBe(
      true,
    );
    expect(agrees('[]')).toBe(true);
    expect(agrees('"a:b"')).toBe(true);
  });

  it('leaves duplicate keys to the strict reader, whatever colons hide them', () => {
    expect(agrees('{"a":1,"a":2}')).toBe(false);
    // The dropped value carries a colon: the count still cannot match.
    expect(agrees('{"a":"x:y","a":"z"}')).toBe(false);
    // An escaped colon inside a string could make up for a dropped key.
    expect(agrees('{"a":"\\u003a","b":1,"b":2}')).toBe(false);
    expect(agrees('{"a":{"b":1},"c":{"b":1,"b":1}}')).toBe(false);
  });

  it('leaves forbidden keys, too-deep nesting and invalid text to the strict reader', () => {
    expect(agrees('{"__proto__":{}}')).toBe(false);
    expect(agrees('{"spec":{"constructor":1}}')).toBe(false);
    expect(agrees('[[[1]]]', 3)).toBe(false);
    expect(agrees('[[1]]', 3)).toBe(true);
    expect(agrees('{"a":1,}')).toBe(false);
  });

  it('gives the same positions on demand as the strict reader', () => {
    const text = '\n  {"kind": "Dashboard",\n   "spec": {"panels": {"a": {"kind": "Panel"}}}}';
    const parsed = parseText(text);
    const strict = parseJson(text);
    const at = (key: string) => strict.position(strict.spans.get(key)?.start ?? -1);
    expect(parsed.findings).toEqual([]);
    expect(parsed.locate([])).toEqual({ line: 2, column: 3 });
    expect(parsed.locate(['spec', 'panels', 'a', 'kind'])).toEqual(at('spec/panels/a/kind'));
    // A missing field is reported where its nearest parent starts.
    expect(parsed.locate(['spec', 'missing'])).toEqual(at('spec'));
    expect(parsed.span(['spec', 'panels'])).toEqual(strict.spans.get('spec/panels'));
  });
});
