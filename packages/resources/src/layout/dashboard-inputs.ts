// The inputs drawn above a dashboard's grid: its variables (as Perses shows them, a bar of
// inputs) and the datasources it defines or its queries name.

import type { Pointer } from '../parse-limits.ts';
import { isRecord } from '../resource-items.ts';
import type { PanelSummary } from './panel-summary.ts';

export interface VariableSummary {
  name: string;
  kind: 'TextVariable' | 'ListVariable' | string;
  /** `display.name`, else the name. */
  label: string;
  /** ListVariable: the plugin that lists the values (e.g. PrometheusLabelValuesVariable). */
  pluginKind?: string;
  /** TextVariable: its value; ListVariable: its default value(s), joined. */
  value?: string;
  hidden: boolean;
  allowMultiple: boolean;
  pointer: Pointer;
}

export interface DatasourceSummary {
  /** The dashboard's own datasource name; for one only named by queries, its name if any. */
  name?: string;
  pluginKind: string;
  /** Defined in `spec.datasources` (else only named by a panel query). */
  local: boolean;
  isDefault: boolean;
  /** How many panel queries name it (a query with no name names the default of its kind). */
  usedBy: number;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function valueText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.filter((x) => typeof x === 'string').join(', ');
  return undefined;
}

export function summarizeVariables(raw: unknown, root: Pointer): VariableSummary[] {
  return (Array.isArray(raw) ? raw : []).map((v, i) => {
    const variable = isRecord(v) ? v : {};
    const spec = isRecord(variable.spec) ? variable.spec : {};
    const display = isRecord(spec.display) ? spec.display : {};
    const plugin = isRecord(spec.plugin) ? spec.plugin : {};
    const name = str(spec.name) ?? '';
    const kind = str(variable.kind) ?? '';
    const value = valueText(kind === 'TextVariable' ? spec.value : spec.defaultValue);
    const pluginKind = str(plugin.kind);
    return {
      name,
      kind,
      label: str(display.name) || name,
      ...(pluginKind !== undefined ? { pluginKind } : {}),
      ...(value !== undefined ? { value } : {}),
      hidden: display.hidden === true,
      allowMultiple: spec.allowMultiple === true,
      pointer: [...root, 'spec', 'variables', i],
    };
  });
}

export function summarizeDatasources(raw: unknown, panels: PanelSummary[]): DatasourceSummary[] {
  const list: DatasourceSummary[] = Object.entries(isRecord(raw) ? raw : {}).map(([name, d]) => {
    const ds = isRecord(d) ? d : {};
    const plugin = isRecord(ds.plugin) ? ds.plugin : {};
    return {
      name,
      pluginKind: str(plugin.kind) ?? '',
      local: true,
      isDefault: ds.default === true,
      usedBy: 0,
    };
  });
  for (const q of panels.flatMap((p) => p.queries)) {
    const ref = q.datasource;
    if (!ref) continue;
    const same = (d: DatasourceSummary) =>
      d.pluginKind === ref.kind && (ref.name === undefined ? d.isDefault : d.name === ref.name);
    let found = list.find(same);
    if (!found) {
      found = {
        ...(ref.name !== undefined ? { name: ref.name } : {}),
        pluginKind: ref.kind,
        local: false,
        isDefault: ref.name === undefined,
        usedBy: 0,
      };
      list.push(found);
    }
    found.usedBy++;
  }
  return list;
}
