// Where direct writes to Perses go and whether they may: the status monitor's connection when
// there is one (the Perses it found, its reachability and `security.readonly`), else the runtime's
// Perses client as configured; how one is made, and the outcomes it reports.
import type { ApplyOutcome } from '@perses-cm/api';
import type { PersesClient, PersesResource } from '../../perses/perses-client.ts';
import { AppError } from '../../domain/errors.ts';
import type { PersesKind } from '../../domain/model.ts';

export interface WriteTarget {
  client: PersesClient | null;
  /** Why writes cannot go through now (not configured, unreachable, read-only), else null. */
  refusal: string | null;
  /** Perses keys names as written (else lower-cased). */
  caseSensitive: boolean;
}

/** What the status monitor is told of a direct write, so the status shows it at once. */
export interface DirectWrites {
  /** A direct write of the current content of resource `id`: Perses's answer, or why not. */
  noteDirect(
    id: string,
    result: { outcome: 'applied'; served: PersesResource } | { outcome: 'failed'; message: string },
  ): void;
  /** Perses no longer serves this resource (deleted through its API). */
  noteRemoved(address: { kind: PersesKind; project: string | null; name: string }): void;
}

/** A target without a status monitor: the configured client, assumed reachable and writable. */
export function configuredTarget(client: PersesClient | null): WriteTarget {
  return {
    client,
    refusal: client ? null : 'no Perses is configured (give --perses-url)',
    caseSensitive: false,
  };
}

export const skipped = (message: string): ApplyOutcome => ({
  outcome: 'skipped',
  message,
  projectApplied: null,
});

/** Creates, or updates when Perses already has it (409): Perses has no upsert. */
export async function upsert(client: PersesClient, document: unknown): Promise<PersesResource> {
  try {
    return await client.create(document);
  } catch (err) {
    if (err instanceof AppError && err.code === 'already_exists') return client.update(document);
    throw err;
  }
}

export function notTaken(outcome: 'failed' | 'skipped', why: string): ApplyOutcome {
  return {
    outcome,
    message: `the ConfigMap is saved; ${why}; provisioning takes it at its next cycle`,
    projectApplied: null,
  };
}
