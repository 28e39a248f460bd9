// Apply now: the resource is also written through the Perses API after its ConfigMap, so Perses
// serves it at once rather than at the next provisioning cycle. Perses's validation is asked
// before anything is written, the Project goes first when Perses lacks it and a ConfigMap here
// defines it, and a write Perses refuses after the ConfigMap was saved is reported, never thrown:
// the ConfigMap stays the source of truth and provisioning takes it at its next cycle. The audit
// log records each direct write beside the store write (AuditedWrites), from the outcome returned.
import type { ApplyNowAvailability, ApplyOutcome } from '@perses-cm/api';
import { AppError } from '../../domain/errors.ts';
import {
  describeIdentity,
  identityKey,
  kindInfo,
  type ResourceIdentity,
} from '../../domain/model.ts';
import type { PersesClient } from '../../perses/perses-client.ts';
import { addressOf } from '../status/checks.ts';
import { documentOf } from '../status/tracker.ts';
import type { ResourceIndex } from '../resource-index.ts';
import { notTaken, skipped, upsert, type DirectWrites, type WriteTarget } from './write-target.ts';

/** One resource of a bulk write (import, relabel) whose ConfigMap is written: what to apply. */
export interface ApplyItem {
  document: unknown;
  id: ResourceIdentity;
  /** The console's id of the resource, for its status. */
  resourceId: string;
}

/** How long a 403 from Perses keeps the option off before the console tries again. */
const FORBIDDEN_FOR_MS = 5 * 60 * 1000;

export interface ApplyNowDeps {
  target: () => WriteTarget;
  index: ResourceIndex;
  /** The status monitor, told of every direct write; null when there is none. */
  status: DirectWrites | null;
  /** Whether the save review starts with apply now on (a setting; default on). */
  byDefault?: () => boolean;
  now?: () => number;
}

export class ApplyNow {
  private forbidden: { client: PersesClient; message: string; at: number } | null = null;
  private readonly now: () => number;

  constructor(private readonly deps: ApplyNowDeps) {
    this.now = deps.now ?? Date.now;
  }

  availability(): ApplyNowAvailability {
    const t = this.deps.target();
    return {
      available: this.refusal(t) === null,
      reason: this.refusal(t),
      perses: t.client?.where ?? null,
      byDefault: this.deps.byDefault?.() ?? true,
    };
  }

  /**
   * Before any write: Perses's own validation of the document, where the kind has one. A refusal
   * is the caller's error; a verdict that could not be had leaves the decision to the write.
   */
  async vet(document: unknown, id: ResourceIdentity): Promise<void> {
    const t = this.deps.target();
    if (!t.client || this.refusal(t) !== null) return;
    const verdict = await t.client.validate(id.kind, document);
    if (!verdict.checked || verdict.valid) return;
    const message = `Perses refuses ${describeIdentity(id)}: ${verdict.message ?? 'invalid'}`;
    throw new AppError('validation_failed', `${message} (nothing was written)`, {
      findings: [
        { severity: 'error', rule: 'perses-validation', message, kind: id.kind, name: id.name },
      ],
    });
  }

  /** After the ConfigMap write of resource `resourceId`: create or update it in Perses. */
  async put(document: unknown, id: ResourceIdentity, resourceId: string): Promise<ApplyOutcome> {
    const t = this.deps.target();
    const refusal = this.refusal(t);
    let result: ApplyOutcome;
    if (refusal !== null || !t.client) {
      result = notTaken('skipped', `not applied directly: ${refusal ?? 'no Perses is configured'}`);
      this.deps.status?.noteDirect(resourceId, { outcome: 'failed', message: refusal ?? '' });
    } else {
      try {
        const projectApplied = await this.projectFirst(t, id);
        const served = await upsert(t.client, document);
        result = {
          outcome: 'applied',
          message: `Perses serves ${describeIdentity(id)} now${projectApplied ? ` (its Project "${projectApplied}" was applied first)` : ''}`,
          projectApplied,
        };
        this.deps.status?.noteDirect(resourceId, { outcome: 'applied', served });
      } catch (err) {
        const why = this.failure(t, err);
        result = notTaken('failed', `Perses did not take it: ${why}`);
        this.deps.status?.noteDirect(resourceId, { outcome: 'failed', message: why });
      }
    }
    return result;
  }

