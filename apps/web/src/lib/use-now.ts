import { useEffect, useState } from 'react';

/** The current time, re-read every `everyMs` while `active` (countdowns, "3m ago"). */
export function useNow(everyMs: number, active = true): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const t = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(t);
  }, [everyMs, active]);
  return now;
}
