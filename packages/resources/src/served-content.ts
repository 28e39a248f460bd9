// What Perses serves compared with what a file says. Perses v0.54.0 stores a provisioned resource
// through its Go structs, so the served copy differs from the file in ways that are not drift
// (each seen on the real server with the perses-dev-data fixtures):
// - name and project are lower-cased (unless the database is case-sensitive);
// - the server adds `createdAt`, `updatedAt` and `version`;
// - secrets come back as "<secret>" (User password, Secret / GlobalSecret credentials);
// - Go's `omitempty` drops zero values and decoding adds them: `variables: []` and
//   `constant: false` come back absent, an absent `allowAllValue` of a ListVariable comes back
//   `false`. Zero values (false, 0, "", null, [], {}) therefore count as absent on both sides.

/** What Perses serves in place of a secret value. */
export const REDACTED = '<secret>';

const SERVER_METADATA = ['createdAt', 'updatedAt', 'version'] as const;

export interface ContentOptions {
  /** Perses's database is case-sensitive: names are kept as written. Default false. */
  caseSensitive?: boolean;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Zero values: what `omitempty` drops, once their own zero children are dropped. */
function isZero(v: Json | undefined): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v).length === 0;
  return false;
}

/** The value without zero-valued members, recursively (array elements are kept in place). */
function withoutZeros(v: unknown): Json | undefined {
  if (Array.isArray(v)) return v.map((x) => withoutZeros(x) ?? null);
  if (isRecord(v)) {
    const out: Record<string, Json> = {};
    for (const [k, x] of Object.entries(v)) {
      const kept = withoutZeros(x);
      if (!isZero(kept)) out[k] = kept as Json;
    }
    return out;
  }
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v === null)
    return v;
  return undefined;
}

/**
 * The document as Perses would key and store it, for comparison: server metadata removed, name
 * and project lower-cased, zero values dropped.
 */
export function comparableContent(doc: unknown, options: ContentOptions = {}): Json {
  if (!isRecord(doc)) return withoutZeros(doc) ?? null;
  const metadata: Record<string, unknown> = isRecord(doc.metadata) ? { ...doc.metadata } : {};
  for (const k of SERVER_METADATA) delete metadata[k];
  if (!options.caseSensitive) {
    for (const k of ['name', 'project'] as const)
      if (typeof metadata[k] === 'string') metadata[k] = metadata[k].toLowerCase();
  }
  return withoutZeros({ ...doc, metadata }) ?? null;
}

/** Canonical text of the comparable content (sorted keys): equal texts, equal content. */
export function contentFingerprint(doc: unknown, options: ContentOptions = {}): string {
  return canonical(comparableContent(doc, options));
}

function canonical(v: Json): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(v[k] as Json)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

export interface ServedComparison {
  /** Perses serves this content (a "<secret>" matches any value). */
  equal: boolean;
  /** JSON pointers where the values differ or only Perses has one (at most 20). */
  differences: string[];
  /**
   * JSON pointers of members only the file has. Perses drops fields its structs do not know, so
   * these alone may mean "ignored by Perses" rather than "not served yet".
   */
  fileOnly: string[];
}

const MAX_PATHS = 20;

/** Compares a file's document with the copy Perses serves, after both are made comparable. */
export function compareServed(
  file: unknown,
  served: unknown,
  options: ContentOptions = {},
): ServedComparison {
  const out: ServedComparison = { equal: true, differences: [], fileOnly: [] };
  walk(comparableContent(file, options), comparableContent(served, options), '', out);
  out.equal = out.differences.length === 0 && out.fileOnly.length === 0;
  return out;
}

function walk(a: Json | undefined, b: Json | undefined, path: string, out: ServedComparison) {
  if (out.differences.length + out.fileOnly.length >= MAX_PATHS) return;
  if (b === REDACTED && typeof a === 'string') return;
  if (b === undefined) {
    if (a !== undefined) out.fileOnly.push(path);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((x, i) => walk(x, b[i], `${path}/${i}`, out));
    return;
  }
  if (isRecord(a) && isRecord(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)]))
      walk(a[k], b[k], `${path}/${escape(k)}`, out);
    return;
  }
  if (a !== b) out.differences.push(path || '/');
}

function escape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** JSON pointers of the values Perses hid as "<secret>". */
export function redactedPaths(served: unknown, path = ''): string[] {
  if (served === REDACTED) return [path || '/'];
  if (Array.isArray(served)) return served.flatMap((x, i) => redactedPaths(x, `${path}/${i}`));
  if (isRecord(served))
    return Object.entries(served).flatMap(([k, x]) => redactedPaths(x, `${path}/${escape(k)}`));
  return [];
}

/** The served copy without server metadata, with `name`/`project` spelled as in `spelling`. */
export function servedForFile(served: unknown, spelling: unknown): Record<string, unknown> | null {
  if (!isRecord(served)) return null;
  const metadata: Record<string, unknown> = isRecord(served.metadata) ? { ...served.metadata } : {};
  for (const k of SERVER_METADATA) delete metadata[k];
  const own = isRecord(spelling) && isRecord(spelling.metadata) ? spelling.metadata : {};
  for (const k of ['name', 'project'] as const) {
    const spelled = own[k];
    if (typeof spelled === 'string' && typeof metadata[k] === 'string')
      if (spelled.toLowerCase() === metadata[k].toLowerCase()) metadata[k] = spelled;
  }
  return { ...served, metadata };
}
