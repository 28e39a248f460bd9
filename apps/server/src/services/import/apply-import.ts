// Applies the picked entries of a preview one by one through the audited resource writes, so each
// gets the same authorization, validation, conflict check and audit record as a save in the
// editor. A failure is recorded and the next entry goes on; an update is written only when the
// caller sends back the version whose diff was shown (the tick), and only over that version.
import type {
  ImportApplyRequest,
  ImportItemResult,
  ImportOutcome,
  ImportReport,
} from '@perses-cm/api';
import { AppError } from '../../domain/errors.ts';
import type { Identity } from '../../domain/identity.ts';
import type { AuditedWrites } from '../audited-writes.ts';
import type { KeptPreview } from './preview-store.ts';
import type { PlannedEntry } from './plan.ts';

export type Progress = (done: number, total: number, item: ImportItemResult) => void;

// Projects first: with apply now, what goes into a project finds it in Perses.
const rank = (p: PlannedEntry | undefined) => (p?.entry.kind === 'Project' ? 0 : 1);

export async function applyImport(
  writes: AuditedWrites,
  who: Identity,
  kept: KeptPreview,
  req: ImportApplyRequest,
  requestId: string,
  progress: Progress,
): Promise<ImportReport> {
  const startedAt = new Date().toISOString();
  const items = [...req.items].sort(
    (a, b) => rank(kept.planned.get(a.key)) - rank(kept.planned.get(b.key)),
  );
  const results: ImportItemResult[] = [];
  for (const item of items) {
    const planned = kept.planned.get(item.key);
    const result = planned
      ? await applyOne(
          writes,
          who,
          planned,
          item.overwrite?.version,
          req.applyNow === true,
          requestId,
        )
      : missing(item.key);
    results.push(result);
    progress(results.length, items.length, result);
  }
  const counts = { created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 };
  for (const r of results) counts[r.outcome]++;
  return {
    previewId: kept.preview.id,
    source: kept.preview.source,
    target: kept.preview.target,
    startedAt,
    finishedAt: new Date().toISOString(),
    counts,
    items: results,
  };
}

function missing(key: string): ImportItemResult {
  return {
    key,
    origin: '?',
    kind: null,
    project: null,
    name: null,
    outcome: 'failed',
    message: `entry ${key.slice(0, 20)} is not in this preview`,
    destination: null,
    resourceId: null,
  };
}

async function applyOne(
  writes: AuditedWrites,
  who: Identity,
  p: PlannedEntry,
  ticked: string | undefined,
  applyNow: boolean,
  requestId: string,
): Promise<ImportItemResult> {
  const e = p.entry;
  const result = (
    outcome: ImportOutcome,
    message: string | null,
    resourceId: string | null = null,
  ) => ({
    key: e.key,
    origin: e.origin,
    kind: e.kind,
    project: e.project,
    name: e.name,
    outcome,
    message,
    destination: e.destination,
    resourceId,
  });
  if (e.action === 'refused' || p.text === null)
    return result('skipped', `refused in the preview: ${e.reason ?? ''}`);
  if (e.action === 'unchanged') return result('unchanged', 'already stored with this content');
  const format = e.format ?? 'json';
  try {
    if (e.action === 'create') {
      const d = await writes.create(
        who,
        { text: p.text, format, ...namespaceOf(p), applyNow },
        requestId,
      );
      return result('created', d.applied?.message ?? null, d.id);
    }
    const existing = e.existing;
    if (!existing) return result('failed', 'the update has no stored version');
    if (ticked !== existing.version)
      return result(
        'skipped',
        ticked === undefined
          ? 'an update is written only when its diff is ticked'
          : `the diff you ticked was against version ${ticked}; the preview shows version ${existing.version}: preview again`,
      );
    const d = await writes.update(
      who,
      existing.id,
      { text: p.text, format, version: existing.version, applyNow },
      requestId,
    );
    return result('updated', d.applied?.message ?? null, d.id);
  } catch (err) {
    // Any failure is this item's: the next one still goes.
    const message = err instanceof AppError ? err.message : `internal error: ${String(err)}`;
    return result('failed', message);
  }
}

function namespaceOf(p: PlannedEntry): { namespace?: string } {
  const d = p.entry.destination;
  return d?.type === 'configmap' ? { namespace: d.namespace } : {};
}
