import type { KeyboardEvent } from 'react';
import { mdiAlertOutline, mdiInformationOutline } from '@mdi/js';
import type { GridBox, LayoutItem, PanelSummary } from '@perses-cm/resources';
import { FamilyIcon, Icon } from './icon.tsx';
import { MarkdownView } from './markdown-view.tsx';

const MOVES: Record<string, [keyof GridBox, number]> = {
  ArrowLeft: ['x', -1],
  ArrowRight: ['x', 1],
  ArrowUp: ['y', -1],
  ArrowDown: ['y', 1],
};
const RESIZES: Record<string, [keyof GridBox, number]> = {
  ArrowLeft: ['width', -1],
  ArrowRight: ['width', 1],
  ArrowUp: ['height', -1],
  ArrowDown: ['height', 1],
};

export const CARD_HELP_ID = 'dp-card-help';

interface Props {
  panel?: PanelSummary;
  /** The layout item the card stands for; none for a panel placed in no layout. */
  item?: LayoutItem;
  highlighted: boolean;
  readOnly: boolean;
  onReveal: () => void;
  onNudge?: (delta: Partial<GridBox>) => void;
}

/** One panel as a card: what Perses would draw there, minus the data. */
export function PanelCard({ panel, item, highlighted, readOnly, onReveal, onNudge }: Props) {
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      return onReveal();
    }
    const change = (e.shiftKey ? RESIZES : MOVES)[e.key];
    if (!change || !onNudge || readOnly || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    onNudge({ [change[0]]: change[1] });
  };
  const problems = [
    item?.missing && `its $ref "${item.ref}" names no panel: Perses refuses the dashboard`,
    item &&
      item.overlaps.length > 0 &&
      'overlaps another panel in the text: Perses pushes one of them down',
    item?.outside && 'reaches past the 24 grid columns',
    item && item.invalid.length > 0 && `${item.invalid.join(', ')} not a whole number`,
  ].filter((p): p is string => Boolean(p));
  const where = item ? `x ${item.x}, y ${item.y}, ${item.width} by ${item.height}` : 'in no layout';
  const name = panel?.name ?? 'Missing panel';
  const className = [
    'dp-card',
    highlighted && 'dp-card-selected',
    item?.missing && 'dp-card-missing',
    item && item.overlaps.length > 0 && 'dp-card-overlap',
    item?.outside && 'dp-card-outside',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <article
      className={className}
      tabIndex={0}
      aria-roledescription="panel"
      aria-label={`${name}, ${panel?.pluginLabel ?? 'no panel'}, ${where}${problems.length ? `; ${problems.join('; ')}` : ''}`}
      aria-describedby={CARD_HELP_ID}
      aria-current={highlighted ? 'true' : undefined}
      data-item-id={item?.id}
      data-panel-key={panel?.key ?? item?.panelKey}
      onClick={onReveal}
      onKeyDown={onKeyDown}
    >
      <header className="dp-card-head">
        {panel && <FamilyIcon family={panel.family} />}
        <h4 className="dp-card-title" title={name}>
          {name}
        </h4>
        {panel?.description && (
          <span className="dp-card-info" title={panel.description}>
            <Icon path={mdiInformationOutline} size={14} />
          </span>
        )}
        {problems.length > 0 && (
          <span className="dp-card-warn" title={problems.join('\n')}>
            <Icon path={mdiAlertOutline} size={14} />
          </span>
        )}
      </header>
      <div className="dp-card-body">
        {!panel ? (
          <p className="dp-missing-text">
            No panel for <code>{item?.ref || '(empty $ref)'}</code>
          </p>
        ) : panel.markdown !== undefined ? (
          <MarkdownView text={panel.markdown} />
        ) : (
          <>
            <span className="dp-card-kind">{panel.pluginLabel}</span>
            {panel.queries.map((q, i) => (
              <code key={i} className="dp-query" title={`${q.pluginKind}\n${q.query ?? ''}`}>
                {q.query ?? q.pluginKind}
              </code>
            ))}
            <FamilyIcon family={panel.family} size={40} />
          </>
        )}
      </div>
    </article>
  );
}
