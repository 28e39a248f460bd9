import { useRef } from 'react';
import {
  GridLayout,
  verticalCompactor,
  useContainerWidth,
  type LayoutItem as RglItem,
} from 'react-grid-layout';
import 'react-grid-layout/css/styles.css';
import {
  GRID_COLUMNS,
  type GridBox,
  type LayoutSection,
  type PanelSummary,
} from '@perses-cm/resources';
import { drawnLayout, writtenLayout, type Drawing } from '../hooks/perses-grid.ts';
import { PanelCard } from './panel-card.tsx';

// Perses draws 30 px rows with 10 px gaps on a full-width dashboard; the preview keeps those
// proportions at its own width (never below what keeps a card readable), so a panel has the
// shape it will have in Perses.
const PERSES_WIDTH = 1200;
const MIN_WIDTH = 600;

interface Props {
  section: LayoutSection;
  panels: ReadonlyMap<string, PanelSummary>;
  highlighted: (itemId: string, panelKey?: string) => boolean;
  readOnly: boolean;
  /** Changing it remounts the grid (after a refused drop, to forget the dragged position). */
  revision: number;
  /** A drop: the item and the drawing it left (where every panel is drawn now). */
  onMove: (itemId: string, drawing: Drawing) => void;
  onNudge: (itemId: string, delta: Partial<GridBox>) => void;
  onReveal: (itemId: string, panelKey?: string) => void;
}

/**
 * One Grid layout on 24 columns, drawn and arranged with react-grid-layout as Perses does (see
 * perses-grid.ts): a drop reports where the card landed, which is what gets written.
 */
export function ArrangeGrid(props: Props) {
  const { section, panels, highlighted, readOnly, revision, onMove, onNudge, onReveal } = props;
  const { width, containerRef, mounted } = useContainerWidth();
  const drawnWidth = Math.max(width, MIN_WIDTH);
  const scale = Math.min(1, drawnWidth / PERSES_WIDTH);
  const rowHeight = Math.max(14, Math.round(30 * scale));
  const gap = Math.max(4, Math.round(10 * scale));
  const layout = writtenLayout(section);
  // A drag ends with a click on the card it moved: that click is not a request to select it.
  const dragged = useRef(false);
  // What counts is where the cards settle (Perses floats panels up), not the cell under the
  // pointer: a drop into empty rows below must not write a gap Perses ignores.
  const stop = (after: readonly RglItem[], _old: RglItem | null, item: RglItem | null) => {
    if (item) onMove(item.i, drawnLayout(after));
  };
  return (
    <div ref={containerRef} className="dp-grid-scroll">
      {mounted && (
        <GridLayout
          key={revision}
          className="dp-grid"
          width={drawnWidth}
          layout={layout}
          gridConfig={{
            cols: GRID_COLUMNS,
            rowHeight,
            margin: [gap, gap],
            containerPadding: [0, gap],
          }}
          dragConfig={{ enabled: !readOnly, threshold: 4, cancel: 'a, button, input' }}
          resizeConfig={{ enabled: !readOnly, handles: ['se'] }}
          compactor={verticalCompactor}
          onDragStart={() => (dragged.current = false)}
          onDrag={() => (dragged.current = true)}
          onDragStop={stop}
          onResizeStop={stop}
        >
          {section.items.map((item) => {
            const panel = item.panelKey !== undefined ? panels.get(item.panelKey) : undefined;
            return (
              <div
                key={item.id}
                className="dp-grid-item"
                onClickCapture={(e) => {
                  if (dragged.current) e.stopPropagation();
                  dragged.current = false;
                }}
              >
                <PanelCard
                  {...(panel ? { panel } : {})}
                  item={item}
                  highlighted={highlighted(item.id, item.panelKey)}
                  readOnly={readOnly}
                  onReveal={() => onReveal(item.id, panel ? item.panelKey : undefined)}
                  onNudge={(delta) => onNudge(item.id, delta)}
                />
              </div>
            );
          })}
        </GridLayout>
      )}
    </div>
  );
}
