// Findings that depend on other resources, computed from the index instead of re-linting
// everything: the pipeline pitfalls that only show when two resources meet (DOMAIN.md §7).
import type { Finding } from '@perses-cm/api';
import { DUPLICATE_DEFAULT_RULE, secondDefaultMessage } from '../domain/model.ts';
import type { IndexedResource } from './resource-summary.ts';

export interface Neighbours {
  sameIdentity: IndexedResource[];
  sameSidecarPath: IndexedResource[];
  /** Default datasources of the same plugin kind and scope (DOMAIN.md §2: one each). */
  sameDefaultSlot: IndexedResource[];
  /** Whether a Project resource for the resource's project exists. */
  projectDefined: boolean;
}

function where(r: IndexedResource): string {
  const o = r.entry.origin;
  return o.type === 'file' ? `file ${o.path}` : `ConfigMap ${o.namespace}/${o.name} key ${o.key}`;
}

export function crossFindings(r: IndexedResource, n: Neighbours): Finding[] {
  const s = r.summary;
  const who = {
    kind: s.kind,
    name: s.name,
    ...(s.project !== null ? { project: s.project } : {}),
  };
  const findings: Finding[] = [];
  const twins = n.sameIdentity.filter((o) => o.summary.id !== s.id);
  if (twins[0]) {
    findings.push({
      ...who,
      severity: 'error',
      rule: 'duplicate-identity',
      field: 'metadata.name',
      message: `${s.kind} "${s.project ? `${s.project}/` : ''}${s.name}" is also defined in ${where(twins[0])} (Perses lower-cases names): both are applied every cycle and the last one wins; keep one`,
    });
  }
  const sameFile = n.sameSidecarPath.find(
    (o) => o.entry.origin !== r.entry.origin && containerOf(o) !== containerOf(r),
  );
  if (sameFile) {
    findings.push({
      ...who,
      severity: 'error',
      rule: 'sidecar-path-collision',
      message: `data key "${s.key}" is also used by ${where(sameFile)}: the sidecar writes both to the same file, the last writer wins and deleting either deletes the file`,
    });
  }
  // Every holder of the slot is flagged: which one Perses keeps depends on its load order.
  const rival = n.sameDefaultSlot.find(
    (o) => o.summary.id !== s.id && o.identityKey !== r.identityKey,
  );
  if (rival && r.defaultSlot) {
    findings.push({
      ...who,
      severity: 'error',
      rule: DUPLICATE_DEFAULT_RULE,
      field: 'spec.default',
      message: secondDefaultMessage(s, r.defaultSlot, rival.summary, where(rival)),
    });
  }
  if (s.project !== null && !n.projectDefined) {
    findings.push({
      ...who,
      severity: 'warning',
      rule: 'unknown-project',
      field: 'metadata.project',
      message: `project "${s.project}" is not defined by any resource here; Perses refuses the resource unless that project already exists`,
    });
  }
  return findings;
}

function containerOf(r: IndexedResource): string {
  const ref = r.entry.ref;
  return ref.type === 'configmap' ? `${ref.namespace}/${ref.name}` : ref.path;
}
