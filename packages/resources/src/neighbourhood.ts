// How neighbours are found: placements with an equal key may clash. The server's live index keeps
// maps by these keys; neighbourhood() builds the same lookup over a whole set at once (the lint).
import type { Neighbours, Placement } from './cross-rules.ts';
import { identityKey } from './identity.ts';
import { kindInfo } from './kinds.ts';

export interface NeighbourKeys {
  /** Perses's identity key (kind, project, lower-cased name). */
  identity: string | null;
  sidecarPath: string | null;
  defaultSlot: string | null;
  /** The identity key of the Project a project-scoped resource needs. */
  project: string | null;
}

export function neighbourKeys(p: Placement): NeighbourKeys {
  const id = p.id;
  const scoped = id !== undefined && kindInfo(id.kind)?.scope === 'project';
  return {
    identity: id ? identityKey(id) : null,
    sidecarPath: p.sidecarPath ?? null,
    defaultSlot: p.defaultSlot?.key ?? null,
    project: scoped && id.project ? identityKey({ kind: 'Project', name: id.project }) : null,
  };
}

/** Neighbours of every placement of a whole set, for crossFindings. */
export function neighbourhood(placements: readonly Placement[]): (p: Placement) => Neighbours {
  const byIdentity = new Map<string, Placement[]>();
  const bySidecarPath = new Map<string, Placement[]>();
  const byDefaultSlot = new Map<string, Placement[]>();
  const add = (map: Map<string, Placement[]>, key: string | null, p: Placement) => {
    if (key === null) return;
    const list = map.get(key);
    if (list) list.push(p);
    else map.set(key, [p]);
  };
  for (const p of placements) {
    const keys = neighbourKeys(p);
    add(byIdentity, keys.identity, p);
    add(bySidecarPath, keys.sidecarPath, p);
    add(byDefaultSlot, keys.defaultSlot, p);
  }
  const of = (map: Map<string, Placement[]>, key: string | null) =>
    key === null ? [] : (map.get(key) ?? []);
  return (p) => {
    const keys = neighbourKeys(p);
    return {
      sameIdentity: of(byIdentity, keys.identity),
      sameSidecarPath: of(bySidecarPath, keys.sidecarPath),
      sameDefaultSlot: of(byDefaultSlot, keys.defaultSlot),
      projectDefined: keys.project === null || byIdentity.has(keys.project),
    };
  };
}
