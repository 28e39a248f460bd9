// A resilient list+watch of labeled ConfigMaps in one scope (a namespace, or all). The client's
// informer stops for good on most errors; this loop never does: it re-lists on 410 Gone,
// restarts with exponential backoff on any other failure, reports itself stale meanwhile, and
// after every re-list emits the differences with what it held, so no change is ever missed.
import type { V1ConfigMap, V1ObjectMeta } from '@kubernetes/client-node';
import { AppError } from '../../domain/errors.ts';
import { StoredText, type TextCompactor } from '../stored-text.ts';
import { cacheConfigMap, type CachedConfigMap } from './cached-configmap.ts';
import { kubeStatusError } from './kube-status.ts';
import type { KubeClient, WatchEventType, WatchHandle } from './kube-client.ts';

export type LoopChange =
  | { type: 'put'; configMap: CachedConfigMap }
  | { type: 'remove'; key: string }
  | { type: 'stale'; reason: string }
  | { type: 'fresh' };

export interface LoopOptions {
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** ConfigMaps per list page. */
  pageSize?: number;
  /**
   * Each watch asks the server to end it after this many seconds (it sends a bookmark two seconds
   * before); a watch that neither bookmarked nor ended `watchGraceMs` later is frozen: the loop
   * reports itself stale and re-lists. Their sum bounds how long a frozen link goes unnoticed.
   */
  watchTimeoutSeconds?: number;
  watchGraceMs?: number;
}

/** A frozen watch is noticed within 45 s + 10 s. */
const WATCH_TIMEOUT_SECONDS = 45;
const WATCH_GRACE_MS = 10_000;

type Versioned = { metadata?: V1ObjectMeta };

export const cmKey = (cm: Versioned) =>
  `${cm.metadata?.namespace ?? ''}/${cm.metadata?.name ?? ''}`;

class Expired extends Error {}

/** How long the first list indexes before letting the socket of the next page be read. */
const YIELD_EVERY_MS = 20;

export class WatchLoop {
  readonly items = new Map<string, CachedConfigMap>();
  synced = false;
  stale: string | null = null;
  /** Set while the API server refuses the list (401/403): an answer, not an outage. */
  forbidden: string | null = null;
  lastError: unknown = null;
  private rv = '';
  private stopped = false;
  private handle: WatchHandle | null = null;
  private wake: (() => void) | null = null;
  private firstAttempt: Promise<void>;
  private resolveFirst!: () => void;

  constructor(
    private readonly client: KubeClient,
    readonly namespace: string | null,
    private readonly selector: string,
    private readonly onChange: (change: LoopChange) => void,
    private readonly options: LoopOptions = {},
    /** Holds the cached texts and compacts them; without one they stay strings. */
    private readonly compactor: TextCompactor | null = null,
  ) {
    this.firstAttempt = new Promise((r) => (this.resolveFirst = r));
  }

  /** Starts the loop; resolves after the first list attempt, successful or not. */
  start(): Promise<void> {
    void this.run();
    return this.firstAttempt;
  }

  stop(): void {
    this.stopped = true;
    this.handle?.abort();
    this.wake?.();
  }

  /** Applies an object the server returned to our own write, so reads see it at once. */
  apply(cm: V1ConfigMap): void {
    const key = cmKey(cm);
    const old = this.items.get(key);
    if (old && !isNewer(cm, old)) return;
    this.put(key, cm);
  }

  forget(key: string): void {
    if (this.drop(key)) this.onChange({ type: 'remove', key });
  }

  private put(key: string, cm: V1ConfigMap): void {
    const cached = cacheConfigMap(cm, (text) =>
      this.compactor ? this.compactor.hold(text) : new StoredText(text),
    );
    this.drop(key);
    this.items.set(key, cached);
    this.onChange({ type: 'put', configMap: cached });
  }

  /** Removes the cached ConfigMap; its texts need no compacting any more. */
  private drop(key: string): boolean {
    const old = this.items.get(key);
    if (!old) return false;
    for (const t of old.texts) this.compactor?.release(t.text);
    return this.items.delete(key);
  }

  private async run(): Promise<void> {
    let attempt = 0;
    let needList = true;
    while (!this.stopped) {
      try {
        if (needList) {
          await this.relist();
          needList = false;
          attempt = 0;
        }
        const started = Date.now();
        await this.watchOnce();
        // A watch the server closes at once, again and again, must not spin.
        if (Date.now() - started < 1000) await this.sleep(this.backoff(attempt++));
        else attempt = 0;
      } catch (err) {
        if (this.stopped) break;
        needList = true;
        // 410 Gone (an expired watch or list continue token): re-list at once, not an outage.
        if (err instanceof Expired || (err instanceof AppError && err.code === 'gone')) continue;
        this.lastError = err;
        if (err instanceof AppError && (err.code === 'forbidden' || err.code === 'unauthorized')) {
          this.markForbidden(err);
        } else this.markStale(err);
        this.resolveFirst();
        await this.sleep(this.backoff(attempt++));
      }
    }
  }

