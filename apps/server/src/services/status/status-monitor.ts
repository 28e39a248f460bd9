// The provisioning status of every resource, kept current by polling Perses: slowly in steady
// state (metadata-only lists, a paced content audit), fast while a change is on its way (only the
// resources concerned, in full). It follows the runtime's current index and Perses client, like
// the event log, and publishes status, connection, orphan and lag events on the event stream.
import type { ResourceEvent, ResourceStatus, StatusOverview } from '@perses-cm/api';
import type { PersesClient } from '../../perses/perses-client.ts';
import { compareResources, type IndexedResource, type ResourceIndex } from '../resource-index.ts';
import { askVerdict, checkContent } from './checks.ts';
import { lastCycleOf, versionOutliers } from './cycle.ts';
import { Connector, type ConnectorOptions } from './connector.ts';
import { evaluate, servesThis } from './evaluate.ts';
import type { HistoryStore } from './history-store.ts';
import { LagHistory, type Sample } from './lag-history.ts';
import { eachLimited, type PersesLink } from './perses-link.ts';
import { Tracker, type DirectWrite, type Tracked } from './tracker.ts';
import { servedKeyOf, servedMetaOf } from './served-snapshot.ts';
import type { ServedMeta } from './cycle.ts';
import type { PersesKind } from '../../domain/model.ts';
import type { DirectWrites, WriteTarget } from '../apply/write-target.ts';

type DirectResult = Parameters<DirectWrites['noteDirect']>[1];
import { MonitorViews, type ScopeInfo } from './status-views.ts';

export interface PollOptions {
  /** While something is pending (default 500 ms). */
  fastMs?: number;
  /** Steady state (default 10 s). */
  slowMs?: number;
  /** Longest wait between attempts while Perses does not answer (default 30 s). */
  maxBackoffMs?: number;
  /** Content bytes the paced drift audit reads per slow poll (default 64 KiB). */
  auditBytes?: number;
  /** Resources compared per poll beyond the pending ones, while some were never compared. */
  firstChecksPerPoll?: number;
  concurrency?: number;
  /** Shortest gap between two saves of the lag history (default 30 s). */
  historySaveMs?: number;
}

export interface MonitorOptions extends PollOptions, ConnectorOptions {
  history: HistoryStore | null;
  scope: ScopeInfo;
  /** Publishes an event on the stream (the event log). */
  publish: (event: ResourceEvent) => void;
  onLag?: (sample: Sample) => void;
  now?: () => number;
}

export interface Followed {
  index: ResourceIndex;
  perses: PersesClient | null;
}

export class StatusMonitor extends MonitorViews implements DirectWrites {
  private readonly opt: Required<PollOptions>;
  private unsubscribe: () => void = () => {};
  private timer: NodeJS.Timeout | null = null;
  private wakeUp: (() => void) | null = null;
  private stopped = false;
  private running: Promise<void> | null = null;
  private nextSlowAt = 0;
  private versions = new Map<string, number>();
  private savedRevision = 0;
  private savedAt = 0;
  private firstPass: Promise<void>;
  private firstPassDone: () => void = () => {};

  constructor(private readonly options: MonitorOptions) {
    const now = options.now ?? Date.now;
    const connector = new Connector(options, now);
    super(options.scope, new Tracker(), new LagHistory(now), connector, now);
    this.opt = {
      fastMs: options.fastMs ?? 500,
      slowMs: options.slowMs ?? 10_000,
      maxBackoffMs: options.maxBackoffMs ?? 30_000,
      auditBytes: options.auditBytes ?? 64 * 1024,
      firstChecksPerPoll: options.firstChecksPerPoll ?? 200,
      concurrency: options.concurrency ?? 6,
      historySaveMs: options.historySaveMs ?? 30_000,
    };
    this.historyWhere = options.history?.where ?? null;
    this.firstPass = new Promise((resolve) => (this.firstPassDone = resolve));
  }

  /** Follows an index and a Perses client (the runtime calls this on every new generation). */
  follow(g: Followed): void {
    this.unsubscribe();
    this.index = g.index;
    this.tracker.seed(
      g.index.list({}, () => true),
      this.now(),
    );
    this.unsubscribe = g.index.subscribe((e) => {
      if (this.tracker.apply(e, (id) => g.index.get(id), this.now())) this.wake();
    });
    if (this.connector.follow(g.perses)) {
      for (const t of this.tracker.byId.values())
        Object.assign(t, { check: null, confirmedAt: null });
      this.versions.clear();
      this.nextSlowAt = 0;
    }
    this.wake();
  }

  async start(): Promise<void> {
    const history = this.options.history;
    if (history) {
      try {
        const text = await history.load();
        if (text) this.history.load(text);
        this.savedRevision = this.history.revision;
      } catch (err) {
        this.historyError = `cannot read ${history.where}: ${(err as Error).message}`;
      }
    }
    this.running = this.loop();
  }

