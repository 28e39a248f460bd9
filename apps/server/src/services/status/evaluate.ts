// Every tracked resource's status from the latest facts: what Perses serves, the logs, the index.
// Decisions are pure (rules.ts); this gathers their facts and keeps a status object per resource,
// rebuilt (and serialised) only when something in it changed.
import type { ResourceStatus } from '@perses-cm/api';
import { CHART_SIDECAR, describeIdentity, sidecarFilePath } from '../../domain/model.ts';
import { attribute, relativeTo, type Candidate, type LogEvidence } from './attribution.ts';
import { stalledMessage, staleHints, type Scope, type Unwritten } from './hints.ts';
import type { LogWatch } from './log-watch.ts';
import type { ProvisioningEvent } from './log-lines.ts';
import { decide, type Decision, type ResourceFacts, type World } from './rules.ts';
import type { ServedSnapshot } from './served-snapshot.ts';
import { shadowedMembers, type ShadowMember, type Shadowing } from './shadow.ts';
import type { Tracked, Tracker } from './tracker.ts';

export interface EvalInput {
  tracker: Tracker;
  snapshot: ServedSnapshot | null;
  logs: LogWatch;
  world: Omit<World, 'scope'> & { scope: Omit<Scope, 'stalled' | 'sidecarLog' | 'persesLog'> };
  /** The sidecar's folder (Perses's first provisioning folder). */
  folder: string;
}

export interface EvalResult {
  changed: Tracked[];
  /** The Stale resources with no file written; several of them point at the sidecar. */
  unwritten: Unwritten[];
  unattributed: ProvisioningEvent[];
  /** What deciding one resource needs of the others, for re-deciding a few (`decideSome`). */
  shared: Shared;
  decided: Decided[];
  /** Each resource as log matching saw it (`candidateOf`), by id. */
  told: Map<string, Candidate | null>;
}

/** The facts about one resource that come from all of them. */
export interface Shared {
  identities: Set<string>;
  shadows: Map<string, Shadowing>;
  /** Resources sharing a sidecar file or a Perses identity with another: they decide together. */
  grouped: Set<string>;
  scope: Scope;
}

export interface Decided {
  t: Tracked;
  f: ResourceFacts;
  d: Decision;
}

/** The file the sidecar writes for a resource's ConfigMap key, under `folder`. */
export function sidecarPathOf(t: Tracked, folder: string): string | null {
  if (t.path?.folder === folder && t.path.of === t.r) return t.path.value;
  const o = t.r.entry.origin;
  const value =
    o.type === 'configmap' ? sidecarFilePath(o, o.key, { ...CHART_SIDECAR, folder }) : null;
  t.path = { folder, of: t.r, value };
  return value;
}

/** Served content equal to this one, or differing only by members Perses drops. */
export function servesThis(t: Tracked): boolean {
  const c = t.check;
  if (!c) return false;
  if (c.equal) return true;
  return (
    c.ignoredOnly &&
    c.servedUpdatedAt !== null &&
    (t.changedAt === null || c.servedUpdatedAt >= t.changedAt)
  );
}

/** What log lines may be matched to: a resource Perses does not serve as it is (else null). */
export function candidateOf(t: Tracked, folder: string): Candidate | null {
  if (servesThis(t)) return null;
  const path = sidecarPathOf(t, folder);
  return {
    id: t.r.summary.id,
    kind: t.r.summary.kind,
    name: t.r.placement.id?.name.toLowerCase() ?? null,
    identityKey: t.r.keys.identity,
    relPath: path === null ? null : (relativeTo(folder, path) ?? path),
    parseFailed: unparseable(t) !== null,
    refusal: refusalOf(t)?.message ?? null,
  };
}

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

export function evaluate(input: EvalInput): EvalResult {
  const { tracker, snapshot, logs, world, folder } = input;
  const all = [...tracker.byId.values()];
  const identities = new Set(all.flatMap((t) => (t.r.keys.identity ? [t.r.keys.identity] : [])));
  const paths = new Map(all.map((t) => [t, sidecarPathOf(t, folder)] as const));

  const told = new Map(all.map((t) => [t.r.summary.id, candidateOf(t, folder)] as const));
  const candidates = [...told.values()].filter((c): c is Candidate => c !== null);
  const attribution = attribute(logs.provisioningEvents(), candidates);
  const members = shadowCandidates(all, paths, snapshot, world.timing);
  const shared: Shared = {
    identities,
    shadows: shadowedMembers(members),
    grouped: new Set(members.map((m) => m.id)),
    scope: {
      ...world.scope,
      stalled: null,
      sidecarLog: logs.sidecarReadable,
      persesLog: logs.persesReadable,
    },
  };
  for (const t of all) t.evidence = recent(attribution.byId.get(t.r.summary.id), t, world);
  const decided = decideSome(input, shared, all);
  const unwritten = markStalled(decided, shared.scope, world.startedAt);
  const changed = settle(decided, world.now);
  return { changed, unwritten, unattributed: attribution.unattributed, shared, decided, told };
}

