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
  // The export applies the same states on the server (matchesFilters leaves status to each side).
  if (s.status && !(r.status && s.status.split(',').includes(r.status.state))) return false;
  return matchesFilters(r, { ...s, q: needle });
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
  const va = sortValue(a, key);
  const vb = sortValue(b, key);
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

/** Filtered, sorted rows, with a header row before each group when grouping. */
export function buildRows(items: ResourceSummary[], s: ListState): { rows: Row[]; total: number } {
  const needle = s.q.trim().toLowerCase();
  const sign = s.dir === 'desc' ? -1 : 1;
  const filtered = items.filter((r) => matches(r, s, needle));
  filtered.sort((a, b) => sign * compare(a, b, s.sort));
  if (s.group === 'none') {
    return { rows: filtered.map((item) => ({ type: 'item', item })), total: filtered.length };
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
    for (const item of list) rows.push({ type: 'item', item });
  }
  return { rows, total: filtered.length };
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
