// What the status monitor answers: the overview, one resource's pipeline, what Perses serves for
// it, the orphans and their cleanup, the lag history. Read from the monitor's state; the only
// Perses calls here are the ones a person asked for (the served copy, a cleanup).
import type {
  LagHistoryQuery,
  LagHistoryResponse,
  Orphan,
  OrphansResponse,
  PersesConnection,
  ResourcePipeline,
  ServedDocument,
  StatusOverview,
  SyncState,
} from '@perses-cm/api';
import { SYNC_STATES } from '@perses-cm/api';
import { notFound } from '../../domain/errors.ts';
import type { Visible } from '../../domain/identity.ts';
import type { LogEvent } from '../event-log.ts';
import { CHART_SIDECAR } from '../../domain/model.ts';
import type { ResourceIndex } from '../resource-index.ts';
import type { Connector } from './connector.ts';
import { connectionOf, servedDocument } from './connection-view.ts';
import { humanDuration, SIDECAR_DELAY_MS } from './cycle.ts';
import { sidecarPathOf } from './evaluate.ts';
import { stalledMessage, type Unwritten } from './hints.ts';
import { lagFilter } from './lag-filter.ts';
import type { LagHistory, SampleFilter } from './lag-history.ts';
import type { ProvisioningEvent } from './log-lines.ts';
import { cleanupRefusal, deleteOrphan, orphansOf, orphanVisible, scopeNoteOf } from './orphans.ts';
import { pipelineOf } from './pipeline.ts';
import type { World } from './rules.ts';
import type { Tracker } from './tracker.ts';

export interface ScopeInfo {
  target: 'kubernetes' | 'directory';
  /** `perses.dev/resource=true`. */
  label: string;
  /** Watched namespaces; null for a chart directory. */
  namespaces: string[] | 'all' | null;
}

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

// The overview's counts and the orphans follow what a caller may read (`Visible`), so a person
// signed in sees nothing of namespaces they may not list, not even how many resources are there.
const everything: Visible = () => true;

export class MonitorViews {
  index: ResourceIndex | null = null;
  /** Bumped whenever a status changed, so list bodies holding statuses are rebuilt. */
  generation = 0;
  protected lastCycleAt: number | null = null;
  protected unwritten: Unwritten[] = [];
  protected unattributed: ProvisioningEvent[] = [];
  protected historyWhere: string | null = null;
  protected historyError: string | null = null;
  protected historySavedAt: number | null = null;
  protected readonly startedAt: number;
  private published: { connection: string; orphans: readonly Orphan[] } = {
    connection: '',
    orphans: [],
  };
  private orphanCache: {
    link: object;
    snapshot: object | null;
    revision: number | undefined;
    tracked: number;
    list: Orphan[];
  } | null = null;

  constructor(
    public scope: ScopeInfo,
    protected readonly tracker: Tracker,
    protected readonly history: LagHistory,
    protected readonly connector: Connector,
    protected readonly now: () => number,
  ) {
    this.startedAt = now();
  }

  protected link() {
    return this.connector.link;
  }

  protected get logs() {
    return this.connector.logs;
  }

  protected folder(): string {
    return this.link().config?.provisioning.folders[0] ?? CHART_SIDECAR.folder;
  }

  protected world(): Omit<World, 'scope'> & {
    scope: Pick<World['scope'], 'target' | 'label' | 'namespaces'>;
  } {
    const link = this.link();
    const ns = this.scope.namespaces;
    return {
      connection: link.state,
      connectionMessage: link.message ?? '',
      now: this.now(),
      timing: { intervalMs: link.intervalMs, lastCycleAt: this.lastCycleAt },
      startedAt: this.startedAt,
      scope: {
        target: this.scope.target,
        label: this.scope.label,
        namespaces:
          ns === null
            ? 'a chart directory'
            : ns === 'all'
              ? 'all namespaces'
              : `namespaces ${ns.join(', ')}`,
      },
    };
  }

  /** The serialised status of a resource, for list bodies. */
  statusJson(id: string): string | undefined {
    return this.tracker.byId.get(id)?.statusJson ?? undefined;
  }

  /** The namespace of a tracked resource (for authorization); not found when untracked. */
  namespaceOf(id: string): string | null {
    const t = this.tracker.byId.get(id);
    if (!t) throw notFound(`resource ${id.slice(0, 100)} not found`);
    return t.r.summary.namespace;
  }

  stateOf(id: string): SyncState | undefined {
    return this.tracker.byId.get(id)?.status?.state;
  }

  connection(): PersesConnection {
    return connectionOf(this.link(), this.lastCycleAt, this.now());
  }

  counts(visible: Visible = everything): Record<SyncState, number> {
    const counts = Object.fromEntries(SYNC_STATES.map((s) => [s, 0])) as Record<SyncState, number>;
    for (const t of this.tracker.byId.values())
      if (t.status && visible(t.r.summary.namespace)) counts[t.status.state]++;
    return counts;
  }

  orphanCount(): number {
    return this.orphanList().length;
  }

  /** The namespaces of the resources tracked, of those deleted while tracked, and of lag samples. */
  namespaces(): string[] {
    const out = new Set<string>();
    for (const t of this.tracker.byId.values())
      if (t.r.summary.namespace !== null) out.add(t.r.summary.namespace);
    for (const g of this.tracker.gone.values()) if (g.namespace !== null) out.add(g.namespace);
    for (const ns of this.history.namespaces()) out.add(ns);
    return [...out];
  }

