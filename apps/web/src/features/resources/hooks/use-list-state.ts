import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { SYNC_STATES } from '@perses-cm/api';
import type { GroupKey, ListState, SortKey } from './filter-resources.ts';

const SORTS: SortKey[] = [
  'name',
  'kind',
  'project',
  'namespace',
  'configmap',
  'size',
  'findings',
  'status',
];
const GROUPS: GroupKey[] = ['none', 'kind', 'project', 'namespace'];
const FINDINGS = ['', 'errors', 'warnings', 'clean'] as const;

export const DEFAULT_STATE: ListState = {
  kind: '',
  project: '',
  namespace: '',
  q: '',
  findings: '',
  status: '',
  sort: 'name',
  dir: 'asc',
  group: 'kind',
  unlabeled: '',
};

/** The known states of `?status=a,b`, each once; unknown words are dropped. */
function pickStates(v: string | null): string {
  const wanted = new Set((v ?? '').split(',').map((s) => s.trim()));
  return SYNC_STATES.filter((s) => wanted.has(s)).join(',');
}

function pick<T extends string>(v: string | null, allowed: readonly T[], def: T): T {
  return v !== null && (allowed as readonly string[]).includes(v) ? (v as T) : def;
}

export function parseListState(p: URLSearchParams): ListState {
  return {
    kind: p.get('kind') ?? '',
    project: p.get('project') ?? '',
    namespace: p.get('namespace') ?? '',
    q: p.get('q') ?? '',
    findings: pick(p.get('findings'), FINDINGS, ''),
    status: pickStates(p.get('status')),
    sort: pick(p.get('sort'), SORTS, DEFAULT_STATE.sort),
    dir: pick(p.get('dir'), ['asc', 'desc'] as const, 'asc'),
    group: pick(p.get('group'), GROUPS, DEFAULT_STATE.group),
    unlabeled: pick(p.get('unlabeled'), ['', '1'] as const, ''),
  };
}

/** The list's filter, sort and grouping, held in the URL so every state has a link. */
export function useListState(): [ListState, (patch: Partial<ListState>) => void] {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseListState(params), [params]);
  const update = useCallback(
    (patch: Partial<ListState>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            const def = DEFAULT_STATE[k as keyof ListState];
            if (v === def || v === '') next.delete(k);
            else next.set(k, String(v));
          }
          return next;
        },
        // Typing in the search box should not push one history entry per key.
        { replace: 'q' in patch },
      );
    },
    [setParams],
  );
  return [state, update];
}

/** How long the URL waits for the next key before it takes the typed text. */
export const SEARCH_URL_DELAY_MS = 250;

/**
 * The list's state with the search box's text as typed: the list filters on that text at once,
 * while the URL takes it once typing pauses (each URL change re-renders the whole route). Any
 * other change, and a `q` set through `update` (a "Clear filters" button), goes to the URL at
 * once, taking the pending text with it; back/forward replaces the typed text with the URL's.
 */
export function useListStateTyped(): [
  ListState,
  (patch: Partial<ListState>) => void,
  (q: string) => void,
  () => void,
] {
  const [url, updateUrl] = useListState();
  const [typed, setTyped] = useState(url.q);
  // The text last written to the URL (or read from it): another one came from elsewhere.
  const written = useRef(url.q);
  const timer = useRef<number | undefined>(undefined);
  const pendingQ = useRef<string | null>(null);

  const flush = useCallback(
    (patch: Partial<ListState>) => {
      window.clearTimeout(timer.current);
      const q = 'q' in patch ? (patch.q ?? '') : pendingQ.current;
      pendingQ.current = null;
      if (q === null) return updateUrl(patch);
      written.current = q;
      setTyped(q);
      updateUrl({ ...patch, q });
    },
    [updateUrl],
  );

  const type = useCallback(
    (q: string) => {
      setTyped(q);
      pendingQ.current = q;
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => flush({}), SEARCH_URL_DELAY_MS);
    },
    [flush],
  );

  useEffect(() => {
    if (url.q === written.current) return;
    // Back/forward or a link: the URL's text replaces what was typed, pending or not.
    written.current = url.q;
    window.clearTimeout(timer.current);
    pendingQ.current = null;
    setTyped(url.q);
  }, [url.q]);

  // Leaving the page drops a pending write (the URL it was for is gone).
  useEffect(() => () => window.clearTimeout(timer.current), []);

  // Before a row is opened: the text still waiting for the URL goes into this page's history
  // entry as it is (no route render; the router takes it from there on back), so back returns to
  // the list as it was shown. Once per opening, not per key: browsers limit history writes.
  const keepTyped = useCallback(() => {
    const q = pendingQ.current;
    if (q === null) return;
    const { pathname, search, hash } = window.location;
    window.history.replaceState(window.history.state, '', `${pathname}${withQ(search, q)}${hash}`);
  }, []);

  const state = useMemo(() => (typed === url.q ? url : { ...url, q: typed }), [url, typed]);
  return [state, flush, type, keepTyped];
}

/** `search` (a URL's query, `?` included) with `q` as the search text. */
export function withQ(search: string, q: string): string {
  const p = new URLSearchParams(search);
  if ((p.get('q') ?? '') === q) return search;
  if (q) p.set('q', q);
  else p.delete('q');
  const s = p.toString();
  return s ? `?${s}` : '';
}
