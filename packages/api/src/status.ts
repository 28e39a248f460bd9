// The provisioning status contract: for every resource, whether Perses serves what its ConfigMap
// says, and if not, why; how Perses was found; the orphans Perses serves without a ConfigMap; the
// sync lag the console measured. Times are ISO 8601 strings, durations milliseconds.
import { z } from 'zod';
import { DirectApply } from './apply.ts';

const Time = z.iso.datetime({ offset: true });

/**
 * - `synced`: Perses serves exactly this content.
 * - `pending`: changed, not served yet; `expectedAt` says when the next provisioning cycle should
 *   take it.
 * - `stale`: still not served one full cycle and a margin after `expectedAt`; `hints` says what
 *   to check, in order.
 * - `rejected`: Perses refused it; `reason` says why and where that came from.
 * - `shadowed`: another ConfigMap key writes the same sidecar file, or another resource has the
 *   same Perses identity; `winner` names the one Perses ends up with.
 * - `drifted`: Perses serves other content (edited in Perses); the next cycle overwrites it.
 * - `unknown`: Perses is unreachable or not configured, or does not serve this kind.
 */
export const SyncState = z.enum([
  'synced',
  'pending',
  'stale',
  'rejected',
  'shadowed',
  'drifted',
  'unknown',
]);
export type SyncState = z.infer<typeof SyncState>;
export const SYNC_STATES = SyncState.options;

/** Where a piece of evidence came from. */
export const EvidenceSource = z.enum([
  /** What Perses serves (its resource API). */
  'perses-api',
  /** Perses's `POST /api/validate/<plural>`: the same unmarshalling and plugin schema checks. */
  'perses-validate',
  /** A provisioning line of the Perses log. */
  'perses-log',
  /** The sidecar's `Writing` / `Removing` lines. */
  'sidecar-log',
  /** The console's own rules: lint, placement, timing. */
  'console',
]);
export type EvidenceSource = z.infer<typeof EvidenceSource>;

export const ReasonCode = z.enum([
  // unknown
  'perses_not_configured',
  'perses_unreachable',
  'checking',
  /** Role, RoleBinding, GlobalRole, GlobalRoleBinding while Perses authorization is off. */
  'kind_not_served',
  // rejected
  'not_provisionable',
  'ignored_file',
  'unparseable',
  'project_missing',
  'perses_invalid',
  'provisioning_error',
  'file_error',
  // pending, stale
  'not_served_yet',
  'not_served',
  'old_content_served',
  // shadowed
  'same_file',
  'same_identity',
  // drifted
  'served_differs',
]);
export type ReasonCode = z.infer<typeof ReasonCode>;

export const StatusReason = z.object({
  code: ReasonCode,
  message: z.string(),
  source: EvidenceSource,
  /**
   * True when the evidence does not name this resource and the console matched it (e.g. a log line
   * without a file name, matched through Perses's validation verdict on this resource).
   */
  inferred: z.boolean(),
  /** When the evidence was seen: a log line's time, a poll's time. */
  at: Time.nullable(),
});
export type StatusReason = z.infer<typeof StatusReason>;

/** The resource Perses ends up with when several write one file or share one identity. */
export const ShadowWinner = z.object({
  /** The winner's resource id, when the console holds it. */
  id: z.string().nullable(),
  namespace: z.string().nullable(),
  configMapName: z.string().nullable(),
  key: z.string(),
  /** `served`: Perses serves the winner's content; `order`: from write or load order alone. */
  basis: z.enum(['served', 'order']),
  why: z.string(),
});
export type ShadowWinner = z.infer<typeof ShadowWinner>;

export const ResourceStatus = z.object({
  state: SyncState,
  /** When the resource entered this state. */
  since: Time,
  reason: StatusReason.nullable(),
  /** What to check, most likely first (Stale, Rejected, Unknown). */
  hints: z.array(z.string()),
  /** Pending and Stale: when Perses should have served (or should serve) this content. */
  expectedAt: Time.nullable(),
  /** When the console learned of this content (its own write, the watch, or managedFields). */
  changedAt: Time.nullable(),
  /** The first poll that saw Perses serving this content. */
  servedSince: Time.nullable(),
  /** When the served content was last compared with this one (null: not yet). */
  checkedAt: Time.nullable(),
  /** Sync lag of this content, once served. */
  lagMs: z.number().nonnegative().nullable(),
  /** Shadowed: who wins. */
  winner: ShadowWinner.optional(),
  /** This content was also written through the Perses API (apply now). */
  direct: DirectApply.optional(),
});
export type ResourceStatus = z.infer<typeof ResourceStatus>;

/** `?status=pending,stale` on the resource list: comma-separated states. */
export const StatusFilter = z
  .string()
  .max(200)
  .transform((text, ctx) => {
    const states = text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = states.find((s) => !SyncState.safeParse(s).success);
    if (bad !== undefined || states.length === 0) {
      ctx.addIssue({
        code: 'custom',
        message: `must be a comma-separated list of ${SYNC_STATES.join(', ')}`,
      });
      return z.NEVER;
    }
    return states as SyncState[];
  });

