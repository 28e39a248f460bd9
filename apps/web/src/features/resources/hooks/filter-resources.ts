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
      : collator.compare(String(va), String(vb));
  return c !== 0 ? c : collator.compare(a.name, b.name) || collator.compare(a.id, b.id);
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