/**
 * Decides `some` resources from their own facts and what the others share. Their log evidence is
 * the one the last full evaluation matched to them.
 */
export function decideSome(input: EvalInput, shared: Shared, some: Tracked[]): Decided[] {
  const world = { ...input.world, scope: shared.scope };
  return some.map((t) => {
    const f = factsOf(t, {
      snapshot: input.snapshot,
      identities: shared.identities,
      path: sidecarPathOf(t, input.folder),
      log: t.evidence,
      shadow: shared.shadows.get(t.r.summary.id) ?? null,
      logs: input.logs,
      startedAt: world.startedAt,
    });
    return { t, f, d: decide(f, world) };
  });
}

/**
 * Several Stale at once, none of their files written: the sidecar, not the resources. A resource's
 * hint counts those of its own namespace only, since its status is shown to whoever may read it.
 */
function markStalled(decided: Decided[], scope: Scope, startedAt: number): Unwritten[] {
  if (!scope.sidecarLog) return [];
  const byNamespace = new Map<string | null, { x: Decided; u: Unwritten }[]>();
  for (const x of decided) {
    if (x.d.state !== 'stale' || x.f.fileWrittenAt !== null) continue;
    const u = { namespace: x.t.r.summary.namespace, since: x.t.changedAt ?? startedAt };
    byNamespace.set(u.namespace, [...(byNamespace.get(u.namespace) ?? []), { x, u }]);
  }
  const unwritten: Unwritten[] = [];
  for (const group of byNamespace.values()) {
    const stalled = stalledMessage(group.map((g) => g.u));
    if (stalled !== null)
      for (const { x } of group) x.d.hints = staleHints(x.f, { ...scope, stalled });
    unwritten.push(...group.map((g) => g.u));
  }
  return unwritten;
}

/** Sets the decided statuses; returns the resources whose status changed. */
export function settle(decided: Decided[], now: number): Tracked[] {
  const changed: Tracked[] = [];
  for (const { t, d } of decided) if (setStatus(t, d, now)) changed.push(t);
  return changed;
}

export function refusalOf(t: Tracked): { message: string; at: number } | null {
  const v = t.verdict;
  return v && !v.valid ? { message: v.message ?? 'refused', at: v.at } : null;
}

export function unparseable(t: Tracked): string | null {
  const parse = t.r.own.find((f) => f.severity === 'error' && f.rule === 'parse-error');
  return parse ? parse.message : null;
}

/** Log evidence counts when logged in a later second than the change, and in the last cycles. */
function recent(e: LogEvidence | undefined, t: Tracked, w: EvalInput['world']): LogEvidence | null {
  if (!e || e.at === null) return null;
  if (t.changedAt !== null && e.at < Math.floor(t.changedAt / 1000) * 1000 + 1000) return null;
  const { intervalMs, lastCycleAt } = w.timing;
  if (intervalMs !== null && lastCycleAt !== null && e.at < lastCycleAt - intervalMs - 2000)
    return null;
  return e;
}

function shadowCandidates(
  all: Tracked[],
  paths: Map<Tracked, string | null>,
  snapshot: ServedSnapshot | null,
  timing: World['timing'],
): ShadowMember[] {
  // Refreshed by the last cycle: written at or after its start (less a little clock slack).
  const fresh = (t: Tracked): boolean | null => {
    const m = t.r.keys.identity === null ? undefined : snapshot?.items.get(t.r.keys.identity);
    if (!m || m.updatedAt === null || timing.lastCycleAt === null || timing.intervalMs === null)
      return m === undefined && snapshot ? false : null;
    return m.updatedAt >= timing.lastCycleAt - Math.min(1000, timing.intervalMs / 2);
  };
  const count = new Map<string, number>();
  const bump = (k: string | null) => k !== null && count.set(k, (count.get(k) ?? 0) + 1);
  for (const t of all) {
    bump(`p:${paths.get(t) ?? ''}`);
    bump(t.r.keys.identity && `i:${t.r.keys.identity}`);
  }
  const shared = (t: Tracked) =>
    (paths.get(t) && (count.get(`p:${paths.get(t)}`) ?? 0) > 1) ||
    (t.r.keys.identity !== null && (count.get(`i:${t.r.keys.identity}`) ?? 0) > 1);
  return all.filter(shared).map((t) => ({
    id: t.r.summary.id,
    where: t.r.placement.at,
    namespace: t.r.summary.namespace,
    configMapName: t.r.summary.configMapName,
    key: t.r.summary.key,
    sidecarPath: paths.get(t) ?? null,
    container: t.r.placement.container,
    identityKey: t.r.keys.identity,
    docIndex: t.r.docIndex,
    changedAt: t.changedAt,
    served: t.check === null ? null : servesThis(t),
    fresh: fresh(t),
  }));
}

