import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ListState, Row, SortKey } from '../hooks/filter-resources.ts';
import { rememberOpened, takeOpened } from '../hooks/return-focus.ts';
import { ResourceRow } from './resource-row.tsx';

interface Props {
  rows: Row[];
  state: ListState;
  update: (patch: Partial<ListState>) => void;
  search: string;
  /** A chart directory has no namespaces: the column is left out. */
  showNamespace: boolean;
  drafts: Set<string>;
}

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'kind', label: 'Kind' },
  { key: 'name', label: 'Name' },
  { key: 'status', label: 'Status' },
  { key: 'project', label: 'Project' },
  { key: 'namespace', label: 'Namespace' },
  { key: 'configmap', label: 'ConfigMap · key' },
  { key: 'size', label: 'Size' },
  { key: 'findings', label: 'Findings' },
];

const ROW_HEIGHT = 34;
const GROUP_HEIGHT = 30;

/**
 * The virtualised grid: only visible rows are in the DOM. Arrow keys, Home/End and
 * PageUp/PageDown move the active row (aria-activedescendant); Enter opens it.
 */
export function ResourceTable({ rows, state, update, search, showNamespace, drafts }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();
  // Back from a resource: its row again, not the first one.
  const [returnTo] = useState(() => {
    const id = takeOpened();
    const i = id ? rows.findIndex((r) => r.type === 'item' && r.item.id === id) : -1;
    return i >= 0 ? i : null;
  });
  const [active, setActive] = useState(() => returnTo ?? firstItem(rows, 0, 1));

  // Stable until the rows change: a new key function makes the virtualizer measure every row
  // again, 20,000 of them on each key typed into the search.
  const estimateSize = useCallback(
    (i: number) => (rows[i]?.type === 'group' ? GROUP_HEIGHT : ROW_HEIGHT),
    [rows],
  );
  const getItemKey = useCallback(
    (i: number) => {
      const r = rows[i];
      return r ? (r.type === 'group' ? `g:${r.key}` : r.item.id) : i;
    },
    [rows],
  );
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    overscan: 12,
    // Render a first screenful before the viewport is measured (and where it never is: jsdom).
    initialRect: { width: 1200, height: 800 },
    getItemKey,
  });

  useEffect(() => {
    if (returnTo === null) return;
    virtualizer.scrollToIndex(returnTo, { align: 'center' });
    gridRef.current?.focus();
    // Once, when the list comes back.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Keep the active index on an item row when the rows change under it.
  useEffect(() => {
    setActive((a) =>
      rows[a]?.type === 'item' ? a : firstItem(rows, Math.min(a, rows.length - 1), 1),
    );
  }, [rows]);

  const move = (to: number, dir: 1 | -1) => {
    const next = firstItem(rows, Math.max(0, Math.min(rows.length - 1, to)), dir);
    if (next < 0) return;
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // Keys on a header's sort button are the button's own.
    if (e.target !== e.currentTarget) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(active + 1, 1),
      ArrowUp: () => move(active - 1, -1),
      j: () => move(active + 1, 1),
      k: () => move(active - 1, -1),
      PageDown: () => move(active + page, 1),
      PageUp: () => move(active - page, -1),
      Home: () => move(0, 1),
      End: () => move(rows.length - 1, -1),
      Enter: () => {
        const r = rows[active];
        if (r?.type !== 'item') return;
        rememberOpened(r.item.id);
        void navigate({ pathname: `/resources/${encodeURIComponent(r.item.id)}`, search });
      },
    };
    const fn = keys[e.key];
    if (fn && !e.altKey && !e.metaKey && !e.ctrlKey) {
      e.preventDefault();
      fn();
    }
  };

  const sortBy = (key: SortKey) =>
    update(
      state.sort === key
        ? { dir: state.dir === 'asc' ? 'desc' : 'asc' }
        : { sort: key, dir: 'asc' },
    );

  const activeRow = rows[active];
  const activeId = activeRow?.type === 'item' ? rowDomId(activeRow.item.id) : undefined;

  return (
    <div
      ref={gridRef}
      className={showNamespace ? 'grid' : 'grid grid-no-ns'}
      role="grid"
      aria-label="Resources"
      aria-rowcount={rows.length + 1}
      tabIndex={0}
      aria-activedescendant={activeId}
      onKeyDown={onKeyDown}
    >
      <div role="row" className="row row-head">
        {COLUMNS.filter((c) => showNamespace || c.key !== 'namespace').map((c) => (
          <span
            key={c.key}
            role="columnheader"
            className="cell"
            aria-sort={
              state.sort === c.key ? (state.dir === 'asc' ? 'ascending' : 'descending') : 'none'
            }
          >
            <button type="button" className="sort-btn" onClick={() => sortBy(c.key)}>
              {c.key === 'configmap' && !showNamespace ? 'File' : c.label}
              <span className="sort-ind" aria-hidden="true">
                {state.sort === c.key ? (state.dir === 'asc' ? '▲' : '▼') : ''}
              </span>
            </button>
          </span>
        ))}
      </div>
      <div ref={scrollRef} className="grid-body">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const r = rows[v.index];
            if (!r) return null;
            return (
              <div
                key={v.key}
                className="vrow"
                style={{ transform: `translateY(${v.start}px)`, height: v.size }}
                onMouseDown={() => r.type === 'item' && setActive(v.index)}
              >
                {r.type === 'group' ? (
                  <div role="row" className="row row-group">
                    <span role="rowheader" className="cell">
                      {r.label} <span className="muted">{r.count}</span>
                    </span>
                  </div>
                ) : (
                  <ResourceRow
                    item={r.item}
                    active={v.index === active}
                    rowId={rowDomId(r.item.id)}
                    search={search}
                    showNamespace={showNamespace}
                    hasDraft={drafts.has(r.item.id)}
                  />
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function rowDomId(id: string) {
  return `row-${id.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
}

function firstItem(rows: Row[], from: number, dir: 1 | -1): number {
  for (let i = from; i >= 0 && i < rows.length; i += dir) if (rows[i]?.type === 'item') return i;
  for (let i = from; i >= 0 && i < rows.length; i -= dir) if (rows[i]?.type === 'item') return i;
  return -1;
}
