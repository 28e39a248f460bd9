// The provisioning status of every resource, kept current by polling Perses: slowly in steady
// state (metadata-only lists, a paced content audit), fast while a change is on its way (only the
// resources concerned, in full). It follows the runtime's current index and Perses client, like
// the event log, and publishes status, connection, orphan and lag events on the event stream.
import type { ResourceStatus, StatusOverview } from '@perses-cm/api';
import type { PersesClient } from '../../perses/perses-client.ts';
import type { LogEvent } from '../event-log.ts';
import { compareResources, type IndexedResource, type ResourceIndex } from '../resource-index.ts';
import { askVerdict, checkMany } from './checks.ts';
import { Connector, type ConnectorOptions } from './connector.ts';
import { servesThis } from './evaluate.ts';
import { Evaluation, ObjectIds } from './evaluation.ts';
import type { HistoryStore } from './history-store.ts';
import { LagHistory, type Sample } from './lag-history.ts';
import { eachLimited, type PersesLink } from './perses-link.ts';
import { auditBatch, confirmDirect, dueChecks, learnFromList, wantsCheck } from './poll-plan.ts';
import { Tracker, type Tracked } from './tracker.ts';
import { noteNotServed, noteServed, servedKeyOf, servedMetaOf } from './served-snapshot.ts';
import type { PersesKind } from '../../domain/model.ts';
import type { DirectWrites, WriteTarget } from '../apply/write-target.ts';
import type { Visible } from '../../domain/identity.ts';
import { MonitorViews, type ScopeInfo } from './status-views.ts';

type DirectResult = Parameters<DirectWrites['noteDirect']>[1];

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
  /** Told of every poll: what kind, and what it cost this process (the benchmark reads it). */
  onPoll?: (poll: { mode: 'slow' | 'fast' | 'off'; wallMs: number; cpuMs: number }) => void;
}

export interface MonitorOptions extends PollOptions, ConnectorOptions {
  history: HistoryStore | null;
  scope: ScopeInfo;
  /** Publishes an event on the stream (the event log). */
  publish: (event: LogEvent) => void;
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
  private readonly evaluation = new Evaluation();
  private readonly ids = new ObjectIds();
  /** Resources whose own facts changed since the last evaluation. */
  private touched = new Set<Tracked>();
  /** Moves when everything must be compared again (a new Perses, or a new index). */
  private resets = 0;
  /** What the last learning from the lists saw: the snapshot and tracker revisions. */
  private learned = '';

