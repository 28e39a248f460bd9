import { useEffect, useRef } from 'react';
import type { GroupKey, ListState } from '../hooks/filter-resources.ts';
import { StatusFilter } from './status-filter.tsx';

interface Props {
  state: ListState;
  update: (patch: Partial<ListState>) => void;
  /** The search box's text as typed (the list filters on it; the URL follows later). */
  typeSearch: (q: string) => void;
  facets: { kinds: string[]; projects: string[]; namespaces: string[] };
  total: number;
  shown: number;
  /** Whether the target can hold unlabeled ConfigMaps (Kubernetes, not a directory). */
  unlabeledAvailable: boolean;
  loadingUnlabeled: boolean;
}

/** Search box and filter menus; every value lives in the URL (see use-list-state). */
export function ResourceFilters(props: Props) {
  const { state, update, typeSearch, facets, total, shown } = props;
  const { unlabeledAvailable, loadingUnlabeled } = props;
  const search = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.key === '/' && !t?.closest('input, textarea, select, [contenteditable]')) {
        e.preventDefault();
        search.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const active = Boolean(
    state.kind || state.project || state.namespace || state.q || state.findings || state.status,
  );

  return (
    <div className="toolbar" role="search">
      <input
        ref={search}
        type="search"
        className="input search"
        placeholder="Search name, display name, ConfigMap…"
        title="Search (press / to focus)"
        aria-label="Search resources"
        value={state.q}
        onChange={(e) => typeSearch(e.target.value)}
      />
      <Select
        label="Kind"
        value={state.kind}
        options={facets.kinds}
        onChange={(kind) => update({ kind })}
      />
      <Select
        label="Project"
        value={state.project}
        options={facets.projects}
        onChange={(project) => update({ project })}
      />
      {facets.namespaces.length > 0 && (
        <Select
          label="Namespace"
          value={state.namespace}
          options={facets.namespaces}
          onChange={(namespace) => update({ namespace })}
        />
      )}
      <label className="field-inline">
        <span>Findings</span>
        <select
          className="input"
          aria-label="Findings"
          value={state.findings}
          onChange={(e) => update({ findings: e.target.value as ListState['findings'] })}
        >
          <option value="">Any</option>
          <option value="errors">With errors</option>
          <option value="warnings">With warnings</option>
          <option value="clean">Clean</option>
        </select>
      </label>
      <StatusFilter value={state.status} onChange={(status) => update({ status })} />
      <label className="field-inline">
        <span>Group</span>
        <select
          className="input"
          aria-label="Group by"
          value={state.group}
          onChange={(e) => update({ group: e.target.value as GroupKey })}
        >
          <option value="none">None</option>
          <option value="kind">Kind</option>
          <option value="project">Project</option>
          <option value="namespace">Namespace</option>
        </select>
      </label>
      {unlabeledAvailable && (
        <label
          className="field-inline"
          title="Also list, read-only, the ConfigMaps without the label: the sidecar does not copy them, so Perses never sees them"
        >
          <input
            type="checkbox"
            checked={state.unlabeled === '1'}
            onChange={(e) => update({ unlabeled: e.target.checked ? '1' : '' })}
          />
          <span>Show unlabeled ConfigMaps</span>
        </label>
      )}
      {unlabeledAvailable && loadingUnlabeled && (
        <span className="muted" role="status">
          Reading unlabeled ConfigMaps…
        </span>
      )}
      {active && (
        <button
          type="button"
          className="btn btn-ghost"
          onClick={() =>
            update({ kind: '', project: '', namespace: '', q: '', findings: '', status: '' })
          }
        >
          Clear filters
        </button>
      )}
      <span className="toolbar-count" aria-live="polite">
        {shown === total ? `${total} resource${total === 1 ? '' : 's'}` : `${shown} of ${total}`}
      </span>
    </div>
  );
}

function Select(props: {
  label: string;
  value: string;
  options: string[];
  onChange: (v: string) => void;
}) {
  const { label, value, options, onChange } = props;
  // Keep a value from the URL selectable even if no resource has it (yet).
  const all = value && !options.includes(value) ? [value, ...options] : options;
  return (
    <label className="field-inline">
      <span>{label}</span>
      <select
        className="input"
        aria-label={label}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">All</option>
        {all.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
}
