// The orphans as the status monitor shows them: worked out from what Perses serves and the
// resources tracked, cached until either changes, and narrowed to what a caller may see.
import type { Orphan, OrphansResponse } from '@perses-cm/api';
import type { Visible } from '../../domain/identity.ts';
import { MonitorState, everything } from './monitor-state.ts';
import { cleanupRefusal, orphansOf, orphanVisible, scopeNoteOf } from './orphans.ts';

export class OrphanViews extends MonitorState {
  private orphanCache: {
    link: object;
    snapshot: object | null;
    revision: number | undefined;
    tracked: number;
    list: Orphan[];
  } | null = null;

  orphanCount(): number {
    return this.orphanList().length;
  }

  /** The orphans, worked out again only when what Perses serves or the resources changed. */
  protected orphanList() {
    const link = this.link();
    const snapshot = link.state === 'connected' ? link.snapshot : null;
    const cached = this.orphanCache;
    if (
      cached?.link === link &&
      cached.snapshot === snapshot &&
      cached.revision === snapshot?.revision &&
      cached.tracked === this.tracker.structure
    )
      return cached.list;
    const known = new Set<string>();
    for (const t of this.tracker.byId.values()) if (t.r.keys.identity) known.add(t.r.keys.identity);
    const list = orphansOf(snapshot, known, this.tracker.gone, link.found.uiUrl);
    this.orphanCache = {
      link,
      snapshot,
      revision: snapshot?.revision,
      tracked: this.tracker.structure,
      list,
    };
    return list;
  }

  protected visibleOrphans(visible: Visible) {
    const all = this.orphanList();
    if (visible === everything) return all;
    return all.filter((o) => orphanVisible(o, visible));
  }

  orphans(visible: Visible = everything): OrphansResponse {
    const link = this.link();
    const refusal = cleanupRefusal(link);
    return {
      items: this.visibleOrphans(visible),
      cleanup: { possible: refusal === null, reason: refusal },
      scopeNote: scopeNoteOf(this.scope.namespaces),
      checkedAt: link.snapshot ? new Date(link.snapshot.at).toISOString() : null,
    };
  }
}
