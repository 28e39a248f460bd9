import { SYNC_STATES, type SyncState } from '@perses-cm/api';
import { STATE_INFO, STATES_BY_RANK } from '../../../components/status-badge.tsx';

// Values are the URL's `status=` list, in the contract's order (as use-list-state writes it).
const only = (keep: (s: SyncState) => boolean) => SYNC_STATES.filter(keep).join(',');
const GROUPS = [
  { value: only((s) => s !== 'synced'), label: 'Not synced' },
  {
    value: only((s) => ['stale', 'rejected', 'shadowed', 'drifted'].includes(s)),
    label: 'Needs attention',
  },
];

function labelOf(value: string): string {
  return value
    .split(',')
    .map((s) => STATE_INFO[s as SyncState]?.label ?? s)
    .join(', ');
}

/** The provisioning-state filter: one state, a group, or whatever list the URL holds. */
export function StatusFilter({
  value,
  onChange,
}: {
  value: string;
  onChange: (v: string) => void;
}) {
  const known = GROUPS.some((g) => g.value === value) || !value.includes(',');
  return (
    <label className="field-inline">
      <span>Status</span>
      <select
        className="input"
        aria-label="Status"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">Any</option>
        {GROUPS.map((g) => (
          <option key={g.value} value={g.value}>
            {g.label}
          </option>
        ))}
        {STATES_BY_RANK.map((s) => (
          <option key={s} value={s}>
            {STATE_INFO[s].label}
          </option>
        ))}
        {!known && <option value={value}>{labelOf(value)}</option>}
      </select>
    </label>
  );
}
