// What Perses serves, keyed the way the index keys resources (kind, project, lower-cased name),
// from its list answers. Pure: the link to Perses fills it.
import type { ErrorCode } from '@perses-cm/api';
import { identityKey, kindInfo, type PersesKind } from '../../domain/model.ts';
import type { ServedMeta } from './cycle.ts';

/** Kinds Perses registers only with authorization on: 404 otherwise, though provisioning runs. */
export const ROLE_KINDS: ReadonlySet<string> = new Set([
  'Role',
  'RoleBinding',
  'GlobalRole',
  'GlobalRoleBinding',
]);

export function notServedMessage(kind: string, code: ErrorCode): string {
  if (code === 'not_found' && ROLE_KINDS.has(kind))
    return `Perses serves ${kind} only with authorization on (security.authorization); with it off it answers 404, so whether provisioning took this one cannot be seen`;
  if (code === 'forbidden')
    return `the console's Perses credentials may not list ${kind}, so whether provisioning took this one cannot be seen`;
  return `Perses does not serve ${kind} (its list answers ${code}), so whether provisioning took this one cannot be seen`;
}

interface Listed {
  kind: string;
  metadata: {
    name: string;
    project?: string;
    createdAt?: string;
    updatedAt?: string;
    version?: number;
  };
}

const time = (s: string | undefined): number | null => {
  if (s === undefined) return null;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : t;
};

/** A listed item's metadata; null for a kind outside the kinds table. */
export function servedMetaOf(item: Listed): ServedMeta | null {
  const info = kindInfo(item.kind);
  if (!info) return null;
  return {
    kind: info.kind,
    project: info.scope === 'project' ? (item.metadata.project ?? null) : null,
    name: item.metadata.name,
    createdAt: time(item.metadata.createdAt),
    updatedAt: time(item.metadata.updatedAt),
    version: item.metadata.version ?? null,
  };
}

export function servedKeyOf(m: Pick<ServedMeta, 'kind' | 'project' | 'name'>): string {
  return identityKey({
    kind: m.kind as PersesKind,
    name: m.name,
    ...(m.project !== null && { project: m.project }),
  });
}

export interface ServedSnapshot {
  /** Change it through `noteServed` / `noteNotServed`, which keep `revision` true. */
  items: Map<string, ServedMeta>;
  /** Kinds whose list failed with 404 / 403, and what that means for their resources. */
  notServed: Map<string, string>;
  at: number;
  /** Moves whenever `items` or `notServed` changes: an unchanged revision is an unchanged Perses. */
  revision: number;
}

const sameMeta = (a: ServedMeta, b: ServedMeta): boolean =>
  a.kind === b.kind &&
  a.project === b.project &&
  a.name === b.name &&
  a.createdAt === b.createdAt &&
  a.updatedAt === b.updatedAt &&
  a.version === b.version;

/** Perses was seen serving `meta` (an answer besides the lists: a fetch, a direct write). */
export function noteServed(s: ServedSnapshot | null | undefined, meta: ServedMeta): void {
  if (!s) return;
  const key = servedKeyOf(meta);
  const old = s.items.get(key);
  if (old && sameMeta(old, meta)) return;
  s.items.set(key, meta);
  s.revision++;
}

/** Perses was seen not serving what `key` names (a 404, a delete through its API). */
export function noteNotServed(s: ServedSnapshot | null | undefined, key: string): void {
  if (s?.items.delete(key)) s.revision++;
}
