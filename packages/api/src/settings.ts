// Settings of the sidecar setup: what the console writes and watches, what it would have the
// sidecar and Perses provisioning do, and what it found running (`GET /api/v1/settings`).
import { z } from 'zod';
import { LabelSelector } from './target.ts';

/** The sidecar's NAMESPACE: `ALL` (cluster-wide) or a list. */
export const SidecarNamespaces = z.union([z.literal('ALL'), z.array(z.string()).min(1)]);
export type SidecarNamespaces = z.infer<typeof SidecarNamespaces>;

/** What the console keeps (a ConfigMap it owns, or a file beside the chart's `files/`). */
export const ConsoleSettings = z.object({
  /** The label the console writes on new ConfigMaps and lists by. */
  label: LabelSelector,
  /** Namespaces the console watches; null: the context's own. */
  namespaces: z.union([z.literal('all'), z.array(z.string()).min(1)]).nullable(),
  /** Where new resources go when the caller names none; null: the first watched. */
  defaultNamespace: z.string().nullable(),
  /** What the sidecar should watch and how it names files (Helm values are made from these). */
  sidecar: z.object({
    namespaces: SidecarNamespaces,
    uniqueFilenames: z.boolean(),
    folderAnnotation: z.string().min(1),
  }),
  /** Perses's `provisioning.interval` (a Go duration such as `10m`). */
  provisioningInterval: z.string().min(1),
  /** Whether the save review starts with "apply now" on (when Perses takes writes). */
  applyNowByDefault: z.boolean(),
});
export type ConsoleSettings = z.infer<typeof ConsoleSettings>;

/** The sidecar env and Perses config found running; each field null when not found. */
export const DiscoveredSetup = z.object({
  /** `StatefulSet perses/perses`, or null with `reason`. */
  workload: z.string().nullable(),
  namespace: z.string().nullable(),
  /** The Helm release (`app.kubernetes.io/instance`), for the `helm upgrade` command. */
  release: z.string().nullable(),
  reason: z.string().nullable(),
  sidecar: z
    .object({
      container: z.string(),
      /** Every env the sidecar reads that is set (values from Secrets show as `(from secret)`). */
      env: z.record(z.string(), z.string()),
      label: LabelSelector.nullable(),
      namespaces: SidecarNamespaces,
      folder: z.string().nullable(),
      uniqueFilenames: z.boolean(),
      folderAnnotation: z.string(),
      resource: z.string(),
      method: z.string(),
    })
    .nullable(),
  perses: z
    .object({
      where: z.string(),
      version: z.string().nullable(),
      interval: z.string().nullable(),
      intervalMs: z.number().nullable(),
      folders: z.array(z.string()),
      /** Why Perses's config could not be read. */
      error: z.string().nullable(),
    })
    .nullable(),
});
export type DiscoveredSetup = z.infer<typeof DiscoveredSetup>;

/**
 * One mismatch between what the console does and what runs: `blocking` ones keep resources from
 * reaching Perses (`perses-cm doctor` exits 1 on them).
 */
export const SetupFinding = z.object({
  id: z.string(),
  severity: z.enum(['blocking', 'warning', 'info']),
  message: z.string(),
});
export type SetupFinding = z.infer<typeof SetupFinding>;

/** A feature Perses v0.54.0 lacks, shown as what it needs. */
export const NewerFeature = z.object({ name: z.string(), message: z.string() });

export const SettingsView = z.object({
  settings: ConsoleSettings,
  /** Where the settings are kept, for people. */
  storedIn: z.string(),
  discovered: DiscoveredSetup,
  findings: z.array(SetupFinding),
  lag: z.object({ worstCaseMs: z.number().nullable(), message: z.string() }),
  newer: z.array(NewerFeature),
  helm: z.object({ values: z.string(), command: z.string() }),
});
export type SettingsView = z.infer<typeof SettingsView>;

/** `POST /api/v1/settings/relabel/plan` and `/relabel`: from one label to another. */
export const RelabelRequest = z.object({
  from: LabelSelector,
  to: LabelSelector,
  /** Keep the old label beside the new one (a migration: the sidecar watches one of them). */
  keepOld: z.boolean().default(false),
  /** Only these ConfigMaps (`namespace/name`): a retry of the failed ones. */
  only: z.array(z.string()).optional(),
});
export type RelabelRequest = z.input<typeof RelabelRequest>;

export const RelabelItem = z.object({
  namespace: z.string(),
  name: z.string(),
  /** The label as it is, and as it would be (`key=value`, comma-separated when both are kept). */
  before: z.string(),
  after: z.string(),
});
export type RelabelItem = z.infer<typeof RelabelItem>;

export const RelabelPlan = z.object({
  items: z.array(RelabelItem),
  /** What the sidecar will see after it, in words. */
  note: z.string(),
});
export type RelabelPlan = z.infer<typeof RelabelPlan>;

/** One NDJSON line of `/relabel`: a result per ConfigMap, then `done` with the totals. */
export const RelabelProgress = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), total: z.number() }),
  z.object({
    type: z.literal('item'),
    namespace: z.string(),
    name: z.string(),
    ok: z.boolean(),
    message: z.string().nullable(),
    done: z.number(),
    total: z.number(),
  }),
  z.object({
    type: z.literal('done'),
    applied: z.number(),
    failed: z.array(z.string()),
    total: z.number(),
  }),
]);
export type RelabelProgress = z.infer<typeof RelabelProgress>;
