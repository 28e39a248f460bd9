import type { LagSample } from '@perses-cm/api';

/**
 * The chart's columns: x in seconds since the epoch (uPlot's time scale), y the lag in seconds,
 * sorted by time (live samples may arrive out of order with a refetch).
 */
export function lagSeries(samples: readonly LagSample[]): [number[], number[]] {
  const sorted = [...samples].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return [sorted.map((s) => Date.parse(s.at) / 1000), sorted.map((s) => s.lagMs / 1000)];
}

/** In words, for the chart's accessible name. */
export function describeLag(samples: readonly LagSample[]): string {
  if (samples.length === 0) return 'No change has reached Perses yet.';
  const max = Math.max(...samples.map((s) => s.lagMs));
  return `Sync lag of the last ${samples.length} change${samples.length === 1 ? '' : 's'}, at most ${Math.round(max / 100) / 10}s.`;
}
