// Turns a stored container into indexed resources: parsed and validated once per change, with
// the summary computed and serialised up front.
import { createHash } from 'node:crypto';
import type { Finding, ResourceSummary } from '@perses-cm/api';
import type { Container, StoreEntry } from '../stores/store.ts';
import {
  configMapOwner,
  describeLocation,
  headSummary,
  identity,
  isProvisionedFile,
  neighbourKeys,
  parse,
  placementOf,
  sidecarFilePath,
  validate,
  CHART_SIDECAR,
  type SidecarSettings,
  type NeighbourKeys,
  type Placement,
  utf8Length,
} from '../domain/model.ts';

export interface IndexedResource {
  summary: ResourceSummary;
  /** The summary serialised once, so a list of thousands is a string join, not a stringify. */
  json: string;
  entry: StoreEntry;
  /** Position of the document in a list file or key; 0 for a single document. */
  docIndex: number;
  /**
   * Findings of the document alone (parse and resource rules). While `pending`, only those known
   * without parsing it (where it is stored): the check fills in the rest.
   */
  own: Finding[];
  /** Indexed from its head at load; the full parse and validation (the check) is still due. */
  pending: boolean;
  /** Findings of the placement rules (where it is stored and what else is there). */
  cross: Finding[];
  findings: Finding[];
  /** Who and where it is, as the placement rules of the resource model see it. */
  placement: Placement;
  /** Under which keys the index finds its neighbours (same identity, sidecar file, default slot). */
  keys: NeighbourKeys;
  search: string;
}

/** The resource with other cross-resource findings: counts, summary and JSON follow. */
export function withCross(r: IndexedResource, cross: Finding[]): IndexedResource {
  const findings = [...r.own, ...cross];
  const summary = { ...r.summary, ...findingsSummary(findings, r.pending) };
  return { ...r, cross, findings, summary, json: JSON.stringify(summary) };
}

/** The resource with another summary (same findings); its JSON follows. */
export function withSummary(r: IndexedResource, summary: ResourceSummary): IndexedResource {
  return { ...r, summary, json: JSON.stringify(summary) };
}

/** Rules the list names on a row, not only counts. */
const FLAGGED_RULES = new Set(['plaintext-secret']);

function findingsSummary(
  findings: Finding[],
  pending: boolean,
): Pick<ResourceSummary, 'findings' | 'flags'> {
  const flags = [...new Set(findings.map((f) => f.rule).filter((r) => FLAGGED_RULES.has(r)))];
  return {
    findings: {
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      ...(pending ? { pending: true as const } : {}),
    },
    ...(flags.length > 0 ? { flags } : {}),
  };
}

/** Opaque, URL-safe id of a document in an entry; derived from where it is stored. */
export function resourceId(entry: StoreEntry, docIndex: number | null): string {
  const ref = entry.ref;
  const where =
    ref.type === 'configmap'
      ? `cm\n${ref.namespace}\n${ref.name}\n${ref.key}`
      : `file\n${ref.path}`;
  const raw = docIndex === null ? where : `${where}\n#${docIndex}`;
  // Short readable prefix for logs and URLs; the hash keeps ids bounded and unguessable-free.
  const hash = createHash('sha256').update(raw).digest('base64url').slice(0, 22);
  const hint = (ref.type === 'configmap' ? ref.name : (ref.path.split('/').pop() ?? ''))
    .replace(/[^a-zA-Z0-9_.-]/g, '-')
    .slice(0, 60);
  return `${hint}~${hash}`;
}

/**
 * `sidecar`: the sidecar's settings that place files (FOLDER_ANNOTATION, UNIQUE_FILENAMES), as
 * discovered; with UNIQUE_FILENAMES two ConfigMaps' equal keys never share a file.
 */
export function indexContainer(
  container: Container,
  sidecar: SidecarSettings = CHART_SIDECAR,
): IndexedResource[] {
  return container.entries.flatMap((entry) => indexEntry(entry, entry.text, sidecar));
}

/**
 * Like indexContainer, but a Dashboard whose head says who it is gets a pending resource built
 * from that head: no full parse, no validation (see headSummary). Anything else is indexed fully.
 * The second result says whether any resource is pending.
 */
export function summarizeContainer(
  container: Container,
  sidecar: SidecarSettings = CHART_SIDECAR,
): { resources: IndexedResource[]; pending: boolean } {
  let pending = false;
  const resources = container.entries.flatMap((entry) => {
    // The entry's text may be costly to read (inflated from a compressed copy): read it once.
    const text = entry.text;
    // ConfigMaps only: a chart file's placement names the line a document starts on.
    const head =
      entry.origin.type === 'configmap' && isProvisionedFile(entry.key) ? headSummary(text) : null;
    if (!head) return indexEntry(entry, text, sidecar);
    pending = true;
    const doc = {
      kind: head.kind,
      metadata: { name: head.name, ...(head.project !== null ? { project: head.project } : {}) },
      spec: { display: head.displayName !== null ? { name: head.displayName } : {} },
    };
    return [
      build(
        entry,
        0,
        null,
        doc,
        head.format,
        storageFindings(entry),
        placementFor(entry, sidecar, doc),
        {
          bytes: Buffer.byteLength(text),
          pending: true,
        },
      ),
    ];
  });
  return { resources, pending };
}

