import { verticalCompactor, type LayoutItem as RglItem } from 'react-grid-layout';
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

/**
 * Where a keyboard move or resize puts an item, as a drag to the same place would: the first
 * step in the direction of `delta` that changes where Perses draws it (moving down past a panel
 * takes as many rows as that panel is high). Undefined when it cannot go further.
 */
export function nudgedBox(
  section: LayoutSection,
  id: string,
  delta: Partial<GridBox>,
): GridBox | undefined {
  const drawn = drawnLayout(writtenLayout(section));
  const current = drawn.get(id);
  if (!current) return undefined;
  const others = [...drawn].filter(([i]) => i !== id).map(([i, b]) => toRgl(i, b));
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
    const landed = drawnLayout([...others, toRgl(id, candidate)]).get(id);
    if (landed && !sameBox(landed, current)) return landed;
  }
  return undefined;
}
