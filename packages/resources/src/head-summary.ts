// Who a Dashboard is, read from the head of its text without parsing the rest: kind,
// metadata.name, metadata.project and spec.display.name. A console start indexes thousands of
// large dashboards from this and checks them fully later. Anything unusual (a list, several YAML
// documents, flow style, anchors, aliases, tags, duplicate or case-folded keys it can see, escapes
// it cannot decode exactly, multi-line scalars) answers null: "don't know, parse it all".
import type { DocFormat } from './doc-format.ts';

export interface HeadSummary {
  format: DocFormat;
  kind: 'Dashboard';
  name: string;
  /** `metadata.project` when it is a string; null when absent. */
  project: string | null;
  /** `spec.display.name` when it is a string; null when `display` or its name is absent. */
  displayName: string | null;
}

interface Fields {
  kind?: string;
  name?: string;
  project?: string;
  displayName?: string;
  metadataSeen: boolean;
  displaySeen: boolean;
  /** spec seen to its end (or display found in it). */
  specDone: boolean;
}

/**
 * Characters yaml.v3 refuses, line separators and a BOM: a value read with one is left to the full
 * parse. Only the values read are tested (a whole-text scan would cost most of the head's time);
 * such a character elsewhere is the check's to find.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNUSUAL_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/;

/** The summary of a single Dashboard, or null when only a full parse can say. */
export function headSummary(text: string): HeadSummary | null {
  const first = text.search(/\S/);
  if (first < 0 || text.charCodeAt(0) === 0xfeff) return null;
  const f =
    text[first] === '{'
      ? jsonHead(text, first)
      : text[first] === '[' || text[first] === '"'
        ? null
        : yamlHead(text);
  if (!f || f.kind !== 'Dashboard' || f.name === undefined || f.name === '') return null;
  if (f.project === '') return null;
  for (const v of [f.name, f.project, f.displayName]) if (v && UNUSUAL_CHARS.test(v)) return null;
  return {
    format: text[first] === '{' ? 'json' : 'yaml',
    kind: 'Dashboard',
    name: f.name,
    project: f.project ?? null,
    displayName: f.displayName ?? null,
  };
}

const TOP_KEYS = ['kind', 'metadata', 'spec'];

/** A key that Go's encoding/json would match to a field case-insensitively, spelt otherwise. */
function caseFolded(key: string, fields: readonly string[]): boolean {
  const lower = key.toLowerCase();
  return lower !== key && fields.includes(lower);
}

// ---- JSON ----

// Thrown markers, not Errors: an Error's stack trace would cost more than reading the head.
class Unknown {}
const UNKNOWN = new Unknown();
const unknown = (): never => {
  throw UNKNOWN;
};

function jsonHead(text: string, start: number): Fields | null {
  const f: Fields = { metadataSeen: false, displaySeen: false, specDone: false };
  const done = () => f.kind !== undefined && f.metadataSeen && f.specDone;
  const read = (at: number, set: (value: string) => void) => {
    const s = jsonString(text, at);
    set(s.value);
    return s.end;
  };
  try {
    const end = eachJsonKey(text, start, (key, at) => {
      if (caseFolded(key, TOP_KEYS)) unknown();
      if (key === 'kind') return read(at, (v) => (f.kind = v));
      if (key === 'metadata') {
        f.metadataSeen = true;
        return eachJsonKey(text, at, (k, v) => {
          if (caseFolded(k, ['name', 'project'])) unknown();
          if (k === 'name') return read(v, (x) => (f.name = x));
          if (k === 'project') return read(v, (x) => (f.project = x));
          return skipJson(text, v);
        });
      }
      if (key === 'spec') {
        const end = eachJsonKey(text, at, (k, v) => {
          if (caseFolded(k, ['display'])) unknown();
          if (k !== 'display') return skipJson(text, v);
          f.displaySeen = true;
          const displayEnd = eachJsonKey(text, v, (dk, dv) => {
            if (caseFolded(dk, ['name'])) unknown();
            if (dk === 'name') return read(dv, (x) => (f.displayName = x));
            return skipJson(text, dv);
          });
          // The rest of spec cannot change the summary unless it repeats `display`.
          f.specDone = true;
          if (done()) throw FOUND;
          return displayEnd;
        });
        f.specDone = true;
        return end;
      }
      return skipJson(text, at);
    });
    if (skipWs(text, end) !== text.length) unknown();
  } catch (err) {
    if (err instanceof Found) return f;
    if (err instanceof Unknown) return null;
    throw err;
  }
  return f;
}

