// Where each candidate of an import goes and what writing it would do: create (with the ConfigMap
// name and key, or the chart file, the store will give it), update (the stored resource differs:
// its version is kept so apply overwrites only what the user saw), unchanged, or refused (why).
// Nothing is written here; the findings are the editor's (model rules and Perses's verdict).
import type { DocFormat, ImportDestination, ImportEntry } from '@perses-cm/api';
import { contentFingerprint } from '@perses-cm/resources';
import type { Authorizer, Identity } from '../../domain/identity.ts';
import {
  chartFilePath,
  configMapNameFor,
  dataKeyFor,
  describeIdentity,
  identity,
  identityKey,
  parse,
  serializeResource,
  type ResourceIdentity,
} from '../../domain/model.ts';
import type { IndexedResource, ResourceIndex } from '../resource-index.ts';
import type { ValidationService } from '../validation-service.ts';
import type { Candidate } from './candidate.ts';

/** An entry of the preview with the texts apply writes and the diff shows. */
export interface PlannedEntry {
  entry: ImportEntry;
  text: string | null;
  existingText: string | null;
}

export interface PlanContext {
  who: Identity;
  index: ResourceIndex;
  authorizer: Authorizer;
  validation: ValidationService;
  /** The namespace new resources go to; null on a chart directory. */
  namespace: string | null;
}

const blank = (c: Candidate, key: string): ImportEntry => ({
  key,
  origin: c.origin,
  kind: null,
  project: null,
  name: null,
  action: 'refused',
  reason: c.refused,
  destination: null,
  existing: null,
  format: null,
  bytes: 0,
  findings: c.findings,
  perses: { checked: false, skipped: 'refused before validation' },
  notes: c.notes,
});

function destinationOf(r: IndexedResource): ImportDestination {
  const e = r.entry;
  if (e.ref.type === 'file') return { type: 'file', path: e.ref.path };
  return { type: 'configmap', namespace: e.ref.namespace, name: e.ref.name, key: e.ref.key };
}

function newDestination(
  id: ResourceIdentity,
  format: DocFormat,
  namespace: string | null,
): ImportDestination | string {
  if (namespace !== null)
    return {
      type: 'configmap',
      namespace,
      name: configMapNameFor(id),
      key: dataKeyFor(id, format),
    };
  const placed = chartFilePath(id, format);
  return placed.ok ? { type: 'file', path: placed.path } : placed.problem.message;
}

/** Plans every candidate in order; a resource met twice keeps its first occurrence. */
export async function planImport(
  candidates: readonly Candidate[],
  ctx: PlanContext,
): Promise<PlannedEntry[]> {
  const out: PlannedEntry[] = [];
  const first = new Map<string, string>();
  const mayCreate =
    ctx.namespace === null || (await ctx.authorizer.can(ctx.who, 'create', ctx.namespace)).allowed;
  for (const [i, c] of candidates.entries()) {
    const key = String(i + 1);
    const refuse = (e: ImportEntry, reason: string): PlannedEntry => ({
      entry: { ...e, action: 'refused', reason },
      text: null,
      existingText: null,
    });
    if (c.refused !== null) {
      out.push({ entry: blank(c, key), text: null, existingText: null });
      continue;
    }
    const text = c.text ?? serializeResource(c.document, c.format);
    const verdict = await ctx.validation.validate({ text, format: c.format });
    const id = identity(c.document);
    const entry: ImportEntry = {
      ...blank(c, key),
      kind: id?.kind ?? null,
      project: id?.project ?? null,
      name: id?.name ?? null,
      format: c.format,
      bytes: Buffer.byteLength(text, 'utf8'),
      findings: [...c.findings, ...verdict.findings],
      perses: verdict.perses,
      reason: null,
    };
    const error = entry.findings.find((f) => f.severity === 'error');
    if (!id) {
      out.push(refuse(entry, 'the document has no kind and metadata.name'));
      continue;
    }
    if (error) {
      out.push(refuse(entry, `the resource is invalid: ${error.message}`));
      continue;
    }
    if (verdict.perses.checked && verdict.perses.valid === false) {
      out.push(refuse(entry, `Perses refuses it: ${verdict.perses.message ?? 'invalid'}`));
      continue;
    }
    const idKey = identityKey(id);
    const earlier = first.get(idKey);
    if (earlier !== undefined) {
      out.push(refuse(entry, `${describeIdentity(id)} is already imported from ${earlier}`));
      continue;
    }
    first.set(idKey, c.origin);
    const existing = ctx.index.withIdentity(idKey)[0];
    if (!existing) {
      const dest = newDestination(id, c.format, ctx.namespace);
      if (typeof dest === 'string') out.push(refuse(entry, dest));
      else if (!mayCreate)
        out.push(refuse(entry, `you may not create ConfigMaps in namespace ${ctx.namespace}`));
      else
        out.push({
          entry: { ...entry, action: 'create', destination: dest },
          text,
          existingText: null,
        });
      continue;
    }
    out.push(await againstExisting(entry, text, c.document, existing, ctx));
  }
  return out;
}

/** The entry of a resource that exists: unchanged, an update with its diff, or refused. */
async function againstExisting(
  entry: ImportEntry,
  text: string,
  document: unknown,
  existing: IndexedResource,
  ctx: PlanContext,
): Promise<PlannedEntry> {
  const refused = (reason: string): PlannedEntry => ({
    entry: { ...entry, action: 'refused', reason },
    text: null,
    existingText: null,
  });
  const ns = existing.summary.namespace;
  if (!(await ctx.authorizer.can(ctx.who, 'get', ns)).allowed)
    return refused(`it exists in namespace ${ns ?? '?'}, which you may not read`);
  const destination = destinationOf(existing);
  const stored = parse(existing.entry.text, existing.entry.key);
  const storedDoc = stored.documents[existing.docIndex];
  if (contentFingerprint(storedDoc) === contentFingerprint(document))
    return { entry: { ...entry, action: 'unchanged', destination }, text, existingText: null };
  if (existing.summary.readOnly !== null)
    return refused(`it exists read-only: ${existing.summary.readOnly}`);
  if (stored.documents.length > 1 || (stored.contexts[0]?.pointer?.length ?? 0) > 0)
    return refused(
      'it exists inside a list with other resources: split that list first, then import again',
    );
  return {
    entry: {
      ...entry,
      action: 'update',
      destination,
      existing: { id: existing.summary.id, version: existing.summary.version },
    },
    text,
    existingText: existing.entry.text,
  };
}
