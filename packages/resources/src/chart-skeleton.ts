// The files of an exported chart besides its files/ tree: Chart.yaml, values.yaml, README.md and
// the generator template. Pure text, the same for the same inputs, so two exports diff cleanly.
import { stringify } from 'yaml';
import {
  CHART_GENERATOR_TEMPLATE,
  CHART_GENERATOR_TEMPLATE_PATH,
} from './chart-generator-template.ts';
import { DEFAULT_LABEL } from './configmap.ts';

/** Standalone: installed next to a perses release. Umbrella: the perses chart as a dependency. */
export type ChartShape = 'standalone' | 'umbrella';

/** The perses chart an umbrella export depends on (the version DOMAIN.md describes). */
export const PERSES_CHART = {
  name: 'perses',
  version: '0.23.2',
  repository: 'https://perses.github.io/helm-charts',
} as const;

export const DEFAULT_CHART_NAME = 'perses-resources';

/** Helm chart names: lower-case letters, digits and `-`, starting with a letter (Helm's advice). */
const CHART_NAME = /^[a-z]([-a-z0-9]{0,51}[a-z0-9])?$/;

/** Why `name` cannot name a chart, or undefined. */
export function chartNameProblem(name: string): string | undefined {
  return CHART_NAME.test(name)
    ? undefined
    : `chart name "${name.slice(0, 80)}" must be 1-53 lower-case letters, digits and "-", starting with a letter and not ending with "-"`;
}

export interface ChartSkeletonOptions {
  name: string;
  shape: ChartShape;
  /** The sidecar's selector; a key alone (any value) still gives new ConfigMaps a value. */
  label: { key: string; value?: string };
}

export interface ChartFile {
  /** Path inside the chart, `/`-separated. */
  path: string;
  text: string;
}

function chartYaml(o: ChartSkeletonOptions): string {
  const chart: Record<string, unknown> = {
    apiVersion: 'v2',
    name: o.name,
    description:
      'Perses resources kept as files under files/ and rendered into labeled ConfigMaps for the provisioning sidecar of the perses chart.',
    type: 'application',
    version: '0.1.0',
  };
  if (o.shape === 'umbrella') chart.dependencies = [{ ...PERSES_CHART }];
  return stringify(chart, { lineWidth: 0 });
}

function valuesYaml(o: ChartSkeletonOptions): string {
  const label = { label: o.label.key, labelValue: o.label.value ?? DEFAULT_LABEL.value };
  if (o.shape === 'standalone') {
    return `# The label every ConfigMap rendered from files/ carries. Set it to the sidecar.label and
# sidecar.labelValue of your perses release, so its provisioning sidecar copies them to Perses.
${stringify({ sidecar: label })}`;
  }
  return `# Values of the perses chart (${PERSES_CHART.name} ${PERSES_CHART.version}), a dependency of this chart. Its
# provisioning sidecar copies every ConfigMap labeled sidecar.label=sidecar.labelValue to Perses;
# the ConfigMaps rendered from files/ carry that same label.
${stringify({ perses: { sidecar: { enabled: true, ...label } } })}`;
}

function readme(o: ChartSkeletonOptions): string {
  const install =
    o.shape === 'standalone'
      ? `This chart holds only the resources. Install it next to a perses release whose sidecar is
enabled, with the label that sidecar selects (\`sidecar.label\` and \`sidecar.labelValue\` in
\`values.yaml\`):

\`\`\`sh
helm upgrade --install ${o.name} . --namespace perses
\`\`\``
      : `This chart installs Perses itself (the perses chart ${PERSES_CHART.version}, a dependency, with its
provisioning sidecar enabled in \`values.yaml\` under \`perses:\`) and the resources:

\`\`\`sh
helm dependency build .
helm upgrade --install ${o.name} . --namespace perses --create-namespace
\`\`\``;
  return `# ${o.name}

Perses resources as files, one per resource, rendered into one labeled ConfigMap each for the
provisioning sidecar of the perses chart (k8s-sidecar copies them into Perses's provisioning
folder, which Perses loads on its provisioning interval).

- \`files/<plural>/[<project>/]<name>.<json|yaml>\`: the resources. Add, edit or remove files here.
- \`${CHART_GENERATOR_TEMPLATE_PATH}\`: turns every \`.json\`, \`.yaml\` and \`.yml\` file under
  \`files/\` into a ConfigMap with a valid, collision-free name, a data key unique across the
  cluster, and the file's bytes unchanged. A file over 1 MiB (the ConfigMap limit) stops the
  rendering with its path.

## Install

${install}

Check what it renders with \`helm template ${o.name} . --namespace perses\`. To apply that output
with kubectl instead of Helm, use \`kubectl apply --server-side\`: client-side apply copies each
ConfigMap into an annotation limited to 256 KiB, which a large dashboard exceeds.

## Moving from ConfigMaps edited by hand or in the console

Perses provisioning never deletes. Install this chart first: its ConfigMaps carry new data keys,
so the sidecar writes new files and Perses keeps every resource. Then delete the old ConfigMaps;
the sidecar removes their files and Perses keeps the resources, now defined by this chart only.
`;
}

/** Chart.yaml, values.yaml, README.md and the generator template, sorted by path. */
export function chartSkeleton(o: ChartSkeletonOptions): ChartFile[] {
  return [
    { path: 'Chart.yaml', text: chartYaml(o) },
    { path: 'README.md', text: readme(o) },
    { path: CHART_GENERATOR_TEMPLATE_PATH, text: CHART_GENERATOR_TEMPLATE },
    { path: 'values.yaml', text: valuesYaml(o) },
  ];
}