class Found {}
const FOUND = new Found();

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Calls `onKey(key, valueStart)` for each key of the object at `at`; returns the offset after it. */
function eachJsonKey(
  text: string,
  at: number,
  onKey: (key: string, valueAt: number) => number,
): number {
  let i = skipWs(text, at);
  if (text[i] !== '{') unknown();
  const seen = new Set<string>();
  i = skipWs(text, i + 1);
  if (text[i] === '}') return i + 1;
  for (;;) {
    const key = jsonString(text, i);
    if (seen.has(key.value)) unknown();
    seen.add(key.value);
    i = skipWs(text, key.end);
    if (text[i] !== ':') unknown();
    i = skipWs(text, onKey(key.value, skipWs(text, i + 1)));
    if (text[i] === '}') return i + 1;
    if (text[i] !== ',') unknown();
    i = skipWs(text, i + 1);
  }
}

function skipWs(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9) i++;
    else return i;
  }
}

/** The end of the string literal starting at `at` (just after its closing quote). */
function stringEnd(text: string, at: number): number {
  let j = at + 1;
  for (;;) {
    const q = text.indexOf('"', j);
    if (q < 0) unknown();
    let backslashes = 0;
    while (text.charCodeAt(q - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return q + 1;
    j = q + 1;
  }
}

/** A JSON string decoded exactly as encoding/json would (lone surrogates: unknown). */
function jsonString(text: string, at: number): { value: string; end: number } {
  if (text[at] !== '"') unknown();
  const end = stringEnd(text, at);
  const raw = text.slice(at + 1, end - 1);
  if (!raw.includes('\\')) return { value: raw, end };
  let value: unknown;
  try {
    value = JSON.parse(text.slice(at, end));
  } catch {
    return unknown();
  }
  if (typeof value !== 'string' || LONE_SURROGATE.test(value)) unknown();
  return { value: value as string, end };
}

/** The offset after the JSON value at `at`, without building it. */
function skipJson(text: string, at: number): number {
  const c = text[at];
  if (c === '"') return stringEnd(text, at);
  if (c !== '{' && c !== '[') {
    const m = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(
      text.slice(at, at + 64),
    );
    if (!m) unknown();
    return at + m![0].length;
  }
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34) i = stringEnd(text, i) - 1;
    else if (ch === 123 || ch === 91) depth++;
    else if (ch === 125 || ch === 93) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return unknown();
}

// ---- YAML (block style) ----

interface Line {
  start: number;
  indent: number;
  /** The line without its indentation. */
  body: string;
}

function lineAt(text: string, start: number): Line {
  const nl = text.indexOf('\n', start);
  const raw = text.slice(start, nl < 0 ? text.length : nl);
  const body = raw.replace(/^ +/, '');
  return { start, indent: raw.length - body.length, body };
}

/** Content lines (not blank, not a comment) after `from`, at column 0 only with `topOnly`. */
function* linesUpTo(text: string, from: number, topOnly = false): Generator<Line> {
  const re = topOnly ? /\n(?=[^ \n])/g : /\n *(?=[^ \n])/g;
  re.lastIndex = from;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const line = lineAt(text, m.index + 1);
    if (line.body.startsWith('#')) continue;
    yield line;
  }
}

/** `key: rest` with a plain key; null for anything else (quoted or complex keys, sequences). */
function keyLine(body: string): { key: string; rest: string } | null {
  const m = /^([A-Za-z_][A-Za-z0-9_.-]*):(?: +(.*))?$/.exec(body);
  return m ? { key: m[1]!, rest: m[2] ?? '' } : null;
}

/** A value whose content is on the deeper lines after it: a block, or a block scalar. */
function opensBlock(rest: string): boolean {
  return rest === '' || /^#/.test(rest) || /^[|>][-+1-9]{0,2}(?: +#.*)?$/.test(rest);
}

/** A value that opens a nested mapping or sequence (nothing, or only a comment). */
function opensMapping(rest: string): boolean {
  return rest === '' || /^#/.test(rest);
}

const YAML_NON_STRINGS = new Set(['true', 'false', 'yes', 'no', 'on', 'off', 'y', 'n', 'null']);

/** A one-line scalar read exactly as a string, or unknown. */
function yamlScalar(rest: string): string {
  if (rest.startsWith("'")) {
    const m = /^'((?:[^']|'')*)' *(?:#.*)?$/.exec(rest);
    if (!m) unknown();
    return m![1]!.replace(/''/g, "'");
  }
  if (rest.startsWith('"')) {
    const m = /^"([^"\\]*)" *(?:#.*)?$/.exec(rest);
    if (!m) unknown();
    return m![1]!;
  }
  const plain = rest.replace(/ +#.*$/, '').replace(/ +$/, '');
  // Letters first (no number, date, `.inf`, `~`), then a conservative set of characters.
  if (!/^[A-Za-z\u00a0-\uffff][A-Za-z0-9 _.()/\u00a0-\uffff-]*$/.test(plain)) unknown();
  if (YAML_NON_STRINGS.has(plain.toLowerCase())) unknown();
  return plain;
}

