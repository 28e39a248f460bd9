import type { CheckProgress } from '../hooks/check-progress.ts';

const count = new Intl.NumberFormat();

/** "Checking N of M resources" while the server checks what it indexed from summaries at start. */
export function CheckProgressBar({ progress }: { progress: CheckProgress }) {
  const label = `Checking ${count.format(progress.checked)} of ${count.format(progress.total)} resources`;
  return (
    <div className="check-progress" role="status">
      <span>{label}</span>
      <progress aria-label={label} value={progress.checked} max={progress.total} />
      <span className="muted">findings of rows marked “checking” are not known yet</span>
    </div>
  );
}