function indexEntry(entry: StoreEntry, text: string, sidecar: SidecarSettings): IndexedResource[] {
  const out: IndexedResource[] = [];
  {
    const parsed = parse(text, entry.key);
    const docs = parsed.documents;
    const several = docs.length > 1;
    if (docs.length === 0) {
      out.push(
        build(entry, 0, null, null, parsed.format, parsed.findings, placementFor(entry, sidecar), {
          bytes: Buffer.byteLength(text),
        }),
      );
      return out;
    }
    docs.forEach((doc, i) => {
      // A file's line tells two resources of one list file apart in messages.
      const ctx = entry.origin.type === 'file' ? parsed.contexts[i] : undefined;
      const line = ctx?.locate?.(ctx.pointer ?? [], ctx.docIndex)?.line;
      const findings = [
        ...(i === 0 ? parsed.findings : []),
        ...validate(doc, parsed.contexts[i]),
        ...storageFindings(entry),
      ];
      const readOnly = several
        ? `${entry.key} holds ${docs.length} resources; the console edits files and keys that hold one`
        : null;
      const placement = placementFor(entry, sidecar, doc, line);
      // An item of a list (or of several YAML documents) counts its own text, not the whole key's.
      const own = parsed.contexts[i];
      const inList = several || (own?.pointer?.length ?? 0) > 0;
      const span = inList && own ? parsed.span(own.pointer ?? [], own.docIndex) : undefined;
      const bytes = span ? utf8Length(text.slice(span.start, span.end)) : Buffer.byteLength(text);
      out.push(
        build(entry, i, several ? i : null, doc, parsed.format, findings, placement, {
          readOnly,
          bytes,
        }),
      );
    });
  }
  return out;
}

/**
 * A copy made of fresh strings. Readers may hand out strings that are slices of their whole input
 * (js-yaml does, for every scalar of 13 characters or more): keeping one such name would keep a
 * copy of the whole document alive for as long as the resource is indexed.
 */
function detached<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function build(
  entry: StoreEntry,
  docIndex: number,
  idIndex: number | null,
  doc: unknown,
  format: 'json' | 'yaml',
  findings: Finding[],
  placement: Placement,
  more: { bytes: number; readOnly?: string | null; pending?: boolean },
): IndexedResource {
  const pending = more.pending ?? false;
  const id = doc === null ? null : identity(doc);
  const display = displayNameOf(doc);
  // A kind Perses does not provision (EphemeralDashboard) still has a name and a project.
  const meta = metadataOf(doc);
  const owner = entry.origin.type === 'configmap' ? configMapOwner(entry.origin) : undefined;
  // Typed, not parsed: every field is built from checked values above, and a runtime parse of
  // each of thousands of summaries cost a twentieth of a start. Tests read every list with the
  // contract.
  const checked: ResourceSummary = {
    id: resourceId(entry, idIndex),
    kind: id?.kind ?? kindOf(doc) ?? 'Unknown',
    project: id ? (id.project ?? null) : meta.project,
    name: id?.name ?? meta.name ?? entry.key,
    displayName: display,
    namespace: entry.namespace,
    configMapName: entry.configMapName,
    key: entry.key,
    version: entry.version,
    sizeBytes: more.bytes,
    format,
    ...findingsSummary(findings, pending),
    readOnly: entry.readOnly ?? more.readOnly ?? null,
    ...(entry.lastChange ? { lastChange: entry.lastChange } : {}),
    ...(owner ? { owner: { tool: owner.tool, source: owner.source, message: owner.message } } : {}),
  };
  const json = JSON.stringify(checked);
  // Fresh strings, not slices of the document (see detached).
  const summary = JSON.parse(json) as ResourceSummary;
  const search = [summary.name, display, summary.project, entry.configMapName, entry.key]
    .filter(Boolean)
    .join('\n')
    .toLowerCase();
  const own = findings.length > 0 ? detached(findings) : findings;
  const place = detached(placement);
  return {
    summary,
    json,
    entry,
    docIndex,
    own,
    pending,
    cross: [],
    findings: own,
    placement: place,
    keys: neighbourKeys(place),
    search,
  };
}

/** Who and where a document is for the placement rules; a file Perses skips yields nobody. */
function placementFor(
  entry: StoreEntry,
  sidecar: SidecarSettings,
  doc: unknown = null,
  line?: number,
): Placement {
  const o = entry.origin;
  // Both targets end up in ConfigMaps: a chart directory's files/ are rendered into them.
  const where =
    o.type === 'configmap'
      ? {
          at: describeLocation({ configMap: o }),
          container: `${o.namespace}/${o.name}`,
          sidecarPath: sidecarFilePath(o, o.key, sidecar),
          inConfigMap: true,
        }
      : { at: describeLocation({ path: o.path, line }), container: o.path, inConfigMap: true };
  return doc !== null && isProvisionedFile(entry.key) ? placementOf(doc, where) : where;
}

/** Warnings about where a resource is stored rather than what it says: a tool writes it back. */
function storageFindings(entry: StoreEntry): Finding[] {
  const o = entry.origin;
  const owner = o.type === 'configmap' ? configMapOwner(o) : undefined;
  return owner ? [{ severity: 'warning', rule: owner.rule, message: owner.message }] : [];
}

function metadataOf(doc: unknown): { name: string | null; project: string | null } {
  const m = (doc as { metadata?: { name?: unknown; project?: unknown } } | null)?.metadata;
  const str = (v: unknown) => (typeof v === 'string' && v.length > 0 && v.length <= 253 ? v : null);
  return { name: str(m?.name), project: str(m?.project) };
}

function kindOf(doc: unknown): string | null {
  const kind = (doc as { kind?: unknown } | null)?.kind;
  return typeof kind === 'string' && kind.length <= 64 ? kind : null;
}

function displayNameOf(doc: unknown): string | null {
  const name = (doc as { spec?: { display?: { name?: unknown } } } | null)?.spec?.display?.name;
  return typeof name === 'string' ? name : null;
}