// --- Perses connection -------------------------------------------------------------------------

export const PersesDiscovery = z.object({
  /** `url`: --perses-url; `cluster-service`: found in the cluster; `none`: not configured. */
  how: z.enum(['url', 'cluster-service', 'none']),
  /** In words, e.g. which Service, in front of which pods, through which API server. */
  description: z.string(),
  /** Base URL of the Perses UI for "Open in Perses" links, when known. */
  uiUrl: z.string().nullable(),
});
export type PersesDiscovery = z.infer<typeof PersesDiscovery>;

export const PersesConnection = z.object({
  state: z.enum(['connected', 'unreachable', 'not_configured']),
  found: PersesDiscovery,
  since: Time,
  /** Why it is unreachable or not configured. */
  message: z.string().nullable(),
  version: z.string().nullable(),
  lastContactAt: Time.nullable(),
  /** While unreachable: the next attempt (backoff). */
  nextAttemptAt: Time.nullable(),
  /** `security.readonly`: the API has no write routes, so orphans cannot be cleaned up. */
  readonly: z.boolean().nullable(),
  authEnabled: z.boolean().nullable(),
  /** Whether Perses serves Role kinds (false: authorization off, they answer 404). */
  servesRoles: z.boolean().nullable(),
  provisioning: z
    .object({
      folders: z.array(z.string()),
      /** Go duration as Perses reports it; null: Perses's default. */
      interval: z.string().nullable(),
      intervalMs: z.number().nonnegative().nullable(),
    })
    .nullable(),
  /** The last provisioning cycle observed (learned from `updatedAt`), and the next expected. */
  lastCycleAt: Time.nullable(),
  nextCycleAt: Time.nullable(),
});
export type PersesConnection = z.infer<typeof PersesConnection>;

// --- Lag -----------------------------------------------------------------------------------------

export const LagStats = z.object({
  count: z.number().int().nonnegative(),
  lastMs: z.number().nonnegative().nullable(),
  p50Ms: z.number().nonnegative().nullable(),
  p95Ms: z.number().nonnegative().nullable(),
  maxMs: z.number().nonnegative().nullable(),
});
export type LagStats = z.infer<typeof LagStats>;

export const LagSummary = z.object({
  /** Changes served in the last 24 hours. */
  day: LagStats,
  /** The last 100 changes, however old. */
  recent: LagStats,
});
export type LagSummary = z.infer<typeof LagSummary>;

export const LagSample = z.object({
  /** When the console saw Perses serving the change. */
  at: Time,
  lagMs: z.number().nonnegative(),
  /** The resource's id when the sample was taken (ids follow the ConfigMap and key). */
  id: z.string().nullable(),
  kind: z.string(),
  project: z.string().nullable(),
  name: z.string(),
});
export type LagSample = z.infer<typeof LagSample>;

export const LagHistoryQuery = z.object({
  /** One resource's samples only. */
  id: z.string().max(300).optional(),
});
export type LagHistoryQuery = z.infer<typeof LagHistoryQuery>;

export const LagHistoryResponse = z.object({
  /** Oldest first: the last 24 hours, and at least the last 100 changes. */
  samples: z.array(LagSample),
  stats: LagSummary,
});
export type LagHistoryResponse = z.infer<typeof LagHistoryResponse>;

// --- Overview ------------------------------------------------------------------------------------

export const LogSourceState = z.object({
  available: z.boolean(),
  /** What is read: a file, or a container's log through the Kubernetes API. */
  description: z.string(),
  message: z.string().nullable(),
  lastReadAt: Time.nullable(),
});
export type LogSourceState = z.infer<typeof LogSourceState>;

export const StatusOverview = z.object({
  perses: PersesConnection,
  /** Resources per state. */
  counts: z.record(SyncState, z.number().int().nonnegative()),
  total: z.number().int().nonnegative(),
  orphans: z.number().int().nonnegative(),
  /** From the live interval: "interval 10m: a change reaches Perses within about 10 minutes". */
  expectation: z.object({ worstCaseMs: z.number().nonnegative().nullable(), message: z.string() }),
  lag: LagSummary,
  /** Set when several resources went Stale together while the sidecar wrote none of their files. */
  sidecar: z.object({ stalled: z.boolean(), message: z.string().nullable() }),
  logs: z.object({ perses: LogSourceState, sidecar: LogSourceState }),
  polling: z.object({
    mode: z.enum(['fast', 'slow', 'backoff', 'off']),
    fastMs: z.number().int().positive(),
    slowMs: z.number().int().positive(),
  }),
  history: z.object({
    /** Where the lag history is kept, e.g. `ConfigMap perses/perses-cm-sync-history`. */
    where: z.string().nullable(),
    savedAt: Time.nullable(),
    error: z.string().nullable(),
  }),
  generatedAt: Time,
});
export type StatusOverview = z.infer<typeof StatusOverview>;

// --- One resource's pipeline ---------------------------------------------------------------------

