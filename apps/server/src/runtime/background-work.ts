// Work a ready console still finishes on its own (checking documents it indexed from a summary,
// compacting the texts it holds): each task reports what it has left, readiness shows it, and the
// one full collection after the load waits until all of it is done.

type Remaining = () => number;

export class BackgroundWork {
  private tasks = new Map<string, Remaining>();
  private waiters: (() => void)[] = [];

  /** Registers (or replaces) a task; returns its removal. Tasks call `progress()` as they go. */
  track(name: string, remaining: Remaining): () => void {
    this.tasks.set(name, remaining);
    return () => {
      if (this.tasks.get(name) === remaining) this.tasks.delete(name);
      this.progress();
    };
  }

  /** Items left per task, only the tasks with something left. */
  pending(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [name, left] of this.tasks) {
      const n = left();
      if (n > 0) out[name] = n;
    }
    return out;
  }

  settled(): boolean {
    return Object.keys(this.pending()).length === 0;
  }

  /** A task moved on: wakes whoever waits for everything to be done. */
  progress(): void {
    if (!this.settled()) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Resolves once no task has anything left (at once when none has). */
  whenSettled(): Promise<void> {
    if (this.settled()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}

/** The process's one registry: stores and indexes of every generation report here. */
export const backgroundWork = new BackgroundWork();
