// Previews kept in memory between the preview and its apply: each belongs to the person who made
// it, lives a bounded time, and the oldest go first when too many are kept.
import { randomUUID } from 'node:crypto';
import type { ImportPreview, ImportReport } from '@perses-cm/api';
import { AppError } from '../../domain/errors.ts';
import type { Identity } from '../../domain/identity.ts';
import type { PlannedEntry } from './plan.ts';

export interface KeptPreview {
  owner: string;
  preview: ImportPreview;
  planned: Map<string, PlannedEntry>;
  /** Set while an apply runs: a second apply of the same preview is refused meanwhile. */
  applying: boolean;
  report: ImportReport | null;
}

const KEEP_MS = 60 * 60 * 1000;
const MAX_KEPT = 100;

export class PreviewStore {
  private readonly kept = new Map<string, KeptPreview & { expires: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  add(
    who: Identity,
    make: (id: string, expiresAt: string) => Omit<KeptPreview, 'owner'>,
  ): KeptPreview {
    this.prune();
    const id = randomUUID();
    const expires = this.now() + KEEP_MS;
    const kept = { ...make(id, new Date(expires).toISOString()), owner: who.name, expires };
    this.kept.set(id, kept);
    return kept;
  }

  /** The preview, when it is kept and `who` made it (another person's is not found either). */
  get(who: Identity, id: string): KeptPreview {
    this.prune();
    const kept = this.kept.get(id);
    if (!kept || kept.owner !== who.name)
      throw new AppError(
        'not_found',
        `import preview ${id.slice(0, 60)} is not kept (expired after an hour, or never made): preview again`,
      );
    return kept;
  }

  private prune(): void {
    const now = this.now();
    for (const [id, k] of this.kept) if (k.expires <= now) this.kept.delete(id);
    while (this.kept.size >= MAX_KEPT) {
      const oldest = this.kept.keys().next().value;
      if (oldest === undefined) break;
      this.kept.delete(oldest);
    }
  }
}
