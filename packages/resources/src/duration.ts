// Perses durations (Prometheus style: units y w d h m s ms, biggest first, as in the dashboard
// `duration` and the server's `provisioning.interval`), turned into milliseconds.
import { DURATION_PATTERN } from './schemas/common.ts';

const UNIT_MS = [
  365 * 24 * 3_600_000, // y: Perses counts 365 days
  7 * 24 * 3_600_000,
  24 * 3_600_000,
  3_600_000,
  60_000,
  1000,
  1,
] as const;

/** Milliseconds of a Perses duration, or undefined when the text is not one. */
export function durationMs(text: string): number | undefined {
  const m = text === '' ? null : DURATION_PATTERN.exec(text);
  if (!m) return undefined;
  let total = 0;
  // Groups 2..8 hold the amounts of y, w, d, h, m, s, ms.
  UNIT_MS.forEach((unit, i) => {
    const amount = m[i + 2];
    if (amount !== undefined) total += Number(amount.slice(0, amount.search(/[a-z]/))) * unit;
  });
  return total;
}
