import type { ResourceDetail } from '@perses-cm/api';
import { formatBytes } from '../../../components/badges.tsx';
import type { MarkerSummary } from '../../../lib/monaco/markers.ts';
import type { PlannedPlace } from '../hooks/planned-place.ts';
import type { PersesVerdict } from '../hooks/use-editor-findings.ts';
import { PersesVerdictPanel } from './perses-verdict-panel.tsx';
import { LastChangeText } from './last-change.tsx';
import type { Base } from '../hooks/use-edit-session.ts';

interface Props {
  resource?: ResourceDetail;
  /** The version the edit started from (the resource editor only). */
  base?: Base;
  /** The live size of the text in UTF-8 bytes. */
  bytes?: number;
  /** Shown instead of origin for a resource not created yet. */
  pending?: PlannedPlace;
  markers: MarkerSummary;
  perses?: PersesVerdict;
  onReveal: (line: number, column: number) => void;
}

/** Where the resource lives, and every problem in the text (click one to jump to it). */
export function SidePanel({ resource, base, bytes, pending, markers, perses, onReveal }: Props) {
  const storedChanged = resource && base && base.version !== resource.version;
  return (
    <aside className="side" aria-label="Resource details">
      <section className="panel">
        <h3>Storage</h3>
        <div className="panel-body">
          <dl className="kv">
            {resource?.origin.type === 'configmap' && (
              <>
                <dt>Namespace</dt>
                <dd>{resource.origin.namespace}</dd>
                <dt>ConfigMap</dt>
                <dd>{resource.origin.name}</dd>
                <dt>Key</dt>
                <dd>{resource.origin.key}</dd>
              </>
            )}
            {resource?.origin.type === 'file' && (
              <>
                <dt>File</dt>
                <dd>{resource.origin.path}</dd>
              </>
            )}
            {pending?.type === 'configmap' && (
              <>
                <dt>Namespace</dt>
                <dd>{pending.namespace || '—'}</dd>
                <dt>ConfigMap</dt>
                <dd data-testid="pending-configmap">{pending.configMapName ?? '—'}</dd>
                <dt>Key</dt>
                <dd data-testid="pending-key">{pending.key ?? '—'}</dd>
              </>
            )}
            {pending?.type === 'file' && (
              <>
                <dt>File</dt>
                <dd data-testid="pending-file">{pending.path ?? '—'}</dd>
              </>
            )}
            {resource && (
              <>
                <dt>{storedChanged ? 'Started from' : 'Version'}</dt>
                <dd data-testid="base-version">
                  {base?.version ?? resource.version}
                  <LastChangeText
                    change={base ? base.lastChange : resource.lastChange}
                    prefix="·"
                  />
                </dd>
                {storedChanged && (
                  <>
                    <dt>Stored now</dt>
                    <dd data-testid="stored-version" className="text-warn">
                      {resource.version}
                      <LastChangeText change={resource.lastChange} prefix="·" />
                    </dd>
                  </>
                )}
                <dt>Size</dt>
                <dd>
                  {resource.at
                    ? `${formatBytes(resource.sizeBytes)} (this resource; the whole text ${formatBytes(bytes ?? 0)})`
                    : formatBytes(bytes ?? resource.sizeBytes)}
                </dd>
                <dt>Format</dt>
                <dd>{resource.format.toUpperCase()}</dd>
              </>
            )}
          </dl>
        </div>
      </section>
      <section className="panel" aria-label="Problems">
        <h3>
          Problems{' '}
          {markers.errors + markers.warnings > 0 &&
            `· ${markers.errors} error${markers.errors === 1 ? '' : 's'}, ${markers.warnings} warning${markers.warnings === 1 ? '' : 's'}`}
        </h3>
        {markers.list.length === 0 ? (
          <div className="panel-body muted">No problems found.</div>
        ) : (
          <ul className="findings">
            {markers.list.slice(0, 200).map((m, i) => (
              <li key={i}>
                <button
                  type="button"
                  className="finding-btn"
                  onClick={() => onReveal(m.line, m.column)}
                  aria-label={`${m.severity} at line ${m.line}: ${m.message}`}
                >
                  <span className={`sev sev-${m.severity}`} aria-hidden="true" />
                  <span>
                    {m.message}
                    <span className="muted">
                      {' '}
                      · {m.source} · Ln {m.line}, Col {m.column}
                    </span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <PersesVerdictPanel perses={perses} />
    </aside>
  );
}
