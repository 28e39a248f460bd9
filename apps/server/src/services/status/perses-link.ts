// The status's connection to Perses: how it was found, whether it answers (with backoff while it
// does not), its configuration, and what it serves. Every read goes through the one Perses client;
// steady-state lists ask for metadata only where Perses supports it, so their cost does not grow
// with the bytes of the resources.
import type { PersesDiscovery } from '@perses-cm/api';
import { AppError } from '../../domain/errors.ts';
import { KINDS, type PersesKind } from '../../domain/model.ts';
import type {
  PersesClient,
  PersesConfig,
  PersesList,
  PersesResource,
} from '../../perses/perses-client.ts';
import type { ServedMeta } from './cycle.ts';
import {
  notServedMessage,
  servedKeyOf,
  servedMetaOf,
  type ServedSnapshot,
} from './served-snapshot.ts';

export type LinkState = 'connected' | 'unreachable' | 'not_configured';

/** How long a kind Perses does not serve is skipped before it is listed again. */
const RECHECK_NOT_SERVED_MS = 10 * 60 * 1000;
const LIST_CONCURRENCY = 4;

export class PersesLink {
  state: LinkState = 'not_configured';
  message: string | null;
  since: number;
  version: string | null = null;
  config: PersesConfig | null = null;
  lastContactAt: number | null = null;
  nextAttemptAt: number | null = null;
  failures = 0;
  snapshot: ServedSnapshot | null = null;
  private notServedCheckedAt = new Map<string, number>();
  /** Each kind's last metadata list, and what it says (reused while Perses sends the same bytes). */
  private lists = new Map<
    string,
    { list: PersesList; entries: (readonly [string, ServedMeta])[] }
  >();
  /** The snapshot revision the lists built; another one means a change noted since. */
  private builtRevision = -1;

  constructor(
    readonly client: PersesClient | null,
    readonly found: PersesDiscovery,
    now: number,
    reason: string | null = null,
  ) {
    this.since = now;
    this.message = client ? null : (reason ?? 'no Perses is configured (give --perses-url)');
  }

  get intervalMs(): number | null {
    return this.config ? (this.config.provisioning.interval?.ms ?? 3_600_000) : null;
  }

  /** Health, configuration and every kind's list (metadata only where supported). */
  async refresh(now: number): Promise<ServedSnapshot> {
    const client = this.need();
    const health = await client.health();
    this.version = health.version;
    this.config = await client.config();
    const previous = this.snapshot;
    const notServed = new Map<string, string>(previous?.notServed ?? []);
    const kinds = KINDS.map((k) => k.kind).filter((kind) => {
      const checked = this.notServedCheckedAt.get(kind);
      return !notServed.has(kind) || checked === undefined || now - checked > RECHECK_NOT_SERVED_MS;
    });
    let changed = false;
    await eachLimited(kinds, LIST_CONCURRENCY, async (kind) => {
      const before = this.lists.get(kind);
      try {
        const list = await client.list(kind, { metadataOnly: true, previous: before?.list });
        if (notServed.delete(kind)) changed = true;
        if (list === before?.list) return;
        changed = true;
        const entries = list.items.flatMap((item) => {
          const meta = servedMetaOf(item);
          return meta ? [[servedKeyOf(meta), meta] as const] : [];
        });
        this.lists.set(kind, { list, entries });
      } catch (err) {
        if (!(err instanceof AppError) || !['not_found', 'forbidden'].includes(err.code)) throw err;
        const message = notServedMessage(kind, err.code);
        if (this.lists.delete(kind)) changed = true;
        if (notServed.get(kind) !== message) changed = true;
        notServed.set(kind, message);
        this.notServedCheckedAt.set(kind, now);
      }
    });
    // Perses answered every list with the same bytes, and nothing else told of a change since.
    if (previous && !changed && previous.revision === this.builtRevision) {
      previous.at = now;
      return previous;
    }
    const items = new Map<string, ServedMeta>();
    for (const { entries } of this.lists.values())
      for (const [key, meta] of entries) items.set(key, meta);
    // Kinds skipped this time keep what the last list said of them.
    for (const [key, meta] of previous?.items ?? [])
      if (notServed.has(meta.kind) && !items.has(key) && !kinds.includes(meta.kind as PersesKind))
        items.set(key, meta);
    this.snapshot = { items, notServed, at: now, revision: (previous?.revision ?? 0) + 1 };
    this.builtRevision = this.snapshot.revision;
    return this.snapshot;
  }

  /**
   * The full document Perses serves, or null when it serves none by that identity (404, or 400
   * for a project that does not exist).
   */
  async fetch(
    kind: PersesKind,
    project: string | null,
    name: string,
  ): Promise<PersesResource | null> {
    try {
      return await this.need().get(kind, project, name);
    } catch (err) {
      if (err instanceof AppError && ['not_found', 'bad_request'].includes(err.code)) return null;
      throw err;
    }
  }

  /** A kind's resources in full, in one project (or all, for a global kind). */
  async listFull(kind: PersesKind, project: string | null): Promise<PersesResource[]> {
    try {
      return (await this.need().list(kind, project === null ? {} : { project })).items;
    } catch (err) {
      // A project Perses does not have holds nothing.
      if (err instanceof AppError && ['not_found', 'bad_request'].includes(err.code)) return [];
      throw err;
    }
  }

  connected(now: number): void {
    if (this.state !== 'connected') this.since = now;
    this.state = 'connected';
    this.message = null;
    this.failures = 0;
    this.lastContactAt = now;
    this.nextAttemptAt = null;
  }

  /** Marks Perses unreachable; returns the delay before the next attempt (exponential backoff). */
  failed(err: unknown, now: number, maxBackoffMs: number): number {
    if (this.state !== 'unreachable') this.since = now;
    this.state = 'unreachable';
    this.failures++;
    this.message = `Perses at ${this.found.description} does not answer: ${(err as Error).message}`;
    const delay = Math.min(maxBackoffMs, 1000 * 2 ** Math.min(this.failures - 1, 10));
    this.nextAttemptAt = now + delay;
    return delay;
  }

  private need(): PersesClient {
    if (!this.client) throw new AppError('unavailable', this.message ?? 'no Perses configured');
    return this.client;
  }
}

/** Runs `fn` over `items`, at most `limit` at a time; the first failure fails the whole. */
export async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
