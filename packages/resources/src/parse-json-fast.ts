// The common case of reading JSON, at the speed of the engine's own JSON.parse: a document with
// no duplicate key, no forbidden key and no deeper nesting than allowed gives the same value as
// the strict reader (parse-json.ts), which then runs only when something asks for positions or
// when this check cannot vouch for the text.
import { FORBIDDEN_KEYS, MAX_DEPTH } from './parse-limits.ts';

/** Text that escapes a colon: the count below would no longer be exact. */
const ESCAPED_COLON = /\\u003a/i;

function countColons(s: string): number {
  let n = 0;
  for (let i = s.indexOf(':'); i >= 0; i = s.indexOf(':', i + 1)) n++;
  return n;
}

interface Tally {
  keys: number;
  colonsInStrings: number;
}

/** Walks the value; false when a key is forbidden or a value nests deeper than `maxDepth`. */
function tally(value: unknown, depth: number, maxDepth: number, t: Tally): boolean {
  if (depth > maxDepth) return false;
  if (typeof value === 'string') {
    if (value.includes(':')) t.colonsInStrings += countColons(value);
    return true;
  }
  if (typeof value !== 'object' || value === null) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (!tally(item, depth + 1, maxDepth, t)) return false;
    return true;
  }
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return false;
    t.keys++;
    if (key.includes(':')) t.colonsInStrings += countColons(key);
    if (!tally((value as Record<string, unknown>)[key], depth + 1, maxDepth, t)) return false;
  }
  return true;
}

/**
 * The value of `text` when the strict reader would find it valid with no issue, else undefined.
 *
 * Duplicate keys are ruled out by counting: in valid JSON every colon outside a string separates
 * a key from its value, so (colons in the text) - (colons in the parsed strings) is at least the
 * number of keys written, and equals the number of keys kept only when none was dropped as a
 * duplicate (a dropped key and its value take their colons with them, which only raises the
 * difference). An escaped colon (\u003a) would break the count, so such text takes the slow path.
 */
export function readJsonFast(text: string, maxDepth = MAX_DEPTH): { value: unknown } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const t: Tally = { keys: 0, colonsInStrings: 0 };
  if (!tally(value, 1, maxDepth, t)) return undefined;
  if (t.keys > 0 && (countColons(text) - t.colonsInStrings !== t.keys || ESCAPED_COLON.test(text)))
    return undefined;
  return { value };
}
