import { useDeferredValue, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { FilterValues, ResourceSummary } from '@perses-cm/api';
import { Link, useLocation } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { useWhoAmI } from '../../../lib/session/get-whoami.ts';
import { creatableNamespaces, permission } from '../../../lib/session/capabilities.ts';
import { draftIds } from '../hooks/drafts.ts';
import {
  buildSearchKeys,
  facets as computeFacets,
  rowsOf,
  sortItems,
  type Sorted,
} from '../hooks/filter-resources.ts';
import { useListItems } from '../hooks/use-list-items.ts';
import { useCheckProgress } from '../hooks/check-progress.ts';
import { CheckProgressBar } from './check-progress-bar.tsx';
import { DEFAULT_STATE, useListStateTyped, withQ } from '../hooks/use-list-state.ts';
import { ResourceFilters } from './resource-filters.tsx';
import { ResourceTable } from './resource-table.tsx';

interface Props {
  /** Actions of other features for the page head (the app composes them), given the filters. */
  headerActions?: (filters: FilterValues) => ReactNode;
}

export function ResourceListPage({ headerActions }: Props = {}) {
  // The search box's text filters at once; the URL takes it when typing pauses.
  const [state, update, typeSearch, keepTyped] = useListStateTyped();
  const { data: who } = useWhoAmI();
  // A chart directory has no label to lack: the toggle is for Kubernetes targets only.
  const unlabeledAvailable = who?.target.type === 'kubernetes';
  const { items, errors, error, isPending, loadingUnlabeled, refetch } = useListItems(
    unlabeledAvailable && state.unlabeled === '1',
  );
  const location = useLocation();
  // A sort or another filter may wait for typing. The typed text filters in the key's own render:
  // with the rows' search keys built, 20,000 rows take a few ms, and a deferred render yields to
  // the browser every few ms, which showed the answer later than the work took.
  const deferred = useDeferredValue(state);
  // Sorted apart from filtering: typing filters the sorted list, never sorts it again.
  const lastSort = useRef<Sorted | undefined>(undefined);
  const sorted = useMemo(() => {
    lastSort.current = sortItems(items ?? [], deferred.sort, deferred.dir, lastSort.current);
    return lastSort.current.sorted;
  }, [items, deferred.sort, deferred.dir]);
  // What the filters select, never the sort or grouping.
  const { kind, project, namespace, findings, status, group } = deferred;
  const { q } = state;
  // Every row, kept apart: clearing a filter shows them again without a pass over the list.
  const all = useMemo(() => rowsOf(sorted, { ...DEFAULT_STATE, group }), [sorted, group]);
  // On the fields, not the state object: a URL write of text already shown filters nothing again.
  const { rows, total } = useMemo(
    () =>
      !kind && !project && !namespace && !q.trim() && !findings && !status
        ? all
        : rowsOf(sorted, {
            ...DEFAULT_STATE,
            kind,
            project,
            namespace,
            q,
            findings,
            status,
            group,
          }),
    [all, sorted, kind, project, namespace, q, findings, status, group],
  );
  useSearchKeysWhenIdle(items);
  const facets = useMemo(() => computeFacets(items ?? []), [items]);
  const checking = useCheckProgress(items);
  const filters = useMemo(
    () => ({ kind, project, namespace, q, findings, status }),
    [kind, project, namespace, q, findings, status],
  );
  // The rows' links carry the list's state (back returns to it), with the text shown even before
  // the URL takes it.
  const search = useMemo(() => withQ(location.search, q), [location.search, q]);
  // Read once per visit: drafts only change on the editor page.
  const [drafts] = useState(draftIds);

  return (
    <section className="page page-list" aria-label="Resource list">
      <div className="page-head">
        <h1>Resources</h1>
        <span className="spacer" />
        {headerActions?.(filters)}
        <NewResourceButton project={state.project} />
      </div>
      <ResourceFilters
        state={state}
        update={update}
        typeSearch={typeSearch}
        facets={facets}
        total={items?.length ?? 0}
        shown={total}
        unlabeledAvailable={unlabeledAvailable}
        loadingUnlabeled={loadingUnlabeled}
      />
      {checking && <CheckProgressBar progress={checking} />}
      {errors.length > 0 && (
        <div className="banner banner-warn" role="alert">
          <strong>Part of the list could not be read.</strong>
          <ul>
            {errors.map((e) => (
              <li key={e.source}>
                <code>{e.source}</code>: {e.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {isPending ? (
        <LoadingState label="Loading resources" />
      ) : error && !items ? (
        <ErrorState
          title="The resource list could not be loaded"
          error={error}
          onRetry={() => void refetch()}
        />
      ) : items && items.length === 0 ? (
        <EmptyState title="No resources yet">
          <p>Nothing labeled as a Perses resource was found on this target.</p>
          <Link to="/new" className="btn btn-primary">
            Create the first one
          </Link>
        </EmptyState>
      ) : total === 0 ? (
        <EmptyState title="No resource matches these filters">
          <button
            type="button"
            className="btn"
            onClick={() =>
              update({ kind: '', project: '', namespace: '', q: '', findings: '', status: '' })
            }
          >
            Clear filters
          </button>
        </EmptyState>
      ) : (
        // A row opened by a click or Enter right after typing: back returns to the text shown.
        <div
          className="list-table-wrap"
          onClickCapture={keepTyped}
          onKeyDownCapture={(e) => e.key === 'Enter' && keepTyped()}
        >
          <ResourceTable
            rows={rows}
            state={state}
            update={update}
            search={search}
            showNamespace={facets.namespaces.length > 0}
            drafts={drafts}
          />
        </div>
      )}
    </section>
  );
}

/** Builds the rows' search keys in idle time once a list arrives, a slice at a time. */
function useSearchKeysWhenIdle(items: readonly ResourceSummary[] | undefined) {
  useEffect(() => {
    if (!items) return;
    const idle = window.requestIdleCallback?.bind(window);
    const cancelIdle = window.cancelIdleCallback?.bind(window);
    let handle: number | undefined;
    let at = 0;
    const step = (deadline?: IdleDeadline) => {
      const until = performance.now() + 8;
      at = buildSearchKeys(items, at, () =>
        deadline ? deadline.timeRemaining() > 1 : performance.now() < until,
      );
      if (at < items.length) schedule();
    };
    const schedule = () => {
      handle = idle ? idle(step, { timeout: 1000 }) : window.setTimeout(step, 0);
    };
    schedule();
    return () => {
      if (handle === undefined) return;
      if (cancelIdle) cancelIdle(handle);
      else window.clearTimeout(handle);
    };
  }, [items]);
}

/** Disabled, with the reason, when no namespace lets this identity create ConfigMaps. */
function NewResourceButton({ project }: { project: string }) {
  const { data: who } = useWhoAmI();
  const denied =
    who?.target.type === 'kubernetes' && creatableNamespaces(who).length === 0
      ? (permission(who, 'create', who.capabilities[0]?.namespace ?? null).reason ??
        'No namespace allows creating ConfigMaps.')
      : null;
  if (denied) {
    return (
      <button
        type="button"
        className="btn btn-primary"
        disabled
        title={denied}
        aria-label={`New resource (disabled: ${denied})`}
      >
        New resource
      </button>
    );
  }
  // The list's project filter becomes the new resource's project.
  const to = project ? `/new?project=${encodeURIComponent(project)}` : '/new';
  return (
    <Link to={to} className="btn btn-primary">
      New resource
    </Link>
  );
}
