// Who a resource is, the way Perses keys it: kind, project (project-scoped kinds), name. Perses
// lower-cases name and project on store (unless its database is case-sensitive, not the default).

import { kindInfo, type PersesKind } from './kinds.ts';

export interface ResourceIdentity {
  kind: PersesKind;
  project?: string;
  name: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Identity of a provisionable resource, or undefined when its kind or name is unusable. */
export function identityOf(doc: unknown): ResourceIdentity | undefined {
  if (!isRecord(doc) || typeof doc.kind !== 'string') return undefined;
  const info = kindInfo(doc.kind);
  const metadata = doc.metadata;
  if (!info || !isRecord(metadata) || typeof metadata.name !== 'string') return undefined;
  const id: ResourceIdentity = { kind: info.kind, name: metadata.name };
  if (info.scope === 'project' && typeof metadata.project === 'string')
    id.project = metadata.project;
  return id;
}

/** `kind/project/name` (or `kind/name` for global kinds), lower-cased like Perses stores them. */
export function identityKey(id: ResourceIdentity): string {
  const scoped = kindInfo(id.kind)?.scope === 'project';
  const parts = scoped ? [id.kind, id.project ?? '', id.name] : [id.kind, id.name];
  return parts.map((p) => p.toLowerCase()).join('/');
}

/** Human label for messages: `Dashboard "perses/Demo"`. */
export function describeIdentity(id: ResourceIdentity): string {
  const scoped = kindInfo(id.kind)?.scope === 'project';
  return `${id.kind} "${scoped ? `${id.project ?? ''}/` : ''}${id.name}"`;
}
