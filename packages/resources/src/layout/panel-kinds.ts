// The panel plugins Perses v0.54.0 ships (its plugin list, one package per plugin), grouped into
// families a reader recognises at a glance. Unknown kinds (third-party plugins) fall into 'other'.

export type PanelFamily =
  | 'time-series'
  | 'bar'
  | 'stat'
  | 'gauge'
  | 'table'
  | 'markdown'
  | 'logs'
  | 'traces'
  | 'profiles'
  | 'heatmap'
  | 'histogram'
  | 'pie'
  | 'status'
  | 'alerts'
  | 'other';

interface PanelKind {
  family: PanelFamily;
  /** The plugin's display name in Perses. */
  label: string;
}

export const PANEL_KINDS: Readonly<Record<string, PanelKind>> = {
  TimeSeriesChart: { family: 'time-series', label: 'Time Series Chart' },
  BarChart: { family: 'bar', label: 'Bar Chart' },
  StatChart: { family: 'stat', label: 'Stat Chart' },
  GaugeChart: { family: 'gauge', label: 'Gauge Chart' },
  Table: { family: 'table', label: 'Table' },
  TimeSeriesTable: { family: 'table', label: 'Time Series Table' },
  Markdown: { family: 'markdown', label: 'Markdown' },
  LogsTable: { family: 'logs', label: 'Logs Table' },
  TraceTable: { family: 'traces', label: 'Trace Table' },
  TracingGanttChart: { family: 'traces', label: 'Tracing Gantt Chart' },
  ScatterChart: { family: 'traces', label: 'Scatter Chart' },
  FlameChart: { family: 'profiles', label: 'Flame Chart' },
  HeatMapChart: { family: 'heatmap', label: 'HeatMap Chart' },
  HistogramChart: { family: 'histogram', label: 'Histogram Chart' },
  PieChart: { family: 'pie', label: 'Pie Chart' },
  StatusHistoryChart: { family: 'status', label: 'Status History Chart' },
  AlertTable: { family: 'alerts', label: 'Alert Table' },
  SilenceTable: { family: 'alerts', label: 'Silence Table' },
};

export function panelKind(kind: string): PanelKind {
  return Object.hasOwn(PANEL_KINDS, kind)
    ? (PANEL_KINDS[kind] as PanelKind)
    : { family: 'other', label: kind || 'Unknown plugin' };
}
