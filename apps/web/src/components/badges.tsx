import type { FindingCounts } from '@perses-cm/api';

export function KindBadge({ kind }: { kind: string }) {
  return <span className={`kind kind-${kind.toLowerCase()}`}>{kind}</span>;
}

/** Lint findings as compact badges; a check mark when clean, "checking" while not known yet. */
export function FindingBadges({ findings }: { findings: FindingCounts }) {
  const checking = findings.pending === true && (
    <span
      className="badge badge-muted badge-checking"
      title="The console has not checked this resource yet: its findings are not known"
    >
      checking
    </span>
  );
  if (findings.errors === 0 && findings.warnings === 0) {
    if (checking) return <span className="badges">{checking}</span>;
    return (
      <span className="badge badge-ok" aria-label="No findings">
        ✓
      </span>
    );
  }
  return (
    <span className="badges">
      {checking}
      {findings.errors > 0 && (
        <span className="badge badge-error" title={`${findings.errors} lint error(s)`}>
          {findings.errors} error{findings.errors === 1 ? '' : 's'}
        </span>
      )}
      {findings.warnings > 0 && (
        <span className="badge badge-warn" title={`${findings.warnings} lint warning(s)`}>
          {findings.warnings} warning{findings.warnings === 1 ? '' : 's'}
        </span>
      )}
    </span>
  );
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(2)} MB`;
}
