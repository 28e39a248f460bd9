import { Link } from 'react-router';
import { fromNow } from '../../../lib/durations.ts';
import { useNow } from '../../../lib/use-now.ts';
import { usePersesConnection } from '../api/get-status-overview.ts';
import './status.css';

/**
 * The header's word on Perses, shown only while it is unreachable: every status is then Unknown
 * (not failed), and editing goes on. Links to the overview, which says more.
 */
export function PersesIndicator() {
  const { data } = usePersesConnection();
  const unreachable = data?.state === 'unreachable';
  const now = useNow(1000, unreachable && data.nextAttemptAt !== null);
  if (!unreachable) return null;
  const retry = data.nextAttemptAt ? ` Next attempt ${fromNow(data.nextAttemptAt, now)}.` : '';
  return (
    <Link
      to="/overview"
      className="conn conn-stale perses-down"
      role="status"
      aria-label="Perses unreachable"
      title={`${data.message ?? 'Perses does not answer.'} Statuses are Unknown until it is back; editing works.${retry}`}
    >
      <span className="conn-dot" aria-hidden="true" />
      Perses unreachable
    </Link>
  );
}
