// The "apply now" option of the review and delete dialogs: also write through to Perses after the
// ConfigMap, disabled with the reason when Perses does not take writes now.

export interface ApplyNowChoice {
  checked: boolean;
  /** Why it cannot be chosen now (null: it can; undefined: not known yet). */
  unavailable: string | null | undefined;
  onChange: (checked: boolean) => void;
}

export function ApplyNowBox({
  choice,
  label,
  hint,
}: {
  choice: ApplyNowChoice;
  label: string;
  hint: string;
}) {
  const off = choice.unavailable !== null;
  const why =
    choice.unavailable === undefined ? 'checking whether Perses takes writes…' : choice.unavailable;
  return (
    <label className="apply-now-option" title={off ? (why ?? undefined) : hint}>
      <input
        type="checkbox"
        checked={choice.checked && !off}
        disabled={off}
        onChange={(e) => choice.onChange(e.target.checked)}
      />{' '}
      {label}
      {off && why && <span className="muted"> (unavailable: {why})</span>}
    </label>
  );
}
