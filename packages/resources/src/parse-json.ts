// A strict JSON reader that keeps the span of every value. JSON.parse gives neither positions for
// valid documents nor duplicate-key detection, and both are needed for precise findings and for
// edits that touch one value and leave every other byte as it was.

import {
  FORBIDDEN_KEYS,
  MAX_DEPTH,
  defineKey,
  lineStartsOf,
  pointerKey,
  positionAt,
  type Position,
  type Span,
} from './parse-limits.ts';

export interface JsonIssue {
  offset: number;
  rule: 'parse-error' | 'duplicate-key' | 'forbidden-key' | 'max-depth';
  message: string;
  /** Where in the value the problem is (the key's value, or the too-deep value). */
  pointer?: (string | number)[];
}

export interface JsonResult {
  /** Undefined when the text is not syntactically JSON. */
  value?: unknown;
  syntaxError?: JsonIssue;
  /** Semantic problems in otherwise valid JSON (duplicates, forbidden keys). */
  issues: JsonIssue[];
  /** Offsets of every value by pointer key; positions are derived on demand. */
  spans: Map<string, Span>;
  position(offset: number): Position;
}

/** What ends a plain run inside a JSON string (control characters are refused there). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const STRING_STOP = /["\\\u0000-\u001f]/g;

const SIMPLE_ESCAPES: ReadonlyMap<number, number> = new Map(
  [...'"\\/bfnrt'].map((e, k) => [e.charCodeAt(0), '"\\/\b\f\n\r\t'.charCodeAt(k)]),
);

/** The character code of the escape sequence starting at `at` (a backslash), or -1. */
function escapeAt(text: string, at: number): number {
  const e = text.charCodeAt(at + 1);
  if (e !== 0x75) return SIMPLE_ESCAPES.get(e) ?? -1;
  if (at + 6 > text.length) return -1;
  let v = 0;
  for (let k = at + 2; k < at + 6; k++) {
    const c = text.charCodeAt(k) | 0x20; // lower-cases letters, keeps digits
    if (c >= 0x30 && c <= 0x39) v = v * 16 + c - 0x30;
    else if (c >= 0x61 && c <= 0x66) v = v * 16 + c - 0x57;
    else return -1;
  }
  return v;
}

class SyntaxStop extends Error {
  constructor(readonly issue: JsonIssue) {
    super(issue.message);
  }
}

/** `maxDepth`: a wrapper around a document (an HTTP request body) adds its own levels. */
export function parseJson(text: string, maxDepth = MAX_DEPTH): JsonResult {
  const lineStarts = lineStartsOf(text);
  const position = (offset: number) => positionAt(text, offset, lineStarts);
  const spans = new Map<string, Span>();
  const issues: JsonIssue[] = [];
  let i = 0;

  const fail = (
    message: string,
    at = i,
    rule: JsonIssue['rule'] = 'parse-error',
    pointer?: (string | number)[],
  ): never => {
    throw new SyntaxStop({ offset: at, rule, message, ...(pointer ? { pointer } : {}) });
  };
  const ws = () => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
  };
  const describe = (at: number) =>
    at >= text.length ? 'end of input' : `character ${JSON.stringify(text[at])}`;

  const parseString = (): string => {
    const start = i;
    i++; // opening quote
    // Plain runs are copied with one slice and escapes are decoded in batches: a 1 MiB string
    // (or its 6 MiB `\uXXXX` form) must not cost a million string appends.
    let out = '';
    const escaped: number[] = [];
    const flush = () => {
      for (let k = 0; k < escaped.length; k += 4096)
        out += String.fromCharCode(...escaped.slice(k, k + 4096));
      escaped.length = 0;
    };
    let run = i;
    for (;;) {
      if (i >= text.length) fail('unterminated string', start);
      const c = text.charCodeAt(i);
      if (c === 0x22 || c === 0x5c) {
        if (i > run) {
          flush();
          out += text.slice(run, i);
        }
        if (c === 0x22) {
          i++;
          flush();
          return out;
        }
        const code = escapeAt(text, i);
        if (code < 0) fail('invalid escape sequence');
        escaped.push(code);
        i += text.charCodeAt(i + 1) === 0x75 ? 6 : 2;
        run = i;
        continue;
      }
      if (c < 0x20) {
        const code = c.toString(16).toUpperCase().padStart(4, '0');
        fail(
          `control character U+${code} in a string (Go's encoding/json refuses it too): escape it as \\u${code}`,
        );
      }
      // Jump to the next quote, backslash or control character (a native scan).
      STRING_STOP.lastIndex = i + 1;
      i = STRING_STOP.test(text) ? STRING_STOP.lastIndex - 1 : text.length;
    }
  };

  const parseNumber = (): number => {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (!m) fail(`unexpected ${describe(i)}`);
    const raw = (m as RegExpExecArray)[0];
    i += raw.length;
    return Number(raw);
  };

  const parseValue = (pointer: (string | number)[], depth: number, keyAt?: number): unknown => {
    ws();
    const start = i;
    const value = parseBare(pointer, depth);
    spans.set(pointerKey(pointer), { keyStart: keyAt ?? start, start, end: i });
    return value;
  };

  const parseBare = (pointer: (string | number)[], depth: number): unknown => {
    if (depth > maxDepth)
      fail(`document nests deeper than ${maxDepth} levels`, i, 'max-depth', pointer);
    const c = text[i];
    if (c === '{') return parseObject(pointer, depth);
    if (c === '[') return parseArray(pointer, depth);
    if (c === '"') return parseString();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return parseNumber();
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return value;
      }
    }
    return fail(`unexpected ${describe(i)}, expected a value`);
  };

  const parseObject = (pointer: (string | number)[], depth: number) => {
    const obj: Record<string, unknown> = {};
    const seen = new Set<string>();
    i++;
    ws();
    if (text[i] === '}') {
      i++;
      return obj;
    }
    for (;;) {
      ws();
      if (text[i] !== '"') fail(`unexpected ${describe(i)}, expected a quoted key`);
      const keyAt = i;
      const key = parseString();
      if (seen.has(key))
        issues.push({
          offset: keyAt,
          rule: 'duplicate-key',
          message: `duplicate key ${JSON.stringify(key)}`,
          pointer: [...pointer, key],
        });
      if (FORBIDDEN_KEYS.has(key))
        issues.push({
          offset: keyAt,
          rule: 'forbidden-key',
          message: `forbidden key ${JSON.stringify(key)}`,
          pointer: [...pointer, key],
        });
      seen.add(key);
      ws();
      if (text[i] !== ':') fail(`unexpected ${describe(i)}, expected ":"`);
      i++;
      defineKey(obj, key, parseValue([...pointer, key], depth + 1, keyAt));
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return obj;
      }
      fail(`unexpected ${describe(i)}, expected "," or "}"`);
    }
  };

  const parseArray = (pointer: (string | number)[], depth: number) => {
    const arr: unknown[] = [];
    i++;
    ws();
    if (text[i] === ']') {
      i++;
      return arr;
    }
    for (;;) {
      arr.push(parseValue([...pointer, arr.length], depth + 1));
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return arr;
      }
      fail(`unexpected ${describe(i)}, expected "," or "]"`);
    }
  };

  try {
    const value = parseValue([], 1);
    ws();
    if (i < text.length) fail(`unexpected ${describe(i)} after the end of the document`);
    return { value, issues, spans, position };
  } catch (e) {
    if (e instanceof SyntaxStop) return { syntaxError: e.issue, issues, spans, position };
    throw e;
  }
}
