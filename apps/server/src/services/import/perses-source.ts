// What the connected Perses serves that no ConfigMap here backs (the status monitor's orphans:
// leftovers of deleted ConfigMaps and what was made in the Perses UI), read whole from Perses
// and stripped of the metadata Perses sets, so the ConfigMap holds the content alone.
import type { Orphan } from '@perses-cm/api';
import { AppError } from '../../domain/errors.ts';
import { kindInfo, type PersesKind } from '../../domain/model.ts';
import type { PersesClient } from '../../perses/perses-client.ts';
import {
  emptyRead,
  refusedCandidate,
  withoutServerMetadata,
  type SourceRead,
} from './candidate.ts';

// Secrets come back from Perses with their values redacted: adopting them would store `<secret>`.
const NOT_ADOPTED: Record<string, string> = {
  Secret: 'Perses answers secrets with their values redacted: create the Secret from its source',
  GlobalSecret:
    'Perses answers secrets with their values redacted: create the Secret from its source',
};

export async function readPerses(
  client: PersesClient | null,
  orphans: Orphan[] | null,
): Promise<SourceRead> {
  const read = emptyRead();
  if (!client || orphans === null) {
    read.errors.push({
      source: 'Perses',
      code: 'unavailable',
      message: 'no Perses is connected: start the console with --perses-url',
    });
    return read;
  }
  for (const o of orphans) {
    const origin = `Perses: ${o.kind} ${o.project ? `${o.project}/` : ''}${o.name}`;
    const notAdopted = NOT_ADOPTED[o.kind];
    if (notAdopted || !kindInfo(o.kind)) {
      read.candidates.push(refusedCandidate(origin, notAdopted ?? `unknown kind ${o.kind}`));
      continue;
    }
    try {
      const served = await client.get(o.kind as PersesKind, o.project, o.name);
      const document = withoutServerMetadata(served as Record<string, unknown>);
      read.candidates.push({
        origin,
        document,
        text: null,
        format: 'json',
        refused: null,
        findings: [],
        notes: [],
      });
    } catch (err) {
      const message = err instanceof AppError ? err.message : String(err);
      read.candidates.push(refusedCandidate(origin, `Perses did not answer it: ${message}`));
    }
  }
  return read;
}
