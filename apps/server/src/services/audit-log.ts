// The audit log: one JSON line on stdout per write through the console (who, with which groups
// and auth mode, what, where, the result, the request id), and the recent ones kept in memory
// for the API. stdout is where a container's logs are collected; the memory copy is bounded.
import type { AuditEntry, AuthMode } from '@perses-cm/api';

export class AuditLog {
  private ring: AuditEntry[] = [];
  private next = 0;

  constructor(
    readonly mode: AuthMode,
    readonly capacity = 1000,
    private readonly write: (line: string) => void = (line) => process.stdout.write(line),
  ) {}

  record(entry: AuditEntry): void {
    if (this.ring.length < this.capacity) this.ring.push(entry);
    else this.ring[this.next] = entry;
    this.next = (this.next + 1) % this.capacity;
    this.write(`${JSON.stringify({ level: 'info', msg: 'audit', ...entry })}\n`);
  }

  /** The kept entries, newest first. */
  recent(): AuditEntry[] {
    const ordered = [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)];
    return ordered.reverse();
  }
}
