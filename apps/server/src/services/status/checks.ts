// The content checks of the status: fetch what Perses serves for a resource, compare it with the
// ConfigMap's document, record the lag the first time Perses serves a change; and Perses's
// validation verdict on content it does not serve. The only places that read full documents.
import { compareServed, kindInfo, type PersesKind } from '../../domain/model.ts';
import { servesThis } from './evaluate.ts';
import type { PersesResource } from '../../perses/perses-client.ts';
import { eachLimited, type PersesLink } from './perses-link.ts';
import { noteNotServed, noteServed, servedKeyOf, servedMetaOf } from './served-snapshot.ts';
import { documentOf, type Tracked } from './tracker.ts';
import type { Sample } from './lag-history.ts';

/** Where a resource is asked for: as Perses keys it (lower-cased unless case-sensitive). */
export function persesAddress(
  t: Tracked,
  caseSensitive: boolean,
): { kind: PersesKind; project: string | null; name: string } | null {
  const id = t.r.placement.id;
  return id ? addressOf(id, caseSensitive) : null;
}

/** A resource identity as Perses keys it (lower-cased unless case-sensitive). */
export function addressOf(
  id: { kind: PersesKind; project?: string | undefined; name: string },
  caseSensitive: boolean,
): { kind: PersesKind; project: string | null; name: string } {
  const cased = (s: string) => (caseSensitive ? s : s.toLowerCase());
  return {
    kind: id.kind,
    project: kindInfo(id.kind)?.scope === 'project' ? cased(id.project ?? '') : null,
    name: cased(id.name),
  };
}

/** Fetches and compares one resource; returns a lag sample when this is its first serving. */
export async function checkContent(
  t: Tracked,
  link: PersesLink,
  now: () => number,
): Promise<Sample | null> {
  const address = persesAddress(t, link.config?.database.caseSensitive ?? false);
  if (!address) return null;
  // A change while Perses answers makes a new Tracked: this one's content stays what was asked.
  const served = await link.fetch(address.kind, address.project, address.name);
  return compareWith(t, served, link, now());
}

/** Groups of this size or more may be read with one list of their kind and project, in full. */
const GROUP_LIST_MIN = 5;

/**
 * Checks many resources. A group sharing a kind and project is read with one full list when it is
 * at least half of what Perses serves there (a first look at thousands costs tens of requests, not
 * thousands, and reads at most twice the bytes); smaller groups, such as the paced audit's, are
 * read one by one, so a steady-state poll never pulls a whole project.
 */
export async function checkMany(
  list: Tracked[],
  link: PersesLink,
  now: () => number,
  concurrency: number,
  onSample: (s: Sample) => void,
): Promise<void> {
  const caseSensitive = link.config?.database.caseSensitive ?? false;
  const groups = new Map<string, Tracked[]>();
  for (const t of new Set(list)) {
    const a = persesAddress(t, caseSensitive);
    if (!a) continue;
    const key = `${a.kind}/${a.project ?? ''}`;
    const group = groups.get(key);
    if (group) group.push(t);
    else groups.set(key, [t]);
  }
  const served = servedCounts(link);
  const singles: Tracked[] = [];
  const lists: Tracked[][] = [];
  for (const [key, g] of groups) {
    const listed = g.length >= GROUP_LIST_MIN && 2 * g.length >= (served.get(key) ?? 0);
    if (listed) lists.push(g);
    else singles.push(...g);
  }
  await eachLimited(lists, Math.min(2, concurrency), async (group) => {
    const first = persesAddress(group[0] as Tracked, caseSensitive);
    if (!first) return;
    const items = await link.listFull(first.kind, first.project);
    const at = now();
    const byName = new Map(
      items.map((i) => [caseSensitive ? i.metadata.name : i.metadata.name.toLowerCase(), i]),
    );
    for (const t of group) {
      const a = persesAddress(t, caseSensitive);
      if (!a) continue;
      const sample = compareWith(t, byName.get(a.name) ?? null, link, at);
      if (sample) onSample(sample);
    }
  });
  await eachLimited(singles, concurrency, async (t) => {
    const sample = await checkContent(t, link, now);
    if (sample) onSample(sample);
  });
}

/** How many resources Perses serves per kind and project, from the last metadata list. */
function servedCounts(link: PersesLink): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of link.snapshot?.items.values() ?? []) {
    const key = `${m.kind}/${m.project ?? ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Compares a served copy (or none) with the resource; a lag sample on its first serving. */
function compareWith(
  t: Tracked,
  served: PersesResource | null,
  link: PersesLink,
  at: number,
): Sample | null {
  const caseSensitive = link.config?.database.caseSensitive ?? false;
  const meta = served ? servedMetaOf(served) : null;
  if (!served || !meta) {
    const address = persesAddress(t, caseSensitive);
    if (address) noteNotServed(link.snapshot, servedKeyOf(address));
    t.check = null;
    t.measure ||= t.seeded;
    return null;
  }
  noteServed(link.snapshot, meta);
  const cmp = compareServed(documentOf(t.r), served, { caseSensitive });
  t.check = {
    equal: cmp.equal,
    ignoredOnly: !cmp.equal && cmp.differences.length === 0,
    at,
    servedUpdatedAt: meta.updatedAt,
  };
  t.lastAuditAt = at;
  if (!servesThis(t)) {
    // Found waiting when the console started: its lag is measured once it is served.
    if (t.confirmedAt === null) t.measure ||= t.seeded;
    return null;
  }
  t.offCycleWriteAt = null;
  if (t.confirmedAt !== null) return null;
  t.confirmedAt = at;
  // A copy Perses wrote before the change is the same content reloaded, not this change served.
  const wroteAfter =
    meta.updatedAt === null || t.changedAt === null || meta.updatedAt >= t.changedAt - 1000;
  if (!t.measure || t.changedAt === null || !wroteAfter) return null;
  t.lagMs = Math.max(0, at - t.changedAt);
  const id = t.r.placement.id;
  return {
    at,
    lagMs: t.lagMs,
    id: t.r.summary.id,
    kind: t.r.summary.kind,
    project: id?.project ?? null,
    name: id?.name ?? t.r.summary.name,
    namespace: t.r.summary.namespace,
  };
}

/** Asks Perses's validation about content it does not serve (once per content). */
export async function askVerdict(t: Tracked, link: PersesLink, now: () => number): Promise<void> {
  const id = t.r.placement.id;
  if (!id || !link.client || !kindInfo(id.kind)?.validate || t.verdict !== undefined) return;
  const verdict = await link.client.validate(id.kind, documentOf(t.r));
  if (!verdict.checked) return;
  t.verdict = {
    valid: verdict.valid,
    message: verdict.valid ? null : (verdict.message ?? 'refused'),
    at: now(),
  };
}