  /** The overview, with how the monitor polls right now. */
  statusOverview(): StatusOverview {
    const link = this.link();
    const mode = !link.client
      ? 'off'
      : link.state !== 'connected'
        ? 'backoff'
        : [...this.tracker.byId.values()].some((t) => this.wantsCheck(t))
          ? 'fast'
          : 'slow';
    return this.overview({ mode, fastMs: this.opt.fastMs, slowMs: this.opt.slowMs });
  }

  /** Every tracked resource's summary and status, in list order (the CLI prints these). */
  statuses(): { summary: IndexedResource['summary']; status: ResourceStatus | null }[] {
    return [...this.tracker.byId.values()]
      .sort((a, b) => compareResources(a.r, b.r))
      .map((t) => ({ summary: t.r.summary, status: t.status }));
  }

  /** A direct write of a resource's current content (apply now): looked at on the next poll. */
  noteDirect(id: string, result: DirectResult): void {
    const t = this.tracker.byId.get(id);
    if (!t) return;
    const at = this.now();
    if (result.outcome === 'applied') {
      const meta = servedMetaOf(result.served);
      if (meta) this.link().snapshot?.items.set(servedKeyOf(meta), meta);
      const persesUpdatedAt = meta?.updatedAt ?? null;
      t.direct = { at, outcome: 'applied', message: null, persesUpdatedAt, confirmedAt: null };
    } else
      t.direct = {
        at,
        outcome: 'failed',
        message: result.message,
        persesUpdatedAt: null,
        confirmedAt: null,
      };
    this.wake();
  }

  /** Perses no longer serves it (deleted through its API): not an orphan. */
  noteRemoved(address: { kind: PersesKind; project: string | null; name: string }): void {
    this.link().snapshot?.items.delete(servedKeyOf(address));
    this.wake();
  }

  /** Where direct writes go, and why they may not now. */
  writeTarget(): WriteTarget {
    const link = this.link();
    return {
      client: link.client,
      refusal: this.writeRefusal(),
      caseSensitive: link.config?.database.caseSensitive ?? false,
    };
  }

  protected override onOverviewEvent(e: ResourceEvent): void {
    this.options.publish(e);
  }

  /** Resolves once every resource had its first look (Perses answered, or did not). */
  ready(): Promise<void> {
    return this.firstPass;
  }

  async close(): Promise<void> {
    this.stopped = true;
    this.unsubscribe();
    this.wake();
    await this.running;
    await this.saveHistory(true);
  }

