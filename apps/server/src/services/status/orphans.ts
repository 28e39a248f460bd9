// Orphans: what Perses serves with no resource of the console behind it. Provisioning never
// deletes, so a deleted ConfigMap (or one that lost its label) leaves its resource in Perses until
// someone deletes it through the Perses API, which a read-only Perses does not offer.
import type { Orphan, ResourceEvent } from '@perses-cm/api';
import { AppError, notFound } from '../../domain/errors.ts';
import type { Visible } from '../../domain/identity.ts';
import { kindInfo, type PersesKind } from '../../domain/model.ts';
import type { ServedMeta } from './cycle.ts';
import type { PersesLink } from './perses-link.ts';
import { noteNotServed, servedKeyOf, type ServedSnapshot } from './served-snapshot.ts';
import type { LastSeen } from './tracker.ts';

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

/** `Dashboard~perses~demo`: kinds and Perses names never hold `~`. */
export function orphanId(m: Pick<ServedMeta, 'kind' | 'project' | 'name'>): string {
  return `${m.kind}~${m.project ?? ''}~${m.name}`;
}

export function parseOrphanId(
  id: string,
): { kind: string; project: string | null; name: string } | null {
  const [kind, project, name, ...rest] = id.split('~');
  if (!kind || name === undefined || name === '' || rest.length > 0 || !kindInfo(kind)) return null;
  return { kind, project: project === '' || project === undefined ? null : project, name };
}

/** The Perses UI page of a resource: a dashboard, a project, or the project a resource is in. */
export function persesUiLink(
  uiUrl: string | null,
  m: Pick<ServedMeta, 'kind' | 'project' | 'name'>,
): string | null {
  if (!uiUrl) return null;
  const base = uiUrl.replace(/\/+$/, '');
  const e = encodeURIComponent;
  if (m.kind === 'Project') return `${base}/projects/${e(m.name)}`;
  if (m.kind === 'Dashboard' && m.project)
    return `${base}/projects/${e(m.project)}/dashboards/${e(m.name)}`;
  if (m.project) return `${base}/projects/${e(m.project)}`;
  return `${base}/admin`;
}

export function orphansOf(
  snapshot: ServedSnapshot | null,
  known: ReadonlySet<string>,
  gone: ReadonlyMap<string, LastSeen>,
  uiUrl: string | null,
): Orphan[] {
  if (!snapshot) return [];
  const inProject = new Map<string, number>();
  for (const m of snapshot.items.values())
    if (m.project !== null) inProject.set(m.project, (inProject.get(m.project) ?? 0) + 1);
  const out: Orphan[] = [];
  for (const [key, m] of snapshot.items) {
    if (known.has(key)) continue;
    const seen = gone.get(key);
    out.push({
      id: orphanId(m),
      kind: m.kind,
      project: m.project,
      name: m.name,
      createdAt: iso(m.createdAt),
      updatedAt: iso(m.updatedAt),
      contains: m.kind === 'Project' ? (inProject.get(m.name) ?? 0) : null,
      persesUrl: persesUiLink(uiUrl, m),
      lastSeen: seen ? { ...seen, goneAt: new Date(seen.goneAt).toISOString() } : null,
    });
  }
  return out.sort((a, b) =>
    `${a.kind}/${a.project}/${a.name}`.localeCompare(`${b.kind}/${b.project}/${b.name}`),
  );
}

/**
 * An orphan last defined in a namespace the caller may not read is not theirs to see; one of
 * unknown origin (defined before the console started, or elsewhere) names no namespace.
 */
export function orphanVisible(o: Orphan, visible: Visible): boolean {
  return !o.lastSeen || visible(o.lastSeen.namespace);
}

/**
 * The set of orphans changed. Logged with the sets before and after, not only a count: each
 * connection is told the count of its own orphans, and only when its own set moved.
 */
export interface OrphansChanged {
  type: 'orphans';
  count: number;
  orphans: readonly Orphan[];
  previous: readonly Orphan[];
}

/** The namespaces whose access decides what a caller is told of an orphans change. */
export function orphanNamespaces(e: OrphansChanged): Set<string> {
  const out = new Set<string>();
  for (const o of [...e.orphans, ...e.previous])
    if (o.lastSeen?.namespace) out.add(o.lastSeen.namespace);
  return out;
}

/** What a caller is told of an orphans change: their count, or nothing when their set is the same. */
export function orphansEventFor(e: OrphansChanged, visible: Visible): ResourceEvent | null {
  const mine = (list: readonly Orphan[]) => list.filter((o) => orphanVisible(o, visible));
  const now = mine(e.orphans);
  const key = (list: Orphan[]) => list.map((o) => o.id).join('\n');
  if (key(now) === key(mine(e.previous))) return null;
  return { type: 'orphans', count: now.length };
}

/** Why orphans cannot be deleted now, or null when they can. */
export function cleanupRefusal(link: PersesLink): string | null {
  if (link.state !== 'connected') return link.message ?? 'Perses is not connected';
  if (link.config?.security.readonly)
    return 'Perses is read-only (security.readonly): its API has no DELETE route, and provisioning never deletes, so these stay until Perses runs read-write (or on a fresh database)';
  return null;
}

/** Said when the console does not see every ConfigMap the sidecar may copy. */
export function scopeNoteOf(namespaces: string[] | 'all' | null): string | null {
  if (namespaces === null)
    return 'The console reads one chart directory: resources provisioned from other ConfigMaps show here too.';
  if (namespaces === 'all') return null;
  return `The console watches ${namespaces.length === 1 ? 'namespace' : 'namespaces'} ${namespaces.join(', ')}: a labeled ConfigMap in another namespace (the perses chart's sidecar watches all) may define these.`;
}

/** Deletes an orphan through the Perses API once `confirm` names it (case aside). */
export async function deleteOrphan(
  link: PersesLink,
  orphans: Orphan[],
  id: string,
  confirm: string,
): Promise<void> {
  const parsed = parseOrphanId(id);
  const orphan = orphans.find((o) => o.id === id);
  if (!parsed || !orphan)
    throw notFound(
      `no orphan ${id.slice(0, 200)} (Perses does not serve it, or a ConfigMap defines it)`,
    );
  if (confirm.toLowerCase() !== orphan.name.toLowerCase())
    throw new AppError(
      'bad_request',
      `confirm with the name of the ${orphan.kind}: "${orphan.name}"`,
      {
        fields: [{ field: 'confirm', message: `must be "${orphan.name}"` }],
      },
    );
  const refusal = cleanupRefusal(link);
  if (refusal !== null) throw new AppError('forbidden', refusal);
  if (!link.client) throw new AppError('unavailable', 'no Perses is connected');
  await link.client.delete(parsed.kind as PersesKind, parsed.project, parsed.name);
  noteNotServed(link.snapshot, servedKeyOf(parsed));
}
