// Which resource a provisioning log line is about. Some lines name it exactly (kind, project and
// name of a missing project; the file of some load errors); `unable to create/update` names kind
// and name but no project; some load errors name neither file nor resource ("format invalid",
// "cannot extract Dashboard, unmarshalling error: ..."). Those are matched with what the console
// knows of each resource (its own parse, Perses's validation verdict on it) and marked inferred.
import type { ReasonCode } from '@perses-cm/api';
import { extractDetail, type ProvisioningEvent } from './log-lines.ts';

export interface Candidate {
  id: string;
  kind: string;
  /** Lower-cased as Perses keys it. */
  name: string | null;
  identityKey: string | null;
  /** The file the sidecar writes, relative to its folder (`a.json`, `team/a.json`), or absolute. */
  relPath: string | null;
  /** The console could not parse it (Perses cannot either). */
  parseFailed: boolean;
  /** Perses's refusal of its current content, when asked. */
  refusal: string | null;
}

export interface LogEvidence {
  code: Extract<
    ReasonCode,
    'project_missing' | 'provisioning_error' | 'file_error' | 'not_provisionable'
  >;
  message: string;
  at: number | null;
  inferred: boolean;
  line: string;
}

export interface Attribution {
  byId: Map<string, LogEvidence>;
  unattributed: ProvisioningEvent[];
}

/** `folder/sub/x.json` relative to `folder`; null when outside it. */
export function relativeTo(folder: string, file: string): string | null {
  const base = folder.replace(/\/+$/, '');
  return file.startsWith(`${base}/`) ? file.slice(base.length + 1) : null;
}

function message(e: ProvisioningEvent): { code: LogEvidence['code']; text: string } {
  switch (e.type) {
    case 'project-missing':
      return {
        code: 'project_missing',
        text: `Perses refused it: project "${e.project}" doesn't exist`,
      };
    case 'create-failed':
      return { code: 'provisioning_error', text: `Perses refused to create it: ${e.error}` };
    case 'update-failed':
      return {
        code: 'provisioning_error',
        text: `Perses refused to update it and keeps serving its previous copy: ${e.error}`,
      };
    case 'no-service':
      return { code: 'not_provisionable', text: `Perses provisioning refused it: ${e.error}` };
    case 'file-error':
      return {
        code: 'file_error',
        text: `Perses could not load ${e.file ? `the file ${e.file}` : 'its file'} (one bad object fails the whole file): ${e.error}`,
      };
  }
}

/** The resources an event is about, and whether the match is inferred. */
function targets(e: ProvisioningEvent, all: Candidate[]): { ids: Candidate[]; inferred: boolean } {
  const lower = (s: string) => s.toLowerCase();
  switch (e.type) {
    case 'project-missing': {
      const key = [e.kind, e.project, e.name].map(lower).join('/');
      return { ids: all.filter((c) => c.identityKey === key), inferred: false };
    }
    case 'create-failed':
    case 'update-failed': {
      const same = all.filter((c) => c.kind === e.kind && c.name === lower(e.name));
      if (same.length <= 1) return { ids: same, inferred: false };
      // Several projects hold that name: the ones Perses's validation refuses are the likely ones.
      const refused = same.filter((c) => c.refusal !== null);
      return { ids: refused.length > 0 ? refused : same, inferred: true };
    }
    case 'no-service':
      return { ids: all.filter((c) => c.kind === e.kind), inferred: false };
    case 'file-error': {
      if (e.file !== null) {
        // A file outside the folder (an absolute folder annotation) is compared whole.
        const rel = relativeTo(e.folder, e.file) ?? e.file;
        return { ids: all.filter((c) => c.relPath === rel), inferred: false };
      }
      const detail = extractDetail(e.error);
      if (detail !== null && e.kind !== null)
        return {
          ids: all.filter((c) => c.kind === e.kind && c.refusal?.includes(detail) === true),
          inferred: true,
        };
      if (e.error.startsWith('unable to read file'))
        return { ids: all.filter((c) => c.parseFailed), inferred: true };
      return { ids: [], inferred: true };
    }
  }
}

/**
 * Whether any event is about this candidate: one no event names changes nobody's evidence by
 * coming, going or changing.
 */
export function namedByAny(events: readonly ProvisioningEvent[], c: Candidate): boolean {
  return events.some((e) => targets(e, [c]).ids.length > 0);
}

/** Evidence per resource (the newest event wins) and the events no resource matched. */
export function attribute(events: readonly ProvisioningEvent[], all: Candidate[]): Attribution {
  const byId = new Map<string, LogEvidence>();
  const unattributed: ProvisioningEvent[] = [];
  for (const e of events) {
    const { ids, inferred } = targets(e, all);
    if (ids.length === 0) {
      unattributed.push(e);
      continue;
    }
    const { code, text } = message(e);
    for (const c of ids) {
      const old = byId.get(c.id);
      if (old && (old.at ?? 0) > (e.at ?? 0)) continue;
      byId.set(c.id, { code, message: text, at: e.at, inferred, line: e.line });
    }
  }
  return { byId, unattributed };
}
