// What to check when a change does not reach Perses, most likely first: the pipeline is ConfigMap
// → (label, namespace) → sidecar → file → Perses provisioning → Perses log.

export interface Scope {
  target: 'kubernetes' | 'directory';
  /** `perses.dev/resource=true`. */
  label: string;
  /** The namespaces the console watches, in words. */
  namespaces: string;
  /** The sidecar's log is readable: its silence about a file is evidence. */
  sidecarLog: boolean;
  persesLog: boolean;
  /** Set when several resources went Stale together and the sidecar wrote none of their files. */
  stalled: string | null;
}

export interface StaleFacts {
  where: string;
  sidecarPath: string | null;
  fileWrittenAt: number | null;
  identityLabel: string | null;
}

const SIDECAR_HANG =
  'its watch can hang silently while /healthz still answers 200 (kiwigrid/k8s-sidecar issue #621); restarting the perses-provisioning-sidecar container resumes it';

export function staleHints(f: StaleFacts, scope: Scope): string[] {
  const hints: string[] = [];
  const file = f.sidecarPath ?? 'its file';
  if (scope.target === 'directory')
    hints.push('A chart directory reaches Perses only once deployed: run helm upgrade with it');
  if (scope.stalled !== null && f.fileWrittenAt === null) hints.push(scope.stalled);
  hints.push(
    `Check that ${f.where} carries the label the sidecar watches (${scope.label}; the perses chart's sidecar.label and sidecar.labelValue) and sits in a namespace it watches (its NAMESPACE; the chart watches all unless sidecar.allNamespaces is false)`,
  );
  if (!scope.sidecarLog) hints.push(`Check the sidecar: ${SIDECAR_HANG}`);
  else if (f.fileWrittenAt === null)
    hints.push(`The sidecar has not written ${file} since the change: ${SIDECAR_HANG}`);
  else
    hints.push(
      `The sidecar wrote ${file} at ${new Date(f.fileWrittenAt).toISOString()}: the file is there, so Perses did not take it`,
    );
  hints.push(
    scope.persesLog
      ? `The Perses log names no provisioning error about ${f.identityLabel ?? file}: check that the file is under a provisioning folder and that provisioning runs`
      : `Check the Perses log for provisioning errors about ${f.identityLabel ?? file} (lines with "unable to")`,
  );
  return hints;
}

/** A Stale resource the sidecar wrote no file for since it changed (`since`, ms). */
export interface Unwritten {
  namespace: string | null;
  since: number;
}

/**
 * Said when several Stale resources have no file written: the sidecar, not the resources. Null
 * for fewer than two. Whoever is told may list every namespace of `unwritten`: it is counted.
 */
export function stalledMessage(unwritten: readonly Unwritten[]): string | null {
  if (unwritten.length < 2) return null;
  const since = Math.min(...unwritten.map((u) => u.since));
  return `The sidecar may be stalled: ${unwritten.length} resources changed since ${new Date(since).toISOString()} went Stale and it wrote none of their files; ${SIDECAR_HANG}`;
}
