import type { LastChange } from '@perses-cm/api';

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Infinity],
];

/** `5 minutes ago` from an RFC 3339 time. */
export function timeAgo(at: string, now = Date.now()): string {
  let value = (Date.parse(at) - now) / 1000;
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) return relative.format(Math.round(value), unit);
    value /= size;
  }
  return at;
}

/** `perses-cm (alice), 5 minutes ago` in words, for titles and labels. */
export function lastChangeWords(change: LastChange | null | undefined): string | null {
  if (!change || (!change.by && !change.at)) return null;
  const by = change.by ?? 'someone';
  return change.at ? `${by}, ${timeAgo(change.at)}` : by;
}

/** Who changed a resource last and when; the exact time on hover. */
export function LastChangeText({
  change,
  prefix = 'Last changed by',
}: {
  change: LastChange | null | undefined;
  prefix?: string;
}) {
  const words = lastChangeWords(change);
  if (!words) return null;
  return (
    <span className="last-change" title={change?.at ?? undefined} data-testid="last-change">
      {prefix} {words}
    </span>
  );
}
