import {
  cloneLayout,
  moveElement,
  verticalCompactor,
  type LayoutItem as RglItem,
} from 'react-grid-layout';
import { GRID_COLUMNS, type GridBox, type LayoutSection } from '@perses-cm/resources';

// Perses lays a Grid out with react-grid-layout's default, vertical compaction: panels float up
// into empty rows and an overlapping panel is pushed down. The preview draws the same, so a
// dashboard looks here as it will in Perses; the text keeps its own numbers until a panel moves.

export const toRgl = (id: string, b: GridBox): RglItem => ({
  i: id,
  x: b.x,
  y: b.y,
  w: b.width,
  h: b.height,
});
export const fromRgl = (i: RglItem): GridBox => ({ x: i.x, y: i.y, width: i.w, height: i.h });

export function writtenLayout(section: LayoutSection): RglItem[] {
  return section.items.map((i) => toRgl(i.id, i));
}

/** Where Perses draws each item of a section. */
export function drawnLayout(layout: readonly RglItem[]): Map<string, GridBox> {
  return new Map(verticalCompactor.compact(layout, GRID_COLUMNS).map((i) => [i.i, fromRgl(i)]));
}

export const sameBox = (a: GridBox, b: GridBox) =>
  a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

/** Keeps a box on the grid: inside the 24 columns, at least one cell, never above row 0. */
export function clampBox(b: GridBox): GridBox {
  const width = Math.min(Math.max(1, b.width), GRID_COLUMNS);
  return {
    x: Math.min(Math.max(0, b.x), GRID_COLUMNS - width),
    y: Math.max(0, b.y),
    width,
    height: Math.max(1, b.height),
  };
}

export type Drawing = ReadonlyMap<string, GridBox>;

/** The drawing after moving (react-grid-layout's drag rules) or resizing an item to `to`. */
function land(drawn: Drawing, id: string, to: GridBox): Drawing | undefined {
  const layout = cloneLayout([...drawn].map(([i, b]) => toRgl(i, b)));
  const item = layout.find((i) => i.i === id);
  if (!item) return undefined;
  const resized = item.w !== to.width || item.h !== to.height;
  item.w = to.width;
  item.h = to.height;
  const after = resized
    ? layout
    : moveElement(layout, item, to.x, to.y, true, false, 'vertical', GRID_COLUMNS);
  return drawnLayout(after);
}

/**
 * The drawing after a keyboard move or resize, as a drag to the same place would leave it: the
 * first step in the direction of `delta` that changes where the item is drawn (moving down past
 * a panel takes as many rows as that panel is high). Undefined when it cannot go further.
 */
export function landing(
  section: LayoutSection,
  id: string,
  delta: Partial<GridBox>,
): Drawing | undefined {
  const drawn = drawnLayout(writtenLayout(section));
  const current = drawn.get(id);
  if (!current) return undefined;
  const limit = Math.max(...[...drawn.values()].map((b) => b.y + b.height), 1) + 1;
  let previous = current;
  for (let step = 1; step <= limit; step++) {
    const candidate = clampBox({
      x: current.x + (delta.x ?? 0) * step,
      y: current.y + (delta.y ?? 0) * step,
      width: current.width + (delta.width ?? 0) * step,
      height: current.height + (delta.height ?? 0) * step,
    });
    if (sameBox(candidate, previous)) return undefined;
    previous = candidate;
    const after = land(drawn, id, candidate);
    const landed = after?.get(id);
    if (landed && !sameBox(landed, current)) return after;
  }
  return undefined;
}

/**
 * The box to write for `id` alone so that Perses, compacting the text's layout, draws the section
 * as `wanted` (else at least `id` where wanted). A drag pushes other panels aside on screen, but
 * only the moved item is rewritten: its y may need to say "after the panel it went past" rather
 * than the row it is drawn at. Undefined when no y gives that drawing (a panel written before it
 * would still come first).
 */
export function placement(
  section: LayoutSection,
  id: string,
  wanted: Drawing,
): GridBox | undefined {
  const goal = wanted.get(id);
  if (!goal) return undefined;
  const written = writtenLayout(section);
  const bottom = Math.max(0, ...written.map((i) => i.y + i.h)) + goal.height + 1;
  const ys = [goal.y, ...Array.from({ length: bottom + 1 }, (_, y) => y)];
  const drawnAt = (y: number) =>
    drawnLayout(written.map((i) => (i.i === id ? toRgl(id, { ...goal, y }) : i)));
  for (const everyPanel of [true, false])
    for (const y of ys) {
      const drawn = drawnAt(y);
      const ok = [...(everyPanel ? wanted : [[id, goal] as const])].every(([i, b]) => {
        const at = drawn.get(i);
        return at !== undefined && sameBox(at, b);
      });
      if (ok) return { ...goal, y };
    }
  return undefined;
}
