// How far the server's check of the resources it indexed at start has come, as the list shows it:
// the rows still pending against the most seen pending since the page opened (the list updates
// live, so the count falls as `modified` events arrive).
import { useState } from 'react';
import type { ResourceSummary } from '@perses-cm/api';

export interface CheckProgress {
  checked: number;
  total: number;
}

/** Progress of the check, or null when nothing listed is waiting for it. */
export function checkProgress(
  items: readonly ResourceSummary[],
  mostPending: number,
): CheckProgress | null {
  let pending = 0;
  for (const r of items) if (r.findings.pending) pending++;
  if (pending === 0) return null;
  const total = Math.max(mostPending, pending);
  return { checked: total - pending, total };
}

export function useCheckProgress(
  items: readonly ResourceSummary[] | undefined,
): CheckProgress | null {
  const [most, setMost] = useState(0);
  const progress = checkProgress(items ?? [], most);
  const total = progress?.total ?? 0;
  // Remembered from render to render (React's pattern for a value derived from earlier props).
  if (total !== most) setMost(total);
  return progress;
}
