// What every import source yields: one resource it read (or one thing it refused), before the
// plan decides where it goes and whether it creates, updates or changes nothing.
import type { DocFormat, Finding, SourceError } from '@perses-cm/api';

export interface Candidate {
  /** Where it came from, in words: `team.tgz: files/dashboards/a/b.json`, `Perses`, a CR. */
  origin: string;
  /** The resource, or null when refused before there was one. */
  document: unknown;
  /** The source's own bytes, when they hold exactly this resource: written as they are. */
  text: string | null;
  /** Format of `text`, or the one to write the document in. */
  format: DocFormat;
  /** Why nothing is written for it; null when the plan may place it. */
  refused: string | null;
  /** Findings of the source text that refused it (parse errors with line and column). */
  findings: Finding[];
  /** What the conversion could not carry over. */
  notes: string[];
}

export function refusedCandidate(
  origin: string,
  reason: string,
  findings: Finding[] = [],
): Candidate {
  return {
    origin,
    document: null,
    text: null,
    format: 'json',
    refused: reason,
    findings,
    notes: [],
  };
}

/** Candidates of one source, the files it skipped and the parts it could not read. */
export interface SourceRead {
  candidates: Candidate[];
  skipped: { path: string; reason: string }[];
  errors: SourceError[];
}

export const emptyRead = (): SourceRead => ({ candidates: [], skipped: [], errors: [] });

/** Server-set metadata that Perses adds and provisioning ignores: never written on import. */
export const SERVER_METADATA = ['createdAt', 'updatedAt', 'version'] as const;

/** The document without server-set metadata, key order kept. */
export function withoutServerMetadata(doc: Record<string, unknown>): Record<string, unknown> {
  const metadata = doc.metadata;
  if (typeof metadata !== 'object' || metadata === null) return doc;
  const kept = Object.fromEntries(
    Object.entries(metadata).filter(([k]) => !(SERVER_METADATA as readonly string[]).includes(k)),
  );
  return { ...doc, metadata: kept };
}
