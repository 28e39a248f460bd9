// Pure filtering, sorting and grouping of the list; the URL holds the state (use-list-state).
import { matchesFilters, type ResourceSummary } from '@perses-cm/api';
import { STATE_INFO } from '../../../components/status-badge.tsx';

export type SortKey =
  'name' | 'kind' | 'project' | 'namespace' | 'configmap' | 'size' | 'findings' | 'status';
export type GroupKey = 'none' | 'kind' | 'project' | 'namespace';

export interface ListState {
  kind: string;
  project: string;
  namespace: string;
  q: string;
  findings: '' | 'errors' | 'warnings' | 'clean';
  /** Provisioning states, comma-separated as the API's `?status=` ('' = any). */
  status: string;
  sort: SortKey;
  dir: 'asc' | 'desc';
  group: GroupKey;
  /** '1': also list, read-only, the resources of ConfigMaps without the label (fetched apart). */
  unlabeled: '' | '1';
}

export type Row =
  | { type: 'group'; key: string; label: string; count: number }
  | { type: 'item'; item: ResourceSummary };

/** The list's filters: the same predicate the server's export applies (one rule, in the contract). */
export function matches(r: ResourceSummary, s: ListState, needle: string): boolean {
  return matcher(s, needle)(r);
}

/** `matches` for one state, its parts worked out once for a pass over thousands of rows. */
function matcher(s: ListState, needle: string): (r: ResourceSummary) => boolean {
  // The export applies the same states on the server (matchesFilters leaves status to each side).
  const states = s.status ? new Set(s.status.split(',')) : null;
  // The text is matched apart, on each row's search key; matchesFilters then sees no text.
  const text = needle.includes(SEP) ? null : needle;
  const filters = { ...s, q: text === null ? needle : '' };
  const plain = !states && !s.kind && !s.project && !s.namespace && !s.findings;
  if (plain && text !== null) return text ? (r) => searchKey(r).includes(text) : () => true;
  return (r) =>
    (!states || (!!r.status && states.has(r.status.state))) &&
    (!text || searchKey(r).includes(text)) &&
    matchesFilters(r, filters);
}

// Between the fields of a search key: no typed text holds it, so no match spans two fields.
const SEP = '\u0000';
const searchKeys = new WeakMap<ResourceSummary, string>();

/**
 * The texts `matchesFilters` searches (name, display name, ConfigMap name, key), lower-cased and
 * joined once per summary object: typing then costs one `includes` per row, and a live event's new
 * copy of a row gets its own key.
 */
