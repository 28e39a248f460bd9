// Who Perses ends up with when several resources meet in one place (DOMAIN pitfalls 2 and 3):
// - keys of two ConfigMaps with one name write one sidecar file: the last writer's content is in it;
// - two documents with one Perses identity: provisioning applies both every cycle, in the order
//   it reads files (filepath.Walk: lexical per folder level, then list order within a file), so
//   the last one read wins.
// When Perses serves one member's content, that member is the winner ("served"); otherwise the
// order decides ("order"). For one file, only a copy the last cycle refreshed counts: Perses keeps
// serving the loser's old copy (provisioning never deletes), no longer refreshed. For one
// identity, members serving the winner's content are not shadowed (the same content twice).
import type { ShadowWinner } from '@perses-cm/api';

export interface ShadowMember {
  id: string;
  /** For messages: `ConfigMap ns/name key "k"` or a file path. */
  where: string;
  namespace: string | null;
  configMapName: string | null;
  key: string;
  /** The file the sidecar writes; null when not from a ConfigMap. */
  sidecarPath: string | null;
  /** The container (`ns/name`, a file): documents of one never share a file with each other. */
  container: string;
  identityKey: string | null;
  docIndex: number;
  /** When its current content was learned (the last writer of a shared file changed last). */
  changedAt: number | null;
  /** Whether Perses serves its current content: true, false, or null when not compared yet. */
  served: boolean | null;
  /** Whether the last provisioning cycle refreshed Perses's copy of it (null: not known). */
  fresh: boolean | null;
}

export interface Shadowing {
  reason: 'same_file' | 'same_identity';
  winner: ShadowWinner;
  winnerWhere: string;
  /** The shared file, or the shared identity. */
  what: string;
}

/** Perses's load order: path segment by segment (filepath.Walk), then position in the file. */
export function loadOrder(a: ShadowMember, b: ShadowMember): number {
  const x = (a.sidecarPath ?? a.where).split('/');
  const y = (b.sidecarPath ?? b.where).split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const s = x[i] ?? '';
    const t = y[i] ?? '';
    if (s !== t) return s < t ? -1 : 1;
  }
  return x.length - y.length || a.docIndex - b.docIndex;
}

function winnerOf(
  members: ShadowMember[],
  byOrder: (a: ShadowMember, b: ShadowMember) => number,
  orderWhy: string,
  counts: (m: ShadowMember) => boolean = (m) => m.served === true,
): { winner: ShadowMember; basis: 'served' | 'order'; why: string } {
  const served = members.find(counts);
  if (served) return { winner: served, basis: 'served', why: 'Perses serves its content' };
  const last = [...members].sort(byOrder).pop() ?? members[0];
  if (!last) throw new Error('empty shadow group');
  return { winner: last, basis: 'order', why: orderWhy };
}

const changedOrder = (a: ShadowMember, b: ShadowMember) =>
  (a.changedAt ?? 0) - (b.changedAt ?? 0) || loadOrder(a, b);

function groupBy(members: ShadowMember[], key: (m: ShadowMember) => string | null) {
  const groups = new Map<string, ShadowMember[]>();
  for (const m of members) {
    const k = key(m);
    if (k === null) continue;
    const g = groups.get(k);
    if (g) g.push(m);
    else groups.set(k, [m]);
  }
  return [...groups.entries()].filter(([, g]) => g.length > 1);
}

function shadowing(
  loser: ShadowMember,
  w: ReturnType<typeof winnerOf>,
  reason: Shadowing['reason'],
  what: string,
): Shadowing {
  const m = w.winner;
  return {
    reason,
    what,
    winnerWhere: m.where,
    winner: {
      id: m.id,
      namespace: m.namespace,
      configMapName: m.configMapName,
      key: m.key,
      basis: w.basis,
      why: w.why,
    },
  };
}

/** The members that lose to another, with who wins and why. */
export function shadowedMembers(members: ShadowMember[]): Map<string, Shadowing> {
  const out = new Map<string, Shadowing>();
  // One file, several ConfigMaps: only the last writer's content reaches Perses at all.
  for (const [path, group] of groupBy(members, (m) => m.sidecarPath)) {
    if (new Set(group.map((m) => m.container)).size < 2) continue;
    const w = winnerOf(
      group,
      changedOrder,
      'changed last, so the sidecar wrote its content last',
      (m) => m.served === true && m.fresh === true,
    );
    for (const m of group)
      if (m.container !== w.winner.container) out.set(m.id, shadowing(m, w, 'same_file', path));
  }
  // One identity, several documents that reach Perses: the last one applied wins.
  const reaching = members.filter((m) => !out.has(m.id));
  for (const [key, group] of groupBy(reaching, (m) => m.identityKey)) {
    const w = winnerOf(group, loadOrder, 'Perses reads its file last and applies both every cycle');
    for (const m of group)
      if (m !== w.winner && m.served !== true) out.set(m.id, shadowing(m, w, 'same_identity', key));
  }
  return out;
}