  private async relist(): Promise<void> {
    // The first list of a store nobody reads yet is indexed page by page as it arrives; a re-list
    // of a store in use applies its differences in one step at the end, so reads never see half.
    const list = await this.client.listConfigMaps(
      this.namespace,
      this.selector,
      this.options.pageSize,
      this.synced ? undefined : (page) => this.applyFirstPage(page),
    );
    const seen = new Set<string>();
    for (const cm of list.items) {
      const key = cmKey(cm);
      seen.add(key);
      const old = this.items.get(key);
      // Our own write may be newer than the list's snapshot: keep it, the watch confirms it.
      if (
        !old ||
        (old.metadata?.resourceVersion !== cm.metadata?.resourceVersion && !isNewer(old, cm))
      )
        this.put(key, cm);
    }
    for (const [key, old] of [...this.items]) {
      if (!seen.has(key) && !newerThan(old, list.resourceVersion)) this.forget(key);
    }
    this.rv = list.resourceVersion;
    this.synced = true;
    this.lastError = null;
    this.forbidden = null;
    if (this.stale !== null) {
      this.stale = null;
      this.onChange({ type: 'fresh' });
    }
    this.resolveFirst();
  }

  /** Puts a page of the first list, yielding now and then so the next page keeps downloading. */
  private async applyFirstPage(page: V1ConfigMap[]): Promise<void> {
    let slice = performance.now();
    for (const cm of page) {
      if (this.stopped) return;
      const key = cmKey(cm);
      const old = this.items.get(key);
      if (old && !isNewer(cm, old)) continue;
      this.put(key, cm);
      if (performance.now() - slice > YIELD_EVERY_MS) {
        await new Promise((r) => setImmediate(r));
        slice = performance.now();
      }
    }
  }

  private watchOnce(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const finish = (err: unknown) => {
        if (settled) return;
        settled = true;
        this.handle?.abort();
        this.handle = null;
        if (err) reject(err);
        else resolve();
      };
      const onEvent = (type: WatchEventType, object: unknown) => {
        try {
          this.handleEvent(type, object);
        } catch (err) {
          finish(err);
        }
      };
      const handle = this.client.watchConfigMaps(
        this.namespace,
        this.selector,
        this.rv,
        onEvent,
        (err) => finish(err),
        {
          timeoutSeconds: this.options.watchTimeoutSeconds ?? WATCH_TIMEOUT_SECONDS,
          graceMs: this.options.watchGraceMs ?? WATCH_GRACE_MS,
        },
      );
      if (settled || this.stopped) handle.abort();
      else this.handle = handle;
    });
  }

  private handleEvent(type: WatchEventType, object: unknown): void {
    if (type === 'ERROR') {
      const status = object as { code?: number };
      if (status.code === 410) throw new Expired('resource version expired');
      throw kubeStatusError(status.code ?? 500, object);
    }
    const cm = object as V1ConfigMap;
    const rv = cm.metadata?.resourceVersion;
    if (rv) this.rv = rv;
    if (type === 'BOOKMARK') return;
    const key = cmKey(cm);
    if (type === 'DELETED') {
      this.forget(key);
      return;
    }
    const old = this.items.get(key);
    if (old?.metadata?.resourceVersion === rv) return;
    if (old && !isNewer(cm, old)) return;
    this.put(key, cm);
  }

  /**
   * The identity may not list here: the scope is settled (readiness does not wait for it), what
   * it held is dropped rather than shown to someone who may no longer see it, and the loop keeps
   * retrying slowly in case access is granted.
   */
  private markForbidden(err: AppError): void {
    this.forbidden = err.message;
    this.synced = true;
    for (const key of [...this.items.keys()]) this.forget(key);
    if (this.stale !== null) {
      this.stale = null;
      this.onChange({ type: 'fresh' });
    }
  }

  private markStale(err: unknown): void {
    const reason = `cannot refresh ConfigMaps${this.namespace ? ` in ${this.namespace}` : ''}: ${(err as Error).message ?? String(err)}`;
    if (this.stale === null) {
      this.stale = reason;
      this.onChange({ type: 'stale', reason });
    } else this.stale = reason;
  }

  private backoff(attempt: number): number {
    const min = this.options.minBackoffMs ?? 250;
    const max = this.options.maxBackoffMs ?? 30_000;
    const base = Math.min(max, min * 2 ** Math.min(attempt, 20));
    return base / 2 + Math.random() * (base / 2);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(t);
        this.wake = null;
        resolve();
      };
    });
  }
}

/**
 * resourceVersions are opaque, but etcd-backed servers issue increasing integers; comparing
 * them keeps a late watch event from rolling back what our own write already applied.
 */
function isNewer(next: Versioned, old: Versioned): boolean {
  const a = next.metadata?.resourceVersion ?? '';
  const b = old.metadata?.resourceVersion ?? '';
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return BigInt(a) > BigInt(b);
  return a !== b;
}

/** True only when both versions are integers and the object's is after `version`. */
function newerThan(cm: Versioned, version: string): boolean {
  const a = cm.metadata?.resourceVersion ?? '';
  return /^\d+$/.test(a) && /^\d+$/.test(version) && BigInt(a) > BigInt(version);
}