interface FactsContext {
  snapshot: ServedSnapshot | null;
  identities: Set<string>;
  path: string | null;
  log: LogEvidence | null;
  shadow: ResourceFacts['shadow'];
  logs: LogWatch;
  startedAt: number;
}

export function factsOf(t: Tracked, c: FactsContext): ResourceFacts {
  const r = t.r;
  const id = r.placement.id;
  const key = r.keys.identity;
  const projectKey = r.keys.project;
  const written = c.path === null ? null : c.logs.written(c.path);
  const firstError = r.own.find((f) => f.severity === 'error');
  return {
    kind: r.summary.kind,
    where: r.placement.at,
    identityLabel: id ? describeIdentity(id) : null,
    project: id?.project ?? null,
    sidecarPath: c.path,
    provisionedFile: /\.(json|ya?ml)$/.test(r.entry.key),
    notProvisionable: id
      ? null
      : (firstError?.message ?? 'Perses takes no resource from it (no usable kind and name)'),
    unparseable: unparseable(t),
    changedAt: t.changedAt,
    fileWrittenAt:
      written !== null && written >= (t.changedAt ?? c.startedAt) - 2000 ? written : null,
    served: key === null ? null : (c.snapshot?.items.get(key) ?? null),
    kindNotServed: id ? (c.snapshot?.notServed.get(id.kind) ?? null) : null,
    check: t.check,
    confirmed: t.confirmedAt !== null,
    offCycleWriteAt: t.offCycleWriteAt,
    directFailure: t.direct?.outcome === 'failed' ? (t.direct.message ?? '') : null,
    refusal: refusalOf(t),
    projectServed: projectKey === null ? null : (c.snapshot?.items.has(projectKey) ?? null),
    projectDefined: projectKey === null || c.identities.has(projectKey),
    log: c.log,
    shadow: c.shadow,
  };
}

/** Sets the resource's status from a decision; true when it changed. */
function setStatus(t: Tracked, d: Decision, now: number): boolean {
  // Most resources stay Synced poll after poll: a short key tells without building anything. The
  // direct write is in it, so its confirmation by a provisioning cycle is published.
  const direct = t.direct ? `${t.direct.at}|${t.direct.confirmedAt}` : '';
  const quick =
    d.state === 'synced' && d.code === null
      ? `synced|${t.changedAt}|${t.confirmedAt}|${t.lagMs}|${direct}`
      : null;
  if (quick !== null && quick === t.statusKey) return false;
  const prev = t.status;
  const status: ResourceStatus = {
    state: d.state,
    since: prev && prev.state === d.state ? prev.since : new Date(now).toISOString(),
    reason:
      d.code === null
        ? null
        : {
            code: d.code,
            message: d.message ?? '',
            source: d.source ?? 'console',
            inferred: d.inferred,
            at: iso(d.evidenceAt),
          },
    hints: d.hints,
    expectedAt: iso(d.expectedAt),
    changedAt: iso(t.changedAt),
    servedSince: iso(t.confirmedAt),
    checkedAt: iso(t.check?.at ?? null),
    lagMs: t.lagMs,
    ...(d.winner && { winner: d.winner }),
    ...(t.direct && {
      direct: {
        at: new Date(t.direct.at).toISOString(),
        outcome: t.direct.outcome,
        message: t.direct.message,
        confirmedAt: iso(t.direct.confirmedAt),
      },
    }),
  };
  // `since` and `checkedAt` move without the status changing for anyone reading it.
  const key = quick ?? JSON.stringify({ ...status, since: undefined, checkedAt: undefined });
  if (key === t.statusKey) return false;
  t.status = status;
  t.statusKey = key;
  t.statusJson = JSON.stringify(status);
  return true;
}
