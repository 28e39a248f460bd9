// Resources shaped like a real cluster's, for the scale test and the benchmarks: the Perses
// project's own development dashboards (../shared/fixtures/perses-dev-data), as they are or cut
// from the 259 KB NodeExporter dashboard, in JSON and in YAML (the model's one YAML writer), about
// 35 KB on average with one in a hundred near 250 KB, and one Project per project.
import { fixtureResources, type Resource } from '@perses-cm/stack';
import { toYamlText, type DocFormat } from '@perses-cm/resources';

export interface ShapedResource {
  document: Resource;
  format: DocFormat;
  text: string;
}

interface GridLayout {
  kind: string;
  spec: { display?: unknown; items: { content: { $ref: string } }[] };
}

const dashboards = fixtureResources('9-dashboard.json');
const byName = new Map(dashboards.map((d) => [d.metadata.name, d]));
const nodeExporter = byName.get('NodeExporter');
if (!nodeExporter) throw new Error('the Perses dev data lost its NodeExporter dashboard');
const small = dashboards.filter((d) => d !== nodeExporter);

/** A deterministic spread in [0, 1): the same seed gives the same resources on every run. */
function spread(i: number): number {
  const x = Math.sin(i * 12.9898 + 78.233) * 43758.5453;
  return x - Math.floor(x);
}

/** The first `panels` panels of NodeExporter, with the layout items that place them. */
function cutNodeExporter(panels: number): Resource {
  const spec = structuredClone(nodeExporter!.spec) as {
    panels: Record<string, unknown>;
    layouts: GridLayout[];
  };
  const keep = new Set(Object.keys(spec.panels).slice(0, panels));
  spec.panels = Object.fromEntries(Object.entries(spec.panels).filter(([k]) => keep.has(k)));
  spec.layouts = spec.layouts
    .map((l) => ({
      ...l,
      spec: {
        ...l.spec,
        items: l.spec.items.filter((it) => keep.has(it.content.$ref.split('/').pop() ?? '')),
      },
    }))
    .filter((l) => l.spec.items.length > 0);
  return { ...nodeExporter!, spec };
}

/** Which real dashboard the i-th one copies: NodeExporter cut to a number of panels, or another. */
function variantOf(i: number): { small: number } | { panels: number } {
  if (i % 100 === 99) return { panels: Infinity };
  if (spread(i) < 0.33) return { small: Math.floor(spread(i + 7919) * small.length) };
  return { panels: 8 + Math.floor(spread(i + 104729) * 41) };
}

const variants = new Map<string, { source: Resource; text: Partial<Record<DocFormat, string>> }>();

// Placeholders the writers leave as plain words, replaced by the i-th dashboard's own.
const NAME = 'zzname';
const PROJECT = 'zzproject';
const DISPLAY = 'zzdisplay';

/**
 * The i-th dashboard of a seed, in its format: one in a hundred is the whole NodeExporter
 * (~259 KB), a third of the rest a small real dashboard as it is, the others 8 to 48 of
 * NodeExporter's panels. Each variant is written once, then only its names change (writing YAML
 * thousands of times would dominate a seed).
 */
export function shapedDashboard(i: number, project: string, name: string): ShapedResource {
  const v = variantOf(i);
  const key = JSON.stringify(v);
  let variant = variants.get(key);
  if (!variant) {
    const source = 'small' in v ? small[v.small]! : cutNodeExporter(v.panels);
    variant = { source, text: {} };
    variants.set(key, variant);
  }
  const display = `${(variant.source.spec.display as { name?: string } | undefined)?.name ?? variant.source.metadata.name} ${i}`;
  const document: Resource = {
    kind: 'Dashboard',
    metadata: { name, project },
    spec: { ...variant.source.spec, display: { name: display } },
  };
  const format = formatOf(i);
  const template = (variant.text[format] ??= write(
    {
      kind: 'Dashboard',
      metadata: { name: NAME, project: PROJECT },
      spec: { ...variant.source.spec, display: { name: DISPLAY } },
    },
    format,
  ));
  const text = template.replace(NAME, name).replace(PROJECT, project).replace(DISPLAY, display);
  return { document, format, text };
}

/** Two in five are written as YAML, the rest as 2-space JSON (the console's own writers). */
export function formatOf(i: number): DocFormat {
  return i % 5 < 2 ? 'yaml' : 'json';
}

function write(document: Resource, format: DocFormat): string {
  return format === 'yaml' ? toYamlText(document) : `${JSON.stringify(document, null, 2)}\n`;
}

export function shaped(document: Resource, format: DocFormat): ShapedResource {
  return { document, format, text: write(document, format) };
}

export function shapedProject(name: string): ShapedResource {
  return shaped({ kind: 'Project', metadata: { name }, spec: { display: { name } } }, 'json');
}
