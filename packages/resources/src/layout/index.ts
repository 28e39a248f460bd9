// The dashboard layout model: what the preview draws and how an arrangement is written back.
export {
  GRID_COLUMNS,
  dashboardLayout,
  type DashboardLayout,
  type GridBox,
  type LayoutItem,
  type LayoutSection,
} from './dashboard-layout.ts';
export type { DatasourceSummary, VariableSummary } from './dashboard-inputs.ts';
export type { PanelSummary, QuerySummary } from './panel-summary.ts';
export { PANEL_KINDS, panelKind, type PanelFamily } from './panel-kinds.ts';
export { dashboardLayoutOf, spanOf, targetAt, type LayoutTarget } from './layout-source.ts';
export {
  applyTextEdits,
  gridItemEdit,
  pointerPath,
  type EditSource,
  type GridItemEdit,
  type TextEdit,
} from './grid-item-edit.ts';
