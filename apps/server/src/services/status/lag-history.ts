// The sync lag history: one sample per change Perses was seen serving, kept for 24 hours and at
// least for the last 100 changes, bounded in count so it fits a ConfigMap. Stats (last, p50, p95,
// max) are computed over both windows, for all resources or one.
import { z } from 'zod';
import type { LagSample, LagStats, LagSummary } from '@perses-cm/api';

export const DAY_MS = 24 * 60 * 60 * 1000;
export const RECENT_CHANGES = 100;
/** Most samples kept: a busy day of edits still fits one ConfigMap (compressed). */
export const MAX_SAMPLES = 5000;

export interface Sample {
  at: number;
  lagMs: number;
  id: string | null;
  kind: string;
  project: string | null;
  name: string;
  /**
   * The ConfigMap's namespace (null: a chart directory), so a person sees only the samples of
   * namespaces they may read; undefined when loaded from a history saved before it was kept.
   */
  namespace?: string | null;
}

/** Which samples a caller sees; by default all. */
export type SampleFilter = { id?: string; visible?: (s: Sample) => boolean };

/** The persisted form: compact rows, so thousands of samples stay small. */
const Persisted = z.object({
  v: z.literal(1),
  samples: z.array(
    z
      .tuple([
        z.number(),
        z.number().nonnegative(),
        z.string().nullable(),
        z.string(),
        z.string().nullable(),
        z.string(),
      ])
      // The namespace, absent in histories saved before it was kept.
      .rest(z.string().nullable()),
  ),
});

function stats(samples: readonly Sample[]): LagStats {
  if (samples.length === 0)
    return { count: 0, lastMs: null, p50Ms: null, p95Ms: null, maxMs: null };
  const lags = samples.map((s) => s.lagMs).sort((a, b) => a - b);
  // Nearest rank: the smallest value with at least p% of the samples at or below it.
  const rank = (p: number) => lags[Math.max(0, Math.ceil((p / 100) * lags.length) - 1)] ?? null;
  return {
    count: lags.length,
    lastMs: samples[samples.length - 1]?.lagMs ?? null,
    p50Ms: rank(50),
    p95Ms: rank(95),
    maxMs: lags[lags.length - 1] ?? null,
  };
}

export class LagHistory {
  private list: Sample[] = [];
  /** Bumped on every change, so a writer knows when there is something to save. */
  revision = 0;

  constructor(private readonly now: () => number = Date.now) {}

  add(sample: Sample): void {
    this.list.push(sample);
    this.prune();
    this.revision++;
  }

  /** Samples oldest first: the last 24 hours, and at least the last 100. */
  samples(filter: SampleFilter = {}): Sample[] {
    const { id, visible } = filter;
    if (id === undefined && visible === undefined) return [...this.list];
    return this.list.filter((s) => (id === undefined || s.id === id) && (visible?.(s) ?? true));
  }

  /** The namespaces samples were taken in. */
  namespaces(): Set<string> {
    const out = new Set<string>();
    for (const s of this.list) if (typeof s.namespace === 'string') out.add(s.namespace);
    return out;
  }

  summary(filter?: SampleFilter): LagSummary {
    const all = this.samples(filter);
    const since = this.now() - DAY_MS;
    return {
      day: stats(all.filter((s) => s.at >= since)),
      recent: stats(all.slice(-RECENT_CHANGES)),
    };
  }

  toApi(s: Sample): LagSample {
    const { namespace: _namespace, ...rest } = s;
    return { ...rest, at: new Date(s.at).toISOString() };
  }

  serialize(): string {
    const samples = this.list.map((s) => [
      s.at,
      s.lagMs,
      s.id,
      s.kind,
      s.project,
      s.name,
      ...(s.namespace === undefined ? [] : [s.namespace]),
    ]);
    return JSON.stringify({ v: 1, samples });
  }

  /** Loads persisted samples; a text that is not a history is refused with the reason. */
  load(text: string): void {
    const parsed = Persisted.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`not a lag history: ${parsed.error.issues[0]?.message}`);
    const loaded = parsed.data.samples.map(
      ([at, lagMs, id, kind, project, name, namespace]): Sample => ({
        at,
        lagMs,
        id,
        kind,
        project,
        name,
        ...(namespace === undefined ? {} : { namespace }),
      }),
    );
    this.list = [...loaded, ...this.list].sort((a, b) => a.at - b.at);
    this.prune();
  }

  private prune(): void {
    const since = this.now() - DAY_MS;
    let drop = 0;
    while (drop < this.list.length - RECENT_CHANGES && (this.list[drop]?.at ?? 0) < since) drop++;
    drop = Math.max(drop, this.list.length - MAX_SAMPLES);
    if (drop > 0) this.list = this.list.slice(drop);
  }
}
