import { z } from 'zod';
import { DocFormat, Finding, dns1123SubdomainProblem } from '@perses-cm/resources';
import { FindingCounts } from './findings.ts';
import { SourceError } from './errors.ts';
import { ResourceStatus, StatusFilter } from './status.ts';
import { ApplyOutcome } from './apply.ts';

// The resource model owns the document format; the contract uses it as it is.
export { DocFormat };

/** Where a resource is stored: one key of a ConfigMap, or one file of a chart directory. */
export const Origin = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('configmap'),
    namespace: z.string(),
    name: z.string(),
    key: z.string(),
    uid: z.string().optional(),
    labels: z.record(z.string(), z.string()),
    annotations: z.record(z.string(), z.string()),
  }),
  z.object({
    type: z.literal('file'),
    /** Path relative to the chart directory, with `/` separators. */
    path: z.string(),
  }),
]);
export type Origin = z.infer<typeof Origin>;

export const LastChange = z.object({
  /** A person (`perses-cm (alice)`) or a Kubernetes field manager; null when unknown. */
  by: z.string().nullable(),
  /** RFC 3339 time; null when unknown. */
  at: z.string().nullable(),
});
export type LastChange = z.infer<typeof LastChange>;

export const ResourceSummary = z.object({
  /** Opaque, URL-safe; stable for as long as the resource stays at the same place. */
  id: z.string(),
  kind: z.string(),
  project: z.string().nullable(),
  name: z.string(),
  displayName: z.string().nullable(),
  namespace: z.string().nullable(),
  configMapName: z.string().nullable(),
  key: z.string(),
  /** Opaque version to send back on update and delete (resourceVersion or content hash). */
  version: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  format: DocFormat,
  findings: FindingCounts,
  /** Set when the console will not write this resource, with the reason in words. */
  readOnly: z.string().nullable(),
  /**
   * True for a resource in a ConfigMap without the label (listed only with `unlabeled=true`):
   * the sidecar does not copy it, so Perses never sees it, and the console never writes it.
   */
  unlabeled: z.boolean().optional(),
  /**
   * Who last changed the stored resource and when: the console's stamp (`perses-cm.dev/last-
   * applied-by`/`-at`) when it made the last change, else Kubernetes's field manager of the last
   * update (e.g. `kubectl-edit`). Absent where nothing records it (a chart file).
   */
  lastChange: LastChange.nullable().optional(),
  /** A tool that writes the ConfigMap back (Helm, Argo CD, Flux): an edit here does not last. */
  owner: z
    .object({
      tool: z.string(),
      source: z.string().nullable(),
      message: z.string(),
    })
    .nullable()
    .optional(),
  /** Rule ids of findings the list shows by name, e.g. `plaintext-secret`. */
  flags: z.array(z.string()).optional(),
  /**
   * Whether Perses serves this content, and if not why (see status.ts). Absent while the server
   * has no status for it (an unlabeled ConfigMap, the first poll not done yet).
   */
  status: ResourceStatus.optional(),
});
export type ResourceSummary = z.infer<typeof ResourceSummary>;

export const ResourceDetail = ResourceSummary.extend({
  /** The stored text, byte for byte; `document` is its parsed form. */
  text: z.string(),
  document: z.unknown(),
  origin: Origin,
  findingList: z.array(Finding),
  /** Where this resource starts in `text` when the text holds several (a top-level list). */
  at: z.object({ line: z.number().int(), column: z.number().int() }).optional(),
  /** Answers a create or update sent with `applyNow`: what Perses did with it. */
  applied: ApplyOutcome.optional(),
});
export type ResourceDetail = z.infer<typeof ResourceDetail>;

/** Kubernetes namespace names (DNS-1123 label): checked so no query value reaches a selector. */
export const NamespaceName = z
  .string()
  .max(63)
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    'must be a namespace name (lower-case letters, digits, "-")',
  );

export const ListResourcesQuery = z.object({
  kind: z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9]+$/, 'must be a kind name (letters and digits)')
    .optional(),
  project: z
    .string()
    .max(253)
    .regex(/^[a-zA-Z0-9_.-]+$/, 'must be a Perses project name')
    .optional(),
  namespace: NamespaceName.optional(),
  q: z.string().max(256).optional(),
  /**
   * `true` also lists, read-only, the ConfigMaps of the watched namespaces that hold Perses
   * resources but lack the label; read from the API server on demand, never cached.
   */
  unlabeled: z.enum(['true', 'false']).optional(),
  /** `pending,stale`: only resources in these provisioning states. */
  status: StatusFilter.optional(),
});
export type ListResourcesQuery = z.infer<typeof ListResourcesQuery>;

export const ListResourcesResponse = z.object({
  items: z.array(ResourceSummary),
  errors: z.array(SourceError),
});
export type ListResourcesResponse = z.infer<typeof ListResourcesResponse>;

/** A document is sent either as text (kept exactly as typed) or as a JSON value. */
const DocumentInput = {
  text: z.string().optional(),
  format: DocFormat.optional(),
  document: z.unknown().optional(),
};
const oneOfTextOrDocument = (v: { text?: string | undefined; document?: unknown }) =>
  (v.text === undefined) !== (v.document === undefined);
const oneOfMessage = { message: 'send exactly one of "text" and "document"', path: ['text'] };

/** Also write the resource through the Perses API after the ConfigMap (see apply.ts). */
const applyNow = z.boolean().optional();

/** A Kubernetes object name (DNS-1123 subdomain), with the rule it breaks in words. */
export const ConfigMapName = z.string().superRefine((name, ctx) => {
  const problem = dns1123SubdomainProblem(name);
  if (problem) ctx.addIssue({ code: 'custom', message: `ConfigMap name ${problem}` });
});

export const CreateResourceRequest = z
  .object({
    ...DocumentInput,
    namespace: NamespaceName.optional(),
    /** Overrides the ConfigMap name the model derives (Kubernetes targets only). */
    configMapName: ConfigMapName.optional(),
    applyNow,
  })
  .refine(oneOfTextOrDocument, oneOfMessage);
export type CreateResourceRequest = z.infer<typeof CreateResourceRequest>;

export const UpdateResourceRequest = z
  .object({ ...DocumentInput, version: z.string().min(1), applyNow })
  .refine(oneOfTextOrDocument, oneOfMessage);
export type UpdateResourceRequest = z.infer<typeof UpdateResourceRequest>;

export const DeleteResourceQuery = z.object({
  version: z.string().min(1),
  /** `true`: also delete it from Perses (answered 200 with what Perses did, else 204). */
  applyNow: z.enum(['true', 'false']).optional(),
});

/** `details` of a 409 on update or delete: what is stored now. */
export const ConflictDetails = z.object({ current: ResourceDetail.nullable() });
export type ConflictDetails = z.infer<typeof ConflictDetails>;

export const ValidateRequest = z
  .object({ ...DocumentInput })
  .refine(oneOfTextOrDocument, oneOfMessage);
export type ValidateRequest = z.infer<typeof ValidateRequest>;

export const ValidateResponse = z.object({
  findings: z.array(Finding),
  /** Perses's own verdict, when a Perses URL is configured and the kind has a validate route. */
  perses: z.object({
    checked: z.boolean(),
    url: z.string().optional(),
    valid: z.boolean().optional(),
    message: z.string().optional(),
    /** Why Perses was not asked (no URL, kind without validate route, too large, unreachable). */
    skipped: z.string().optional(),
    /** Perses's refusal split per field, with line and column in the text (rule `perses`). */
    findings: z.array(Finding).optional(),
  }),
});
export type ValidateResponse = z.infer<typeof ValidateResponse>;
