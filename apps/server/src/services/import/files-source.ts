// Raw files (of an archive, a folder, or sent as text) as import candidates: a Helm chart's own
// files are skipped (only its files/ tree holds resources), every resource file is parsed with
// the resource model's safe parser, lists are split into one resource each, and
// perses-operator custom resources become the Perses resources the operator would make.
import { parse } from '../../domain/model.ts';
import { isProvisionedFile } from '@perses-cm/resources';
import type { RawFile, RawFiles } from './archive-budget.ts';
import { refusedCandidate, type Candidate, type SourceRead } from './candidate.ts';
import { expandKubeList, isOperatorResource } from './operator-mapping.ts';
import { operatorCandidate } from './operator-source.ts';

export interface FilesOptions {
  /** Project for perses-operator resources instead of their namespace. */
  project?: string;
}

const CHART_FILE = 'Chart.yaml';
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Folders holding a `Chart.yaml`: there, only `files/` holds resources. */
function chartRoots(files: readonly RawFile[]): string[] {
  return files
    .filter((f) => f.path === CHART_FILE || f.path.endsWith(`/${CHART_FILE}`))
    .map((f) => f.path.slice(0, -CHART_FILE.length));
}

function skipReason(path: string, roots: readonly string[]): string | null {
  const root = roots.find((r) => path.startsWith(r));
  if (root !== undefined && !path.startsWith(`${root}files/`))
    return `part of the Helm chart${root ? ` in ${root.slice(0, -1)}` : ''}, outside its files/ folder`;
  if (!isProvisionedFile(path))
    return 'not a resource file: Perses provisioning reads only .json, .yaml and .yml files';
  return null;
}

/** The candidates of one file's text. */
export function candidatesOfText(origin: string, text: string, opts: FilesOptions): Candidate[] {
  const parsed = parse(text, origin);
  const errors = parsed.findings.filter((f) => f.severity === 'error');
  if (errors.length > 0)
    return [
      refusedCandidate(
        origin,
        `the file does not parse: ${errors[0]?.message ?? ''}`,
        parsed.findings,
      ),
    ];
  const docs = parsed.documents.flatMap(expandKubeList);
  if (docs.length === 0) return [refusedCandidate(origin, 'the file holds no resource')];
  // A lone object at the top (not an item of a list): its bytes can be stored as they are.
  const alone =
    docs.length === 1 &&
    parsed.documents.length === 1 &&
    parsed.contexts[0]?.pointer?.length === 0 &&
    !isOperatorResource(docs[0]);
  return docs.map((doc, i): Candidate => {
    const where = docs.length > 1 ? `${origin} #${i + 1}` : origin;
    if (isOperatorResource(doc)) return operatorCandidate(where, doc, opts.project, parsed.format);
    // Its own bytes when the file holds it alone; one of several is written anew, in the file's format.
    return {
      origin: where,
      document: doc,
      text: alone ? text : null,
      format: parsed.format,
      refused: null,
      findings: [],
      notes: [],
    };
  });
}

/** `label` names the source in origins (`team.tgz`, a folder); raw paths follow it. */
export function readFiles(raw: RawFiles, label: string, opts: FilesOptions = {}): SourceRead {
  const read: SourceRead = { candidates: [], skipped: [], errors: [] };
  const roots = chartRoots(raw.files);
  const seen = new Set<string>();
  for (const f of raw.files) {
    const origin = label && label !== f.path ? `${label}: ${f.path}` : f.path;
    if ('refused' in f) {
      read.candidates.push(refusedCandidate(origin, f.refused));
      continue;
    }
    if (seen.has(f.path)) {
      read.candidates.push(
        refusedCandidate(origin, 'the archive holds this path twice: only the first is read'),
      );
      continue;
    }
    seen.add(f.path);
    const skip = skipReason(f.path, roots);
    if (skip) {
      read.skipped.push({ path: origin, reason: skip });
      continue;
    }
    let text: string;
    try {
      text = utf8.decode(f.data);
    } catch {
      read.candidates.push(refusedCandidate(origin, 'not UTF-8 text'));
      continue;
    }
    read.candidates.push(...candidatesOfText(origin, text, opts));
  }
  if (raw.stopped)
    read.errors.push({
      source: label || 'upload',
      code: 'payload_too_large',
      message: raw.stopped,
    });
  return read;
}
