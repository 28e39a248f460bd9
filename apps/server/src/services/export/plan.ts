// Where each selected resource goes in the exported chart, or why it cannot go anywhere. The
// plan holds references to the indexed resources, never copies of their text: file contents are
// produced one at a time when the archive is written, so memory does not grow with the export.
import type { RefusedResource } from '@perses-cm/api';
import {
  CONFIGMAP_MAX_BYTES,
  NON_PROVISIONABLE_KINDS,
  chartFilePath,
  kindInfo,
  serializeResource,
  type DocFormat,
} from '@perses-cm/resources';
import { parse } from '../../domain/model.ts';
import type { StoreEntry } from '../../stores/store.ts';
import { resourceId, type IndexedResource } from '../resource-index.ts';

export interface PlannedFile {
  /** Path inside the chart, `/`-separated. */
  path: string;
  bytes: number;
  /** The resource the file holds; null for the chart's own files. */
  resourceId: string | null;
  /** The file's bytes, produced when written. */
  content: () => Buffer;
}

export interface ExportPlan {
  /** Resource files, sorted by path. */
  files: PlannedFile[];
  refused: RefusedResource[];
  /** Exported resources with error findings. */
  withErrors: number;
}

/** `stored`: a key's own bytes when it holds one resource; `json`: every file as 2-space JSON. */
export type FileEncoding = 'stored' | 'json';

const byPath = (a: { path: string }, b: { path: string }) =>
  a.path < b.path ? -1 : a.path > b.path ? 1 : 0;

function refusal(r: IndexedResource, reason: string): RefusedResource {
  const s = r.summary;
  return {
    id: s.id,
    kind: s.kind,
    project: s.project,
    name: s.name,
    location: r.placement.at,
    reason,
  };
}

/**
 * The resource's text in the export, produced on demand: its stored bytes when its key holds it
 * alone, else its document written anew. Documents of a key holding several are parsed and written
 * once per plan and kept (they are few and small beside the stored text); a single document asked
 * as JSON is parsed again when written, so the plan keeps no copy of it.
 */
function contentOf(
  r: IndexedResource,
  encoding: FileEncoding,
  several: Map<StoreEntry, string[]>,
): { format: DocFormat; text: () => string } {
  // A key with one document has an id without a document index (see resourceId).
  const alone = r.summary.id === resourceId(r.entry, null);
  if (encoding === 'stored' && alone) return { format: r.summary.format, text: () => r.entry.text };
  const format: DocFormat = encoding === 'json' ? 'json' : r.summary.format;
  const write = () =>
    parse(r.entry.text, r.entry.key).documents.map((d) => serializeResource(d as object, format));
  if (alone) return { format, text: () => write()[0] ?? '' };
  let texts = several.get(r.entry);
  if (!texts) several.set(r.entry, (texts = write()));
  const text = texts[r.docIndex] ?? '';
  return { format, text: () => text };
}

/** The resource's name as written, when the index has none for it (no usable kind). */
function writtenName(r: IndexedResource): Pick<RefusedResource, 'project' | 'name'> {
  const doc = parse(r.entry.text, r.entry.key).documents[r.docIndex] as
    { metadata?: { name?: unknown; project?: unknown } } | undefined;
  const m = doc?.metadata;
  return {
    name: typeof m?.name === 'string' ? m.name : r.summary.name,
    project: typeof m?.project === 'string' ? m.project : r.summary.project,
  };
}

function whyNoIdentity(r: IndexedResource): string {
  const known = NON_PROVISIONABLE_KINDS[r.summary.kind];
  if (known) return known;
  const first =
    r.findings.find((f) => f.severity === 'error') ??
    r.findings.find((f) => f.severity === 'warning');
  return `Perses provisioning takes no resource from it${first ? `: ${first.message}` : ''}`;
}

export function planExport(
  selected: readonly IndexedResource[],
  encoding: FileEncoding,
): ExportPlan {
  const files: PlannedFile[] = [];
  const refused: RefusedResource[] = [];
  const kept = new Map<string, IndexedResource>();
  const several = new Map<StoreEntry, string[]>();
  let withErrors = 0;
  for (const r of selected) {
    const id = r.placement.id;
    const key = r.keys.identity;
    if (!id || key === null) {
      refused.push({ ...refusal(r, whyNoIdentity(r)), ...writtenName(r) });
      continue;
    }
    if (kindInfo(id.kind)?.scope === 'project' && !id.project) {
      refused.push(
        refusal(
          r,
          `${id.kind} "${id.name}" has no metadata.project: Perses would store it in no project`,
        ),
      );
      continue;
    }
    const first = kept.get(key);
    if (first) {
      refused.push(
        refusal(
          r,
          `the same Perses identity as ${first.placement.at}, which is exported: Perses keeps only one of them (names are not case-sensitive)`,
        ),
      );
      continue;
    }
    const { format, text } = contentOf(r, encoding, several);
    const where = chartFilePath(id, format);
    if (!where.ok) {
      refused.push(refusal(r, `${where.problem.message} (${where.problem.rule})`));
      continue;
    }
    const bytes = Buffer.byteLength(text(), 'utf8');
    if (bytes > CONFIGMAP_MAX_BYTES) {
      refused.push(
        refusal(
          r,
          `its file would be ${bytes} bytes: one ConfigMap holds at most ${CONFIGMAP_MAX_BYTES} bytes of data`,
        ),
      );
      continue;
    }
    kept.set(key, r);
    if (r.summary.findings.errors > 0) withErrors++;
    files.push({
      path: where.path,
      bytes,
      resourceId: r.summary.id,
      content: () => Buffer.from(text(), 'utf8'),
    });
  }
  files.sort(byPath);
  return { files, refused, withErrors };
}
