// The status of one resource, from what the console knows of it and of Perses. Pure: the monitor
// gathers the facts (Perses's lists and documents, the logs, the index) and calls decide().
import type { EvidenceSource, ReasonCode, ShadowWinner, SyncState } from '@perses-cm/api';
import type { LogEvidence } from './attribution.ts';
import {
  expectedServeAt,
  SIDECAR_DELAY_MS,
  staleAt,
  type ServedMeta,
  type Timing,
} from './cycle.ts';
import { staleHints, type Scope } from './hints.ts';
import type { Shadowing } from './shadow.ts';

export interface ContentCheck {
  /** Perses serves this content. */
  equal: boolean;
  /** The only differences are members Perses drops (fields its structs do not know). */
  ignoredOnly: boolean;
  at: number;
  servedUpdatedAt: number | null;
}

export interface ResourceFacts {
  kind: string;
  where: string;
  identityLabel: string | null;
  project: string | null;
  sidecarPath: string | null;
  /** The key's extension is one Perses reads. */
  provisionedFile: boolean;
  /** Why Perses takes no resource from it (kind or name unusable), from the console's lint. */
  notProvisionable: string | null;
  unparseable: string | null;
  changedAt: number | null;
  /** The sidecar wrote its file after the change (its log). */
  fileWrittenAt: number | null;
  served: ServedMeta | null;
  /** Why Perses does not serve the kind at all (Role kinds with authorization off), else null. */
  kindNotServed: string | null;
  /** The last comparison of the served copy with the current content. */
  check: ContentCheck | null;
  /** Perses served this content once (since it was learned). */
  confirmed: boolean;
  /** Something besides provisioning wrote the served copy after the change. */
  offCycleWriteAt: number | null;
  /** Why a direct write of this content (apply now) did not reach Perses, else null. */
  directFailure: string | null;
  refusal: { message: string; at: number } | null;
  /** Project-scoped: whether Perses serves the project, and whether a resource here defines it. */
  projectServed: boolean | null;
  projectDefined: boolean;
  log: LogEvidence | null;
  shadow: Shadowing | null;
}

export interface World {
  connection: 'connected' | 'unreachable' | 'not_configured';
  connectionMessage: string;
  now: number;
  timing: Timing;
  /** When the console started watching (the change time of what it found then). */
  startedAt: number;
  scope: Scope;
}

export interface Decision {
  state: SyncState;
  code: ReasonCode | null;
  message: string | null;
  source: EvidenceSource | null;
  inferred: boolean;
  evidenceAt: number | null;
  hints: string[];
  expectedAt: number | null;
  winner?: ShadowWinner;
}

const decision = (
  state: SyncState,
  code: ReasonCode | null,
  message: string | null,
  source: EvidenceSource | null,
  more: Partial<Decision> = {},
): Decision => ({
  state,
  code,
  message,
  source,
  inferred: false,
  evidenceAt: null,
  hints: [],
  expectedAt: null,
  ...more,
});

const NOT_FOUND =
  'Perses is not configured or was not found: the Overview says where the console looked';

