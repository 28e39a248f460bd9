// The logs the status reads, at most once a second: the provisioning events of the Perses log
// (the newest of each distinct one, since every cycle repeats them) and the sidecar's file writes.
import type { LogLine, LogSourceState } from '@perses-cm/api';
import { parsePersesLine, parseSidecarLine, type ProvisioningEvent } from './log-lines.ts';
import type { LogSource } from './log-source.ts';

/** Events older than this are dropped: the cycles that matter are recent. */
const KEEP_MS = 2 * 60 * 60 * 1000;
const MAX_EVENTS = 5000;

class Watched {
  lastReadAt: number | null = null;
  message: string | null = null;
  ok = false;

  constructor(
    readonly source: LogSource | null,
    readonly what: string,
  ) {}

  state(): LogSourceState {
    if (!this.source)
      return {
        available: false,
        description: `no ${this.what} log`,
        message: `the ${this.what} log is not read (see --${this.what}-log-file)`,
        lastReadAt: null,
      };
    return {
      available: this.ok,
      description: this.source.description,
      message: this.message,
      lastReadAt: this.lastReadAt === null ? null : new Date(this.lastReadAt).toISOString(),
    };
  }

  async read(now: number): Promise<string[]> {
    if (!this.source) return [];
    try {
      const lines = await this.source.read();
      this.ok = true;
      this.message = null;
      this.lastReadAt = now;
      return lines;
    } catch (err) {
      this.ok = false;
      this.message = `cannot read ${this.source.description}: ${(err as Error).message}`;
      return [];
    }
  }
}

const signature = (e: ProvisioningEvent): string => {
  const { at: _at, line: _line, level: _level, ...rest } = e;
  return JSON.stringify(rest);
};

export class LogWatch {
  private perses: Watched;
  private sidecar: Watched;
  private events = new Map<string, ProvisioningEvent>();
  private writes = new Map<string, { written: number | null; removed: number | null }>();
  private lastRead = -Infinity;
  /** Moves whenever what the logs tell changed (new lines, pruned ones, readability). */
  revision = 0;

  constructor(
    perses: LogSource | null,
    sidecar: LogSource | null,
    private readonly minGapMs = 1000,
  ) {
    this.perses = new Watched(perses, 'perses');
    this.sidecar = new Watched(sidecar, 'sidecar');
  }

  /** Reads what both logs gained; true when anything relevant arrived. */
  async read(now: number): Promise<boolean> {
    if (now - this.lastRead < this.minGapMs) return false;
    this.lastRead = now;
    const readable = `${this.perses.ok} ${this.sidecar.ok}`;
    const [persesLines, sidecarLines] = await Promise.all([
      this.perses.read(now),
      this.sidecar.read(now),
    ]);
    let changed = readable !== `${this.perses.ok} ${this.sidecar.ok}`;
    for (const line of persesLines) {
      const e = parsePersesLine(line);
      if (!e) continue;
      const key = signature(e);
      this.events.delete(key);
      this.events.set(key, e);
      changed = true;
    }
    for (const line of sidecarLines) {
      const e = parseSidecarLine(line);
      if (!e) continue;
      const w = this.writes.get(e.path) ?? { written: null, removed: null };
      if (e.type === 'written') w.written = e.at;
      else w.removed = e.at;
      this.writes.set(e.path, w);
      changed = true;
    }
    if (this.prune(now)) changed = true;
    if (changed) this.revision++;
    return changed;
  }

  get persesReadable(): boolean {
    return this.perses.ok;
  }

  get sidecarReadable(): boolean {
    return this.sidecar.ok;
  }

  states(): { perses: LogSourceState; sidecar: LogSourceState } {
    return { perses: this.perses.state(), sidecar: this.sidecar.state() };
  }

  /** Provisioning events, oldest first. */
  provisioningEvents(): ProvisioningEvent[] {
    return [...this.events.values()].sort((a, b) => (a.at ?? 0) - (b.at ?? 0));
  }

  /** When the sidecar last wrote `path` (its log), if it did. */
  written(path: string): number | null {
    return this.writes.get(path)?.written ?? null;
  }

  /** Sidecar lines about `path`, as log lines for a pipeline view. */
  sidecarLines(path: string): LogLine[] {
    const w = this.writes.get(path);
    if (!w) return [];
    const line = (at: number, verb: string): LogLine => ({
      at: new Date(at).toISOString(),
      level: 'INFO',
      message: `${verb} ${path}`,
      source: 'sidecar-log',
      inferred: false,
    });
    return [
      ...(w.written !== null ? [line(w.written, 'Writing')] : []),
      ...(w.removed !== null ? [line(w.removed, 'Removing')] : []),
    ];
  }

  private prune(now: number): boolean {
    let pruned = false;
    for (const [k, e] of this.events)
      if (this.events.size > MAX_EVENTS || (e.at !== null && now - e.at > KEEP_MS))
        pruned = this.events.delete(k) || pruned;
    return pruned;
  }
}
