import { Link } from 'react-router';
import type { ResourceDetail } from '@perses-cm/api';
import { KindBadge } from '../../../components/badges.tsx';
import { LastChangeText } from './last-change.tsx';

const SAVE_KEY = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘S' : 'Ctrl+S';

interface Props {
  stored: ResourceDetail;
  backSearch: string;
  dirty: boolean;
  /** Why Save is off (read-only, deleted, errors, nothing changed); null when it can save. */
  saveBlocked: string | null;
  formatBlocked: string | null;
  deleteBlocked: string | null;
  canSplit: boolean;
  onFormat: () => void;
  onDelete: () => void;
  onSplit: () => void;
  onSave: () => void;
}

/** Where the resource is, who changed it last, and the page's actions, each with its reason when off. */
export function EditorHead(p: Props) {
  const { stored } = p;
  return (
    <div className="page-head">
      <div className="title-block">
        <div className="crumbs">
          <Link to={{ pathname: '/', search: p.backSearch }}>Resources</Link>
          <span aria-hidden="true">/</span>
          <KindBadge kind={stored.kind} />
          {stored.project && <span>{stored.project}</span>}
        </div>
        <h1 title={stored.name}>
          {stored.name}
          {stored.displayName && stored.displayName !== stored.name && (
            <span className="muted title-display"> {stored.displayName}</span>
          )}
        </h1>
        <LastChangeText change={stored.lastChange} />
      </div>
      <span className="spacer" />
      {stored.unlabeled && (
        <span className="badge badge-unlabeled" title={stored.readOnly ?? undefined}>
          unlabeled
        </span>
      )}
      {p.dirty && <span className="badge badge-warn">Unsaved changes</span>}
      <div className="head-actions">
        {p.canSplit && (
          <button type="button" className="btn" onClick={p.onSplit}>
            Split…
          </button>
        )}
        <button
          type="button"
          className="btn"
          onClick={p.onFormat}
          disabled={Boolean(p.formatBlocked)}
          title={p.formatBlocked ?? 'Format the document'}
        >
          Format
        </button>
        <button
          type="button"
          className="btn btn-danger"
          disabled={Boolean(p.deleteBlocked)}
          title={p.deleteBlocked ?? 'Delete this resource'}
          aria-description={p.deleteBlocked ?? undefined}
          onClick={p.onDelete}
        >
          Delete
        </button>
        {/* A disabled button gets no hover: the wrapper carries the reason. */}
        <span
          title={p.saveBlocked ?? 'Review the changes, then save (Ctrl/Cmd+S)'}
          data-testid="save-reason"
        >
          <button
            type="button"
            className="btn btn-primary"
            disabled={Boolean(p.saveBlocked)}
            aria-label={p.saveBlocked ? `Save (disabled: ${p.saveBlocked})` : 'Save'}
            onClick={p.onSave}
          >
            Save <span className="kbd">{SAVE_KEY}</span>
          </button>
        </span>
      </div>
    </div>
  );
}
