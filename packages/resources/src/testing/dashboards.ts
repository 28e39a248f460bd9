// Test-only: every real dashboard the project has, as JSON text and as YAML text.
import { readFileSync, readdirSync } from 'node:fs';
import { toYamlText } from '../serialize.ts';
import { realDashboards } from './fixtures.ts';

const EXAMPLE_DASHBOARDS = new URL(
  '../../../../examples/perses-resources/files/dashboards/',
  import.meta.url,
);

function walk(dir: URL): URL[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(new URL(`${e.name}/`, dir)) : [new URL(e.name, dir)],
  );
}

export interface DashboardText {
  label: string;
  format: 'json' | 'yaml';
  text: string;
  value: Record<string, unknown>;
}

/**
 * The 16 Perses dev dashboards and the sample chart's files, each as JSON and as YAML written by
 * the model's one YAML writer (plain `1_0` keys would be refused as Perses reads them).
 */
export function dashboardTexts(): DashboardText[] {
  const values: { label: string; value: Record<string, unknown>; text?: string }[] = [
    ...realDashboards().map((value, i) => ({ label: `dev-data[${i}]`, value })),
    ...walk(EXAMPLE_DASHBOARDS)
      .filter((u) => u.pathname.endsWith('.json'))
      .map((u) => {
        const text = readFileSync(u, 'utf8');
        const label = `examples ${u.pathname.split('/files/')[1] ?? u.pathname}`;
        return { label, value: JSON.parse(text) as Record<string, unknown>, text };
      }),
  ];
  return values.flatMap(({ label, value, text }) => [
    {
      label: `${label} (json)`,
      format: 'json',
      text: text ?? JSON.stringify(value, null, 2),
      value,
    },
    { label: `${label} (yaml)`, format: 'yaml', text: toYamlText(value), value },
  ]);
}
