// A strict JSON reader that keeps a position for every value. JSON.parse gives neither positions
// for valid documents nor duplicate-key detection, and both are needed for precise findings.

import {
  FORBIDDEN_KEYS,
  MAX_DEPTH,
  defineKey,
  lineStartsOf,
  pointerKey,
  positionAt,
  type Position,
} from './parse-limits.ts';

export interface JsonIssue {
  offset: number;
  rule: 'parse-error' | 'duplicate-key' | 'forbidden-key' | 'max-depth';
  message: string;
}

export interface JsonResult {
  /** Undefined when the text is not syntactically JSON. */
  value?: unknown;
  syntaxError?: JsonIssue;
  /** Semantic problems in otherwise valid JSON (duplicates, forbidden keys). */
  issues: JsonIssue[];
  positions: Map<string, Position>;
  position(offset: number): Position;
}

class SyntaxStop extends Error {
  constructor(readonly issue: JsonIssue) {
    super(issue.message);
  }
}

export function parseJson(text: string): JsonResult {
  const lineStarts = lineStartsOf(text);
  const position = (offset: number) => positionAt(text, offset, lineStarts);
  const positions = new Map<string, Position>();
  const issues: JsonIssue[] = [];
  let i = 0;

  const fail = (message: string, at = i, rule: JsonIssue['rule'] = 'parse-error'): never => {
    throw new SyntaxStop({ offset: at, rule, message });
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
    let out = '';
    for (;;) {
      if (i >= text.length) fail('unterminated string', start);
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return out;
      }
      if (c < 0x20) {
        const code = c.toString(16).toUpperCase().padStart(4, '0');
        fail(
          `control character U+${code} in a string (Go's encoding/json refuses it too): escape it as \\u${code}`,
        );
      }
      if (c === 0x5c) {
        const e = text[i + 1];
        const simple: Record<string, string> = {
          '"': '"',
          '\\': '\\',
          '/': '/',
          b: '\b',
          f: '\f',
          n: '\n',
          r: '\r',
          t: '\t',
        };
        if (e !== undefined && e in simple) {
          out += simple[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else fail('invalid escape sequence');
      } else {
        out += text[i];
        i++;
      }
    }
  };

  const parseNumber = (): number => {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (!m) fail(`unexpected ${describe(i)}`);
    const raw = (m as RegExpExecArray)[0];
    i += raw.length;
    return Number(raw);
  };

  const parseValue = (pointer: (string | number)[], depth: number): unknown => {
    ws();
    positions.set(pointerKey(pointer), position(i));
    if (depth > MAX_DEPTH) fail(`document nests deeper than ${MAX_DEPTH} levels`, i, 'max-depth');
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
        });
      if (FORBIDDEN_KEYS.has(key))
        issues.push({
          offset: keyAt,
          rule: 'forbidden-key',
          message: `forbidden key ${JSON.stringify(key)}`,
        });
      seen.add(key);
      ws();
      if (text[i] !== ':') fail(`unexpected ${describe(i)}, expected ":"`);
      i++;
      defineKey(obj, key, parseValue([...pointer, key], depth + 1));
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
    return { value, issues, positions, position };
  } catch (e) {
    if (e instanceof SyntaxStop) return { syntaxError: e.issue, issues, positions, position };
    throw e;
  }
}