export const PipelineStep = z.object({
  /** ConfigMap changed → file written by the sidecar → Perses serving. */
  step: z.enum(['configmap', 'file', 'perses']),
  state: z.enum(['done', 'waiting', 'failed', 'unknown']),
  at: Time.nullable(),
  detail: z.string(),
  source: EvidenceSource,
});
export type PipelineStep = z.infer<typeof PipelineStep>;

export const LogLine = z.object({
  at: Time.nullable(),
  level: z.string(),
  message: z.string(),
  source: z.enum(['perses-log', 'sidecar-log']),
  /** The line does not name this resource; the console matched it (see StatusReason.inferred). */
  inferred: z.boolean(),
});
export type LogLine = z.infer<typeof LogLine>;

export const ResourcePipeline = z.object({
  id: z.string(),
  status: ResourceStatus,
  /** As Perses keys it (lower-cased unless its database is case-sensitive). */
  identity: z
    .object({ kind: z.string(), project: z.string().nullable(), name: z.string() })
    .nullable(),
  steps: z.array(PipelineStep),
  /** The file the sidecar writes, under its folder. */
  sidecarPath: z.string().nullable(),
  /** Deep link into the Perses UI, when its URL is known. */
  persesUrl: z.string().nullable(),
  /** Perses's metadata of the copy it serves. */
  served: z
    .object({
      createdAt: Time.nullable(),
      updatedAt: Time.nullable(),
      version: z.number().nullable(),
    })
    .nullable(),
  /** Perses's verdict on this content, when asked. */
  validation: z.object({ valid: z.boolean(), message: z.string().nullable(), at: Time }).nullable(),
  logLines: z.array(LogLine),
  lag: LagSummary,
});
export type ResourcePipeline = z.infer<typeof ResourcePipeline>;

/**
 * What Perses serves for a resource, ready to take into its ConfigMap (diff first, then `PUT` the
 * resource with `text` and `version`): server metadata removed, name and project as the ConfigMap
 * spells them, in the resource's format.
 */
export const ServedDocument = z.object({
  id: z.string(),
  document: z.unknown(),
  text: z.string(),
  format: z.enum(['json', 'yaml']),
  /** The ConfigMap version the text was made against. */
  version: z.string(),
  fetchedAt: Time,
  /** Whether it differs from the ConfigMap's content (after Perses's normalisation). */
  differs: z.boolean(),
  /**
   * JSON pointers of values Perses hides as `<secret>`: taking this version would write that
   * placeholder over the real value.
   */
  redacted: z.array(z.string()),
});
export type ServedDocument = z.infer<typeof ServedDocument>;

// --- Orphans -------------------------------------------------------------------------------------

export const Orphan = z.object({
  /** Opaque id for the cleanup route. */
  id: z.string(),
  kind: z.string(),
  project: z.string().nullable(),
  name: z.string(),
  createdAt: Time.nullable(),
  updatedAt: Time.nullable(),
  /** A Project: how many resources Perses serves in it (deleting the project deletes them). */
  contains: z.number().int().nonnegative().nullable(),
  persesUrl: z.string().nullable(),
  /** The ConfigMap that defined it, when the console saw it go while running. */
  lastSeen: z
    .object({
      namespace: z.string().nullable(),
      configMapName: z.string().nullable(),
      key: z.string(),
      goneAt: Time,
    })
    .nullable(),
});
export type Orphan = z.infer<typeof Orphan>;

export const OrphansResponse = z.object({
  items: z.array(Orphan),
  cleanup: z.object({
    possible: z.boolean(),
    /** Why not (Perses read-only, unreachable, not configured). */
    reason: z.string().nullable(),
  }),
  /** Set when the console watches only some namespaces: a ConfigMap elsewhere may define these. */
  scopeNote: z.string().nullable(),
  checkedAt: Time.nullable(),
});
export type OrphansResponse = z.infer<typeof OrphansResponse>;

/** `DELETE /api/v1/status/orphans/{id}?confirm=<name>`: the name, typed by whoever confirms. */
export const DeleteOrphanQuery = z.object({ confirm: z.string().min(1).max(256) });
export type DeleteOrphanQuery = z.infer<typeof DeleteOrphanQuery>;

// --- Events (added to the resource event stream) -------------------------------------------------

export const StatusItem = z.object({
  id: z.string(),
  namespace: z.string().nullable(),
  status: ResourceStatus,
});
export type StatusItem = z.infer<typeof StatusItem>;

export const StatusEvents = [
  /** Statuses that changed since the last poll, batched. */
  z.object({ type: z.literal('status'), items: z.array(StatusItem) }),
  /** The Perses connection changed (reached, lost, reconfigured, a new interval). */
  z.object({ type: z.literal('perses'), connection: PersesConnection }),
  /** The set of orphans changed; re-read `GET /api/v1/status/orphans`. */
  z.object({ type: z.literal('orphans'), count: z.number().int().nonnegative() }),
  /**
   * A change reached Perses: one more lag sample, sent only to those who may list ConfigMaps in
   * `namespace` (null or absent: a chart directory).
   */
  z.object({
    type: z.literal('lag'),
    sample: LagSample,
    namespace: z.string().nullable().optional(),
  }),
] as const;