  private wake(): void {
    this.wakeUp?.();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      let delay = this.opt.slowMs;
      try {
        delay = await this.tick();
      } catch (err) {
        console.error('status poll failed:', err);
      }
      if (this.stopped) break;
      await new Promise<void>((resolve) => {
        this.wakeUp = resolve;
        this.timer = setTimeout(resolve, delay);
      });
      if (this.timer) clearTimeout(this.timer);
      this.wakeUp = null;
    }
  }

  /** One poll; returns the delay before the next. */
  private async tick(): Promise<number> {
    const now = this.now();
    const link = await this.connector.current();
    // The logs tell about the pipeline even while Perses does not answer.
    await this.logs.read(now);
    if (link.client) {
      try {
        if (now >= this.nextSlowAt || link.state !== 'connected') await this.slow(link, now);
        else await this.fast(link);
      } catch (err) {
        const delay = link.failed(err, now, this.opt.maxBackoffMs);
        this.nextSlowAt = 0;
        this.publishAll();
        return delay;
      }
    }
    this.publishAll();
    await this.saveHistory(false);
    if (!link.client) return this.opt.slowMs;
    const busy = [...this.tracker.byId.values()].some((t) => this.wantsCheck(t));
    // Fast polls keep their rate: the time the poll took counts toward the interval.
    return busy
      ? Math.max(0, now + this.opt.fastMs - this.now())
      : Math.max(0, this.nextSlowAt - this.now());
  }

  private async slow(link: PersesLink, now: number): Promise<void> {
    const snapshot = await link.refresh(now);
    link.connected(now);
    this.nextSlowAt = now + this.opt.slowMs;
    const backed = new Map<string, Tracked[]>();
    for (const t of this.tracker.byId.values()) {
      const k = t.r.keys.identity;
      if (k !== null && snapshot.items.has(k)) backed.set(k, [...(backed.get(k) ?? []), t]);
    }
    // A copy last written by the console's own direct write tells nothing of the cycle.
    const metas = [...backed]
      .filter(([k, ts]) => !ts.some((t) => writtenDirectly(t, snapshot.items.get(k))))
      .flatMap(([k]) => snapshot.items.get(k) ?? []);
    this.lastCycleAt = lastCycleOf(metas) ?? this.lastCycleAt;
    for (const ts of backed.values()) for (const t of ts) confirmDirect(t, this.lastCycleAt);
    const versions = new Map<string, number>();
    for (const k of backed.keys()) {
      const v = snapshot.items.get(k)?.version;
      if (v !== null && v !== undefined) versions.set(k, v);
    }
    // Moved more than the others since the last list: written besides provisioning.
    const written: Tracked[] = [];
    for (const k of versionOutliers(this.versions, versions))
      for (const t of backed.get(k) ?? []) {
        t.offCycleWriteAt = snapshot.items.get(k)?.updatedAt ?? now;
        written.push(t);
      }
    this.versions = versions;
    await this.checkAll(link, [...written, ...this.due(), ...this.audit(now)]);
  }

  private async fast(link: PersesLink): Promise<void> {
    await this.checkAll(link, this.due());
  }

  /** Pending ones, drifted ones, changed ones not decided yet, and a batch never compared. */
  private due(): Tracked[] {
    const out: Tracked[] = [];
    let first = 0;
    for (const t of this.tracker.byId.values()) {
      if (!this.wantsCheck(t)) continue;
      if (
        t.check === null &&
        t.status?.state !== 'pending' &&
        first++ >= this.opt.firstChecksPerPoll
      )
        continue;
      out.push(t);
    }
    return out;
  }

  private wantsCheck(t: Tracked): boolean {
    if (!t.r.placement.id || this.link().snapshot?.notServed.has(t.r.placement.id.kind))
      return false;
    const state = t.status?.state;
    if (state === 'pending' || state === 'drifted' || t.status === null) return true;
    const served = t.r.keys.identity !== null && this.link().snapshot?.items.has(t.r.keys.identity);
    return t.check === null && served === true && state !== 'shadowed';
  }

  /** The paced drift audit: the longest-unchecked served resources, up to a byte budget. */
  private audit(now: number): Tracked[] {
    const pool = [...this.tracker.byId.values()].filter((t) => servesThis(t));
    pool.sort((a, b) => a.lastAuditAt - b.lastAuditAt);
    const out: Tracked[] = [];
    let bytes = 0;
    for (const t of pool) {
      if (out.length > 0 && bytes + t.r.summary.sizeBytes > this.opt.auditBytes) break;
      bytes += t.r.summary.sizeBytes;
      t.lastAuditAt = now;
      out.push(t);
    }
    return out;
  }

  private async checkAll(link: PersesLink, list: Tracked[]): Promise<void> {
    const unique = [...new Set(list)];
    await eachLimited(unique, this.opt.concurrency, async (t) => {
      const sample = await checkContent(t, link, this.now);
      if (sample) this.recordLag(sample);
      if (!servesThis(t)) await askVerdict(t, link, this.now);
    });
  }

  private recordLag(sample: Sample): void {
    this.history.add(sample);
    this.options.onLag?.(sample);
    this.options.publish({ type: 'lag', sample: this.history.toApi(sample) });
  }

  /** Re-evaluates every status and publishes what changed. */
  private publishAll(): void {
    const link = this.link();
    const result = evaluate({
      tracker: this.tracker,
      snapshot: link.state === 'connected' ? link.snapshot : null,
      logs: this.logs,
      folder: this.folder(),
      world: this.world(),
    });
    this.stalled = result.stalled;
    this.unattributed = result.unattributed;
    this.generation++;
    for (let i = 0; i < result.changed.length; i += 500) {
      const items = result.changed
        .slice(i, i + 500)
        .flatMap((t) =>
          t.status
            ? [{ id: t.r.summary.id, namespace: t.r.summary.namespace, status: t.status }]
            : [],
        );
      if (items.length > 0) this.options.publish({ type: 'status', items });
    }
    for (const e of this.changedOverview()) this.options.publish(e);
    this.firstPassDone();
  }

  private async saveHistory(force: boolean): Promise<void> {
    const store = this.options.history;
    if (!store || this.history.revision === this.savedRevision) return;
    if (!force && this.now() - this.savedAt < this.opt.historySaveMs) return;
    const revision = this.history.revision;
    this.savedAt = this.now();
    try {
      await store.save(this.history.serialize());
      this.savedRevision = revision;
      this.historySavedAt = this.savedAt;
      this.historyError = null;
    } catch (err) {
      this.historyError = `cannot write ${store.where}: ${(err as Error).message}`;
    }
  }
}

/** Perses's copy is the one the console's direct write left (no cycle has rewritten it since). */
function writtenDirectly(t: Tracked, meta: ServedMeta | undefined): boolean {
  const at = t.direct?.persesUpdatedAt ?? null;
  return (
    at !== null && meta?.updatedAt !== null && meta?.updatedAt !== undefined && meta.updatedAt <= at
  );
}

/** A cycle after the direct write rewrote the same content: provisioning confirmed it. */
function confirmDirect(t: Tracked, lastCycleAt: number | null): void {
  const d: DirectWrite | null = t.direct;
  if (!d || d.outcome !== 'applied' || d.confirmedAt !== null || lastCycleAt === null) return;
  if (d.persesUpdatedAt !== null && lastCycleAt > d.persesUpdatedAt && servesThis(t))
    d.confirmedAt = lastCycleAt;
}