export function decide(f: ResourceFacts, w: World): Decision {
  // Saved and known not to be served: waiting for provisioning, whatever Perses answers now.
  if (w.connection !== 'connected' && f.directFailure !== null)
    return decision(
      'pending',
      w.connection === 'unreachable' ? 'perses_unreachable' : 'perses_not_configured',
      `the ConfigMap is saved; applying it directly failed (${f.directFailure}); provisioning takes it at its next cycle once Perses runs`,
      'console',
    );
  if (w.connection === 'unreachable')
    return decision('unknown', 'perses_unreachable', w.connectionMessage, 'console');
  // Where discovery looked names every watched namespace: each person's resources say only this,
  // and the overview tells the rest.
  if (w.connection !== 'connected')
    return decision('unknown', 'perses_not_configured', NOT_FOUND, 'console');
  if (!f.provisionedFile)
    return decision(
      'rejected',
      'ignored_file',
      `Perses reads only .json, .yaml and .yml files: ${f.where} is never loaded`,
      'console',
      {
        hints: ['Rename the key with a .json, .yaml or .yml extension'],
      },
    );
  const logged = f.log
    ? { source: 'perses-log' as const, inferred: f.log.inferred, evidenceAt: f.log.at }
    : null;
  if (f.unparseable !== null)
    return decision(
      'rejected',
      'unparseable',
      f.log?.message ?? f.unparseable,
      logged?.source ?? 'console',
      {
        ...logged,
        hints: ['Fix the syntax: one bad object fails the whole file in Perses'],
      },
    );
  if (f.notProvisionable !== null)
    return decision(
      'rejected',
      'not_provisionable',
      f.notProvisionable,
      logged?.source ?? 'console',
      {
        ...logged,
      },
    );
  if (f.shadow) return shadowed(f.shadow);
  if (f.kindNotServed !== null)
    return decision('unknown', 'kind_not_served', f.kindNotServed, 'perses-api');
  if (f.served && f.check && (f.check.equal || (f.check.ignoredOnly && writtenSinceChange(f))))
    return decision('synced', null, null, null);
  if (f.log)
    return decision('rejected', f.log.code, f.log.message, 'perses-log', {
      ...logged,
      hints: rejectedHints(f.log.code, f),
    });
  if (f.refusal)
    return decision(
      'rejected',
      'perses_invalid',
      `Perses's validation refuses it: ${f.refusal.message}`,
      'perses-validate',
      {
        evidenceAt: f.refusal.at,
        hints: rejectedHints('perses_invalid', f),
      },
    );
  if (f.project !== null && f.projectServed === false && !f.projectDefined)
    return decision(
      'rejected',
      'project_missing',
      `project "${f.project}" does not exist in Perses and no ConfigMap here defines it`,
      'perses-api',
      {
        hints: rejectedHints('project_missing', f),
      },
    );
  if (f.served && f.check && !f.check.equal && (f.confirmed || isAfterChange(f.offCycleWriteAt, f)))
    return decision(
      'drifted',
      'served_differs',
      'Perses serves other content (edited in Perses): the next provisioning cycle overwrites it',
      'perses-api',
      {
        evidenceAt: f.check.at,
        hints: [
          "Take Perses's version into the ConfigMap to keep the edit, or let the next cycle restore this one",
        ],
      },
    );
  return timing(f, w);
}

function writtenSinceChange(f: ResourceFacts): boolean {
  const at = f.check?.servedUpdatedAt ?? null;
  return at !== null && (f.changedAt === null || at >= f.changedAt);
}

function isAfterChange(at: number | null, f: ResourceFacts): boolean {
  return at !== null && (f.changedAt === null || at > f.changedAt);
}

function shadowed(s: Shadowing): Decision {
  const message =
    s.reason === 'same_file'
      ? `${s.winnerWhere} writes the same sidecar file (${s.what}); Perses ends up with ${s.winnerWhere}: ${s.winner.why}`
      : `${s.winnerWhere} defines the same Perses resource; Perses ends up with ${s.winnerWhere}: ${s.winner.why}`;
  return decision(
    'shadowed',
    s.reason,
    message,
    s.winner.basis === 'served' ? 'perses-api' : 'console',
    {
      winner: s.winner,
      hints: [
        s.reason === 'same_file'
          ? 'Give every data key a cluster-unique name: the sidecar writes keys to files by name'
          : 'Keep one definition of the resource and delete the other',
      ],
    },
  );
}

/** Pending until one full cycle and a margin after it was expected, Stale after. */
function timing(f: ResourceFacts, w: World): Decision {
  const changed = f.changedAt ?? w.startedAt;
  if (f.served && !f.check && w.timing.lastCycleAt !== null && changed < w.timing.lastCycleAt)
    return decision(
      'unknown',
      'checking',
      'comparing the served copy with this content',
      'console',
    );
  const readyAt = f.fileWrittenAt ?? changed + SIDECAR_DELAY_MS;
  const expectedAt = expectedServeAt(readyAt, w.timing);
  const old = f.served !== null;
  const interval = w.timing.intervalMs;
  if (expectedAt === null || interval === null || w.now < staleAt(expectedAt, interval))
    return decision(
      'pending',
      old ? 'old_content_served' : 'not_served_yet',
      old
        ? 'Perses still serves the previous content; the next provisioning cycle after the sidecar writes the file takes this one'
        : 'Perses does not serve it yet; the next provisioning cycle after the sidecar writes the file takes it',
      'console',
      { expectedAt },
    );
  return decision(
    'stale',
    old ? 'old_content_served' : 'not_served',
    `not served one full provisioning cycle after it was expected (${new Date(expectedAt).toISOString()})`,
    'console',
    { expectedAt, hints: staleHints(f, w.scope) },
  );
}

function rejectedHints(code: ReasonCode, f: ResourceFacts): string[] {
  switch (code) {
    case 'project_missing':
      return [
        `Create the Project "${f.project ?? ''}" (a Project resource in a labeled ConfigMap), or fix metadata.project`,
      ];
    case 'file_error':
      return [
        `Fix ${f.where}: one bad object fails the whole file, so every resource in it is refused`,
      ];
    default:
      return ["Fix the resource; the editor shows Perses's verdict before saving"];
  }
}
