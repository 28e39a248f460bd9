// Dashboard rules beyond the shape: what Perses checks when it decodes and creates a dashboard
// (panel keys, variable names, layout references, one default datasource per plugin kind).

import { persesNameProblem, variableNameProblem } from './names.ts';
import type { Reporter } from './report.ts';
import { isRecord } from './resource-items.ts';
import { REF_PATTERN } from './schemas/dashboard.ts';
import { checkVariableSpec } from './validate-specs.ts';

function checkRef(
  report: Reporter,
  item: unknown,
  pointer: (string | number)[],
  panels: Record<string, unknown>,
  grid: boolean,
) {
  if (!isRecord(item) || !isRecord(item.content) || typeof item.content.$ref !== 'string') return;
  const ref = item.content.$ref;
  const at = [...pointer, 'content', '$ref'];
  if (!REF_PATTERN.test(ref)) return; // reported by the schema
  const path = ref.replace(/^#/, '').split('/').slice(1);
  const key = path[2];
  if (path.length !== 3 || path[0] !== 'spec' || path[1] !== 'panels' || key === undefined) {
    report.error(
      'invalid-ref',
      at,
      `layout reference "${ref}" must point to "#/spec/panels/<panel key>"`,
    );
    return;
  }
  if (!Object.hasOwn(panels, key)) {
    // Perses refuses the dashboard for Grid layouts; Tabs references are not checked by v0.54.0
    // but still render an empty cell.
    report.add(
      grid ? 'error' : 'warning',
      'missing-panel-ref',
      at,
      `layout references panel "${key}" but spec.panels has no such key${grid ? ': Perses refuses the dashboard' : ''}; add the panel or fix the reference`,
    );
  }
}

export function checkDashboard(report: Reporter, spec: unknown): void {
  if (!isRecord(spec)) return;
  const panels = isRecord(spec.panels) ? spec.panels : {};
  for (const key of Object.keys(panels)) {
    const problem = persesNameProblem(key);
    if (problem)
      report.error('invalid-panel-key', ['spec', 'panels', key], `panel key "${key}" ${problem}`);
  }

  const seen = new Set<string>();
  (Array.isArray(spec.variables) ? spec.variables : []).forEach((variable, i) => {
    if (!isRecord(variable) || !isRecord(variable.spec)) return;
    const name = variable.spec.name;
    const at = ['spec', 'variables', i, 'spec', 'name'];
    if (typeof name !== 'string') return;
    const idProblem = persesNameProblem(name);
    const varProblem = variableNameProblem(name);
    if (idProblem)
      report.error('invalid-variable-name', at, `variable name "${name}" ${idProblem}`);
    else if (varProblem)
      report.add(
        varProblem.severity,
        'invalid-variable-name',
        at,
        `variable name "${name}" ${varProblem.reason}`,
      );
    if (seen.has(name))
      report.error(
        'duplicate-variable',
        at,
        `variable "${name}" is defined twice; Perses refuses the dashboard`,
      );
    seen.add(name);
    checkVariableSpec(report, variable, ['spec', 'variables', i]);
  });

  (Array.isArray(spec.layouts) ? spec.layouts : []).forEach((layout, i) => {
    if (!isRecord(layout) || !isRecord(layout.spec)) return;
    const base = ['spec', 'layouts', i, 'spec'];
    if (layout.kind === 'Grid' && Array.isArray(layout.spec.items))
      layout.spec.items.forEach((item, j) =>
        checkRef(report, item, [...base, 'items', j], panels, true),
      );
    if (layout.kind === 'Tabs' && Array.isArray(layout.spec.tabs))
      layout.spec.tabs.forEach((tab, t) => {
        if (isRecord(tab) && Array.isArray(tab.items))
          tab.items.forEach((item, j) =>
            checkRef(report, item, [...base, 'tabs', t, 'items', j], panels, false),
          );
      });
  });

  const defaults = new Map<string, string>();
  for (const [dsName, ds] of Object.entries(isRecord(spec.datasources) ? spec.datasources : {})) {
    if (!isRecord(ds) || ds.default !== true || !isRecord(ds.plugin)) continue;
    const pluginKind = String(ds.plugin.kind);
    const first = defaults.get(pluginKind);
    if (first !== undefined)
      report.error(
        'duplicate-default-datasource',
        ['spec', 'datasources', dsName, 'default'],
        `dashboard datasources "${first}" and "${dsName}" are both the default ${pluginKind}; keep default: true on one only`,
      );
    else defaults.set(pluginKind, dsName);
  }
}
