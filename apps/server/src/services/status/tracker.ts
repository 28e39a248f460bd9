// What the status remembers of each resource between polls: when its current content was learned,
// the last comparison with Perses's copy, Perses's verdict, the lag once served. Fed by the index:
// its initial content, then its added / modified / deleted events. No I/O.
import type { ResourceEvent, ResourceStatus } from '@perses-cm/api';
import { parse } from '../../domain/model.ts';
import type { IndexedResource } from '../resource-index.ts';
import type { LogEvidence } from './attribution.ts';
import type { ContentCheck } from './rules.ts';

export interface Tracked {
  /**
   * The resource as last indexed; its entry's text is the content the tracking is about (another
   * text is a change, tracked anew). Read through the entry, not kept: the store compacts texts.
   */
  r: IndexedResource;
  changedAt: number | null;
  /** Whether a lag sample is due once served: a change seen while running, or pending at start. */
  measure: boolean;
  /** Whether the change time came from a first look (start) rather than an event. */
  seeded: boolean;
  check: ContentCheck | null;
  /** The first poll that saw this content served. */
  confirmedAt: number | null;
  lagMs: number | null;
  /** Perses's validation of this content: undefined until asked. */
  verdict: { valid: boolean; message: string | null; at: number } | undefined;
  /** The provisioning log line matched to it at the last evaluation. */
  evidence: LogEvidence | null;
  offCycleWriteAt: number | null;
  /** This content was also written through the Perses API (apply now). */
  direct: DirectWrite | null;
  lastAuditAt: number;
  status: ResourceStatus | null;
  statusJson: string | null;
  statusKey: string;
  /** The sidecar file path, computed once per provisioning folder and resource entry. */
  path?: { folder: string; of: IndexedResource; value: string | null };
}

export interface DirectWrite {
  at: number;
  outcome: 'applied' | 'failed';
  message: string | null;
  /** `updatedAt` of Perses's answer: a later one on the same content is provisioning's. */
  persesUpdatedAt: number | null;
  /** The first provisioning cycle seen after it. */
  confirmedAt: number | null;
}

export interface LastSeen {
  namespace: string | null;
  configMapName: string | null;
  key: string;
  goneAt: number;
}

/** How many deleted resources are remembered for the orphan list. */
const GONE_LIMIT = 2000;

/** The document a resource holds (parsed on demand: the index keeps summaries, not documents). */
export function documentOf(r: IndexedResource): unknown {
  return parse(r.entry.text, r.entry.key).documents[r.docIndex] ?? null;
}

export class Tracker {
  readonly byId = new Map<string, Tracked>();
  /** Identity key → the ConfigMap that defined it, for resources deleted while running. */
  readonly gone = new Map<string, LastSeen>();
  /** Moves whenever a resource is added, replaced or forgotten. */
  revision = 0;
  /**
   * Moves when resources come or go or one's Perses identity changes: what all statuses and the
   * orphans share. A change of content alone leaves it and is among `drainChanged()`.
   */
  structure = 0;
  /** Resources replaced or given a new index entry since the last `drainChanged()`. */
  private changed = new Set<string>();

  /** Starts tracking what an index holds; tracking of unchanged resources is kept. */
  seed(resources: Iterable<IndexedResource>, now: number): void {
    const seen = new Set<string>();
    for (const r of resources) {
      if (r.summary.unlabeled) continue;
      seen.add(r.summary.id);
      const old = this.byId.get(r.summary.id);
      if (old && old.r.entry.text === r.entry.text) this.keep(old, r);
      else {
        this.byId.set(r.summary.id, fresh(r, r.entry.changedAt ?? null, false, true));
        this.revision++;
        this.structure++;
      }
    }
    for (const [id, t] of this.byId) if (!seen.has(id)) this.forget(id, t, now);
  }

  /** Applies an index event; true when content changed (worth a fast look at Perses). */
  apply(
    event: ResourceEvent,
    find: (id: string) => IndexedResource | undefined,
    now: number,
  ): boolean {
    if (event.type === 'deleted') {
      const t = this.byId.get(event.resource.id);
      if (t) this.forget(event.resource.id, t, now);
      return false;
    }
    if (event.type !== 'added' && event.type !== 'modified') return false;
    const r = find(event.resource.id);
    if (!r || r.summary.unlabeled) return false;
    const old = this.byId.get(r.summary.id);
    if (old && old.r.entry.text === r.entry.text) {
      this.keep(old, r);
      return false;
    }
    // The event time, unless the API server recorded the change a whole second or more earlier
    // (managedFields has 1 s resolution): a watch that caught up late.
    const recorded = r.entry.changedAt;
    const changedAt = recorded !== undefined && recorded + 1000 < now ? recorded : now;
    this.byId.set(r.summary.id, fresh(r, changedAt, true, false));
    if (r.keys.identity !== null) this.gone.delete(r.keys.identity);
    this.revision++;
    if (old?.r.keys.identity === r.keys.identity) this.changed.add(r.summary.id);
    else this.structure++;
    return true;
  }

  /** The resources replaced or re-entered since the last call (still tracked). */
  drainChanged(): Tracked[] {
    const out = [...this.changed].flatMap((id) => this.byId.get(id) ?? []);
    this.changed.clear();
    return out;
  }

  /** The same content in a new index entry (its ConfigMap changed elsewhere). */
  private keep(t: Tracked, r: IndexedResource): void {
    if (t.r === r) return;
    t.r = r;
    this.revision++;
    this.changed.add(r.summary.id);
  }

  private forget(id: string, t: Tracked, now: number): void {
    this.byId.delete(id);
    this.changed.delete(id);
    this.revision++;
    this.structure++;
    const key = t.r.keys.identity;
    if (key === null) return;
    const s = t.r.summary;
    this.gone.set(key, {
      namespace: s.namespace,
      configMapName: s.configMapName,
      key: s.key,
      goneAt: now,
    });
    if (this.gone.size > GONE_LIMIT) {
      const oldest = this.gone.keys().next().value;
      if (oldest !== undefined) this.gone.delete(oldest);
    }
  }
}

function fresh(
  r: IndexedResource,
  changedAt: number | null,
  measure: boolean,
  seeded: boolean,
): Tracked {
  return {
    r,
    changedAt,
    measure,
    seeded,
    check: null,
    confirmedAt: null,
    lagMs: null,
    verdict: undefined,
    evidence: null,
    offCycleWriteAt: null,
    direct: null,
    lastAuditAt: 0,
    status: null,
    statusJson: null,
    statusKey: '',
  };
}
