import { useLayoutEffect, useMemo, useRef } from 'react';
import { mdiClockOutline, mdiDragVariant, mdiOpenInNew, mdiRefresh } from '@mdi/js';
import { spanOf, type LayoutTarget, type PanelSummary } from '@perses-cm/resources';
import type { EditorPreviewProps } from '../../../components/editor-preview-slot.tsx';
import { useArrange } from '../hooks/use-arrange.ts';
import { useCursorTarget } from '../hooks/use-cursor-target.ts';
import { isModel, usePreviewModel } from '../hooks/use-preview-model.ts';
import { DatasourceList, VariableBar } from './dashboard-inputs.tsx';
import { GridSection } from './grid-section.tsx';
import { Icon } from './icon.tsx';
import { CARD_HELP_ID, PanelCard } from './panel-card.tsx';
import './dashboard-preview.css';

/** The dashboard being edited, drawn as Perses lays it out, and arranged by dragging. */
export default function DashboardPreview(props: EditorPreviewProps) {
  const { text, format, readOnly, editor, persesUrl } = props;
  const { drawn, problem, read } = usePreviewModel(text, format);
  const cursor = useCursorTarget(editor, drawn, text);
  const arrange = useArrange({ editor, text, read });
  const panels = useMemo(
    () => new Map<string, PanelSummary>(drawn?.layout.panels.map((p) => [p.key, p]) ?? []),
    [drawn],
  );

  /** Selects a panel's definition (or a layout item with no panel) in the editor. */
  const reveal = (target: LayoutTarget) => {
    const model = read(text);
    if (!isModel(model)) return;
    const span = spanOf(model.parsed, model.layout, target);
    if (span) editor.current?.select(span.keyStart, span.end);
  };
  // The sections (hundreds of panels in a big dashboard) are drawn again only when the drawing,
  // the panel under the cursor or the arrangement change, not on every key: their handlers call
  // the latest ones through this ref.
  const handlers = useRef({ reveal, move: arrange.move, nudge: arrange.nudge });
  useLayoutEffect(() => {
    handlers.current = { reveal, move: arrange.move, nudge: arrange.nudge };
  });
  const { revision } = arrange;
  const sections = useMemo(() => {
    if (!drawn) return null;
    const highlighted = (itemId: string | undefined, panelKey?: string) =>
      cursor?.type === 'item' ? cursor.id === itemId : cursor?.key === panelKey && !!panelKey;
    const onReveal = (target: LayoutTarget) => handlers.current.reveal(target);
    const { layout } = drawn;
    return (
      <div className="dp-sections">
        {layout.sections.map((section) => (
          <GridSection
            key={section.index}
            section={section}
            panels={panels}
            highlighted={highlighted}
            readOnly={readOnly}
            revision={revision}
            onMove={(id, wanted) => handlers.current.move(id, wanted)}
            onNudge={(id, delta) => handlers.current.nudge(id, delta)}
            onReveal={(id, key) => onReveal(key ? { type: 'panel', key } : { type: 'item', id })}
          />
        ))}
        {layout.sections.length === 0 && <p className="dp-note">This dashboard has no layout.</p>}
        {layout.unplaced.length > 0 && (
          <section className="dp-section dp-unplaced" aria-label="Not in any layout">
            <h3 className="dp-section-head">
              Not in any layout
              <span className="dp-section-meta">
                {layout.unplaced.length} panel{layout.unplaced.length === 1 ? '' : 's'} Perses does
                not show
              </span>
            </h3>
            <div className="dp-unplaced-list">
              {layout.unplaced.map((key) => {
                const panel = panels.get(key);
                return panel ? (
                  <PanelCard
                    key={key}
                    panel={panel}
                    highlighted={highlighted(undefined, key)}
                    readOnly
                    onReveal={() => onReveal({ type: 'panel', key })}
                  />
                ) : null;
              })}
            </div>
          </section>
        )}
      </div>
    );
  }, [drawn, panels, cursor, readOnly, revision]);

  if (!drawn)
    return (
      <div className="dp" role="region" aria-label="Dashboard preview">
        <div className="state">
          <h2>Nothing to draw yet</h2>
          <p className="muted">{problem}</p>
        </div>
      </div>
    );
  const { layout } = drawn;
  const perses =
    persesUrl && layout.project && layout.name
      ? `${persesUrl.replace(/\/$/, '')}/projects/${encodeURIComponent(layout.project)}/dashboards/${encodeURIComponent(layout.name)}`
      : undefined;
  return (
    <div className="dp" role="region" aria-label="Dashboard preview">
      <div className="dp-toolbar">
        <h2 className="dp-title">{layout.displayName || layout.name}</h2>
        <span className="spacer" />
        {!readOnly && (
          <span className="dp-hint" aria-hidden="true">
            <Icon path={mdiDragVariant} size={14} /> Drag to arrange
          </span>
        )}
        {layout.duration && (
          <span className="dp-chip" title="Default time range">
            <Icon path={mdiClockOutline} size={14} /> Last {layout.duration}
          </span>
        )}
        {layout.refreshInterval && (
          <span className="dp-chip" title="Refresh interval">
            <Icon path={mdiRefresh} size={14} /> {layout.refreshInterval}
          </span>
        )}
        {perses && (
          <a className="btn btn-small" href={perses} target="_blank" rel="noopener noreferrer">
            Open in Perses <Icon path={mdiOpenInNew} size={14} />
          </a>
        )}
      </div>
      {problem && (
        <p className="dp-stale" role="status">
          Showing the last version that could be drawn: {problem}
        </p>
      )}
      <VariableBar variables={layout.variables} />
      <DatasourceList datasources={layout.datasources} />
      <p id={CARD_HELP_ID} className="dp-sr-only">
        {readOnly
          ? 'Click a panel to find it in the text.'
          : 'Click a panel to find it in the text; drag it or its corner to arrange. With the keyboard: Enter finds it, arrow keys move it, Shift+arrow keys resize it.'}
      </p>
      <p
        className={`dp-message${arrange.message?.tone === 'error' ? ' dp-message-error' : ''}`}
        role={arrange.message?.tone === 'error' ? 'alert' : 'status'}
      >
        {arrange.message?.text}
      </p>
      {sections}
    </div>
  );
}
