// The recent resource events, numbered once for every connection, so a client that reconnects
// with `Last-Event-ID` gets what it missed instead of re-reading the whole list. Bounded: when
// the id is older than the buffer (or from an earlier server process), the answer is "resync".
import { randomBytes } from 'node:crypto';
import type { ResourceEvent } from '@perses-cm/api';
import type { OrphansChanged } from './status/orphans.ts';

/** What the log holds: the events of the stream, an orphans change with the orphans themselves. */
export type LogEvent = ResourceEvent | OrphansChanged;

export interface LoggedEvent {
  /** `<epoch>.<seq>`: the epoch tells ids of an earlier server process apart. */
  id: string;
  event: LogEvent;
}

export type Replay = { events: LoggedEvent[] } | { resync: string };

interface EventSource {
  subscribe(listener: (event: ResourceEvent) => void): () => void;
}

export class EventLog {
  private ring: LoggedEvent[] = [];
  /** Index in `ring` of the oldest event once the ring is full. */
  private head = 0;
  private seq = 0;
  private listeners = new Set<(e: LoggedEvent) => void>();
  private unfollow: () => void = () => {};

  constructor(
    source: EventSource,
    readonly capacity = 1000,
    private readonly epoch = randomBytes(4).toString('hex'),
  ) {
    this.follow(source);
  }

  /** Numbers the events of `source` from now on, instead of those of the previous source. */
  follow(source: EventSource): void {
    this.unfollow();
    this.unfollow = source.subscribe((event) => this.append(event));
  }

  /** Tells every connection to re-read the list (the store behind the events was replaced). */
  resync(reason: string): void {
    this.append({ type: 'resync', reason });
  }

  /** Numbers and sends an event that does not come from the index (provisioning status). */
  publish(event: LogEvent): void {
    this.append(event);
  }

  /** Id of the newest event (`<epoch>.0` before any), for a client to resume from. */
  latestId(): string {
    return `${this.epoch}.${this.seq}`;
  }

  /** Events after `lastEventId`, oldest first, or why the client must re-read the list. */
  since(lastEventId: string): Replay {
    const m = /^([0-9a-f]+)\.(\d{1,15})$/.exec(lastEventId.trim());
    if (!m || m[1] !== this.epoch)
      return { resync: 'the event id is not from this server process' };
    const last = Number(m[2]);
    if (last > this.seq) return { resync: 'the event id is newer than any event sent' };
    const oldest = this.seq - this.ring.length + 1;
    if (last + 1 < oldest)
      return { resync: `more than ${this.capacity} events happened since that event id` };
    const events: LoggedEvent[] = [];
    for (let s = last + 1; s <= this.seq; s++) {
      const e = this.ring[(this.head + (s - oldest)) % this.ring.length];
      if (e) events.push(e);
    }
    return { events };
  }

  subscribe(listener: (e: LoggedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private append(event: LogEvent): void {
    const logged = { id: `${this.epoch}.${++this.seq}`, event };
    if (this.ring.length < this.capacity) this.ring.push(logged);
    else {
      this.ring[this.head] = logged;
      this.head = (this.head + 1) % this.capacity;
    }
    for (const l of this.listeners) l(logged);
  }
}
