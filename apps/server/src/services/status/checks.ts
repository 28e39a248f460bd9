// The content checks of the status: fetch what Perses serves for a resource, compare it with the
// ConfigMap's document, record the lag the first time Perses serves a change; and Perses's
// validation verdict on content it does not serve. The only places that read full documents.
import { compareServed, kindInfo, type PersesKind } from '../../domain/model.ts';
import { servesThis } from './evaluate.ts';
import type { PersesLink } from './perses-link.ts';
import { servedKeyOf, servedMetaOf } from './served-snapshot.ts';
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

/** Compares the served copy with the resource; returns a lag sample when this is its first serving. */
export async function checkContent(
  t: Tracked,
  link: PersesLink,
  now: () => number,
): Promise<Sample | null> {
  const caseSensitive = link.config?.database.caseSensitive ?? false;
  const address = persesAddress(t, caseSensitive);
  if (!address) return null;
  const text = t.text;
  const served = await link.fetch(address.kind, address.project, address.name);
  const at = now();
  // The resource changed while Perses answered: this answer is about older content.
  if (t.text !== text) return null;
  const items = link.snapshot?.items;
  const meta = served ? servedMetaOf(served) : null;
  if (!served || !meta) {
    items?.delete(servedKeyOf({ ...address }));
    t.check = null;
    t.measure ||= t.seeded;
    return null;
  }
  items?.set(servedKeyOf(meta), meta);
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
  };
}

/** Asks Perses's validation about content it does not serve (once per content). */
export async function askVerdict(t: Tracked, link: PersesLink, now: () => number): Promise<void> {
  const id = t.r.placement.id;
  if (!id || !link.client || !kindInfo(id.kind)?.validate || t.verdict !== undefined) return;
  const text = t.text;
  const verdict = await link.client.validate(id.kind, documentOf(t.r));
  if (t.text !== text || !verdict.checked) return;
  t.verdict = {
    valid: verdict.valid,
    message: verdict.valid ? null : (verdict.message ?? 'refused'),
    at: now(),
  };
}
