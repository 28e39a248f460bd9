// One panel as a card shows it: name, plugin and family, the query of each of its queries, and
// the text of a Markdown panel.

import type { Pointer } from '../parse-limits.ts';
import { isRecord } from '../resource-items.ts';
import { panelKind, type PanelFamily } from './panel-kinds.ts';

export interface QuerySummary {
  /** e.g. TimeSeriesQuery, TraceQuery. */
  kind: string;
  /** e.g. PrometheusTimeSeriesQuery. */
  pluginKind: string;
  /** The query text (`spec.query`, else the first text field of the plugin spec). */
  query?: string;
  /** The datasource the query names: `{kind, name?}`; no name means the default of that kind. */
  datasource?: { kind: string; name?: string };
}

export interface PanelSummary {
  key: string;
  /** `display.name`, else the key. */
  name: string;
  description?: string;
  pluginKind: string;
  pluginLabel: string;
  family: PanelFamily;
  queries: QuerySummary[];
  /** The text of a Markdown panel (`plugin.spec.text`). */
  markdown?: string;
  pointer: Pointer;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function queryText(spec: Record<string, unknown>): string | undefined {
  const direct = str(spec.query);
  if (direct !== undefined) return direct;
  for (const [k, v] of Object.entries(spec))
    if (k !== 'datasource' && typeof v === 'string') return v;
  return undefined;
}

function summarizeQuery(raw: unknown): QuerySummary {
  const q = isRecord(raw) ? raw : {};
  const spec = isRecord(q.spec) ? q.spec : {};
  const plugin = isRecord(spec.plugin) ? spec.plugin : {};
  const pspec = isRecord(plugin.spec) ? plugin.spec : {};
  const ds = isRecord(pspec.datasource) ? pspec.datasource : undefined;
  const query = queryText(pspec);
  const dsKind = str(ds?.kind);
  const dsName = str(ds?.name);
  return {
    kind: str(q.kind) ?? '',
    pluginKind: str(plugin.kind) ?? '',
    ...(query !== undefined ? { query } : {}),
    ...(dsKind !== undefined
      ? { datasource: { kind: dsKind, ...(dsName !== undefined ? { name: dsName } : {}) } }
      : {}),
  };
}

export function summarizePanel(key: string, raw: unknown, pointer: Pointer): PanelSummary {
  const panel = isRecord(raw) ? raw : {};
  const spec = isRecord(panel.spec) ? panel.spec : {};
  const display = isRecord(spec.display) ? spec.display : {};
  const plugin = isRecord(spec.plugin) ? spec.plugin : {};
  const pluginKind = str(plugin.kind) ?? '';
  const kind = panelKind(pluginKind);
  const description = str(display.description);
  const pspec = isRecord(plugin.spec) ? plugin.spec : {};
  const markdown = kind.family === 'markdown' ? str(pspec.text) : undefined;
  return {
    key,
    name: str(display.name) || key,
    ...(description ? { description } : {}),
    pluginKind,
    pluginLabel: kind.label,
    family: kind.family,
    queries: (Array.isArray(spec.queries) ? spec.queries : []).map(summarizeQuery),
    ...(markdown !== undefined ? { markdown } : {}),
    pointer,
  };
}
