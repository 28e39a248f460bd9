import { useState, type ComponentProps } from 'react';
import { mdiChevronDown, mdiChevronRight, mdiRepeat } from '@mdi/js';
import { ArrangeGrid } from './arrange-grid.tsx';
import { Icon } from './icon.tsx';

/** A Grid layout as Perses shows it: a titled row that folds, over its grid of panels. */
export function GridSection(props: ComponentProps<typeof ArrangeGrid>) {
  const { section } = props;
  const [open, setOpen] = useState(section.open);
  const title = section.title ?? `Layout ${section.index + 1}`;
  const problems = section.items.filter((i) => i.missing || i.overlaps.length > 0).length;
  if (section.kind !== 'Grid')
    return (
      <section className="dp-section" aria-label={title}>
        <p className="dp-note">
          {title}: a {section.kind || 'layout'} without a kind this preview draws.
        </p>
      </section>
    );
  return (
    <section className="dp-section" aria-label={title}>
      <h3 className="dp-section-head">
        <button
          type="button"
          className="dp-section-toggle"
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
        >
          <Icon path={open ? mdiChevronDown : mdiChevronRight} size={20} />
          <span>{title}</span>
        </button>
        {section.repeatVariable && (
          <span className="dp-chip" title="Perses repeats this row for each value of the variable">
            <Icon path={mdiRepeat} size={12} /> ${section.repeatVariable}
          </span>
        )}
        <span className="dp-section-meta">
          {section.items.length} panel{section.items.length === 1 ? '' : 's'}
          {problems > 0 && <span className="dp-section-problems"> · {problems} to fix</span>}
        </span>
      </h3>
      {open && <ArrangeGrid {...props} />}
    </section>
  );
}