  constructor(private readonly options: MonitorOptions) {
    const now = options.now ?? Date.now;
    const connector = new Connector(options, now);
    super(options.scope, new Tracker(), new LagHistory(now), connector, now);
    this.opt = {
      onPoll: options.onPoll ?? (() => {}),
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
      this.learned = '';
    }
    this.resets++;
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
  statusOverview(visible?: Visible): StatusOverview {
    const link = this.link();
    const mode = !link.client
      ? 'off'
      : link.state !== 'connected'
        ? 'backoff'
        : this.busy()
          ? 'fast'
          : 'slow';
    return this.overview({ mode, fastMs: this.opt.fastMs, slowMs: this.opt.slowMs }, visible);
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
      if (meta) noteServed(this.link().snapshot, meta);
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
    this.touched.add(t);
    this.wake();
  }

  /** Perses no longer serves it (deleted through its API): not an orphan. */
  noteRemoved(address: { kind: PersesKind; project: string | null; name: string }): void {
    noteNotServed(this.link().snapshot, servedKeyOf(address));
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

  protected override onLogEvent(e: LogEvent): void {
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
      const wall = performance.now();
      const cpu = process.cpuUsage();
      const mode = this.mode();
      try {
        delay = await this.tick();
      } catch (err) {
        console.error('status poll failed:', err);
      }
      const used = process.cpuUsage(cpu);
      this.opt.onPoll({
        mode,
        wallMs: performance.now() - wall,
        cpuMs: (used.user + used.system) / 1000,
      });
      if (this.stopped) break;
      await new Promise<void>((resolve) => {
        this.wakeUp = resolve;
        this.timer = setTimeout(resolve, delay);
      });
      if (this.timer) clearTimeout(this.timer);
      this.wakeUp = null;
    }
  }

  /** Which poll comes next: slow (lists), fast (pending ones only), or none to make. */
  private mode(): 'slow' | 'fast' | 'off' {
    const link = this.connector.link;
    if (!link.client) return 'off';
    return this.now() >= this.nextSlowAt || link.state !== 'connected' ? 'slow' : 'fast';
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
    const busy = this.busy();
    // Fast polls keep their rate: the time the poll took counts toward the interval.
    return busy
      ? Math.max(0, now + this.opt.fastMs - this.now())
      : Math.max(0, this.nextSlowAt - this.now());
  }

  private async slow(link: PersesLink, now: number): Promise<void> {
    const snapshot = await link.refresh(now);
    link.connected(now);
    this.nextSlowAt = now + this.opt.slowMs;
    // The same lists and resources as last time teach nothing new about the cycle.
    const seen = `${snapshot.revision} ${this.tracker.revision}`;
    let written: Tracked[] = [];
    if (seen !== this.learned) {
      const learned = learnFromList(this.tracker, snapshot, this.versions, now);
      this.lastCycleAt = learned.lastCycleAt ?? this.lastCycleAt;
      this.versions = learned.versions;
      this.learned = seen;
      written = learned.written;
    }
    for (const t of this.tracker.byId.values())
      if (confirmDirect(t, this.lastCycleAt)) this.touched.add(t);
    const due = dueChecks(this.tracker, snapshot, this.opt.firstChecksPerPoll);
    await this.checkAll(link, [
      ...written,
      ...due,
      ...auditBatch(this.tracker, this.opt.auditBytes, now),
    ]);
  }

  private async fast(link: PersesLink): Promise<void> {
    await this.checkAll(link, dueChecks(this.tracker, link.snapshot, this.opt.firstChecksPerPoll));
  }

  private busy(): boolean {
    const snapshot = this.link().snapshot;
    for (const t of this.tracker.byId.values()) if (wantsCheck(t, snapshot)) return true;
    return false;
  }

  private async checkAll(link: PersesLink, list: Tracked[]): Promise<void> {
    for (const t of list) this.touched.add(t);
    await checkMany(list, link, this.now, this.opt.concurrency, (s) => this.recordLag(s));
    const refused = [...new Set(list)].filter((t) => !servesThis(t) && t.verdict === undefined);
    await eachLimited(refused.slice(0, 20), this.opt.concurrency, (t) =>
      askVerdict(t, link, this.now),
    );
  }

  private recordLag(sample: Sample): void {
    this.history.add(sample);
    this.options.onLag?.(sample);
    this.options.publish({
      type: 'lag',
      sample: this.history.toApi(sample),
      namespace: sample.namespace ?? null,
    });
  }

  /** Decides the statuses again (all, or the ones touched) and publishes what changed. */
  private publishAll(): void {
    const link = this.link();
    const snapshot = link.state === 'connected' ? link.snapshot : null;
    const world = this.world();
    // Everything statuses share: another value of any part decides all of them again.
    const key = [
      this.ids.of(link),
      link.state,
      link.message,
      link.intervalMs,
      this.lastCycleAt,
      this.folder(),
      snapshot?.revision ?? -1,
      this.tracker.structure,
      this.ids.of(this.logs),
      this.logs.revision,
      this.resets,
      JSON.stringify(world.scope),
    ].join('\n');
    // A resource whose content changed is decided again on its own unless others depend on it
    // (Evaluation.spills); resources coming or going move the key.
    const touched = this.touched;
    for (const t of this.tracker.drainChanged()) touched.add(t);
    this.touched = new Set();
    const input = {
      tracker: this.tracker,
      snapshot,
      logs: this.logs,
      folder: this.folder(),
      world,
    };
    const changed = this.evaluation.run(input, key, touched);
    this.unwritten = this.evaluation.unwritten;
    this.unattributed = this.evaluation.unattributed;
    if (changed.length > 0) this.generation++;
    for (let i = 0; i < changed.length; i += 500) {
      const items = changed
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