  /**
   * The bulk entry point (import, relabel): `put` for each item whose ConfigMap is written, one at
   * a time, Projects first, each outcome at its item's index. Perses has no bulk write; one at a
   * time keeps its load bounded, lets a Project applied for one item serve the next, and once
   * Perses answers 403 the rest are skipped with that reason without asking it again. Callers
   * `vet` each document before writing its ConfigMap, and audit each outcome as a single save does.
   */
  async putEach(items: readonly ApplyItem[]): Promise<ApplyOutcome[]> {
    const order = items
      .map((item, at) => ({ item, at }))
      .sort((a, b) => projectsFirst(a.item) - projectsFirst(b.item));
    const outcomes: ApplyOutcome[] = [];
    for (const { item, at } of order)
      outcomes[at] = await this.put(item.document, item.id, item.resourceId);
    return outcomes;
  }

  /** After the ConfigMap delete: delete the resource from Perses so no orphan is left. */
  async remove(id: ResourceIdentity): Promise<ApplyOutcome> {
    const t = this.deps.target();
    const refusal = this.refusal(t);
    const address = addressOf(id, t.caseSensitive);
    let result: ApplyOutcome;
    const inside = id.kind === 'Project' ? this.definedIn(id.name) : 0;
    if (refusal !== null || !t.client) {
      result = skipped(
        `the ConfigMap is deleted; Perses keeps serving it (provisioning never deletes): ${refusal ?? 'no Perses is configured'}`,
      );
    } else if (inside > 0) {
      result = skipped(
        `the ConfigMap is deleted; Perses keeps the Project: deleting it in Perses would delete the ${inside} resources ConfigMaps here still define in it`,
      );
    } else {
      try {
        await t.client.delete(address.kind, address.project, address.name);
        result = {
          outcome: 'applied',
          message: `deleted from Perses too`,
          projectApplied: null,
        };
      } catch (err) {
        if (err instanceof AppError && err.code === 'not_found')
          result = { outcome: 'applied', message: 'Perses did not serve it', projectApplied: null };
        else
          result = {
            outcome: 'failed',
            message: `the ConfigMap is deleted, but Perses did not delete the resource: ${this.failure(t, err)}; it stays in Perses as an orphan`,
            projectApplied: null,
          };
      }
      if (result.outcome === 'applied') this.deps.status?.noteRemoved(address);
    }
    return result;
  }

  private refusal(t: WriteTarget): string | null {
    if (t.refusal !== null) return t.refusal;
    const f = this.forbidden;
    if (f && f.client === t.client && this.now() - f.at < FORBIDDEN_FOR_MS) return f.message;
    return null;
  }

  /** Perses's message for a failed write; a 403 turns the option off for a while. */
  private failure(t: WriteTarget, err: unknown): string {
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof AppError && err.code === 'forbidden' && t.client)
      this.forbidden = {
        client: t.client,
        message: `the console's Perses identity may not write there (403): ${message}`,
        at: this.now(),
      };
    return message;
  }

  /** Applies the resource's Project when Perses lacks it and a ConfigMap here defines it. */
  private async projectFirst(t: WriteTarget, id: ResourceIdentity): Promise<string | null> {
    const client = t.client;
    if (!client || kindInfo(id.kind)?.scope !== 'project' || !id.project) return null;
    const project = t.caseSensitive ? id.project : id.project.toLowerCase();
    try {
      await client.get('Project', null, project);
      return null;
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'not_found') throw err;
    }
    const defined = this.deps.index.withIdentity(identityKey({ kind: 'Project', name: project }));
    const own = defined[0];
    if (!own) return null;
    const served = await upsert(client, documentOf(own));
    this.deps.status?.noteDirect(own.summary.id, { outcome: 'applied', served });
    return id.project;
  }

  /** How many resources ConfigMaps here still define in a project. */
  private definedIn(project: string): number {
    const p = project.toLowerCase();
    return this.deps.index
      .list({}, () => true)
      .filter((r) => r.summary.project?.toLowerCase() === p && !r.summary.unlabeled).length;
  }
}

const projectsFirst = (item: ApplyItem) => (item.id.kind === 'Project' ? 0 : 1);