/**
 * The children of the block mapping opened by the line at `parent` (indentation `indent`): each
 * `key: rest` one level deeper, with what follows it. Sequence items at the parent's indentation,
 * lines deeper than the children and anything else are unknown unless `skipDeeper`.
 */
function* children(
  text: string,
  parent: Line,
): Generator<{ line: Line; key: string; rest: string }> {
  let childIndent = -1;
  const seen = new Set<string>();
  let previous: { key: string; rest: string } | null = null;
  for (const line of linesUpTo(text, parent.start)) {
    if (line.indent <= parent.indent) {
      // A sequence at the parent's own indentation would be the parent's value: not a mapping.
      if (line.indent === parent.indent && line.body.startsWith('-')) unknown();
      return;
    }
    if (childIndent < 0) childIndent = line.indent;
    if (line.indent > childIndent) {
      // Nested under a child that opened a block; a deeper line after a scalar continues it.
      if (!previous || !opensBlock(previous.rest)) unknown();
      continue;
    }
    if (line.indent < childIndent) unknown();
    const kv = keyLine(line.body);
    if (!kv) {
      if (line.body.startsWith('- ') || line.body === '-') {
        if (!previous || !opensMapping(previous.rest)) unknown();
        continue;
      }
      unknown();
    }
    if (seen.has(kv!.key) || kv!.key === '<<') unknown();
    seen.add(kv!.key);
    previous = kv;
    yield { line, key: kv!.key, rest: kv!.rest };
  }
}

function yamlHead(text: string): Fields | null {
  // Line ends other than LF: left to the full parse.
  if (text.includes('\r')) return null;
  const f: Fields = { metadataSeen: false, displaySeen: false, specDone: false };
  try {
    const top = new Set<string>();
    // Every line at column 0 is a top-level key: this sees other documents, lists and flow.
    const head = lineAt(text, 0);
    const lines = [head, ...linesUpTo(text, 0, true)].filter(
      (l) => l.indent === 0 && l.body !== '' && !l.body.startsWith('#'),
    );
    // The root mapping must start at column 0 (an indented root is valid YAML, but unusual).
    const firstContent =
      head.body !== '' && !head.body.startsWith('#') ? head : linesUpTo(text, 0).next().value;
    if (!firstContent || firstContent.indent > 0) unknown();
    for (const line of lines) {
      const kv = keyLine(line.body);
      if (!kv || top.has(kv.key) || caseFolded(kv.key, TOP_KEYS) || kv.key === '<<') unknown();
      top.add(kv!.key);
      if (kv!.key === 'kind') {
        f.kind = yamlScalar(kv!.rest);
        noContinuation(text, line);
      } else if (kv!.key === 'metadata') {
        if (!opensMapping(kv!.rest)) unknown();
        f.metadataSeen = true;
        readMetadata(text, line, f);
      } else if (kv!.key === 'spec') {
        if (!opensMapping(kv!.rest)) unknown();
        readSpec(text, line, f);
      } else if (/^[&*!]/.test(kv!.rest)) unknown();
    }
  } catch (err) {
    if (err instanceof Unknown) return null;
    throw err;
  }
  return f;
}

/** The next content line after `line` must not be deeper (a multi-line scalar). */
function noContinuation(text: string, line: Line): void {
  const next = linesUpTo(text, line.start).next();
  if (!next.done && next.value.indent > line.indent) unknown();
}

function readMetadata(text: string, parent: Line, f: Fields): void {
  for (const c of children(text, parent)) {
    if (caseFolded(c.key, ['name', 'project'])) unknown();
    if (c.key === 'name' || c.key === 'project') {
      f[c.key] = yamlScalar(c.rest);
      noContinuation(text, c.line);
    } else if (/^[&*!]/.test(c.rest)) unknown();
  }
}

function readSpec(text: string, parent: Line, f: Fields): void {
  for (const c of children(text, parent)) {
    if (caseFolded(c.key, ['display'])) unknown();
    if (c.key !== 'display') {
      if (/^[&*!]/.test(c.rest)) unknown();
      continue;
    }
    if (!opensMapping(c.rest)) unknown();
    f.displaySeen = true;
    for (const d of children(text, c.line)) {
      if (caseFolded(d.key, ['name'])) unknown();
      if (d.key === 'name') {
        f.displayName = yamlScalar(d.rest);
        noContinuation(text, d.line);
      } else if (/^[&*!]/.test(d.rest)) unknown();
    }
    // Later spec keys cannot change the summary unless they repeat `display`.
    break;
  }
  f.specDone = true;
}
