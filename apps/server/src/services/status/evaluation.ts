// When statuses are decided again. A status depends on its resource, on what Perses serves, on the
// logs and on time; at thousands of resources, deciding all of them on every poll is most of a
// steady-state poll's cost, though nearly every poll changes nothing. So every resource is decided
// again only when something they share moved (Perses's lists, the index, the logs, the connection,
// the cycle) or when a Pending one's time to turn Stale comes; otherwise only the resources the
// poll looked at (content checks, verdicts, direct writes), as long as what they change stays
// their own.
import type { Unwritten } from './hints.ts';
import type { ProvisioningEvent } from './log-lines.ts';
import { staleAt } from './cycle.ts';
import {
  decideSome,
  evaluate,
  candidateOf,
  settle,
  type Decided,
  type EvalInput,
  type Shared,
} from './evaluate.ts';
import type { Tracked } from './tracker.ts';
import { namedByAny, type Candidate } from './attribution.ts';

export class Evaluation {
  /** The Stale resources with no file written, at the last full evaluation. */
  unwritten: Unwritten[] = [];
  unattributed: ProvisioningEvent[] = [];
  private shared: Shared | null = null;
  private key = '';
  /** When the next Pending one turns Stale, unless served first. */
  private dueAt = Infinity;
  /**
   * What each resource told the others at the last full evaluation (log matching uses it), by id:
   * an edited resource is a new tracked object.
   */
  private told = new Map<string, Candidate | null>();

  /**
   * Decides statuses; returns the resources whose status changed. `key` names what all statuses
   * share (another key decides all of them again); `touched` are the resources whose own facts
   * changed since the last call.
   */
  run(input: EvalInput, key: string, touched: Iterable<Tracked>): Tracked[] {
    const some = [...new Set(touched)].filter((t) => input.tracker.byId.get(t.r.summary.id) === t);
    const shared = this.shared;
    if (shared === null || key !== this.key || input.world.now >= this.dueAt)
      return this.all(input, key);
    if (some.some((t) => this.spills(t, shared, input))) return this.all(input, key);
    const decided = decideSome(input, shared, some);
    // A new Stale one may make several: whether the sidecar stalled is a question about all.
    if (decided.some((x) => x.d.state === 'stale')) return this.all(input, key);
    this.dueAt = Math.min(this.dueAt, dueOf(decided, input));
    return settle(decided, input.world.now);
  }

  private all(input: EvalInput, key: string): Tracked[] {
    const result = evaluate(input);
    this.shared = result.shared;
    this.key = key;
    this.unwritten = result.unwritten;
    this.unattributed = result.unattributed;
    this.dueAt = dueOf(result.decided, input);
    this.told = result.told;
    return result.changed;
  }

  /** Whether a change of this resource moves others' statuses too. */
  private spills(t: Tracked, shared: Shared, input: EvalInput): boolean {
    const id = t.r.summary.id;
    // Shadowed ones are among the grouped.
    if (shared.grouped.has(id) || t.status?.state === 'stale') return true;
    if (!this.told.has(id)) return true;
    // What it tells the matching of log lines changed: others' evidence moves only if a line
    // names it, before or now.
    const before = this.told.get(id) ?? null;
    const now = candidateOf(t, input.folder);
    if (JSON.stringify(before) === JSON.stringify(now)) return false;
    const events = input.logs.provisioningEvents();
    return [before, now].some((c) => c !== null && namedByAny(events, c));
  }
}

/** Numbers objects, so a key can tell the same one from a new one. */
export class ObjectIds {
  private ids = new WeakMap<object, number>();
  private next = 0;

  of(o: object): number {
    let id = this.ids.get(o);
    if (id === undefined) this.ids.set(o, (id = this.next++));
    return id;
  }
}

/** The earliest time one of these Pending decisions turns Stale. */
function dueOf(decided: Decided[], input: EvalInput): number {
  const interval = input.world.timing.intervalMs;
  let due = Infinity;
  if (interval === null) return due;
  for (const { d } of decided)
    if (d.state === 'pending' && d.expectedAt !== null)
      due = Math.min(due, staleAt(d.expectedAt, interval));
  return due;
}
