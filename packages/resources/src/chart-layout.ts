// The layout of a Helm chart's `files/` tree, the way the console writes it and the Perses file
// database keeps it: `files/<plural>/[<project>/]<name>.<json|yaml>`. Names become path
// segments, so each one is checked to stay a single, visible segment.
import type { DocFormat } from './doc-format.ts';
import type { ResourceIdentity } from './identity.ts';
import { kindInfo } from './kinds.ts';

/** The chart folder that holds resource files (rendered into ConfigMaps by the chart). */
export const CHART_FILES_DIR = 'files';

const SEGMENT = /^[a-zA-Z0-9_-][a-zA-Z0-9_.-]{0,254}$/;
const SEGMENT_RULE = 'letters, digits, "_", "-", "." only; no "..", no leading "."';

export interface LayoutProblem {
  /** The field whose value cannot be a path segment: `kind`, `metadata.project`, `metadata.name`. */
  field: string;
  /** What is wrong, naming the value. */
  message: string;
  /** The rule the value breaks. */
  rule: string;
}

export type ChartFilePath = { ok: true; path: string } | { ok: false; problem: LayoutProblem };

function segmentProblem(value: string, field: string): LayoutProblem | null {
  if (SEGMENT.test(value) && !value.includes('..')) return null;
  const shown = value.slice(0, 80);
  return {
    field,
    message: `${field} "${shown}" cannot be used as a file name`,
    rule: SEGMENT_RULE,
  };
}

/** Where a new resource goes in the chart: `files/<plural>/[<project>/]<name>.<ext>`, `/`-separated. */
export function chartFilePath(id: ResourceIdentity, format: DocFormat): ChartFilePath {
  const plural = kindInfo(id.kind)?.plural;
  if (plural === undefined)
    return {
      ok: false,
      problem: { field: 'kind', message: `unknown kind "${id.kind}"`, rule: 'a Perses kind' },
    };
  const segments: [string, string][] = [
    ...(id.project !== undefined ? [[id.project, 'metadata.project'] as [string, string]] : []),
    [id.name, 'metadata.name'],
  ];
  for (const [value, field] of segments) {
    const problem = segmentProblem(value, field);
    if (problem) return { ok: false, problem };
  }
  const path = [CHART_FILES_DIR, plural, ...segments.map(([v]) => v)].join('/');
  return { ok: true, path: `${path}.${format}` };
}

/** `files/...` part of a path inside a Helm chart, if the path goes through a `files` folder. */
export function chartPathOf(path: string): string | undefined {
  const parts = path.split(/[\\/]+/);
  const at = parts.lastIndexOf(CHART_FILES_DIR);
  return at >= 0 && at < parts.length - 1 ? parts.slice(at).join('/') : undefined;
}
