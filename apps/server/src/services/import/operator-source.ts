// perses-operator custom resources read from the cluster: every PersesDashboard, PersesDatasource
// and PersesGlobalDatasource the API server serves, mapped as the operator maps them. A CRD that
// is not installed is not a failure: the preview says that kind has nothing to import.
import type { DocFormat } from '@perses-cm/api';
import { AppError } from '../../domain/errors.ts';
import type { KubeClient } from '../../stores/kubernetes/kube-client.ts';
import { emptyRead, refusedCandidate, type Candidate, type SourceRead } from './candidate.ts';
import {
  describeCr,
  mapOperatorResource,
  OPERATOR_GROUP,
  OPERATOR_KINDS,
} from './operator-mapping.ts';

// The operator's CRDs serve both versions of the same objects (v1alpha2 is the storage version):
// the first version served is read, never both, so nothing is listed twice.
const VERSIONS: Record<string, readonly string[]> = {
  PersesDashboard: ['v1alpha2', 'v1alpha1'],
  PersesDatasource: ['v1alpha2', 'v1alpha1'],
  PersesGlobalDatasource: ['v1alpha2'],
};

/** One custom resource as a candidate: the Perses resource the operator would make, or why not. */
export function operatorCandidate(
  where: string,
  doc: unknown,
  project: string | undefined,
  format: DocFormat,
): Candidate {
  const cr = `${where}: ${describeCr(doc as Record<string, unknown>)}`;
  const mapped = mapOperatorResource(doc, project);
  if (!mapped.ok) return refusedCandidate(cr, mapped.reason);
  return {
    origin: cr,
    document: mapped.document,
    text: null,
    format,
    refused: null,
    findings: [],
    notes: mapped.notes,
  };
}

export async function readOperatorCluster(
  kube: KubeClient | null,
  project: string | undefined,
): Promise<SourceRead> {
  const read = emptyRead();
  if (!kube) {
    read.errors.push({
      source: 'cluster',
      code: 'unavailable',
      message:
        'the console edits a chart directory: perses-operator resources are read from a cluster',
    });
    return read;
  }
  for (const { kind, plural } of OPERATOR_KINDS) {
    const label = `${kind} (${OPERATOR_GROUP})`;
    let items: unknown[] | null = null;
    try {
      for (const version of VERSIONS[kind] ?? []) {
        items = await kube.listCustomObjects(OPERATOR_GROUP, version, plural);
        if (items) break;
      }
    } catch (err) {
      const e = err instanceof AppError ? err : new AppError('internal', String(err));
      read.errors.push({ source: label, code: e.code, message: e.message });
      continue;
    }
    if (!items) {
      read.skipped.push({ path: label, reason: 'its CRD is not installed in this cluster' });
      continue;
    }
    for (const item of items)
      read.candidates.push(operatorCandidate('cluster', item, project, 'json'));
  }
  return read;
}
