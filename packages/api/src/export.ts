// The export of a Helm chart files/ tree: what to select (the list's filters, shared with the web
// list so the export takes exactly the rows shown), how to package it, and the preview.
import { z } from 'zod';
import { chartNameProblem } from '@perses-cm/resources';
import { SourceError } from './errors.ts';
import { ListResourcesQuery, type ResourceSummary } from './resources.ts';
import { StatusFilter } from './status.ts';

export const FindingsFilter = z.enum(['errors', 'warnings', 'clean']);
export type FindingsFilter = z.infer<typeof FindingsFilter>;

/** The list's filters; an absent or empty value selects everything. */
export const ResourceFilters = ListResourcesQuery.pick({
  kind: true,
  project: true,
  namespace: true,
  q: true,
}).extend({
  findings: FindingsFilter.optional(),
  /** Provisioning states, comma-separated as the list's `?status=` (needs a Perses connection). */
  status: StatusFilter.optional(),
});
export type ResourceFilters = z.infer<typeof ResourceFilters>;

/** Loose form, as the web list holds its state ('' for none). */
export interface FilterValues {
  kind?: string;
  project?: string;
  namespace?: string;
  q?: string;
  findings?: '' | FindingsFilter;
  /** Provisioning states, comma-separated ('' for any): applied by the list and the export. */
  status?: string;
}

/** Whether a summary passes the filters: the one rule for the web list and the export. */
export function matchesFilters(r: ResourceSummary, f: FilterValues): boolean {
  if (f.kind && r.kind !== f.kind) return false;
  if (f.project && (r.project ?? '') !== f.project) return false;
  if (f.namespace && (r.namespace ?? '') !== f.namespace) return false;
  if (f.findings === 'errors' && r.findings.errors === 0) return false;
  if (f.findings === 'warnings' && r.findings.warnings === 0) return false;
  // Not checked yet: not known to be clean.
  if (f.findings === 'clean' && (r.findings.errors + r.findings.warnings > 0 || r.findings.pending))
    return false;
  const needle = f.q?.trim().toLowerCase();
  if (!needle) return true;
  return (
    r.name.toLowerCase().includes(needle) ||
    (r.displayName?.toLowerCase().includes(needle) ?? false) ||
    (r.configMapName?.toLowerCase().includes(needle) ?? false) ||
    r.key.toLowerCase().includes(needle)
  );
}

export const ExportFormat = z.enum(['tgz', 'zip']);
export type ExportFormat = z.infer<typeof ExportFormat>;
export const ChartShape = z.enum(['standalone', 'umbrella']);
export const ExportFiles = z.enum(['stored', 'json']);
export const ExportContent = z.enum(['chart', 'files']);

const MAX_IDS = 500;
const ResourceId = z.string().regex(/^[A-Za-z0-9_.~-]{1,300}$/, 'not a resource id');

export const ExportQuery = ResourceFilters.extend({
  /** `tgz` (a Helm chart archive) or `zip`. */
  format: ExportFormat.default('tgz'),
  /** `standalone`, or `umbrella` with the perses chart as a dependency. */
  shape: ChartShape.default('standalone'),
  /** `stored`: each resource's stored bytes (when its key holds it alone); `json`: 2-space JSON. */
  files: ExportFiles.default('stored'),
  /** `chart`: the whole chart; `files`: only the files/ tree, for a chart a team already has. */
  content: ExportContent.default('chart'),
  name: z
    .string()
    .superRefine((name, ctx) => {
      const problem = chartNameProblem(name);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
  /** A hand-picked selection, comma-separated resource ids (with the filters, both apply). */
  ids: z
    .string()
    .max(MAX_IDS * 301)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(ResourceId).max(MAX_IDS))
    .optional(),
});
export type ExportQuery = z.infer<typeof ExportQuery>;
export type ExportQueryInput = z.input<typeof ExportQuery>;

export const ExportFile = z.object({
  path: z.string(),
  bytes: z.number().int().nonnegative(),
  /** The resource the file holds; null for the chart's own files. */
  resourceId: z.string().nullable(),
});
export type ExportFile = z.infer<typeof ExportFile>;

export const RefusedResource = z.object({
  id: z.string(),
  kind: z.string().nullable(),
  project: z.string().nullable(),
  name: z.string().nullable(),
  /** Where it is stored, in words (ConfigMap and key, or file). */
  location: z.string(),
  reason: z.string(),
});
export type RefusedResource = z.infer<typeof RefusedResource>;

export const ExportPreview = z.object({
  /** Name of the downloaded archive. */
  archiveName: z.string(),
  /** Resources written to files/. */
  resources: z.number().int().nonnegative(),
  /** Every file of the archive, sorted by path, as laid out when unpacked. */
  tree: z.array(ExportFile),
  /** Bytes of all files, before compression. */
  totalBytes: z.number().int().nonnegative(),
  /** Selected resources that are not exported, and why. */
  refused: z.array(RefusedResource),
  /** Exported resources with error findings (Perses may refuse them). */
  withErrors: z.number().int().nonnegative(),
  /** Sources that could not be read (a forbidden namespace...): the export lacks their resources. */
  errors: z.array(SourceError),
});
export type ExportPreview = z.infer<typeof ExportPreview>;
