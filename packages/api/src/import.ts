// Import of resources from elsewhere (files and archives, the live Perses, Grafana dashboards,
// perses-operator custom resources) into the target: always a preview first, then an apply of
// the entries the user picked, streamed as progress lines and ending in a per-item report.
import { z } from 'zod';
import { SourceError } from './errors.ts';
import { Finding } from './findings.ts';
import { ValidateResponse } from './resources.ts';

const Name = z
  .string()
  .min(1)
  .max(75)
  .regex(/^[a-zA-Z0-9_.-]+$/, 'must be a Perses name: letters, digits, "_", "-", "."');
const Namespace = z
  .string()
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a namespace name');

/** Where imported resources go: a watched namespace (the first when absent); ignored on a chart. */
const Placement = {
  namespace: Namespace.optional(),
  /**
   * The Perses project of what has none of its own: a Grafana dashboard (required there), and
   * perses-operator resources, whose project is otherwise their namespace.
   */
  project: Name.optional(),
};

/** One plain resource file sent as text (JSON or YAML, one resource or a top-level list). */
export const ImportFile = z.object({
  name: z.string().min(1).max(1000),
  text: z.string(),
});

export const ImportPreviewRequest = z.discriminatedUnion('source', [
  /** Resource files (or Kubernetes manifests of perses-operator resources) as text. */
  z.object({
    source: z.literal('files'),
    files: z.array(ImportFile).min(1).max(1000),
    ...Placement,
  }),
  /** What the connected Perses serves that no ConfigMap (or chart file) of the target backs. */
  z.object({ source: z.literal('perses'), ...Placement }),
  /**
   * The perses-operator custom resources of the cluster (PersesDashboard, PersesDatasource,
   * PersesGlobalDatasource); `project` replaces each CR's namespace as its project.
   */
  z.object({ source: z.literal('operator'), ...Placement }),
  /** A Grafana dashboard JSON, migrated by Perses's own `POST /api/migrate`. */
  z.object({
    source: z.literal('grafana'),
    /** The dashboard's JSON text: the dashboard itself, or Grafana's `{dashboard, meta}`. */
    text: z.string().min(1),
    /** The Dashboard's name; by default the Grafana uid when it is a Perses name. */
    name: Name.optional(),
    /** Replaces `$VAR` / `${VAR}` in the dashboard before migrating (Grafana's `__inputs`). */
    input: z.record(z.string(), z.string()).optional(),
    ...Placement,
    project: Name,
  }),
]);
export type ImportPreviewRequest = z.infer<typeof ImportPreviewRequest>;
export type ImportPreviewRequestInput = z.input<typeof ImportPreviewRequest>;

/** Query of an archive upload (the body is the `.tgz`, `.tar` or `.zip` itself). */
export const ImportUploadQuery = z.object({
  filename: z.string().min(1).max(255),
  ...Placement,
});
export type ImportUploadQuery = z.infer<typeof ImportUploadQuery>;

export const ImportAction = z.enum(['create', 'update', 'unchanged', 'refused']);
export type ImportAction = z.infer<typeof ImportAction>;

/** Where an entry is (or would be) stored. */
export const ImportDestination = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('configmap'),
    namespace: z.string(),
    name: z.string(),
    key: z.string(),
  }),
  z.object({ type: z.literal('file'), path: z.string() }),
]);
export type ImportDestination = z.infer<typeof ImportDestination>;

export const ImportEntry = z.object({
  /** Stable within the preview: what apply refers to. */
  key: z.string(),
  /** Where it came from, in words (archive path, Perses, a custom resource). */
  origin: z.string(),
  kind: z.string().nullable(),
  project: z.string().nullable(),
  name: z.string().nullable(),
  action: ImportAction,
  /** Why it is refused; nothing is written for a refused entry. */
  reason: z.string().nullable(),
  /** The ConfigMap and key, or the chart file, it gets (or has, for an update). */
  destination: ImportDestination.nullable(),
  /** What an update replaces: apply overwrites it only when sent back with this version. */
  existing: z.object({ id: z.string(), version: z.string() }).nullable(),
  format: z.enum(['json', 'yaml']).nullable(),
  bytes: z.number().int().nonnegative(),
  /** Parse, validation and cross-resource findings, as the list would show them once written. */
  findings: z.array(Finding),
  /** Perses's verdict (when connected and the kind has a validation route). */
  perses: ValidateResponse.shape.perses,
  /** What the conversion could not carry over (Grafana panels, operator-only fields...). */
  notes: z.array(z.string()),
});
export type ImportEntry = z.infer<typeof ImportEntry>;

/** A file of the source that is not a resource file (a chart's own files, a README). */
export const SkippedFile = z.object({ path: z.string(), reason: z.string() });

export const ImportCounts = z.object({
  create: z.number().int().nonnegative(),
  update: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  refused: z.number().int().nonnegative(),
});

export const ImportPreview = z.object({
  /** The preview's id: apply and the entry texts are asked with it while it is kept. */
  id: z.string(),
  /** The source, in words. */
  source: z.string(),
  /** Where the import writes: `namespace <ns>` or `chart <dir>`. */
  target: z.string(),
  entries: z.array(ImportEntry),
  skipped: z.array(SkippedFile),
  counts: ImportCounts,
  /** Sources that could not be read in full (Perses unreachable, no operator CRDs...). */
  errors: z.array(SourceError),
  /** Until when the preview is kept for apply (ISO time). */
  expiresAt: z.string(),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

/** The new text of an entry and, for an update, the stored text it replaces: the diff's sides. */
export const ImportEntryTexts = z.object({
  key: z.string(),
  text: z.string(),
  existingText: z.string().nullable(),
});
export type ImportEntryTexts = z.infer<typeof ImportEntryTexts>;

export const ImportApplyRequest = z.object({
  items: z
    .array(
      z.object({
        key: z.string(),
        /** Required for an update: the version of the stored resource whose diff was seen. */
        overwrite: z.object({ version: z.string() }).optional(),
      }),
    )
    .max(20_000),
  /** Also write each resource to Perses at once (apply now), after its ConfigMap. */
  applyNow: z.boolean().optional(),
});
export type ImportApplyRequest = z.infer<typeof ImportApplyRequest>;

export const ImportOutcome = z.enum(['created', 'updated', 'unchanged', 'skipped', 'failed']);
export type ImportOutcome = z.infer<typeof ImportOutcome>;

export const ImportItemResult = z.object({
  key: z.string(),
  origin: z.string(),
  kind: z.string().nullable(),
  project: z.string().nullable(),
  name: z.string().nullable(),
  outcome: ImportOutcome,
  /** Why it failed or was skipped. */
  message: z.string().nullable(),
  destination: ImportDestination.nullable(),
  /** The written resource, for a link to it. */
  resourceId: z.string().nullable(),
});
export type ImportItemResult = z.infer<typeof ImportItemResult>;

export const ImportReport = z.object({
  previewId: z.string(),
  source: z.string(),
  target: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  counts: z.record(ImportOutcome, z.number().int().nonnegative()),
  items: z.array(ImportItemResult),
});
export type ImportReport = z.infer<typeof ImportReport>;

/** One line of the apply's NDJSON answer: progress per item, then the report. */
export const ImportProgressLine = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('progress'),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
    item: ImportItemResult,
  }),
  z.object({ type: z.literal('report'), report: ImportReport }),
  /** The apply stopped before the end (the server is shutting down...): what is written stays. */
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }),
]);
export type ImportProgressLine = z.infer<typeof ImportProgressLine>;
