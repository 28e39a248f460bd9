// Between the layout model and the text: which dashboard of a parsed text to draw, where a panel
// or an item is written, and which of them a text offset falls in. Spans are computed on demand
// (a click, a cursor move), never for the whole dashboard up front.

import type { ParsedText } from '../parse.ts';
import type { Span } from '../parse-limits.ts';
import { resourceItems } from '../resource-items.ts';
import { dashboardLayout, type DashboardLayout } from './dashboard-layout.ts';

/** The first Dashboard of the first document (the only one Perses v0.54.0 reads). */
export function dashboardLayoutOf(parsed: ParsedText): DashboardLayout | undefined {
  for (const item of resourceItems(parsed).items) {
    if (item.docIndex > 0) break;
    const layout = dashboardLayout(item.value, item.pointer, item.docIndex);
    if (layout) return layout;
  }
  return undefined;
}

export type LayoutTarget = { type: 'panel'; key: string } | { type: 'item'; id: string };

/** Where a panel (its key and definition) or a layout item is written in the text. */
export function spanOf(
  parsed: ParsedText,
  layout: DashboardLayout,
  target: LayoutTarget,
): Span | undefined {
  if (target.type === 'panel') {
    const panel = layout.panels.find((p) => p.key === target.key);
    return panel && parsed.span(panel.pointer, layout.docIndex);
  }
  const item = layout.sections.flatMap((s) => s.items).find((i) => i.id === target.id);
  return item && parsed.span(item.pointer, layout.docIndex);
}

const inside = (span: Span | undefined, offset: number) =>
  span !== undefined && offset >= span.keyStart && offset <= span.end;

/** The layout item or panel definition that holds `offset`, if any. */
export function targetAt(
  parsed: ParsedText,
  layout: DashboardLayout,
  offset: number,
): LayoutTarget | undefined {
  const doc = layout.docIndex;
  for (const section of layout.sections) {
    if (!inside(parsed.span(section.pointer, doc), offset)) continue;
    const item = section.items.find((i) => inside(parsed.span(i.pointer, doc), offset));
    return item ? { type: 'item', id: item.id } : undefined;
  }
  if (!inside(parsed.span([...layout.root, 'spec', 'panels'], doc), offset)) return undefined;
  const panel = layout.panels.find((p) => inside(parsed.span(p.pointer, doc), offset));
  return panel ? { type: 'panel', key: panel.key } : undefined;
}