function searchKey(r: ResourceSummary): string {
  let k = searchKeys.get(r);
  if (k === undefined) {
    k = [r.name, r.displayName ?? '', r.configMapName ?? '', r.key].join(SEP).toLowerCase();
    searchKeys.set(r, k);
  }
  return k;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

// Where the collator's language orders a-z as English does, names of ASCII letters and digits
// (most resource names) are compared here: as the collator does (case ignored, digit runs by
// value), ten times faster. Sorting 20,000 rows by locale took a third of a second.
const PLAIN = /^[a-zA-Z0-9]{0,64}$/;
const plainOrder = /^en\b/.test(collator.resolvedOptions().locale);

/** `collator.compare`, on its fast path for plain names. */
export function compareText(a: string, b: string): number {
  return plainOrder && PLAIN.test(a) && PLAIN.test(b) ? comparePlain(a, b) : collator.compare(a, b);
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** Two strings of ASCII letters and digits, in the order of the collator above. */
function comparePlain(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    let ca = a.charCodeAt(i);
    let cb = b.charCodeAt(j);
    const da = isDigit(ca);
    const db = isDigit(cb);
    if (da && db) {
      // A run of digits against another: by value (leading zeros ignored, then longer is more).
      while (a.charCodeAt(i) === 48) i++;
      while (b.charCodeAt(j) === 48) j++;
      let ei = i;
      let ej = j;
      while (ei < a.length && isDigit(a.charCodeAt(ei))) ei++;
      while (ej < b.length && isDigit(b.charCodeAt(ej))) ej++;
      if (ei - i !== ej - j) return ei - i < ej - j ? -1 : 1;
      for (; i < ei; i++, j++) {
        const x = a.charCodeAt(i);
        const y = b.charCodeAt(j);
        if (x !== y) return x < y ? -1 : 1;
      }
      continue;
    }
    // Digits before letters; letters without case.
    if (da !== db) return da ? -1 : 1;
    if (ca >= 65 && ca <= 90) ca += 32;
    if (cb >= 65 && cb <= 90) cb += 32;
    if (ca !== cb) return ca < cb ? -1 : 1;
    i++;
    j++;
  }
  return i < a.length ? 1 : j < b.length ? -1 : 0;
}

function sortValue(r: ResourceSummary, key: SortKey): string | number {
  switch (key) {
    case 'name':
      return r.name;
    case 'kind':
      return r.kind;
    case 'project':
      return r.project ?? '';
    case 'namespace':
      return r.namespace ?? '';
    case 'configmap':
      return `${r.configMapName ?? ''}/${r.key}`;
    case 'size':
      return r.sizeBytes;
    case 'findings':
      // Not checked yet sorts after the clean ones: it may still have findings.
      return r.findings.errors * 100_000 + r.findings.warnings + (r.findings.pending ? 0.5 : 0);
    case 'status':
      // Worst first; rows without a status last.
      return r.status ? STATE_INFO[r.status.state].rank : 99;
  }
}

export function compare(a: ResourceSummary, b: ResourceSummary, key: SortKey): number {
  return compareKeyed(a, sortValue(a, key), b, sortValue(b, key));
}

function compareKeyed(
  a: ResourceSummary,
  va: string | number,
  b: ResourceSummary,
  vb: string | number,
): number {
  const c =
    typeof va === 'number' && typeof vb === 'number'
      ? va - vb
      : compareText(String(va), String(vb));
  return c !== 0 ? c : compareText(a.name, b.name) || collator.compare(a.id, b.id);
}

function groupValue(r: ResourceSummary, g: GroupKey): string {
  if (g === 'kind') return r.kind;
  if (g === 'project') return r.project ?? '';
  if (g === 'namespace') return r.namespace ?? '';
  return '';
}

function groupLabel(g: GroupKey, v: string): string {
  if (v) return v;
  return g === 'project' ? '(global)' : g === 'namespace' ? '(no namespace)' : '(none)';
}

/** The items in one order, kept so the next sort of the same items can reuse it. */
export interface Sorted {
  items: ResourceSummary[];
  sort: SortKey;
  dir: ListState['dir'];
  sorted: ResourceSummary[];
}

/**
 * `items` sorted by `sort` and `dir`. Sorting 20,000 rows by locale takes a few hundred ms, so the
 * list sorts apart from filtering (typing filters an already sorted list) and, after live edits
 * that changed no sort value (a new version, new findings under another sort), reuses the order of
 * `previous` in one pass.
 */
export function sortItems(
  items: ResourceSummary[],
  sort: SortKey,
  dir: ListState['dir'],
  previous?: Sorted,
): Sorted {
  if (previous && previous.sort === sort && previous.dir === dir) {
    if (previous.items === items) return previous;
    const reused = reorder(previous, items, sort);
    if (reused) return { items, sort, dir, sorted: reused };
  }
  const sign = dir === 'desc' ? -1 : 1;
  const keyed = items.map((item) => ({ item, v: sortValue(item, sort) }));
  keyed.sort((a, b) => sign * compareKeyed(a.item, a.v, b.item, b.v));
  return { items, sort, dir, sorted: keyed.map((k) => k.item) };
}

/** The previous order with each item replaced by its new copy; null when any order may move. */
function reorder(previous: Sorted, items: ResourceSummary[], sort: SortKey) {
  if (previous.items.length !== items.length) return null;
  const byId = new Map<string, ResourceSummary>();
  for (const r of items) byId.set(r.id, r);
  const sorted: ResourceSummary[] = [];
  for (const old of previous.sorted) {
    const r = byId.get(old.id);
    if (!r) return null;
    if (r !== old && (r.name !== old.name || sortValue(r, sort) !== sortValue(old, sort)))
      return null;
    sorted.push(r);
  }
  return sorted;
}

/**
 * Builds the search keys of `items` from `from` on until `more()` says to stop; returns where it
 * stopped (`items.length` when done). Run in idle time after a list arrives, so the first key
 * typed finds them built.
 */
export function buildSearchKeys(
  items: readonly ResourceSummary[],
  from: number,
  more: () => boolean,
): number {
  let i = from;
  while (i < items.length) {
    const r = items[i++];
    if (r) searchKey(r);
    if (i % 500 === 0 && !more()) break;
  }
  return i;
}

const itemRows = new WeakMap<ResourceSummary, Row>();

/** The row of one summary, the same object from key to key (built once per summary). */
function itemRow(item: ResourceSummary): Row {
  let row = itemRows.get(item);
  if (!row) {
    row = { type: 'item', item };
    itemRows.set(item, row);
  }
  return row;
}

/** Filtered rows of `sorted` (in its order), with a header row before each group when grouping. */
export function rowsOf(sorted: ResourceSummary[], s: ListState): { rows: Row[]; total: number } {
  const needle = s.q.trim().toLowerCase();
  const filtered = sorted.filter(matcher(s, needle));
  if (s.group === 'none') {
    return { rows: filtered.map(itemRow), total: filtered.length };
  }
  const groups = new Map<string, ResourceSummary[]>();
  for (const r of filtered) {
    const k = groupValue(r, s.group);
    const list = groups.get(k);
    if (list) list.push(r);
    else groups.set(k, [r]);
  }
  const rows: Row[] = [];
  for (const k of [...groups.keys()].sort(collator.compare)) {
    const list = groups.get(k) ?? [];
    rows.push({ type: 'group', key: k, label: groupLabel(s.group, k), count: list.length });
    for (const item of list) rows.push(itemRow(item));
  }
  return { rows, total: filtered.length };
}

/** Filtered, sorted rows, with a header row before each group when grouping. */
export function buildRows(items: ResourceSummary[], s: ListState): { rows: Row[]; total: number } {
  return rowsOf(sortItems(items, s.sort, s.dir).sorted, s);
}

/** Distinct values for the filter menus. */
export function facets(items: ResourceSummary[]) {
  const kinds = new Set<string>();
  const projects = new Set<string>();
  const namespaces = new Set<string>();
  for (const r of items) {
    kinds.add(r.kind);
    if (r.project) projects.add(r.project);
    if (r.namespace) namespaces.add(r.namespace);
  }
  const sorted = (s: Set<string>) => [...s].sort(collator.compare);
  return { kinds: sorted(kinds), projects: sorted(projects), namespaces: sorted(namespaces) };
}
