import { memo } from 'react';
import { Link } from 'react-router';
import type { ResourceSummary } from '@perses-cm/api';
import { FindingBadges, KindBadge, formatBytes } from '../../../components/badges.tsx';
import { lastChangeWords } from './last-change.tsx';
import { rememberOpened } from '../hooks/return-focus.ts';
import { StatusBadge } from '../../../components/status-badge.tsx';

interface Props {
  item: ResourceSummary;
  active: boolean;
  rowId: string;
  search: string;
  showNamespace: boolean;
  hasDraft: boolean;
}

/** One list row. Memoised on the summary object: a live event re-renders only its own row. */
export const ResourceRow = memo(function ResourceRow({
  item,
  active,
  rowId,
  search,
  showNamespace,
  hasDraft,
}: Props) {
  const where = item.configMapName ? `${item.configMapName} · ${item.key}` : item.key;
  const full = `${item.project ? `${item.project}/` : ''}${item.name}`;
  const changed = lastChangeWords(item.lastChange);
  return (
    <div
      id={rowId}
      role="row"
      className={`row${active ? ' row-active' : ''}`}
      aria-selected={active}
      data-resource-id={item.id}
    >
      <span role="gridcell" className="cell cell-kind">
        <KindBadge kind={item.kind} />
      </span>
      <span role="gridcell" className="cell cell-name">
        <Link
          to={{ pathname: `/resources/${encodeURIComponent(item.id)}`, search }}
          className="row-link"
          tabIndex={-1}
          onClick={() => rememberOpened(item.id)}
          aria-label={`${item.kind} ${full}`}
          title={`${full}${item.displayName ? ` — ${item.displayName}` : ''}${changed ? `\nLast changed by ${changed}` : ''}`}
        >
          {item.name}
        </Link>
        {item.displayName && item.displayName !== item.name && (
          <span className="muted ellipsis" title={item.displayName}>
            {' '}
            {item.displayName}
          </span>
        )}
        {item.flags?.includes('plaintext-secret') && (
          <span
            className="badge badge-warn row-flag"
            title="Credentials in plain text in a ConfigMap, readable by anyone who can read ConfigMaps"
          >
            plain-text secret
          </span>
        )}
        {item.owner && (
          <span className="badge badge-muted row-flag" title={item.owner.message}>
            {item.owner.tool}
          </span>
        )}
        {hasDraft && (
          <span className="badge badge-warn" title="You have unsaved changes to this resource">
            draft
          </span>
        )}
        {item.readOnly && (
          <span className="badge badge-muted" title={item.readOnly}>
            read-only
          </span>
        )}
        {item.unlabeled && (
          <span className="badge badge-unlabeled" title={item.readOnly ?? undefined}>
            unlabeled
          </span>
        )}
      </span>
      <span role="gridcell" className="cell">
        <StatusBadge status={item.status} />
      </span>
      <span role="gridcell" className="cell ellipsis">
        {item.project ?? <span className="muted">global</span>}
      </span>
      {showNamespace && (
        <span role="gridcell" className="cell ellipsis">
          {item.namespace ?? <span className="muted">—</span>}
        </span>
      )}
      <span role="gridcell" className="cell mono ellipsis" title={where}>
        {where}
      </span>
      <span role="gridcell" className="cell num">
        {formatBytes(item.sizeBytes)}
      </span>
      <span role="gridcell" className="cell">
        <FindingBadges findings={item.findings} />
      </span>
    </div>
  );
});
