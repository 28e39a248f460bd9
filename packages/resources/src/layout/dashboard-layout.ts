// What a dashboard looks like, read from its document: each Grid layout with its items on the
// 24-column grid, the panels they show, and what is wrong with the arrangement (overlaps, refs to
// missing panels, panels placed nowhere). Pure: positions in the text come from ParsedText.span.

import type { Pointer } from '../parse-limits.ts';
import { isRecord } from '../resource-items.ts';
import {
  summarizeDatasources,
  summarizeVariables,
  type DatasourceSummary,
  type VariableSummary,
} from './dashboard-inputs.ts';
import { summarizePanel, type PanelSummary } from './panel-summary.ts';

/** Perses lays every Grid on 24 columns (`GRID_LAYOUT_COLS` in its dashboards package). */
export const GRID_COLUMNS = 24;

export interface GridBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LayoutItem extends GridBox {
  /** `<layout index>.<item index>`: stable while the document keeps its order. */
  id: string;
  layoutIndex: number;
  itemIndex: number;
  ref: string;
  /** The panel key the ref names; undefined when the ref is not `#/spec/panels/<key>`. */
  panelKey?: string;
  /** The ref names no panel of this dashboard (Perses refuses the dashboard). */
  missing: boolean;
  /** Ids of the items of the same layout whose rectangles intersect this one. */
  overlaps: string[];
  /** Part of the item lies outside columns 0..24. */
  outside: boolean;
  /** Fields of x/y/width/height that are not integers in the document (drawn as 0 or 1). */
  invalid: (keyof GridBox)[];
  pointer: Pointer;
}

export interface LayoutSection {
  index: number;
  kind: string;
  title?: string;
  /** Like Perses: collapsed only when `display.collapse.open` is false. */
  open: boolean;
  repeatVariable?: string;
  items: LayoutItem[];
  /** Grid rows the items reach (max of y + height). */
  rows: number;
  pointer: Pointer;
}

export interface DashboardLayout {
  name?: string;
  project?: string;
  displayName?: string;
  /** The default time range (`spec.duration`, e.g. 1h) and refresh interval, as written. */
  duration?: string;
  refreshInterval?: string;
  /** Index of the document in a multi-document text (Perses reads the first). */
  docIndex: number;
  /** Pointer of the dashboard inside its document: `[]`, or `[i]` in a top-level list. */
  root: Pointer;
  variables: VariableSummary[];
  datasources: DatasourceSummary[];
  sections: LayoutSection[];
  /** Every panel, in document order. */
  panels: PanelSummary[];
  /** Keys of the panels no layout item shows. */
  unplaced: string[];
}

const PANEL_REF = /^#?\/spec\/panels\/(.+)$/;

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function box(item: Record<string, unknown>): { box: GridBox; invalid: (keyof GridBox)[] } {
  const invalid: (keyof GridBox)[] = [];
  const read = (field: keyof GridBox, fallback: number) => {
    const v = item[field];
    if (typeof v === 'number' && Number.isInteger(v)) return v;
    invalid.push(field);
    return fallback;
  };
  const b = {
    x: read('x', 0),
    y: read('y', 0),
    width: read('width', 1),
    height: read('height', 1),
  };
  return { box: b, invalid };
}

function intersects(a: GridBox, b: GridBox): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function section(
  layout: unknown,
  index: number,
  root: Pointer,
  panels: Record<string, unknown>,
): LayoutSection {
  const pointer = [...root, 'spec', 'layouts', index];
  const l = isRecord(layout) ? layout : {};
  const spec = isRecord(l.spec) ? l.spec : {};
  const display = isRecord(spec.display) ? spec.display : {};
  const collapse = isRecord(display.collapse) ? display.collapse : undefined;
  const rawItems = Array.isArray(spec.items) ? spec.items : [];
  const items: LayoutItem[] = rawItems.map((raw, itemIndex) => {
    const it = isRecord(raw) ? raw : {};
    const content = isRecord(it.content) ? it.content : {};
    const ref = str(content.$ref) ?? '';
    const panelKey = PANEL_REF.exec(ref)?.[1];
    const { box: b, invalid } = box(it);
    return {
      ...b,
      id: `${index}.${itemIndex}`,
      layoutIndex: index,
      itemIndex,
      ref,
      ...(panelKey !== undefined ? { panelKey } : {}),
      missing: panelKey === undefined || !Object.hasOwn(panels, panelKey),
      overlaps: [],
      outside: b.x < 0 || b.x + b.width > GRID_COLUMNS,
      invalid,
      pointer: [...pointer, 'spec', 'items', itemIndex],
    };
  });
  for (const a of items)
    for (const b of items) if (a !== b && intersects(a, b)) a.overlaps.push(b.id);
  const title = str(display.title);
  const repeatVariable = str(spec.repeatVariable);
  return {
    index,
    kind: str(l.kind) ?? '',
    ...(title !== undefined ? { title } : {}),
    open: collapse?.open !== false,
    ...(repeatVariable !== undefined ? { repeatVariable } : {}),
    items,
    rows: items.reduce((m, i) => Math.max(m, i.y + i.height), 0),
    pointer,
  };
}

/** The layout of a Dashboard object; undefined for anything else. */
export function dashboardLayout(
  value: unknown,
  root: Pointer = [],
  docIndex = 0,
): DashboardLayout | undefined {
  if (!isRecord(value) || value.kind !== 'Dashboard') return undefined;
  const metadata = isRecord(value.metadata) ? value.metadata : {};
  const spec = isRecord(value.spec) ? value.spec : {};
  const panels = isRecord(spec.panels) ? spec.panels : {};
  const layouts = Array.isArray(spec.layouts) ? spec.layouts : [];
  const sections = layouts.map((l, i) => section(l, i, root, panels));
  const placed = new Set(sections.flatMap((s) => s.items.map((i) => i.panelKey)));
  const display = isRecord(spec.display) ? spec.display : {};
  const name = str(metadata.name);
  const project = str(metadata.project);
  const displayName = str(display.name);
  const duration = str(spec.duration);
  const refreshInterval = str(spec.refreshInterval);
  const summaries = Object.entries(panels).map(([key, panel]) =>
    summarizePanel(key, panel, [...root, 'spec', 'panels', key]),
  );
  return {
    ...(name !== undefined ? { name } : {}),
    ...(project !== undefined ? { project } : {}),
    ...(displayName !== undefined ? { displayName } : {}),
    ...(duration !== undefined ? { duration } : {}),
    ...(refreshInterval !== undefined ? { refreshInterval } : {}),
    docIndex,
    root,
    variables: summarizeVariables(spec.variables, root),
    datasources: summarizeDatasources(spec.datasources, summaries),
    sections,
    panels: summaries,
    unplaced: summaries.filter((p) => !placed.has(p.key)).map((p) => p.key),
  };
}
