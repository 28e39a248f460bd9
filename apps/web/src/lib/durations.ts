// Durations and times as the status views say them: "3m10s", "in about 3m10s", "12:03:10".

/** A duration in the largest two units: 850 ms, 2.4s, 3s, 42s, 3m10s, 1h5m. */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 1000) return `${Math.round(abs)} ms`;
  if (abs < 10_000) return `${(abs / 1000).toFixed(1).replace(/\.0$/, '')}s`;
  const s = Math.round(abs / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m}m${s % 60}s` : `${m}m`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h}h${m % 60}m` : `${h}h`;
}

/** "in about 3m10s" for a time ahead, "3m10s ago" for one behind, "now" within a second. */
export function fromNow(iso: string, now: number): string {
  const delta = Date.parse(iso) - now;
  if (Math.abs(delta) < 1000) return 'now';
  return delta > 0 ? `in about ${formatDuration(delta)}` : `${formatDuration(delta)} ago`;
}

const clock = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
const dated = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The local time of day, with the date when it is not today. */
export function formatTime(iso: string, now: number = Date.now()): string {
  const t = new Date(iso);
  return new Date(now).toDateString() === t.toDateString() ? clock.format(t) : dated.format(t);
}