  overview(polling: StatusOverview['polling'], visible: Visible = everything): StatusOverview {
    const counts = this.counts(visible);
    const stalled = stalledMessage(this.unwritten.filter((u) => visible(u.namespace)));
    const intervalMs = this.link().intervalMs;
    const worst = intervalMs === null ? null : intervalMs + SIDECAR_DELAY_MS;
    return {
      perses: this.connection(),
      counts,
      total: Object.values(counts).reduce((a, b) => a + b, 0),
      orphans: this.visibleOrphans(visible).length,
      expectation: {
        worstCaseMs: worst,
        message:
          worst === null
            ? 'the provisioning interval is not known until Perses answers'
            : `interval ${this.link().config?.provisioning.interval?.text ?? '1h (Perses default)'}: a change reaches Perses within about ${humanDuration(worst)}`,
      },
      lag: this.history.summary(this.sampleFilter(visible)),
      sidecar: { stalled: stalled !== null, message: stalled },
      logs: this.logs.states(),
      polling,
      history: {
        where: this.historyWhere,
        savedAt: iso(this.historySavedAt),
        error: this.historyError,
      },
      generatedAt: new Date(this.now()).toISOString(),
    };
  }

  /** Provisioning lines the console could not match to any resource it holds. */
  unattributedLines(): ProvisioningEvent[] {
    return this.unattributed;
  }

  pipeline(id: string): ResourcePipeline {
    const t = this.tracker.byId.get(id);
    if (!t?.status) throw notFound(`no provisioning status for resource ${id.slice(0, 100)}`);
    const key = t.r.keys.identity;
    return pipelineOf({
      t,
      status: t.status,
      sidecarPath: sidecarPathOf(t, this.folder()),
      served: key === null ? null : (this.link().snapshot?.items.get(key) ?? null),
      logs: this.logs,
      uiUrl: this.link().found.uiUrl,
      caseSensitive: this.link().config?.database.caseSensitive ?? false,
      lag: this.history.summary({ id }),
    });
  }

  /** What Perses serves for a resource now, ready to take into its ConfigMap. */
  served(id: string): Promise<ServedDocument> {
    const t = this.tracker.byId.get(id);
    if (!t) throw notFound(`resource ${id.slice(0, 100)} not found`);
    return servedDocument(t, this.link(), this.now());
  }

  /** The orphans, worked out again only when what Perses serves or the resources changed. */
  private orphanList() {
    const link = this.link();
    const snapshot = link.state === 'connected' ? link.snapshot : null;
    const cached = this.orphanCache;
    if (
      cached?.link === link &&
      cached.snapshot === snapshot &&
      cached.revision === snapshot?.revision &&
      cached.tracked === this.tracker.revision
    )
      return cached.list;
    const known = new Set<string>();
    for (const t of this.tracker.byId.values()) if (t.r.keys.identity) known.add(t.r.keys.identity);
    const list = orphansOf(snapshot, known, this.tracker.gone, link.found.uiUrl);
    this.orphanCache = {
      link,
      snapshot,
      revision: snapshot?.revision,
      tracked: this.tracker.revision,
      list,
    };
    return list;
  }

  private visibleOrphans(visible: Visible) {
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

  /** Why the console cannot write to Perses now (orphan cleanup, apply now), else null. */
  protected writeRefusal(): string | null {
    const link = this.link();
    if (link.state !== 'connected') return link.message ?? 'Perses is not connected';
    if (link.config?.security.readonly)
      return 'Perses is read-only (security.readonly): its API has no write routes';
    return null;
  }

  /** Deletes an orphan through the Perses API once `confirm` names it. */
  async deleteOrphan(id: string, confirm: string, visible: Visible = everything): Promise<void> {
    await deleteOrphan(this.link(), this.visibleOrphans(visible), id, confirm);
    for (const e of this.changedOverview()) this.onLogEvent(e);
  }

  /** Publishes overview events; the monitor sets where they go. */
  protected onLogEvent(_e: LogEvent): void {}

  /** The samples of the namespaces the caller may read. */
  protected sampleFilter(visible: Visible, id?: string): SampleFilter {
    return lagFilter(this.tracker, visible === everything ? null : visible, id);
  }

  lagHistory(query: LagHistoryQuery, visible: Visible = everything): LagHistoryResponse {
    const filter = this.sampleFilter(visible, query.id);
    return {
      samples: this.history.samples(filter).map((s) => this.history.toApi(s)),
      stats: this.history.summary(filter),
    };
  }

  /** Events for a connection or orphan set that changed since they were last published. */
  protected changedOverview(): LogEvent[] {
    const out: LogEvent[] = [];
    const c = this.connection();
    const cKey = JSON.stringify({
      ...c,
      lastContactAt: null,
      nextCycleAt: null,
      lastCycleAt: null,
    });
    if (cKey !== this.published.connection) {
      this.published.connection = cKey;
      out.push({ type: 'perses', connection: c });
    }
    const orphans = this.orphanList();
    const previous = this.published.orphans;
    const key = (list: readonly Orphan[]) => list.map((o) => o.id).join('\n');
    if (key(orphans) !== key(previous)) {
      this.published.orphans = orphans;
      out.push({ type: 'orphans', count: orphans.length, orphans, previous });
    }
    return out;
  }
}
